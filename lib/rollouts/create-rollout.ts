import "server-only";
import crypto from "node:crypto";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { BadRequestError, NotFoundError, PreconditionFailedError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { defaultPlan } from "../strategies/default-plan";
import { strategyModule } from "../strategies/registry";
import type { PlanStep, PlanVariant, StrategyConfig } from "../strategies/plan";
import { createRolloutChecklist } from "../checklists/create-rollout-checklist";
import { planHash } from "./plan-hash";
import { UNDER_WAY_STATUSES } from "./state-machine";
import type { CreateRolloutInput } from "./schemas";
import { withRolloutDefaults } from "./rollout-defaults";
import { jsonColumn } from "../db/json-column";

/**
 * Creates a draft rollout: champion = what the system serves now, challengers = registered
 * versions of the same system with a provenance trail and an endpoint. The plan is the strategy's
 * default unless given, and must validate; approvals later bind to its hash.
 */
export async function createRollout({ ctx, input }: { ctx: ServiceContext; input: CreateRolloutInput }) {
  requirePermission(ctx, "rollouts.write");
  if (ctx.actor.type === "system")
    throw new PreconditionFailedError("Rollouts are authored by people or their pipeline tokens.");
  const system = await db.system.findUnique({
    where: { slug: input.system },
    include: { championVersion: { include: { model: true } }, environments: { include: { slots: true } } },
  });
  if (!system) throw new NotFoundError(`No system "${input.system}".`);
  if (!system.championVersion)
    throw new PreconditionFailedError(
      `${system.name} serves nothing yet: register a version and make it the champion before rolling out a challenger.`,
    );
  const active = await db.rollout.findFirst({
    where: { systemId: system.id, status: { in: [...UNDER_WAY_STATUSES] } },
    select: { name: true },
  });
  if (active)
    throw new PreconditionFailedError(
      `${system.name} already has a rollout under way (“${active.name}”). Finish or abort it first.`,
    );

  const slots = system.environments.flatMap((e) => e.slots);
  const championSlot = slots.find((s) => s.versionId === system.championVersionId);
  if (!championSlot)
    throw new PreconditionFailedError(
      `No slot serves the champion ${system.championVersion.version}; rollback would have nowhere to go.`,
    );

  const challengers: {
    key: string;
    version: { id: string; version: string };
    slotId: string | null;
    upstreamUrl: string;
  }[] = [];
  for (const [i, c] of input.challengers.entries()) {
    const version = await db.modelVersion.findUnique({ where: { id: c.versionId }, include: { model: true } });
    const field = `challengers.${i}.versionId`;
    if (!version || version.model.systemId !== system.id)
      throw new BadRequestError(`That version is not registered for ${system.name}.`, [
        { name: field, reason: "not a version of this system" },
      ]);
    if (version.id === system.championVersionId)
      throw new BadRequestError(`${version.version} is already the champion.`, [
        { name: field, reason: "same as the champion" },
      ]);
    if (version.status === "blocked")
      throw new PreconditionFailedError(
        version.blockedReason ?? `${version.version} is blocked until a root cause is recorded.`,
      );
    const slot = c.slotId ? slots.find((s) => s.id === c.slotId) : slots.find((s) => s.versionId === version.id);
    const upstreamUrl = c.upstreamUrl ?? slot?.upstreamUrl;
    if (!upstreamUrl)
      throw new BadRequestError(`No endpoint serves ${version.version}: pick a slot or give its URL.`, [
        { name: `challengers.${i}.upstreamUrl`, reason: "required when no slot runs this version" },
      ]);
    challengers.push({
      key: input.challengers.length === 1 ? "challenger" : `challenger-${i + 1}`,
      version,
      slotId: slot?.id ?? null,
      upstreamUrl,
    });
  }
  if (new Set(challengers.map((c) => c.version.id)).size !== challengers.length)
    throw new BadRequestError("Each challenger version may appear once.", [
      { name: "challengers", reason: "duplicate version" },
    ]);

  const variants: PlanVariant[] = [
    { key: "champion", role: "champion" },
    ...challengers.map((c) => ({ key: c.key, role: "challenger" as const })),
  ];
  const config = withRolloutDefaults(input.strategy, input.config as StrategyConfig);
  const steps = (input.steps as PlanStep[] | undefined) ?? defaultPlan(input.strategy, config, variants);
  const problems = strategyModule(input.strategy).validatePlan(steps, config, {
    variants,
    mirrorSafeRoutes: system.mirrorSafeRoutes,
  });
  if (problems.length)
    throw new BadRequestError(
      `The plan can't run: ${problems.join(" ")}`,
      problems.map((reason) => ({ name: "steps", reason })),
    );
  const gates = input.gates ?? [];
  const hash = planHash({
    strategy: input.strategy,
    steps,
    config,
    gates,
    variants: [
      ...variants.map((v) => ({
        ...v,
        version: v.key === "champion" ? system.championVersionId : challengers.find((c) => c.key === v.key)!.version.id,
      })),
    ],
  });

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
        planHash: hash,
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
