import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { jsonColumn } from "../db/json-column";
import { BadRequestError, NotFoundError, PreconditionFailedError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { voidApprovals } from "../approvals/void-approvals";
import { createRollout } from "./create-rollout";
import { resolveRolloutPlan, type ResolvedRolloutPlan } from "./resolve-rollout-plan";
import { planStepsOf, rolloutSpecHash, type RolloutSpec } from "./rollout-spec";
import { diffRolloutViews, rolloutView, type SpecChange } from "./rollout-spec-diff";
import type { CreateRolloutInput, PlanStepInput } from "./schemas";
import { isTerminal } from "./state-machine";
import { submitRollout } from "./submit-rollout";
import { transitionRollout } from "./transition-rollout";

export type ApplyAction = "created" | "updated" | "unchanged" | "create" | "update";

export interface ApplyResult {
  /** created/updated/unchanged; with dryRun: create/update/unchanged (what apply would do). */
  action: ApplyAction;
  specHash: string;
  rollout: { id: string; name: string; status: string; planHash: string } | null;
  changes: SpecChange[];
  /** Approvals that stopped counting because the plan changed. */
  voidedApprovals: number;
}

/**
 * `switchyard apply`: makes the system's rollout named in the spec match the spec. The rollout is
 * found by system and name (the newest). Same spec hash: nothing happens. None yet, or the last
 * one ended with another spec: a new draft is created (and submitted unless the spec says not).
 * A draft, submitted or approved one that differs is edited: its plan is replaced, approvals of
 * the old plan are voided and it goes back to draft (then submitted again). A running rollout is
 * never changed by a spec. dryRun answers what would happen (`switchyard diff`) and writes nothing.
 */
export async function applyRolloutSpec({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { spec: RolloutSpec; dryRun?: boolean };
}): Promise<ApplyResult> {
  requirePermission(ctx, "rollouts.write");
  const { spec, dryRun = false } = input;
  const specHash = rolloutSpecHash(spec);
  const system = await db.system.findUnique({ where: { slug: spec.spec.system } });
  if (!system) throw new NotFoundError(`No system "${spec.spec.system}".`);
  const requiredApprovals = spec.spec.approvals?.required ?? system.requiredApprovals;
  if (requiredApprovals < system.requiredApprovals)
    throw new BadRequestError(`${system.name} needs at least ${system.requiredApprovals} approvals per rollout.`, [
      { name: "spec.approvals.required", reason: `at least ${system.requiredApprovals} (the system's minimum)` },
    ]);
  const createInput = await toCreateInput(spec, system.id);

  const existing = await db.rollout.findFirst({
    where: { systemId: system.id, name: spec.metadata.name },
    orderBy: { createdAt: "desc" },
    include: {
      variants: { include: { version: { include: { model: { select: { name: true } } } } }, orderBy: { key: "asc" } },
      steps: { orderBy: { index: "asc" } },
      system: { select: { requiredApprovals: true } },
    },
  });
  const summary = (r: { id: string; name: string; status: string; planHash: string }) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    planHash: r.planHash,
  });
  if (existing?.specHash === specHash)
    return { action: "unchanged", specHash, rollout: summary(existing), changes: [], voidedApprovals: 0 };

  const resolved = await resolveRolloutPlan(createInput);
  const desired = viewOf(resolved, createInput.description, requiredApprovals);
  const source = { spec, specHash, requiredApprovals: spec.spec.approvals?.required };

  if (!existing || isTerminal(existing.status)) {
    const changes = diffRolloutViews(null, desired);
    if (dryRun) return { action: "create", specHash, rollout: null, changes, voidedApprovals: 0 };
    const created = await createRollout({ ctx, input: createInput, source });
    const rollout = spec.spec.submit
      ? (await submitRollout({ ctx, input: { rolloutId: created.id } })).rollout
      : created;
    return { action: "created", specHash, rollout: summary(rollout), changes, voidedApprovals: 0 };
  }

  if (!["draft", "awaiting_approval", "ready"].includes(existing.status))
    throw new PreconditionFailedError(
      `“${existing.name}” is ${existing.status.replace(/_/g, " ")}: a running rollout's plan doesn't change. Abort it, or apply the spec under a new name.`,
    );
  const current = rolloutView({
    description: existing.description,
    strategy: existing.strategy,
    challengers: existing.variants
      .filter((v) => v.role === "challenger")
      .map((v) => ({ model: v.version.model.name, version: v.version.version, upstreamUrl: v.upstreamUrl })),
    steps: existing.steps.map((s) => ({ kind: s.kind, ...(s.params as object) }) as PlanStepInput),
    config: existing.config,
    gates: existing.gates,
    requiredApprovals: Math.max(existing.system.requiredApprovals, existing.requiredApprovals ?? 0),
  });
  const changes = diffRolloutViews(current, desired);
  const action = changes.length ? "update" : "unchanged";
  if (dryRun) return { action, specHash, rollout: summary(existing), changes, voidedApprovals: 0 };
  if (!changes.length) {
    // Same rollout, spelled differently (or made in the UI): remember the spec, change nothing else.
    await db.rollout.update({ where: { id: existing.id }, data: { spec: jsonColumn(spec), specHash } });
    return { action: "unchanged", specHash, rollout: summary(existing), changes, voidedApprovals: 0 };
  }
  if (existing.strategy !== spec.spec.strategy)
    throw new PreconditionFailedError(
      `“${existing.name}” is a ${existing.strategy.replace(/_/g, " ")} rollout; a spec can't change its strategy. Abort the draft or use a new name.`,
    );

  const planChanged = resolved.planHash !== existing.planHash;
  const result = await db.$transaction(async (tx) => {
    const data = {
      description: createInput.description,
      config: jsonColumn(resolved.config),
      gates: jsonColumn(resolved.gates),
      planHash: resolved.planHash,
      spec: jsonColumn(spec),
      specHash,
      requiredApprovals: source.requiredApprovals ?? null,
      currentStepIndex: 0,
    };
    const after =
      existing.status === "draft"
        ? await tx.rollout.update({ where: { id: existing.id }, data: { ...data, revision: { increment: 1 } } })
        : await transitionRollout(tx, ctx, {
            rollout: existing,
            command: "edit",
            data,
            meta: { specHash, changes: changes.map((c) => c.field) },
          });
    await tx.planStep.deleteMany({ where: { rolloutId: existing.id } });
    await tx.planStep.createMany({
      data: resolved.steps.map(({ kind, ...params }, index) => ({
        rolloutId: existing.id,
        index,
        kind,
        params: jsonColumn(params),
      })),
    });
    await tx.rolloutVariant.deleteMany({ where: { rolloutId: existing.id, role: "challenger" } });
    await tx.rolloutVariant.createMany({
      data: resolved.challengers.map((c) => ({
        rolloutId: existing.id,
        key: c.key,
        role: "challenger" as const,
        versionId: c.version.id,
        slotId: c.slotId,
        upstreamUrl: c.upstreamUrl,
      })),
    });
    const voided = planChanged
      ? await voidApprovals(tx, { rolloutId: existing.id, reason: `The plan changed (spec ${specHash})`, ctx })
      : 0;
    await recordAudit(tx, ctx, {
      action: "rollout.apply",
      entityType: "rollout",
      entityId: existing.id,
      before: { planHash: existing.planHash, specHash: existing.specHash, status: existing.status },
      after: { planHash: after.planHash, specHash: after.specHash, status: after.status },
      meta: { specHash, changes },
    });
    return { after, voided };
  });
  const rollout =
    spec.spec.submit && result.after.status === "draft"
      ? (await submitRollout({ ctx, input: { rolloutId: existing.id } })).rollout
      : result.after;
  return { action: "updated", specHash, rollout: summary(rollout), changes, voidedApprovals: result.voided };
}

