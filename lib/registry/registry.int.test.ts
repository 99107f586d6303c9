import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import type { Role, ServiceContext } from "@/lib/permissions";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { registerVersionSchema } from "./schemas";

// The model registry's verb and queries against a real database: provenance at the boundary, one
// registration per version, the audit event in the same transaction, permissions first.

vi.mock("server-only", () => ({}));

const { registerModelVersion } = await import("./register-model-version");
const { getModelVersionOrThrow, listModelVersions } = await import("./queries");

let t: TestDatabase;
let systemSlug: string;
const ctxAs = (role: Role): ServiceContext => ({
  actor: { type: "user", id: `u-${role}`, role, label: `${role} <${role}@t>` },
  requestId: `req-${role}`,
});
const release = ctxAs("release_manager");
const digest = (seed: string) => `sha256:${crypto.createHash("sha256").update(seed).digest("hex")}`;
const version = (over: Record<string, unknown> = {}) =>
  registerVersionSchema.parse({
    system: systemSlug,
    model: "ticket-router",
    version: "1.6.0",
    artifactUri: "s3://models/ticket-router/1.6.0/model.onnx",
    digest: digest("1.6.0"),
    pipelineRunId: "train-2026-11-24-0501",
    offlineMetrics: { accuracy: 0.93 },
    ...over,
  });

beforeAll(async () => {
  t = await createTestDatabase();
  (globalThis as { switchyardDb?: unknown }).switchyardDb = t.db;
});
afterAll(async () => {
  await t?.drop();
});
beforeEach(async () => {
  systemSlug = `sys-${crypto.randomBytes(3).toString("hex")}`;
  await t.db.system.create({ data: { slug: systemSlug, name: `System ${systemSlug}`, mirrorSafeRoutes: [] } });
});

describe("registering a model version", () => {
  it("refuses a version without provenance or with a notebook for an artifact, naming the field", () => {
    for (const [field, over] of [
      ["digest", { digest: undefined }],
      ["digest", { digest: "md5:abc" }],
      ["pipelineRunId", { pipelineRunId: undefined }],
      ["artifactUri", { artifactUri: "s3://bucket/explore.ipynb" }],
      ["artifactUri", { artifactUri: "/home/me/model.onnx" }],
    ] as const) {
      const r = registerVersionSchema.safeParse({ ...version(), ...over });
      expect(r.success, `${field}: ${JSON.stringify(over)}`).toBe(false);
      expect(r.error!.issues.map((i) => i.path.join("."))).toContain(field);
    }
  });

  it("registers with its provenance and writes the audit event in the same transaction", async () => {
    const v = await registerModelVersion({ ctx: release, input: version() });
    expect(v).toMatchObject({
      version: "1.6.0",
      digest: digest("1.6.0"),
      pipelineRunId: "train-2026-11-24-0501",
      registeredBy: release.actor.label,
      model: { name: "ticket-router" },
      system: { slug: systemSlug },
    });
    const events = await t.db.auditEvent.findMany({ where: { entityType: "model_version", entityId: v.id } });
    expect(events.map((e) => e.action)).toEqual(["model_version.register"]);
    expect(await getModelVersionOrThrow(release, v.id)).toMatchObject({ id: v.id, offlineMetrics: { accuracy: 0.93 } });
  });

  it("a version number is registered once per model: the second attempt is a 409 and changes nothing", async () => {
    await registerModelVersion({ ctx: release, input: version() });
    await expect(
      registerModelVersion({ ctx: release, input: version({ digest: digest("other build") }) }),
    ).rejects.toThrow(ConflictError);
    const all = await listModelVersions(release, { system: systemSlug });
    expect(all.map((v) => v.digest)).toEqual([digest("1.6.0")]);
    // Another model of the same system may use the same number.
    await registerModelVersion({ ctx: release, input: version({ model: "ticket-router-small" }) });
    expect(await listModelVersions(release, { system: systemSlug, model: "ticket-router-small" })).toHaveLength(1);
  });

  it("an unknown system is a 404 and nothing is written", async () => {
    const before = await t.db.auditEvent.count();
    await expect(registerModelVersion({ ctx: release, input: version({ system: "no-such-system" }) })).rejects.toThrow(
      NotFoundError,
    );
    expect(await t.db.auditEvent.count()).toBe(before);
  });

  it("only admins and release managers register; every role may read", async () => {
    for (const role of ["approver", "viewer", "auditor"] as const)
      await expect(registerModelVersion({ ctx: ctxAs(role), input: version() })).rejects.toThrow(ForbiddenError);
    expect(await t.db.modelVersion.count({ where: { model: { system: { slug: systemSlug } } } })).toBe(0);
    await registerModelVersion({ ctx: ctxAs("admin"), input: version() });
    for (const role of ["approver", "viewer", "auditor"] as const)
      expect(await listModelVersions(ctxAs(role), { system: systemSlug })).toHaveLength(1);
  });

  it("reading an unknown version is a 404", async () => {
    await expect(getModelVersionOrThrow(release, "no-such-version")).rejects.toThrow(NotFoundError);
  });
});
