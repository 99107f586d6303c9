// Shared by web (through record-audit.ts) and the controller process (no "server-only" there).
import type { Tx } from "../db/create-client";
import { Prisma } from "../generated/prisma/client";
import type { ServiceContext } from "../permissions";
import { auditHash, GENESIS_HASH } from "./audit-hash";
import { toPlainJson } from "./canonical-json";

/** Serialises audit writers so each event chains onto the one before it. */
const AUDIT_CHAIN_LOCK = 4_242_001;

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  meta?: unknown;
}

export async function writeAuditEvent(tx: Tx, ctx: ServiceContext, input: AuditInput) {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const actor = ctx.actor;
  const content = {
    at: new Date(),
    actorType: actor.type,
    actorId: actor.type === "system" ? null : actor.id,
    actorLabel: actor.label,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: toPlainJson(input.before ?? null),
    after: toPlainJson(input.after ?? null),
    meta: toPlainJson({ requestId: ctx.requestId, ...(input.meta as object | undefined) }),
  };
  const hash = auditHash(prevHash, content);
  return tx.auditEvent.create({
    data: {
      ...content,
      before: jsonOrDbNull(content.before),
      after: jsonOrDbNull(content.after),
      meta: jsonOrDbNull(content.meta),
      prevHash,
      hash,
    },
  });
}

function jsonOrDbNull(value: unknown) {
  return value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}
