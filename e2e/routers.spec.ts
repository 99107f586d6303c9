import { E2E_DEMO_PORTS } from "./env";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_API_TOKEN } from "../lib/demo/demo-data";
import { storageState } from "./roles";

// Routers page: an admin registers a second built-in router in front of the e2e demo router
// (admin port 7201 + SWITCHYARD_PORT_OFFSET 1000), tests it, syncs it, and never sees its token
// again; other roles read but don't change.
const DEMO_ROUTER_ADMIN = `http://127.0.0.1:${E2E_DEMO_PORTS.routerAdmin}`;
const routerToken = () =>
  (
    JSON.parse(
      fs.readFileSync(path.join(process.env.E2E_DATA_DIR ?? path.join(".data", "e2e"), "secrets.json"), "utf8"),
    ) as { routerToken: string }
  ).routerToken;
const auth = { Authorization: `Bearer ${DEMO_API_TOKEN}` };

async function registerBuiltin(page: Page, name: string, token: string) {
  await page.goto("/routers");
  await page.getByRole("link", { name: "Register router" }).first().click();
  await expect(page.getByRole("heading", { name: "Register a router" })).toBeVisible();
  await page.getByLabel("System").selectOption({ label: "Support Ticket Classifier" });
  await page.getByLabel("Kind").selectOption("builtin");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Admin URL").fill(DEMO_ROUTER_ADMIN);
  await page.getByLabel("Admin token").fill(token);
  await page.getByRole("button", { name: "Use the example" }).click();
  await page
    .getByLabel("Settings (JSON)")
    .fill(JSON.stringify({ dataUrl: `http://127.0.0.1:${E2E_DEMO_PORTS.routerData}`, timeoutMs: 5000 }));
  await page.getByRole("button", { name: "Register router" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name, { timeout: 30_000 });
  return page.url().split("/routers/")[1]!;
}

test.describe("admin", () => {
  test.use({ storageState: storageState("admin") });

  test("admin registers a built-in router, tests it, syncs it in sync, and the secret is never shown again", async ({
    page,
    request,
  }) => {
    const token = routerToken();
    const name = `edge-e2e-${Date.now() % 100000}`;
    const routerId = await registerBuiltin(page, name, token);

    await expect(page.getByTestId("router-secret-state")).toHaveText("secret set");
    await page.getByRole("button", { name: "Test connection" }).click();
    const result = page.getByRole("status", { name: "Connection test result" });
    await expect(result).toBeVisible();
    await expect(result.getByText(/healthy|degraded/).first()).toBeVisible();
    await expect(page.getByTestId("router-health").getByText(/healthy|degraded/)).toBeVisible();

    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByText(/Config v\d+ applied and read back/)).toBeVisible();
    await expect(page.getByTestId("router-sync").getByText("in sync", { exact: true })).toBeVisible();
    await expect(page.getByTestId("router-health").getByText("healthy")).toBeVisible();
    await expect
      .poll(async () => {
        const { router } = await (await request.get(`/api/v1/routers/${routerId}`, { headers: auth })).json();
        return router.appliedVersion > 0 && router.appliedVersion === router.desiredVersion;
      })
      .toBe(true);

    // The token is nowhere: not in the page, not in the edit form, not in the API.
    await page.reload();
    expect(await page.content()).not.toContain(token);
    await page.getByRole("button", { name: "Edit" }).click();
    await expect(page.getByLabel("Admin token")).toHaveValue("");
    await expect(page.getByText("A secret is stored. Leave this empty to keep it")).toBeVisible();
    await page.getByLabel("Name").fill(`${name}-renamed`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`${name}-renamed`);
    await expect(page.getByTestId("router-secret-state")).toHaveText("secret set");
    const api = await (await request.get(`/api/v1/routers/${routerId}`, { headers: auth })).text();
    expect(api).not.toContain(token);
    expect(api).not.toContain("secretEncrypted");
    expect(JSON.parse(api).router.secretSet).toBe(true);

    // The list shows it, in sync.
    await page.goto("/routers");
    const row = page.getByTestId(`router-row-${name}-renamed`);
    await expect(row.getByText("in sync")).toBeVisible();
    await expect(row.getByText("healthy")).toBeVisible();
  });

  test("bad settings are named inline and what was typed is kept", async ({ page }) => {
    await page.goto("/routers/new");
    await page.getByLabel("Kind").selectOption("haproxy");
    await page.getByLabel("Name").fill("haproxy-bad");
    await page.getByLabel("Runtime API address").fill("not-an-address");
    await page.getByLabel("Settings (JSON)").fill('{ "backend": "be main", "servers": {} }');
    await page.getByRole("button", { name: "Register router" }).click();
    await expect(page.getByText(/Runtime API address: expected unix:\/path or tcp:\/\/host:port/)).toBeVisible();
    await expect(page.getByText(/backend: Must be a HAProxy backend name/)).toBeVisible();
    await expect(page.getByLabel("Runtime API address")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Name")).toHaveValue("haproxy-bad");

    await page.getByLabel("Settings (JSON)").fill("{ not json");
    await page.getByRole("button", { name: "Register router" }).click();
    await expect(page.getByText(/Not valid JSON/)).toBeVisible();
  });

  test("unreachable router: test connection shows it down with the error", async ({ page }) => {
    await page.goto("/routers/new");
    await page.getByLabel("Name").fill(`dead-${Date.now() % 100000}`);
    await page.getByLabel("Admin URL").fill("http://127.0.0.1:9");
    await page.getByLabel("Admin token").fill("whatever");
    await page.getByRole("button", { name: "Register router" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("dead-", { timeout: 30_000 });
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByRole("status", { name: "Connection test result" }).getByText("down")).toBeVisible();
    await expect(page.getByTestId("router-errors")).toContainText("ECONNREFUSED");
  });
});

test.describe("viewer", () => {
  test.use({ storageState: storageState("viewer") });

  test("viewer sees the routers but no register, edit, test or sync controls", async ({ page }) => {
    await page.goto("/routers");
    const row = page.getByTestId("router-row-edge-builtin");
    await expect(row).toBeVisible();
    await expect(page.getByRole("link", { name: "Register router" })).toHaveCount(0);
    await row.getByRole("link", { name: "edge-builtin" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("edge-builtin");
    for (const name of ["Edit", "Test connection", "Sync now", "Remove router…"])
      await expect(page.getByRole("button", { name })).toHaveCount(0);
    await page.goto("/routers/new");
    await expect(page.getByRole("alert").filter({ hasText: "You don't have access" })).toBeVisible();
  });
});

test.describe("release manager", () => {
  test.use({ storageState: storageState("release_manager") });

  test("release manager can't register a router, in the UI or through the API (403)", async ({ page, request }) => {
    await page.goto("/routers");
    await expect(page.getByRole("link", { name: "Register router" })).toHaveCount(0);
    await page.goto("/routers/new");
    await expect(page.getByRole("alert").filter({ hasText: "You don't have access" })).toBeVisible();

    const body = {
      system: "ticket-classifier",
      name: "sneaky",
      type: "builtin",
      endpoint: DEMO_ROUTER_ADMIN,
      secret: "x",
    };
    const res = await request.post("/api/v1/routers", { headers: auth, data: body });
    expect(res.status()).toBe(403);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    expect((await res.json()).detail).toMatch(/routers\.write/);
    const list = await (await request.get("/api/v1/routers?system=ticket-classifier", { headers: auth })).json();
    expect(list.routers.map((r: { name: string }) => r.name)).not.toContain("sneaky");
    for (const r of list.routers) expect(r).not.toHaveProperty("secretEncrypted");
  });
});

test("GET /api/v1/openapi.json describes the router operations", async ({ request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(Object.keys(doc.paths["/api/v1/routers/{routerId}"])).toEqual(
    expect.arrayContaining(["get", "patch", "delete"]),
  );
  expect(doc.paths["/api/v1/routers"].post.requestBody.content["application/json"].schema.required).toEqual(
    expect.arrayContaining(["system", "name", "type", "endpoint"]),
  );
  expect(doc.paths["/api/v1/routers/{routerId}/test"].post["x-permission"]).toBe("routers.write");
});

// Screenshots for review at laptop and tablet widths: ROUTER_SCREENSHOTS=1.
test.describe("screenshots", () => {
  test.use({ storageState: storageState("admin") });
  test.skip(!process.env.ROUTER_SCREENSHOTS, "set ROUTER_SCREENSHOTS=1");

  test("routers pages at laptop and tablet widths", async ({ page }) => {
    const dir = path.join("test-results", "router-screenshots");
    fs.mkdirSync(dir, { recursive: true });
    for (const [label, width, height] of [
      ["laptop", 1366, 900],
      ["tablet", 820, 1180],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto("/routers");
      await page.screenshot({ path: path.join(dir, `list-${label}.png`), fullPage: true });
      await page.getByTestId("router-row-edge-builtin").getByRole("link", { name: "edge-builtin" }).click();
      await page.getByRole("button", { name: "Test connection" }).click();
      await expect(page.getByRole("status", { name: "Connection test result" })).toBeVisible();
      await page.screenshot({ path: path.join(dir, `detail-${label}.png`), fullPage: true });
      await page.getByRole("button", { name: "Edit" }).click();
      await page.screenshot({ path: path.join(dir, `edit-${label}.png`), fullPage: true });
      await page.goto("/routers/new");
      await page.getByLabel("Kind").selectOption("istio");
      await page.screenshot({ path: path.join(dir, `new-istio-${label}.png`), fullPage: true });
      await page.getByLabel("System").selectOption({ label: "Support Ticket Classifier" });
      await page.getByLabel("Name").fill(`mesh-${label}-${Date.now() % 100000}`);
      await page.getByLabel("Kubernetes API server").fill("https://kubernetes.default.svc");
      await page.getByRole("button", { name: "Use the example" }).click();
      await page.getByRole("button", { name: "Register router" }).click();
      await page.getByRole("button", { name: "Show manifest" }).click();
      await expect(page.getByTestId("router-manifest")).toContainText("kind: VirtualService");
      await page.screenshot({ path: path.join(dir, `manifest-${label}.png`), fullPage: true });
    }
  });
});
