import "server-only";
import { db } from "../db";
import { BadRequestError, NotFoundError, PreconditionFailedError } from "../errors";
import { defaultPlan } from "../strategies/default-plan";
import { strategyModule } from "../strategies/registry";
import type { PlanStep, PlanVariant, StrategyConfig } from "../strategies/plan";
import { planHash } from "./plan-hash";
import { withRolloutDefaults } from "./rollout-defaults";
import { parseRolloutTemplate } from "./rollout-template";
import type { CreateRolloutInput } from "./schemas";

export interface ResolvedChallenger {
  key: string;
  version: { id: string; version: string; model: { name: string } };
  slotId: string | null;
  upstreamUrl: string;
}

/**
 * What a rollout input would run, checked the way creation checks it: the system and its champion
 * (with the slot it serves from), each challenger a registered, unblocked version of the same
 * system with an endpoint, the plan (the strategy's default, shaped by the system's rollout
 * template, unless given) valid for the strategy, the gates (the template's unless given),
 * and the plan hash approvals bind to. Shared by create and by `apply`, so a spec is judged
 * exactly like the wizard's form.
 */
export async function resolveRolloutPlan(input: CreateRolloutInput) {
  const system = await db.system.findUnique({
    where: { slug: input.system },
    include: { championVersion: { include: { model: true } }, environments: { include: { slots: true } } },
  });
  if (!system) throw new NotFoundError(`No system "${input.system}".`);
  if (!system.championVersion)
    throw new PreconditionFailedError(
      `${system.name} serves nothing yet: register a version and make it the champion before rolling out a challenger.`,
    );

  const slots = system.environments.flatMap((e) => e.slots);
  const championSlot = slots.find((s) => s.versionId === system.championVersionId);
  if (!championSlot)
    throw new PreconditionFailedError(
      `No slot serves the champion ${system.championVersion.version}; rollback would have nowhere to go.`,
    );

  const challengers: ResolvedChallenger[] = [];
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
  // The product's defaults, then the system's template, then what was chosen.
  const template = parseRolloutTemplate(system.rolloutTemplate);
  const config = withRolloutDefaults(input.strategy, input.config as StrategyConfig, template, variants);
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
  const gates = input.gates ?? template.gates ?? [];
  const hash = planHash({
    strategy: input.strategy,
    steps,
    config,
    gates,
    variants: variants.map((v) => ({
      ...v,
      version: v.key === "champion" ? system.championVersionId : challengers.find((c) => c.key === v.key)!.version.id,
    })),
  });
  return {
    system,
    strategy: input.strategy,
    championSlot,
    challengers,
    variants,
    config,
    steps,
    gates,
    planHash: hash,
  };
}

export type ResolvedRolloutPlan = Awaited<ReturnType<typeof resolveRolloutPlan>>;
