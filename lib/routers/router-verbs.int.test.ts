import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { makeConfig } from "@/lib/dataplane/testing/fixtures";
import { freePort, putConfig, startRouter, type RouterProcess } from "@/lib/dataplane/testing/processes";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import type { Role, ServiceContext } from "@/lib/permissions";

// The router verbs against a real database and a real built-in router process.

vi.mock("server-only", () => ({}));
process.env.SWITCHYARD_SECRET_KEY = crypto.randomBytes(32).toString("base64");

const { createRouter } = await import("./create-router");
const { updateRouter } = await import("./update-router");
const { deleteRouter } = await import("./delete-router");
const { testRouterConnection } = await import("./test-router-connection");
const { getRouterDetail, listRouters } = await import("./queries");

let t: TestDatabase;
let router: RouterProcess;
let systemSlug: string;
let authorId: string;
const ctxAs = (role: Role): ServiceContext => ({
  actor: { type: "user", id: `u-${role}`, role, label: `${role} <${role}@t>` },
  requestId: `req-${role}`,
});
const admin = ctxAs("admin");
const builtin = (over: Record<string, unknown> = {}) => ({
  system: systemSlug,
  name: `edge-${crypto.randomBytes(3).toString("hex")}`,
  type: "builtin" as const,
  endpoint: router.adminUrl,
  settings: { dataUrl: router.url },
  secret: router.token,
  ...over,
});
const text = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));
const audits = (entityId: string) =>
  t.db.auditEvent.findMany({ where: { entityType: "router", entityId }, orderBy: { id: "asc" } });

beforeAll(async () => {
  [t, router] = await Promise.all([createTestDatabase(), startRouter({ token: "router-admin-token-1" })]);
  (globalThis as { switchyardDb?: unknown }).switchyardDb = t.db;
  const user = await t.db.user.create({ data: { email: "a@t", name: "A", role: "release_manager" } });
  authorId = user.id;
});
afterAll(async () => {
  await Promise.all([router?.stop(), t?.drop()]);
});
beforeEach(async () => {
  systemSlug = `sys-${crypto.randomBytes(3).toString("hex")}`;
  await t.db.system.create({ data: { slug: systemSlug, name: `System ${systemSlug}`, mirrorSafeRoutes: [] } });
});

describe("createRouter", () => {
  it("stores the secret encrypted, returns only secretSet, and audits in the same transaction", async () => {
    const created = await createRouter({ ctx: admin, input: builtin() });
    expect(created).toMatchObject({ type: "builtin", endpoint: router.adminUrl, secretSet: true, health: "unknown" });
    expect(created).not.toHaveProperty("secretEncrypted");
    expect(JSON.stringify(created)).not.toContain(router.token);

    const row = await t.db.router.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secretEncrypted).toMatch(/^v1:/);
    expect(row.secretEncrypted).not.toContain(router.token);
    expect(decryptSecret(row.secretEncrypted!)).toBe(router.token);

    const [event] = await audits(created.id);
    expect(event).toMatchObject({ action: "router.create", actorId: "u-admin", entityType: "router" });
    expect(text(event)).not.toContain(router.token);
    expect(text(event)).not.toContain(row.secretEncrypted!);

    const listed = await listRouters(ctxAs("viewer"), { systemSlug });
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty("secretEncrypted");
    expect(listed[0]!.secretSet).toBe(true);
  });

  it("refuses non-admins before touching anything", async () => {
    for (const role of ["release_manager", "approver", "viewer", "auditor"] as const) {
      await expect(createRouter({ ctx: ctxAs(role), input: builtin() })).rejects.toMatchObject({ code: "forbidden" });
    }
    const token: ServiceContext = {
      actor: {
        type: "token",
        id: "tok",
        role: "admin",
        creatorRole: "admin",
        label: "token:x",
        scopes: ["registry.write"],
      },
      requestId: "r",
    };
    await expect(createRouter({ ctx: token, input: builtin() })).rejects.toMatchObject({ code: "forbidden" });
    expect(await t.db.router.count({ where: { system: { slug: systemSlug } } })).toBe(0);
  });

  it("names bad fields, refuses duplicates and unknown systems, and writes nothing", async () => {
    const bad = await createRouter({
      ctx: admin,
      input: builtin({ type: "haproxy", endpoint: "nope", settings: { backend: "be x" }, secret: undefined }),
    }).catch((e) => e);
    expect(bad).toMatchObject({ code: "bad_request" });
    expect(bad.invalidParams.map((p: { name: string }) => p.name)).toEqual(["endpoint", "settings.backend"]);
    const noSecret = await createRouter({ ctx: admin, input: builtin({ secret: "   " }) }).catch((e) => e);
    expect(noSecret.invalidParams).toEqual([{ name: "secret", reason: expect.stringMatching(/admin token/) }]);

    const input = builtin();
    await createRouter({ ctx: admin, input });
    await expect(createRouter({ ctx: admin, input })).rejects.toMatchObject({ code: "conflict" });
    await expect(createRouter({ ctx: admin, input: builtin({ system: "no-such-system" }) })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await t.db.router.count({ where: { system: { slug: systemSlug } } })).toBe(1);
  });
});

