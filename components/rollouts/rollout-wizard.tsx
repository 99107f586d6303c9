"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useMemo, useState } from "react";
import { z } from "zod";
import { createRolloutAction } from "@/lib/rollouts/actions";
import { planStepSchema, rolloutConfigSchema } from "@/lib/rollouts/schemas";
import { adviseStrategy, FEAR_LABELS, FEARS, type Fear } from "@/lib/strategies/advisor";
import { defaultPlan } from "@/lib/strategies/default-plan";
import { strategyModule } from "@/lib/strategies/registry";
import { describeTrafficPath } from "@/lib/strategies/traffic-path";
import type { PlanStep, PlanVariant, Strategy, StrategyConfig } from "@/lib/strategies/plan";
import { withRolloutDefaults } from "@/lib/rollouts/rollout-defaults";
import type { RolloutTemplate } from "@/lib/rollouts/rollout-template";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Field, FormAlert, Input, Select, Textarea } from "../ui/form";
import { stepLabel } from "./step-label";
import { StrategySettings, type SettingsState } from "./strategy-settings";

export interface WizardSystem {
  slug: string;
  name: string;
  champion: { id: string; version: string };
  mirrorSafeRoutes: string[];
  routers: number;
  requiredApprovals: number;
  slots: { id: string; name: string; upstreamUrl: string; versionId: string | null }[];
  versions: { id: string; label: string; version: string; blocked: string | null; metrics: Record<string, number> }[];
  /** Where this system's rollouts start (its settings per strategy and gate template). */
  template: RolloutTemplate;
}

const STRATEGY_LABELS: Record<Strategy, string> = {
  canary: "Canary / percentage rollout",
  blue_green: "Blue-green",
  shadow: "Shadow",
  ab_test: "A/B test",
  feature_flag: "Feature flag / targeting",
  champion_challenger: "Champion/challenger",
  bandit: "Multi-armed bandit",
  direct: "Direct (0 → 100 %)",
};
const MULTI: Strategy[] = ["champion_challenger", "bandit", "ab_test"];

