import "server-only";
import crypto from "node:crypto";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { PreconditionFailedError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { createRolloutChecklist } from "../checklists/create-rollout-checklist";
import { UNDER_WAY_STATUSES } from "./state-machine";
import type { CreateRolloutInput } from "./schemas";
import { resolveRolloutPlan } from "./resolve-rollout-plan";
import { jsonColumn } from "../db/json-column";

/** Where a rollout came from when it was applied as code: the spec, its hash, the approvals it asks for. */
export interface RolloutSource {
  spec: unknown;
  specHash: string;
  requiredApprovals?: number;
}

/**
 * Creates a draft rollout: champion = what the system serves now, challengers = registered
 * versions of the same system with a provenance trail and an endpoint. The plan is the strategy's
 * default unless given, and must validate; approvals later bind to its hash. A rollout applied as
 * code keeps its spec and hash (`source`).
 */
export async function createRollout({
  ctx,
  input,
  source,
}: {
  ctx: ServiceContext;
  input: CreateRolloutInput;
  source?: RolloutSource;
}) {
  requirePermission(ctx, "rollouts.write");
  if (ctx.actor.type === "system")
    throw new PreconditionFailedError("Rollouts are authored by people or their pipeline tokens.");
  const { system, championSlot, challengers, config, steps, gates, planHash } = await resolveRolloutPlan(input);
  const active = await db.rollout.findFirst({
    where: { systemId: system.id, status: { in: [...UNDER_WAY_STATUSES] } },
    select: { name: true },
  });
  if (active)
    throw new PreconditionFailedError(
      `${system.name} already has a rollout under way (“${active.name}”). Finish or abort it first.`,
    );

  return db.$transaction(async (tx) => {
    const rollout = await tx.rollout.create({
      data: {
        systemId: system.id,
        name: input.name,
        description: input.description,
        strategy: input.strategy,
        authorId:
          ctx.actor.type === "system"
            ? ""
            : ctx.actor.type === "user"
              ? ctx.actor.id
              : await tokenOwner(tx, ctx.actor.id),
        config: jsonColumn(config),
        gates: jsonColumn(gates),
        planHash,
        spec: source ? jsonColumn(source.spec as object) : undefined,
        specHash: source?.specHash,
        requiredApprovals: source?.requiredApprovals,
        salt: crypto.randomBytes(8).toString("hex"),
        desiredWeights: { champion: 10_000 },
        variants: {
          create: [
            {
              key: "champion",
              role: "champion",
              versionId: system.championVersionId!,
              slotId: championSlot.id,
              upstreamUrl: championSlot.upstreamUrl,
            },
            ...challengers.map((c) => ({
              key: c.key,
              role: "challenger" as const,
              versionId: c.version.id,
              slotId: c.slotId,
              upstreamUrl: c.upstreamUrl,
            })),
          ],
        },
        steps: { create: steps.map(({ kind, ...params }, index) => ({ index, kind, params: jsonColumn(params) })) },
      },
      include: { variants: true, steps: true },
    });
    await createRolloutChecklist(tx, { rolloutId: rollout.id, systemId: system.id });
    await recordAudit(tx, ctx, {
      action: "rollout.create",
      entityType: "rollout",
      entityId: rollout.id,
      after: rollout,
    });
    return rollout;
  });
}

async function tokenOwner(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], tokenId: string) {
  const token = await tx.apiToken.findUniqueOrThrow({ where: { id: tokenId }, select: { createdById: true } });
  return token.createdById;
}
