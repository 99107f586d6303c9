import crypto from "node:crypto";
import { parseAllDocuments } from "yaml";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startRouter, type RouterProcess } from "@/lib/dataplane/testing/processes";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import type { Role, ServiceContext } from "@/lib/permissions";

// "Sync now" through the lead's push (real built-in router) and "Show manifest" for Kubernetes kinds.

vi.mock("server-only", () => ({}));
process.env.SWITCHYARD_SECRET_KEY = crypto.randomBytes(32).toString("base64");

const { createRouter } = await import("./create-router");
const { syncRouter } = await import("./sync-router");
const { getRouterManifest } = await import("./queries");

let t: TestDatabase;
let router: RouterProcess;
const ctxAs = (role: Role): ServiceContext => ({
  actor: { type: "user", id: `u-${role}`, role, label: role },
  requestId: `req-${role}`,
});
const admin = ctxAs("admin");

beforeAll(async () => {
  [t, router] = await Promise.all([createTestDatabase(), startRouter({ token: "sync-token" })]);
  (globalThis as { switchyardDb?: unknown }).switchyardDb = t.db;
  const system = await t.db.system.create({
    data: { slug: "tickets", name: "Tickets", mirrorSafeRoutes: [], environments: { create: { name: "production" } } },
    include: { environments: true },
  });
  const model = await t.db.model.create({ data: { systemId: system.id, name: "ticket-router" } });
  const v1 = await t.db.modelVersion.create({
    data: {
      modelId: model.id,
      version: "1.4.0",
      artifactUri: "s3://m/1.4.0",
      digest: `sha256:${"a".repeat(64)}`,
      pipelineRunId: "run-1",
    },
  });
  await t.db.slot.create({
    data: {
      environmentId: system.environments[0]!.id,
      name: "blue",
      upstreamUrl: "http://127.0.0.1:7101",
      versionId: v1.id,
    },
  });
  await t.db.system.update({ where: { id: system.id }, data: { championVersionId: v1.id } });
});
afterAll(async () => {
  await Promise.all([router?.stop(), t?.drop()]);
});

describe("syncRouter", () => {
  it("pushes the champion-only config to a real built-in router, confirms it, and audits", async () => {
    const r = await createRouter({
      ctx: admin,
      input: {
        system: "tickets",
        name: "edge",
        type: "builtin",
        endpoint: router.adminUrl,
        settings: {},
        secret: router.token,
      },
    });
    await expect(syncRouter({ ctx: ctxAs("viewer"), input: { routerId: r.id } })).rejects.toMatchObject({
      code: "forbidden",
    });

    const result = await syncRouter({ ctx: admin, input: { routerId: r.id } });
    expect(result).toMatchObject({ ok: true, version: 1 });
    const row = await t.db.router.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ desiredVersion: 1, appliedVersion: 1, health: "healthy", lastError: null });
    expect(row.lastAppliedAt).not.toBeNull();
    const served = await (
      await fetch(`${router.adminUrl}/config`, { headers: { authorization: `Bearer ${router.token}` } })
    ).json();
    expect(served).toMatchObject({ version: 1, system: "tickets", weights: { champion: 10_000 } });

    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "router.sync", entityId: r.id } });
    expect(event.after).toEqual({ version: 1, ok: true });
  });

  it("records a failed push: not in sync, error kept, audited", async () => {
    const r = await createRouter({
      ctx: admin,
      input: {
        system: "tickets",
        name: "gone",
        type: "builtin",
        endpoint: "http://127.0.0.1:9",
        settings: { timeoutMs: 500 },
        secret: "x",
      },
    });
    const result = await syncRouter({ ctx: admin, input: { routerId: r.id } });
    expect(result.ok).toBe(false);
    const row = await t.db.router.findUniqueOrThrow({ where: { id: r.id } });
    expect(row.desiredVersion).toBeGreaterThan(row.appliedVersion);
    expect(row).toMatchObject({ health: "down", lastError: expect.stringMatching(/ECONNREFUSED|timed out/) });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "router.sync", entityId: r.id } });
    expect(event.meta).toMatchObject({ error: expect.any(String) });
  });
});

describe("getRouterManifest", () => {
  it("renders the system's routing for a Kubernetes router, named like the adapter names it", async () => {
    const r = await createRouter({
      ctx: admin,
      input: {
        system: "tickets",
        name: "Mesh EU",
        type: "istio",
        endpoint: "https://kubernetes.default.svc",
        settings: { namespace: "ml", host: "tickets.ml.svc.cluster.local" },
      },
    });
    const manifest = await getRouterManifest(ctxAs("viewer"), r.id);
    if (!("yaml" in manifest)) throw new Error(manifest.error);
    expect(manifest).toMatchObject({ version: 1, pushed: false });
    const docs = parseAllDocuments(manifest.yaml).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind}/${d.metadata.namespace}/${d.metadata.name}`)).toEqual([
      "DestinationRule/ml/switchyard-mesh-eu",
      "VirtualService/ml/switchyard-mesh-eu",
    ]);
    expect(manifest.yaml).toContain("config version 1");
  });

  it("says so when the system has nothing to route yet", async () => {
    await t.db.system.create({ data: { slug: "empty", name: "Empty", mirrorSafeRoutes: [] } });
    const r = await createRouter({
      ctx: admin,
      input: { system: "empty", name: "mesh", type: "smi", endpoint: "https://k", settings: { service: "empty" } },
    });
    expect(await getRouterManifest(admin, r.id)).toEqual({ error: expect.stringMatching(/no champion version/) });
  });

  it("has nothing to show for other kinds", async () => {
    const r = await createRouter({
      ctx: admin,
      input: {
        system: "tickets",
        name: "hook",
        type: "webhook",
        endpoint: "https://hook.example/apply",
        settings: {},
        secret: "k",
      },
    });
    expect(await getRouterManifest(admin, r.id)).toEqual({ error: "webhook routers have no Kubernetes manifest." });
  });
});
