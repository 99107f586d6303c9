import { execFile } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { systemContext, type ServiceContext } from "@/lib/permissions";
import { decryptSecret, encryptSecret, openSecret } from "./secret-box";
import { rotateSecrets } from "./rotate-secrets";

// Moving to a new SWITCHYARD_SECRET_KEY: secrets sealed with the old key keep working while it is
// listed as previous, `rotateSecrets` re-seals them, and one no key opens is reported, not lost.

const oldKey = crypto.randomBytes(32);
const newKey = crypto.randomBytes(32);
const strangerKey = crypto.randomBytes(32);
const ROOT = path.resolve(import.meta.dirname, "../..");

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function seed(suffix: string) {
  const system = await t.db.system.create({
    data: { slug: `rot-${suffix}`, name: `Rotation ${suffix}`, mirrorSafeRoutes: [] },
  });
  const onOld = await t.db.router.create({
    data: {
      systemId: system.id,
      name: "edge-old",
      type: "builtin",
      endpoint: "http://127.0.0.1:1",
      secretEncrypted: encryptSecret("router-token-old", oldKey),
    },
  });
  const onNew = await t.db.router.create({
    data: {
      systemId: system.id,
      name: "edge-new",
      type: "builtin",
      endpoint: "http://127.0.0.1:2",
      secretEncrypted: encryptSecret("router-token-new", newKey),
    },
  });
  const lost = await t.db.router.create({
    data: {
      systemId: system.id,
      name: "edge-lost",
      type: "builtin",
      endpoint: "http://127.0.0.1:3",
      secretEncrypted: encryptSecret("router-token-lost", strangerKey),
    },
  });
  const endpoint = await t.db.notificationEndpoint.create({
    data: {
      name: `hook-${suffix}`,
      url: "http://127.0.0.1:4/hook",
      events: [],
      secretEncrypted: encryptSecret("hmac-key", oldKey),
    },
  });
  return { onOld, onNew, lost, endpoint };
}

const boxOf = async (id: string) => (await t.db.router.findUniqueOrThrow({ where: { id } })).secretEncrypted!;

describe("secret key rotation", () => {
  it("re-seals secrets from a previous key with the current one, leaves current ones, reports unreadable ones, and audits it", async () => {
    const rows = await seed("verb");
    const before = { onNew: await boxOf(rows.onNew.id), lost: await boxOf(rows.lost.id) };
    const result = await rotateSecrets(t.db, systemContext("test"), [newKey, oldKey]);

    expect(result.resealed.map((r) => r.name).sort()).toEqual(["edge-old", "hook-verb"]);
    expect(result.current).toBe(1);
    expect(result.unreadable).toEqual([{ kind: "router", id: rows.lost.id, name: "edge-lost" }]);
    // Re-sealed: opens with the new key alone, same plaintext.
    expect(decryptSecret(await boxOf(rows.onOld.id), newKey)).toBe("router-token-old");
    const endpoint = await t.db.notificationEndpoint.findUniqueOrThrow({ where: { id: rows.endpoint.id } });
    expect(openSecret(endpoint.secretEncrypted!, [newKey])).toEqual({ plaintext: "hmac-key", keyIndex: 0 });
    // Untouched: the one already current and the one nobody can read.
    expect(await boxOf(rows.onNew.id)).toBe(before.onNew);
    expect(await boxOf(rows.lost.id)).toBe(before.lost);

    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "secrets.rotate" },
      orderBy: { id: "desc" },
    });
    expect(audit.after).toMatchObject({ current: 1, previousKeys: 1, unreadable: [{ name: "edge-lost" }] });
    expect(JSON.stringify(audit.after)).not.toContain("router-token");

    // Running it again finds nothing left on the old key.
    const again = await rotateSecrets(t.db, systemContext("test"), [newKey, oldKey]);
    expect(again.resealed).toEqual([]);
    expect(again.current).toBe(3);
  });

  it("is refused to anyone but an admin", async () => {
    const approver: ServiceContext = {
      actor: { type: "user", id: "u1", role: "approver", label: "approver" },
      requestId: "r1",
    };
    await expect(rotateSecrets(t.db, approver, [newKey, oldKey])).rejects.toThrow(/can't do this/);
  });

  it("works from the command line with the keys in the environment, and exits 1 while a secret is unreadable", async () => {
    const rows = await seed("cli");
    const run = promisify(execFile);
    const env = {
      ...process.env,
      DATABASE_URL: t.url,
      SWITCHYARD_SECRET_KEY: newKey.toString("base64"),
      SWITCHYARD_SECRET_KEY_PREVIOUS: oldKey.toString("base64"),
    };
    const failed = await run(process.execPath, ["--import", "tsx", "lib/tooling/rotate-secrets.ts"], {
      cwd: ROOT,
      env,
    }).then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toMatch(/re-sealed: router "edge-old"/);
    expect(failed?.stdout).toMatch(/NOT READABLE with any given key: router "edge-lost"/);
    expect(decryptSecret(await boxOf(rows.onOld.id), newKey)).toBe("router-token-old");
    // Once the unreadable secrets are re-entered, it reports a clean state.
    await t.db.router.updateMany({
      where: { name: "edge-lost" },
      data: { secretEncrypted: encryptSecret("re-entered", newKey) },
    });
    const ok = await run(process.execPath, ["--import", "tsx", "lib/tooling/rotate-secrets.ts"], { cwd: ROOT, env });
    expect(ok.stdout).toMatch(/SWITCHYARD_SECRET_KEY_PREVIOUS can be removed/);
  });
});
