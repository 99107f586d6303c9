import { describe, expect, it } from "vitest";
import { foreignOrigin } from "./same-origin";

const h = (init: Record<string, string>) => new Headers({ host: "switchyard.example.com", ...init });

describe("cookie-authenticated writes from another site", () => {
  it("are refused when the Origin names another host", () => {
    expect(foreignOrigin(h({ origin: "https://evil.example" }), "POST")).toBe("https://evil.example");
    expect(foreignOrigin(h({ origin: "null" }), "DELETE")).toBe("an opaque origin");
    expect(foreignOrigin(h({ "sec-fetch-site": "cross-site" }), "PATCH")).toBe("another site");
  });

  it("go on from the site's own pages, for reads, and with a bearer token", () => {
    expect(foreignOrigin(h({ origin: "https://switchyard.example.com" }), "POST")).toBeNull();
    expect(foreignOrigin(h({ origin: "https://evil.example" }), "GET")).toBeNull();
    expect(foreignOrigin(h({ origin: "https://evil.example", authorization: "Bearer sy_0000_x" }), "POST")).toBeNull();
    expect(foreignOrigin(h({ "sec-fetch-site": "same-origin" }), "POST")).toBeNull();
    expect(foreignOrigin(h({}), "POST")).toBeNull();
  });

  it("behind a proxy, compare with the forwarded host", () => {
    const headers = h({
      host: "10.0.0.5:3000",
      "x-forwarded-host": "switchyard.example.com",
      origin: "https://switchyard.example.com",
    });
    expect(foreignOrigin(headers, "POST")).toBeNull();
  });
});
