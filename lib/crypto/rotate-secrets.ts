// Re-seals every stored secret (router secrets, notification endpoint keys) with the current
// SWITCHYARD_SECRET_KEY, opening each with the current or a previous key. Run after moving to a
// new key (`npm run secrets:rotate`); once it reports nothing left on an old key and nothing
// unreadable, SWITCHYARD_SECRET_KEY_PREVIOUS can be removed. One transaction, rows locked so a
// concurrent edit can't be overwritten with an older secret; audited (names and ids, never
// secrets). No "server-only": the command-line tool calls it.
import type { PrismaClient } from "../db/create-client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type ServiceContext } from "../permissions";
import { encryptSecret, openSecret, secretKeysFromEnv } from "./secret-box";

export interface SecretRef {
  kind: "router" | "notification_endpoint";
  id: string;
  name: string;
}

export interface SecretRotation {
  /** Opened with a previous key and sealed again with the current one. */
  resealed: SecretRef[];
  /** Already sealed with the current key. */
  current: number;
  /** Opened by no key given: left as they are (re-enter them, or supply the key that sealed them). */
  unreadable: SecretRef[];
}

const TABLES = [
  { kind: "router", table: "routers" },
  { kind: "notification_endpoint", table: "notification_endpoints" },
] as const;

export async function rotateSecrets(
  db: PrismaClient,
  ctx: ServiceContext,
  keys: Buffer[] = secretKeysFromEnv(),
): Promise<SecretRotation> {
  requirePermission(ctx, "routers.write");
  requirePermission(ctx, "notifications.manage");
  const [current] = keys;
  return db.$transaction(async (tx) => {
    const result: SecretRotation = { resealed: [], current: 0, unreadable: [] };
    for (const { kind, table } of TABLES) {
      const rows = await tx.$queryRawUnsafe<{ id: string; name: string; secret_encrypted: string }[]>(
        `SELECT id, name, secret_encrypted FROM ${table} WHERE secret_encrypted IS NOT NULL ORDER BY id FOR UPDATE`,
      );
      for (const row of rows) {
        const ref: SecretRef = { kind, id: row.id, name: row.name };
        let opened: { plaintext: string; keyIndex: number };
        try {
          opened = openSecret(row.secret_encrypted, keys);
        } catch {
          result.unreadable.push(ref);
          continue;
        }
        if (opened.keyIndex === 0) {
          result.current++;
          continue;
        }
        const touch = table === "routers" ? ", updated_at = now()" : "";
        await tx.$executeRawUnsafe(
          `UPDATE ${table} SET secret_encrypted = $1${touch} WHERE id = $2`,
          encryptSecret(opened.plaintext, current),
          row.id,
        );
        result.resealed.push(ref);
      }
    }
    await writeAuditEvent(tx, ctx, {
      action: "secrets.rotate",
      entityType: "secret_key",
      after: {
        resealed: result.resealed,
        current: result.current,
        unreadable: result.unreadable,
        previousKeys: keys.length - 1,
      },
    });
    return result;
  });
}