/** The API input a spec stands for: versions and slots named in the spec resolved to their ids. */
async function toCreateInput(spec: RolloutSpec, systemId: string): Promise<CreateRolloutInput> {
  const challengers: CreateRolloutInput["challengers"] = [];
  for (const [i, c] of spec.spec.challengers.entries()) {
    const field = `spec.challengers.${i}`;
    const versions = await db.modelVersion.findMany({
      where: { version: c.version, model: { systemId, ...(c.model ? { name: c.model } : {}) } },
      select: { id: true, model: { select: { name: true } } },
    });
    if (versions.length === 0)
      throw new BadRequestError(
        `Version ${c.version}${c.model ? ` of ${c.model}` : ""} is not registered for ${spec.spec.system}: register it first.`,
        [{ name: `${field}.version`, reason: "not a registered version of this system" }],
      );
    if (versions.length > 1)
      throw new BadRequestError(`Several models of ${spec.spec.system} have a version ${c.version}: name the model.`, [
        { name: `${field}.model`, reason: `one of ${versions.map((v) => v.model.name).join(", ")}` },
      ]);
    let slotId: string | undefined;
    if (c.slot) {
      const slot = await db.slot.findFirst({
        where: { name: c.slot, environment: { systemId } },
        select: { id: true },
      });
      if (!slot)
        throw new BadRequestError(`${spec.spec.system} has no slot “${c.slot}”.`, [
          { name: `${field}.slot`, reason: "not a slot of this system" },
        ]);
      slotId = slot.id;
    }
    challengers.push({
      versionId: versions[0]!.id,
      ...(slotId ? { slotId } : {}),
      ...(c.upstreamUrl ? { upstreamUrl: c.upstreamUrl } : {}),
    });
  }
  return {
    system: spec.spec.system,
    name: spec.metadata.name,
    description: spec.metadata.description,
    strategy: spec.spec.strategy,
    challengers,
    steps: planStepsOf(spec),
    config: spec.spec.config,
    gates: spec.spec.gates as CreateRolloutInput["gates"],
  };
}

function viewOf(resolved: ResolvedRolloutPlan, description: string, requiredApprovals: number) {
  return rolloutView({
    description,
    strategy: resolved.strategy,
    challengers: resolved.challengers.map((c) => ({
      model: c.version.model.name,
      version: c.version.version,
      upstreamUrl: c.upstreamUrl,
    })),
    steps: resolved.steps as PlanStepInput[],
    config: resolved.config,
    gates: resolved.gates,
    requiredApprovals,
  });
}
