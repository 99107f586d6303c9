import { describe, expect, it } from "vitest";
import { RawRequestView } from "./request-view";

function view(rawHeaders: string[], wanted: string[], url = "/predict?region=eu&x=%20y"): RawRequestView {
  return new RawRequestView(rawHeaders, url, wanted);
}

describe("RawRequestView", () => {
  const raw = [
    "Host",
    "router:8080",
    "Connection",
    "keep-alive",
    "X-User-Id",
    "u-1",
    "Content-Length",
    "12",
    "Cookie",
    "uid=c%201; plan=pro",
    "X-Ticket-Type",
    "billing",
    "Transfer-Encoding",
    "chunked",
    "X-Other",
    "kept",
  ];

  it("forwards end-to-end headers only, in order, keeping their case", () => {
    const v = view(raw, ["x-user-id"]);
    expect(v.forward).toEqual([
      "X-User-Id",
      "u-1",
      "Content-Length",
      "12",
      "Cookie",
      "uid=c%201; plan=pro",
      "X-Ticket-Type",
      "billing",
      "X-Other",
      "kept",
    ]);
    expect(v.contentLength).toBe("12");
    expect(v.chunked).toBe(true);
  });

  it("reads wanted headers from the scan and others by a case-insensitive search", () => {
    const v = view(raw, ["x-user-id", "x-ticket-type"]);
    expect(v.header("x-user-id")).toBe("u-1");
    expect(v.header("x-ticket-type")).toBe("billing");
    expect(v.header("x-other")).toBe("kept");
    expect(v.header("x-missing")).toBeUndefined();
  });

  it("drops the headers a Connection header lists, as hop-by-hop", () => {
    const v = view(["Connection", "keep-alive, X-Trace-Hop , close", "X-Trace-Hop", "1", "X-Keep", "2"], []);
    expect(v.forward).toEqual(["X-Keep", "2"]);
  });

  it("notes Expect: 100-continue and does not forward it", () => {
    const v = view(["Expect", "100-Continue", "Content-Length", "3"], []);
    expect(v.expectContinue).toBe(true);
    expect(v.forward).toEqual(["Content-Length", "3"]);
  });

  it("parses cookies, query and path on demand", () => {
    const v = view(raw, ["cookie"]);
    expect(v.cookie("uid")).toBe("c 1");
    expect(v.cookie("plan")).toBe("pro");
    expect(v.cookie("nope")).toBeUndefined();
    expect(v.query("region")).toBe("eu");
    expect(v.query("x")).toBe(" y");
    expect(v.path()).toBe("/predict");
    expect(view([], [], "/a/b").path()).toBe("/a/b");
  });
});
