import { expect, test } from "@playwright/test";
import crypto from "node:crypto";
import { DEMO_API_TOKEN } from "../lib/demo/demo-data";
import { storageState } from "./roles";

const auth = { Authorization: `Bearer ${DEMO_API_TOKEN}` };
const digest = (s: string) => `sha256:${crypto.createHash("sha256").update(s).digest("hex")}`;
const version = (over: Record<string, unknown> = {}) => ({
  system: "ticket-classifier",
  model: "ticket-router",
  version: `2.0.${Date.now() % 100000}`,
  artifactUri: "s3://models/ticket-router/2.0/model.onnx",
  digest: digest(String(Math.random())),
  pipelineRunId: "train-e2e-1",
  offlineMetrics: { accuracy: 0.94 },
  ...over,
});

test.describe("registry API", () => {
  test("POST /api/v1/registry/versions – a pipeline registers a version with provenance; the UI lists it", async ({
    request,
    browser,
  }) => {
    const body = version();
    const res = await request.post("/api/v1/registry/versions", { headers: auth, data: body });
    expect(res.status()).toBe(201);
    const { version: created } = await res.json();
    expect(created).toMatchObject({
      system: "ticket-classifier",
      model: "ticket-router",
      version: body.version,
      digest: body.digest,
      pipelineRunId: "train-e2e-1",
    });

    const got = await request.get(`/api/v1/registry/versions/${created.id}`, { headers: auth });
    expect((await got.json()).version.artifactUri).toBe(body.artifactUri);

    const again = await request.post("/api/v1/registry/versions", { headers: auth, data: body });
    expect(again.status()).toBe(409);
    expect(again.headers()["content-type"]).toContain("application/problem+json");

    const ctx = await browser.newContext({ storageState: storageState("viewer") });
    const page = await ctx.newPage();
    await page.goto("/systems/ticket-classifier");
    await expect(page.getByText(`ticket-router ${body.version}`)).toBeVisible();
    await ctx.close();
  });

  test("a version without provenance is refused, naming the missing field", async ({ request }) => {
    for (const missing of ["digest", "pipelineRunId"]) {
      const body: Record<string, unknown> = version();
      delete body[missing];
      const res = await request.post("/api/v1/registry/versions", { headers: auth, data: body });
      expect(res.status()).toBe(400);
      const problem = await res.json();
      expect(problem.invalidParams.map((p: { name: string }) => p.name)).toContain(missing);
      expect(problem.detail).toMatch(/Provenance required/);
    }
    const notebook = await request.post("/api/v1/registry/versions", {
      headers: auth,
      data: version({ artifactUri: "s3://scratch/analysis.ipynb" }),
    });
    expect(notebook.status()).toBe(400);
    expect((await notebook.json()).detail).toMatch(/notebook is not an artifact/);
  });

  test("hostile input gets a 400 with the field named and nothing half-written", async ({ request }) => {
    const cases: [Record<string, unknown>, string][] = [
      [version({ offlineMetrics: { accuracy: "high" } }), "offlineMetrics.accuracy"],
      [version({ version: 7 }), "version"],
      [version({ model: "x".repeat(1024 * 1024) }), "model"],
      [version({ model: "<script>alert(1)</script>" }), "model"],
      [version({ model: "ticket'; DROP TABLE models; --" }), "model"],
      [version({ digest: "sha256:abc" }), "digest"],
      [version({ extra: "field" }), "extra"],
    ];
    for (const [body, field] of cases) {
      const res = await request.post("/api/v1/registry/versions", { headers: auth, data: body });
      expect(res.status(), field).toBe(400);
      const problem = await res.json();
      expect(problem.invalidParams.map((p: { name: string }) => p.name).join(","), field).toContain(field);
    }
    const malformed = await request.post("/api/v1/registry/versions", {
      headers: { ...auth, "content-type": "application/json" },
      data: "{not json",
    });
    expect(malformed.status()).toBe(400);

    const unknownSystem = await request.post("/api/v1/registry/versions", {
      headers: auth,
      data: version({ system: "no-such-system", model: "orphan-model" }),
    });
    expect(unknownSystem.status()).toBe(404);
    const list = await request.get("/api/v1/registry/versions?model=orphan-model", { headers: auth });
    expect((await list.json()).versions).toEqual([]);
  });

  test("GET /api/v1/openapi.json describes the registry and problem+json", async ({ request }) => {
    const doc = await (await request.get("/api/v1/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/api/v1/registry/versions"].post.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["digest", "pipelineRunId"]),
    );
    expect(doc.components.schemas.Problem).toBeDefined();
  });

  test("GET /api/health checks the database; unknown API paths are problem+json 404", async ({ request }) => {
    expect(await (await request.get("/api/health")).json()).toEqual({ status: "ok" });
    const res = await request.get("/api/v1/nope", { headers: auth });
    expect(res.status()).toBe(404);
    expect((await res.json()).code).toBe("not_found");
  });
});

test.describe("API tokens", () => {
  test.use({ storageState: storageState("admin") });

  test("admin creates a token (shown once), scopes limit it, and revoking it refuses it at once", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const name = `pipeline-${Date.now()}`;
    await page.goto("/admin/tokens");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Scopes").selectOption("Register versions only");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-token").textContent())!.trim();
    expect(token).toMatch(/^sy_[0-9a-f]{8}_/);

    const api = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Authorization: `Bearer ${token}` },
    });
    const me = await api.get("/api/v1/me");
    expect(me.status()).toBe(200);
    expect((await me.json()).permissions).toEqual(["registry.read", "registry.write"]);
    const registered = await api.post("/api/v1/registry/versions", { data: version() });
    expect(registered.status()).toBe(201);
    const outsideScope = await api.post("/api/v1/systems", { data: { slug: "sneaky", name: "Sneaky" } });
    expect(outsideScope.status()).toBe(403);

    await page.reload();
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    page.once("dialog", (d) => d.accept());
    await page.getByTestId(`token-row-${name}`).getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByTestId(`token-row-${name}`).getByText("revoked")).toBeVisible();

    const revoked = await api.get("/api/v1/me");
    expect(revoked.status()).toBe(401);
    expect((await revoked.json()).detail).toBe("Invalid or revoked API token.");
    const garbage = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Authorization: "Bearer sy_00000000_not-a-real-token-at-all-xx" },
    });
    expect((await (await garbage.get("/api/v1/me")).json()).detail).toBe("Invalid or revoked API token.");
    await api.dispose();
    await garbage.dispose();
  });

  test("a token never carries more than its creator: an admin can't mint an approver's token", async ({ page }) => {
    const minted = await page.request.post("/api/v1/tokens", {
      data: { name: `approver-${Date.now()}`, role: "approver", scopes: ["*"] },
    });
    expect(minted.status()).toBe(403);
    expect((await minted.json()).detail).toContain("A token acts with its creator's role (yours: Admin)");
    await page.goto("/admin/tokens");
    await expect(page.getByTestId("token-role-note")).toContainText("acts with your role");
  });
});
