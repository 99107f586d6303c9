import { expect, test } from "@playwright/test";
import { DEMO_API_TOKEN } from "../lib/demo/demo-data";
import { storageState } from "./roles";

// Cookie-authenticated writes from another site are refused with 403 (CSRF), the REST API and
// server actions alike; the site's own pages and token-authenticated pipelines are unaffected.
test.describe("writes from another site", () => {
  test.use({ storageState: storageState("release_manager") });

  test("a signed-in person's cookie posted from a foreign origin is 403 problem+json; nothing is created", async ({
    page,
    baseURL,
  }) => {
    const title = `From elsewhere ${Date.now()}`;
    const foreign = await page.request.post("/api/v1/incidents", {
      headers: { origin: "https://evil.example" },
      data: { systemId: "whatever", title, message: "Created by another site" },
    });
    expect(foreign.status()).toBe(403);
    expect(foreign.headers()["content-type"]).toContain("application/problem+json");
    expect((await foreign.json()).detail).toContain("came from https://evil.example");
    expect(JSON.stringify(await (await page.request.get("/api/v1/incidents")).json())).not.toContain(title);

    // The same request from the site's own origin reaches the verb (which judges the body).
    const own = await page.request.post("/api/v1/incidents", {
      headers: { origin: new URL(baseURL!).origin },
      data: { systemId: "no-such-system", title, message: "Checked by the verb" },
    });
    expect(own.status()).not.toBe(403);
  });

  test("a server action posted from a foreign origin is 403, not a server error", async ({ page }) => {
    await page.goto("/rollouts");
    const res = await page.request.post("/rollouts", {
      headers: { origin: "https://evil.example", "next-action": "0000000000000000000000000000000000000000" },
      data: "[]",
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).code).toBe("forbidden");
  });

  test("a pipeline's bearer token is not affected by an Origin header", async ({ playwright, baseURL }) => {
    const api = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${DEMO_API_TOKEN}`, origin: "https://ci.example" },
    });
    const res = await api.post("/api/v1/incidents", {
      data: { systemId: "no-such-system", title: "Pipeline incident", message: "Opened by a pipeline" },
    });
    expect(res.status()).toBe(404);
    await api.dispose();
  });
});