export function RolloutWizard({ systems, initialSystem }: { systems: WizardSystem[]; initialSystem?: string }) {
  const router = useRouter();
  // Default to the asked-for system, else one that has a router to drive.
  const [systemSlug, setSystemSlug] = useState(
    (systems.find((s) => s.slug === initialSystem) ?? systems.find((s) => s.routers > 0) ?? systems[0]!).slug,
  );
  const system = systems.find((s) => s.slug === systemSlug)!;
  const [fear, setFear] = useState<Fear | "">("");
  const [strategy, setStrategy] = useState<Strategy>("canary");
  const [challengerIds, setChallengerIds] = useState<string[]>(defaultChallengers(system));
  const [endpoints, setEndpoints] = useState<Record<string, string>>({});
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [settings, setSettings] = useState<SettingsState>({});
  const [customSteps, setCustomSteps] = useState<string | null>(null);
  const { executeAsync, result, isPending } = useAction(createRolloutAction);

  const advice = fear ? adviseStrategy(fear) : null;
  const variants: PlanVariant[] = useMemo(
    () => [
      { key: "champion", role: "champion" },
      ...challengerIds.map((_, i) => ({
        key: challengerIds.length === 1 ? "challenger" : `challenger-${i + 1}`,
        role: "challenger" as const,
      })),
    ],
    [challengerIds],
  );
  const config = useMemo(
    () => withRolloutDefaults(strategy, settings as StrategyConfig, system.template, variants),
    [strategy, settings, system.template, variants],
  );
  const steps: PlanStep[] = useMemo(() => {
    if (customSteps !== null) {
      try {
        return JSON.parse(customSteps) as PlanStep[];
      } catch {
        return [];
      }
    }
    return defaultPlan(strategy, config, variants);
  }, [customSteps, strategy, config, variants]);
  // What is sent is what the server's schema accepts: checked here first, the field named.
  const stepsInput = useMemo(
    () => (customSteps !== null ? z.array(planStepSchema).safeParse(steps) : null),
    [customSteps, steps],
  );
  const configInput = useMemo(() => rolloutConfigSchema.safeParse(settings), [settings]);
  const problems = useMemo(() => {
    if (customSteps !== null && steps.length === 0) return ["The steps are not valid JSON."];
    const shape = [
      ...(stepsInput && !stepsInput.success
        ? stepsInput.error.issues.map((i) => `Steps ${i.path.join(".")}: ${i.message}`)
        : []),
      ...(!configInput.success
        ? configInput.error.issues.map((i) => `Settings ${i.path.join(".")}: ${i.message}`)
        : []),
    ];
    if (shape.length) return shape;
    try {
      return strategyModule(strategy).validatePlan(steps, config, {
        variants,
        mirrorSafeRoutes: system.mirrorSafeRoutes,
      });
    } catch (e) {
      return [(e as Error).message];
    }
  }, [steps, strategy, config, variants, system.mirrorSafeRoutes, customSteps, stepsInput, configInput]);
  const challengerVersions = challengerIds.map((id) => system.versions.find((v) => v.id === id)!).filter(Boolean);
  const path = describeTrafficPath({
    strategy,
    status: "progressing",
    variants: variants.map((v, i) => ({
      ...v,
      label: i === 0 ? system.champion.version : challengerVersions[i - 1]?.version,
    })),
    weights: firstLiveWeights(strategy, steps, config, variants),
    config,
    mirrorBasisPoints:
      strategy === "shadow"
        ? Number(
            (steps.find((s) => s.kind === "mirror") as { sampleBasisPoints?: number } | undefined)?.sampleBasisPoints ??
              0,
          )
        : 0,
  });
  const errors = result.validationErrors as Record<string, { _errors?: string[] }> | undefined;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const res = await executeAsync({
      system: systemSlug,
      name,
      description,
      strategy,
      challengers: challengerIds.map((versionId) => {
        const slot = system.slots.find((s) => s.versionId === versionId);
        return slot
          ? { versionId, slotId: slot.id }
          : { versionId, upstreamUrl: endpoints[versionId]?.trim() || undefined };
      }),
      steps: stepsInput?.success ? stepsInput.data : undefined,
      config: configInput.success ? configInput.data : {},
    });
    if (res?.data?.id) router.push(`/rollouts/${res.data.id}`);
  }

  return (
    <form onSubmit={submit} className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        <Card title="1 · System and versions">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="System" htmlFor="wiz-system">
              <Select
                id="wiz-system"
                value={systemSlug}
                onChange={(e) => {
                  setSystemSlug(e.target.value);
                  setChallengerIds(defaultChallengers(systems.find((x) => x.slug === e.target.value)!));
                }}
              >
                {systems.map((s) => (
                  <option key={s.slug} value={s.slug}>
                    {s.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Champion (serving now)" htmlFor="wiz-champion">
              <Input id="wiz-champion" value={system.champion.version} readOnly className="bg-slate-50" />
            </Field>
          </div>
          <fieldset className="mt-4">
            <legend className="text-sm font-medium text-slate-700">
              Challenger version{MULTI.includes(strategy) ? "s" : ""}
            </legend>
            <div className="mt-2 space-y-1.5">
              {system.versions.length === 0 && (
                <p className="text-sm text-slate-600">No other version is registered for this system.</p>
              )}
              {system.versions.map((v) => {
                const checked = challengerIds.includes(v.id);
                const slot = system.slots.find((s) => s.versionId === v.id);
                return (
                  <label
                    key={v.id}
                    className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm ${checked ? "border-brand-500 bg-brand-50" : "border-slate-200"} ${v.blocked ? "opacity-60" : ""}`}
                  >
                    <input
                      type={MULTI.includes(strategy) ? "checkbox" : "radio"}
                      name="challenger"
                      disabled={!!v.blocked}
                      checked={checked}
                      onChange={() =>
                        setChallengerIds(
                          MULTI.includes(strategy)
                            ? checked
                              ? challengerIds.filter((x) => x !== v.id)
                              : [...challengerIds, v.id]
                            : [v.id],
                        )
                      }
                      className="mt-0.5"
                    />
                    <span>
                      <span className="font-medium">{v.label}</span>{" "}
                      <span className="text-xs text-slate-500">
                        {Object.entries(v.metrics)
                          .map(([k, x]) => `${k} ${x}`)
                          .join(" · ")}
                      </span>
                      <span className="block text-xs text-slate-500">
                        {slot
                          ? `served by ${slot.name} (${slot.upstreamUrl})`
                          : "no slot runs it yet: give the endpoint that serves it"}
                      </span>
                      {!slot && checked && (
                        <Input
                          aria-label={`Endpoint of ${v.label}`}
                          className="mt-1"
                          placeholder="http://model-server:8080"
                          value={endpoints[v.id] ?? ""}
                          onChange={(e) => setEndpoints({ ...endpoints, [v.id]: e.target.value })}
                        />
                      )}
                      {v.blocked && <span className="block text-xs text-red-700">{v.blocked}</span>}
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
        </Card>

        <Card title="2 · Strategy">
          <Field
            label="Which failure do you fear most?"
            htmlFor="wiz-fear"
            hint="Seed 002: choose for the failure you fear, not the trendiest term."
          >
            <Select id="wiz-fear" value={fear} onChange={(e) => setFear(e.target.value as Fear)}>
              <option value="">Choose…</option>
              {FEARS.map((f) => (
                <option key={f} value={f}>
                  {FEAR_LABELS[f]}
                </option>
              ))}
            </Select>
          </Field>
          {advice && (
            <div
              className="mt-3 rounded-md border border-violet-200 bg-violet-50 p-3 text-sm text-violet-950"
              data-testid="advice"
            >
              <p>
                <strong>Suggested: {STRATEGY_LABELS[advice.strategy]}.</strong> {advice.why}
              </p>
              <details className="mt-2">
                <summary className="cursor-pointer text-violet-800">Why not the others?</summary>
                <ul className="mt-1 list-disc space-y-0.5 pl-5">
                  {advice.weaker.map((w) => (
                    <li key={w.strategy}>
                      <strong>{STRATEGY_LABELS[w.strategy]}</strong> {w.weakness}
                    </li>
                  ))}
                </ul>
              </details>
              {advice.strategy !== strategy && (
                <Button
                  type="button"
                  variant="secondary"
                  className="mt-2"
                  onClick={() => {
                    setStrategy(advice.strategy);
                    setCustomSteps(null);
                    setSettings({});
                  }}
                >
                  Use {STRATEGY_LABELS[advice.strategy]}
                </Button>
              )}
            </div>
          )}
          <div className="mt-4">
            <Field label="Strategy" htmlFor="wiz-strategy">
              <Select
                id="wiz-strategy"
                value={strategy}
                onChange={(e) => {
                  setStrategy(e.target.value as Strategy);
                  setCustomSteps(null);
                  setSettings({});
                  if (!MULTI.includes(e.target.value as Strategy)) setChallengerIds(challengerIds.slice(0, 1));
                }}
              >
                {(Object.keys(STRATEGY_LABELS) as Strategy[]).map((s) => (
                  <option key={s} value={s}>
                    {STRATEGY_LABELS[s]}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
        </Card>

        <Card title="3 · Settings, stickiness and targeting">
          <StrategySettings
            strategy={strategy}
            settings={settings}
            onChange={(s) => {
              setSettings(s);
              setCustomSteps(null);
            }}
            system={system}
            variants={variants}
          />
        </Card>

        <Card
          title="4 · Plan"
          actions={
            <button
              type="button"
              className="text-xs text-brand-700 underline"
              onClick={() => setCustomSteps(customSteps === null ? JSON.stringify(steps, null, 2) : null)}
            >
              {customSteps === null ? "Edit steps as JSON" : "Back to the default plan"}
            </button>
          }
        >
          {customSteps !== null ? (
            <Textarea
              aria-label="Plan steps (JSON)"
              rows={14}
              className="font-mono text-xs"
              value={customSteps}
              onChange={(e) => setCustomSteps(e.target.value)}
            />
          ) : (
            <ol className="space-y-1 text-sm text-slate-700" data-testid="plan-preview">
              {steps.map((s, i) => (
                <li key={i}>
                  {i + 1}. {stepLabel(s.kind, s as unknown as Record<string, unknown>)}
                </li>
              ))}
            </ol>
          )}
          {problems.length > 0 && (
            <ul
              role="alert"
              className="mt-3 list-disc space-y-0.5 rounded-md border border-red-200 bg-red-50 py-2 pl-8 pr-3 text-sm text-red-800"
            >
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {system.template.gates ? (
            <div className="mt-3 text-xs text-slate-500" data-testid="wizard-gates">
              <p>Gates from {system.name}&apos;s rollout template:</p>
              <ul className="mt-1 list-disc pl-5">
                {system.template.gates.map((g) => (
                  <li key={g.name}>
                    {g.description ?? g.name}
                    {"minSamples" in g ? ` (judged from ${g.minSamples} requests on each side)` : ""}
                  </li>
                ))}
              </ul>
              <p className="mt-1">
                Without its sample (or before the weights are applied) a gate waits for data, never passes.
              </p>
            </div>
          ) : (
            <p className="mt-3 text-xs text-slate-500" data-testid="wizard-gates">
              Gates: the standard rollback triggers apply: error rate more than 5 % above the champion, p95 latency more
              than 50 % above, accuracy more than 10 % below, any critical error, more than 10 complaints in the first
              hour. Without its sample (or before the weights are applied) a gate waits for data, never passes.
            </p>
          )}
        </Card>
      </div>

      <div className="space-y-6">
        <Card title="5 · Review">
          <div className="space-y-3">
            <Field label="Rollout name" htmlFor="wiz-name" error={errors?.name?._errors?.[0]}>
              <Input
                id="wiz-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder={`${challengerVersions[0]?.version ?? "v2"} ${strategy.replace(/_/g, " ")}`}
                aria-describedby="wiz-name-error"
              />
            </Field>
            <Field label="Why this change (optional)" htmlFor="wiz-desc">
              <Textarea id="wiz-desc" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
            </Field>
            <div className="rounded-md bg-slate-50 p-3 text-sm text-slate-700" data-testid="wizard-traffic-path">
              <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
                Traffic path once live
              </p>
              {path.text}
            </div>
            <p className="text-xs text-slate-500">
              {system.routers} router{system.routers === 1 ? "" : "s"} will be driven · {system.requiredApprovals}{" "}
              approval{system.requiredApprovals === 1 ? "" : "s"} needed before start.
            </p>
            <FormAlert message={result.serverError} />
            <Button
              type="submit"
              className="w-full"
              disabled={isPending || problems.length > 0 || challengerIds.length === 0 || name.trim().length < 3}
            >
              {isPending ? "Creating…" : "Create draft rollout"}
            </Button>
          </div>
        </Card>
      </div>
    </form>
  );
}

/** The newest usable version that a slot already serves (else the newest usable one). */
function defaultChallengers(system: WizardSystem): string[] {
  const usable = system.versions.filter((v) => !v.blocked);
  const served = usable.find((v) => system.slots.some((s) => s.versionId === v.id));
  const pick = served ?? usable[0];
  return pick ? [pick.id] : [];
}

/** Weights at the first step that sends live traffic, for the review's traffic path. */
function firstLiveWeights(strategy: Strategy, steps: PlanStep[], config: StrategyConfig, variants: PlanVariant[]) {
  const mod = strategyModule(strategy);
  try {
    for (let i = 0; i < steps.length; i++) {
      const w = mod.weightsForStep(steps, i, { variants, config });
      if ((w.champion ?? 0) < 10_000) return w;
    }
    return mod.weightsForStep(steps, steps.length - 1, { variants, config });
  } catch {
    return { champion: 10_000 };
  }
}