describe("updateRouter", () => {
  it("keeps the secret when none is sent, replaces or clears it on request, and audits each change", async () => {
    const created = await createRouter({
      ctx: admin,
      input: builtin({ type: "webhook", endpoint: "https://hook.example/apply", settings: {}, secret: "hmac-1" }),
    });
    const stored = async () =>
      decryptSecret((await t.db.router.findUniqueOrThrow({ where: { id: created.id } })).secretEncrypted!);

    const renamed = await updateRouter({ ctx: admin, input: { routerId: created.id, name: "hook-2", secret: "" } });
    expect(renamed).toMatchObject({ name: "hook-2", secretSet: true });
    expect(await stored()).toBe("hmac-1");

    await updateRouter({
      ctx: admin,
      input: { routerId: created.id, secret: "hmac-2", settings: { readBackUrl: "https://hook.example/state" } },
    });
    expect(await stored()).toBe("hmac-2");

    // A webhook can't lose its signing secret.
    const cleared = await updateRouter({ ctx: admin, input: { routerId: created.id, clearSecret: true } }).catch(
      (e) => e,
    );
    expect(cleared.invalidParams).toEqual([{ name: "secret", reason: expect.stringMatching(/signing secret/) }]);

    const events = await audits(created.id);
    expect(events.map((e) => [e.action, (e.meta as { secret?: string }).secret])).toEqual([
      ["router.create", undefined],
      ["router.update", "unchanged"],
      ["router.update", "replaced"],
    ]);
    for (const e of events) expect(text(e)).not.toMatch(/hmac-[12]/);
  });

  it("clears an optional secret, refuses bad settings and non-admins", async () => {
    const created = await createRouter({
      ctx: admin,
      input: builtin({
        type: "smi",
        endpoint: "https://kubernetes.default.svc",
        settings: { namespace: "ml", service: "tickets" },
        secret: "apiVersion: v1\nkind: Config\n",
      }),
    });
    expect((await updateRouter({ ctx: admin, input: { routerId: created.id, clearSecret: true } })).secretSet).toBe(
      false,
    );
    expect((await t.db.router.findUniqueOrThrow({ where: { id: created.id } })).secretEncrypted).toBeNull();
    await expect(
      updateRouter({ ctx: admin, input: { routerId: created.id, settings: { namespace: "ml" } } }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await expect(
      updateRouter({ ctx: ctxAs("release_manager"), input: { routerId: created.id, name: "x" } }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateRouter({ ctx: admin, input: { routerId: "nope", name: "x" } })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("deleteRouter", () => {
  it("is refused while a rollout is splitting traffic on the system, allowed after", async () => {
    const created = await createRouter({ ctx: admin, input: builtin() });
    const system = await t.db.system.findUniqueOrThrow({ where: { slug: systemSlug } });
    const rollout = await t.db.rollout.create({
      data: {
        systemId: system.id,
        name: "canary-1",
        strategy: "canary",
        status: "progressing",
        authorId,
        planHash: "h",
        salt: "s",
      },
    });
    await expect(
      deleteRouter({ ctx: ctxAs("release_manager"), input: { routerId: created.id } }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteRouter({ ctx: admin, input: { routerId: created.id } })).rejects.toMatchObject({
      code: "precondition_failed",
      message: expect.stringMatching(/canary-1.*progressing/),
    });

    await t.db.rollout.update({ where: { id: rollout.id }, data: { status: "completed" } });
    const removed = await deleteRouter({ ctx: admin, input: { routerId: created.id } });
    expect(removed).not.toHaveProperty("secretEncrypted");
    expect(await t.db.router.findUnique({ where: { id: created.id } })).toBeNull();
    expect((await audits(created.id)).map((e) => e.action)).toEqual(["router.create", "router.delete"]);
    await expect(deleteRouter({ ctx: admin, input: { routerId: created.id } })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("testRouterConnection", () => {
  it("against a real built-in router: degraded with no config, healthy once it serves one, read back", async () => {
    const created = await createRouter({ ctx: admin, input: builtin() });
    const first = await testRouterConnection({ ctx: admin, input: { routerId: created.id } });
    expect(first.health.status).toBe("degraded");
    expect(first.readBack).toEqual({ version: null, weights: {} });

    expect((await putConfig(router, makeConfig({ version: 7 }))).status).toBe(200);
    const second = await testRouterConnection({ ctx: admin, input: { routerId: created.id } });
    expect(second.health).toMatchObject({ status: "healthy", detail: "serving v7" });
    expect(second.readBack?.version).toBe(7);
    expect(second.readBackError).toBeNull();

    const row = await t.db.router.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ health: "healthy", lastError: null });
    expect(row.lastCheckedAt?.getTime()).toBe(second.checkedAt.getTime());
    const tests = (await audits(created.id)).filter((e) => e.action === "router.test_connection");
    expect(tests.map((e) => (e.after as { health: string }).health)).toEqual(["degraded", "healthy"]);
    expect(tests[1]!.meta).toMatchObject({ servedVersion: 7, requestId: "req-admin" });
  });

  it("an unreachable endpoint is down, with the error recorded", async () => {
    const created = await createRouter({
      ctx: admin,
      input: builtin({ endpoint: `http://127.0.0.1:${await freePort()}`, settings: { timeoutMs: 1_000 } }),
    });
    const result = await testRouterConnection({ ctx: admin, input: { routerId: created.id } });
    expect(result.health.status).toBe("down");
    expect(result.health.detail).toMatch(/ECONNREFUSED/);
    const row = await t.db.router.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ health: "down", lastError: expect.stringMatching(/ECONNREFUSED/) });
    expect(row.lastErrorAt).not.toBeNull();
  });

  it("a refused token is a read-back error on a live router", async () => {
    const created = await createRouter({ ctx: admin, input: builtin({ secret: "wrong-token" }) });
    const result = await testRouterConnection({ ctx: admin, input: { routerId: created.id } });
    expect(result.health.status).not.toBe("down");
    expect(result.readBackError).toMatch(/token refused \(401\)/);
    expect((await t.db.router.findUniqueOrThrow({ where: { id: created.id } })).lastError).toMatch(/token refused/);
  });

  it("a secret sealed with another key is reported, not thrown", async () => {
    const created = await createRouter({ ctx: admin, input: builtin() });
    await t.db.router.update({
      where: { id: created.id },
      data: { secretEncrypted: encryptSecret("x", crypto.randomBytes(32)) },
    });
    const result = await testRouterConnection({ ctx: admin, input: { routerId: created.id } });
    expect(result.health).toMatchObject({
      status: "down",
      detail: expect.stringMatching(/another SWITCHYARD_SECRET_KEY/),
    });
  });

  it("is for admins only", async () => {
    const created = await createRouter({ ctx: admin, input: builtin() });
    await expect(testRouterConnection({ ctx: ctxAs("viewer"), input: { routerId: created.id } })).rejects.toMatchObject(
      { code: "forbidden" },
    );
  });
});

describe("getRouterDetail", () => {
  it("lists failed applications newest first, and never the secret", async () => {
    const created = await createRouter({ ctx: admin, input: builtin() });
    const system = await t.db.system.findUniqueOrThrow({ where: { slug: systemSlug } });
    const rollout = await t.db.rollout.create({
      data: {
        systemId: system.id,
        name: "c",
        strategy: "canary",
        status: "paused",
        authorId,
        planHash: "h",
        salt: "s",
      },
    });
    for (const v of [1, 2]) {
      const wc = await t.db.weightChange.create({
        data: { rolloutId: rollout.id, configVersion: v, weights: {}, reason: "step", actor: "controller" },
      });
      await t.db.routerApplication.create({
        data: { weightChangeId: wc.id, routerId: created.id, status: "failed", lastError: `boom ${v}` },
      });
    }
    const detail = await getRouterDetail(ctxAs("viewer"), created.id);
    expect(detail.recentErrors.map((e) => e.lastError)).toEqual(["boom 2", "boom 1"]);
    expect(detail.activeRollout).toMatchObject({ name: "c", status: "paused" });
    expect(detail.router).not.toHaveProperty("secretEncrypted");
    expect(JSON.stringify(detail)).not.toContain(router.token);
  });
});
