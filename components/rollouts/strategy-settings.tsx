"use client";
import { DEFAULT_AB_PRIMARY_METRIC, DEFAULT_BANDIT_REWARD } from "@/lib/rollouts/rollout-defaults";
import type { PlanVariant, Strategy } from "@/lib/strategies/plan";
import type { TargetingRule } from "@/lib/routers/types";
import { Field, Input, Select } from "../ui/form";
import { Button } from "../ui/button";

export type SettingsState = Record<string, unknown>;
type Operator = TargetingRule["conditions"][number]["operator"];
const OPERATORS: readonly Operator[] = ["equals", "not_equals", "in", "not_in", "prefix", "regex", "exists"];

interface Props {
  strategy: Strategy;
  settings: SettingsState;
  onChange: (s: SettingsState) => void;
  system: { mirrorSafeRoutes: string[] };
  variants: PlanVariant[];
}

const pctToBp = (v: string) => Math.round(Number(v) * 100);
const bpToPct = (v: unknown) => (typeof v === "number" ? String(v / 100) : "");

/** The strategy's own settings, in the units people think in (%, minutes, days). */
export function StrategySettings({ strategy, settings, onChange, system, variants }: Props) {
  const set = (patch: SettingsState) => {
    const next = { ...settings, ...patch };
    for (const k of Object.keys(next))
      if (next[k] === undefined || (typeof next[k] === "number" && Number.isNaN(next[k]))) delete next[k];
    onChange(next);
  };
  const stickiness = (settings.stickiness as { header?: string } | undefined)?.header ?? "";
  const challengers = variants.filter((v) => v.role === "challenger");
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field
        label="Stickiness key (header)"
        htmlFor="set-sticky"
        hint="Same key, same variant through the rollout. Default x-user-id."
      >
        <Input
          id="set-sticky"
          placeholder="x-user-id"
          value={stickiness}
          onChange={(e) => set({ stickiness: e.target.value ? { header: e.target.value } : undefined })}
        />
      </Field>
      {strategy === "canary" && (
        <>
          <Field label="Stages (% to the challenger)" htmlFor="set-stages" hint="Seed default 1, 10, 50, 100.">
            <Input
              id="set-stages"
              placeholder="1, 10, 50, 100"
              defaultValue={
                Array.isArray(settings.stages) ? (settings.stages as number[]).map((s) => s / 100).join(", ") : ""
              }
              onBlur={(e) => {
                const parts = e.target.value
                  .split(",")
                  .map((x) => x.trim())
                  .filter(Boolean);
                set({ stages: parts.length ? parts.map(pctToBp) : undefined });
              }}
            />
          </Field>
          <Field
            label="Internal phase (minutes, header override only)"
            htmlFor="set-internal"
            hint="0 skips it. Default 60."
          >
            <Input
              id="set-internal"
              type="number"
              min={0}
              value={typeof settings.internalSeconds === "number" ? settings.internalSeconds / 60 : ""}
              placeholder="60"
              onChange={(e) =>
                set({ internalSeconds: e.target.value === "" ? undefined : Math.round(Number(e.target.value) * 60) })
              }
            />
          </Field>
          <Field label="Gate check interval (seconds)" htmlFor="set-interval" hint="Default 10.">
            <Input
              id="set-interval"
              type="number"
              min={1}
              value={(settings.analysisIntervalSeconds as number | undefined) ?? ""}
              placeholder="10"
              onChange={(e) =>
                set({ analysisIntervalSeconds: e.target.value === "" ? undefined : Number(e.target.value) })
              }
            />
          </Field>
        </>
      )}
      {strategy === "blue_green" && (
        <Field
          label="Keep the old slot warm (minutes)"
          htmlFor="set-warm"
          hint="Instant switch-back window. Default 10."
        >
          <Input
            id="set-warm"
            type="number"
            min={0}
            value={typeof settings.warmSeconds === "number" ? settings.warmSeconds / 60 : ""}
            placeholder="10"
            onChange={(e) =>
              set({ warmSeconds: e.target.value === "" ? undefined : Math.round(Number(e.target.value) * 60) })
            }
          />
        </Field>
      )}
      {strategy === "shadow" && (
        <>
          <Field label="Share of requests mirrored (%)" htmlFor="set-mirror" hint="Default 100.">
            <Input
              id="set-mirror"
              type="number"
              min={0}
              max={100}
              value={bpToPct(settings.sampleBasisPoints)}
              placeholder="100"
              onChange={(e) => set({ sampleBasisPoints: e.target.value === "" ? undefined : pctToBp(e.target.value) })}
            />
          </Field>
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Routes to mirror (read-only routes only)</legend>
            {system.mirrorSafeRoutes.length === 0 && (
              <p className="text-sm text-red-700">This system has no mirror-safe route: shadow is not possible.</p>
            )}
            {system.mirrorSafeRoutes.map((r) => {
              const routes = (settings.mirrorRoutes as string[] | undefined) ?? system.mirrorSafeRoutes.slice(0, 1);
              return (
                <label key={r} className="mr-4 inline-flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    checked={routes.includes(r)}
                    onChange={() =>
                      set({ mirrorRoutes: routes.includes(r) ? routes.filter((x) => x !== r) : [...routes, r] })
                    }
                  />
                  <span className="font-mono">{r}</span>
                </label>
              );
            })}
          </fieldset>
        </>
      )}
      {strategy === "ab_test" && (
        <>
          <Field
            label="Share per challenger (%)"
            htmlFor="set-split"
            hint="The champion keeps the rest. Default an even split."
          >
            <Input
              id="set-split"
              type="number"
              min={1}
              max={99}
              placeholder={String(Math.floor(100 / variants.length))}
              value={
                settings.split
                  ? bpToPct((settings.split as Record<string, number>)[challengers[0]?.key ?? "challenger"])
                  : ""
              }
              onChange={(e) => {
                if (e.target.value === "") return set({ split: undefined });
                const each = pctToBp(e.target.value);
                set({
                  split: Object.fromEntries(
                    variants.map((v) => [v.key, v.role === "champion" ? 10_000 - each * challengers.length : each]),
                  ),
                });
              }}
            />
          </Field>
          <Field label="Duration (days)" htmlFor="set-duration" hint="Run whole business cycles. Default 7.">
            <Input
              id="set-duration"
              type="number"
              min={1}
              value={typeof settings.durationSeconds === "number" ? settings.durationSeconds / 86400 : ""}
              placeholder="7"
              onChange={(e) =>
                set({ durationSeconds: e.target.value === "" ? undefined : Math.round(Number(e.target.value) * 86400) })
              }
            />
          </Field>
          <Field
            label="Planned sample size per arm"
            htmlFor="set-sample"
            hint="Default 1 000; the A/B report shows what is still needed."
          >
            <Input
              id="set-sample"
              type="number"
              min={1}
              value={(settings.sampleSizePerArm as number | undefined) ?? ""}
              placeholder="1000"
              onChange={(e) => set({ sampleSizePerArm: e.target.value === "" ? undefined : Number(e.target.value) })}
            />
          </Field>
          <Field label="Primary metric" htmlFor="set-primary">
            <Select
              id="set-primary"
              value={(settings.primaryMetric as string | undefined) ?? DEFAULT_AB_PRIMARY_METRIC}
              onChange={(e) => set({ primaryMetric: e.target.value })}
            >
              <option value="accuracy">accuracy</option>
              <option value="conversion">conversion</option>
              <option value="error_rate">error rate</option>
              <option value="latency_p95">latency p95</option>
            </Select>
          </Field>
        </>
      )}
      {strategy === "feature_flag" && <FlagSettings settings={settings} set={set} variants={variants} />}
      {strategy === "champion_challenger" && (
        <Field
          label="Share per challenger (%)"
          htmlFor="set-shares"
          hint="Fixed while they are compared with the champion."
        >
          <Input
            id="set-shares"
            type="number"
            min={1}
            max={50}
            placeholder="10"
            value={
              settings.shares ? bpToPct((settings.shares as Record<string, number>)[challengers[0]?.key ?? ""]) : ""
            }
            onChange={(e) =>
              set({
                shares:
                  e.target.value === ""
                    ? undefined
                    : Object.fromEntries(challengers.map((c) => [c.key, pctToBp(e.target.value)])),
              })
            }
          />
        </Field>
      )}
      {strategy === "bandit" && (
        <>
          <Field
            label="Reward (what the bandit maximises)"
            htmlFor="set-reward"
            hint="Sent later as outcomes by the model's consumer, by request id."
          >
            <Select
              id="set-reward"
              value={(settings.rewardMetric as string | undefined) ?? DEFAULT_BANDIT_REWARD}
              onChange={(e) => set({ rewardMetric: e.target.value })}
            >
              <option value="accuracy">correct answers (labels)</option>
              <option value="conversion">conversions</option>
              <option value="reward">reward events (0 to 1)</option>
            </Select>
          </Field>
          <Field label="Floor per arm (%)" htmlFor="set-floor" hint="Every arm keeps at least this share. Default 5.">
            <Input
              id="set-floor"
              type="number"
              min={0}
              max={50}
              value={bpToPct(settings.floorBasisPoints)}
              placeholder="5"
              onChange={(e) => set({ floorBasisPoints: e.target.value === "" ? undefined : pctToBp(e.target.value) })}
            />
          </Field>
          <Field label="Reallocate every (minutes)" htmlFor="set-realloc" hint="Default 60.">
            <Input
              id="set-realloc"
              type="number"
              min={1}
              value={
                typeof settings.reallocationIntervalSeconds === "number"
                  ? settings.reallocationIntervalSeconds / 60
                  : ""
              }
              placeholder="60"
              onChange={(e) =>
                set({
                  reallocationIntervalSeconds:
                    e.target.value === "" ? undefined : Math.round(Number(e.target.value) * 60),
                })
              }
            />
          </Field>
        </>
      )}
    </div>
  );
}

function FlagSettings({
  settings,
  set,
  variants,
}: {
  settings: SettingsState;
  set: (p: SettingsState) => void;
  variants: PlanVariant[];
}) {
  const rules = (settings.rules as TargetingRule[] | undefined) ?? [];
  const update = (
    i: number,
    patch: Partial<TargetingRule> & { attribute?: string; operator?: Operator; values?: string },
  ) => {
    const next = rules.map((r, k) => {
      if (k !== i) return r;
      const cond = r.conditions[0]!;
      return {
        ...r,
        variant: patch.variant ?? r.variant,
        conditions: [
          {
            attribute: patch.attribute ?? cond.attribute,
            operator: patch.operator ?? cond.operator,
            values:
              patch.values !== undefined
                ? patch.values
                    .split(",")
                    .map((x) => x.trim())
                    .filter(Boolean)
                : cond.values,
          },
        ],
      };
    });
    set({ rules: next });
  };
  return (
    <>
      <Field
        label="Everyone else: share to the challenger (%)"
        htmlFor="set-pct"
        hint="Applied to units matching no rule. Default 0."
      >
        <Input
          id="set-pct"
          type="number"
          min={0}
          max={100}
          value={bpToPct(settings.percentage)}
          placeholder="0"
          onChange={(e) => set({ percentage: e.target.value === "" ? undefined : pctToBp(e.target.value) })}
        />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={settings.killSwitch === true}
          onChange={(e) => set({ killSwitch: e.target.checked || undefined })}
        />
        Kill switch (everyone gets the champion)
      </label>
      <div className="space-y-2 sm:col-span-2">
        <p className="text-sm font-medium text-slate-700">Targeting rules (first match wins)</p>
        {rules.map((r, i) => (
          <div key={r.id} className="grid gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-4">
            <Input
              aria-label={`Rule ${i + 1} attribute`}
              value={r.conditions[0]!.attribute}
              onChange={(e) => update(i, { attribute: e.target.value })}
              placeholder="header:x-segment"
            />
            <Select
              aria-label={`Rule ${i + 1} operator`}
              value={r.conditions[0]!.operator}
              onChange={(e) => {
                const operator = OPERATORS.find((o) => o === e.target.value);
                if (operator) update(i, { operator });
              }}
            >
              {OPERATORS.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </Select>
            <Input
              aria-label={`Rule ${i + 1} values`}
              value={r.conditions[0]!.values.join(", ")}
              onChange={(e) => update(i, { values: e.target.value })}
              placeholder="beta, staff"
            />
            <Select
              aria-label={`Rule ${i + 1} variant`}
              value={r.variant}
              onChange={(e) => update(i, { variant: e.target.value })}
            >
              {variants.map((v) => (
                <option key={v.key}>{v.key}</option>
              ))}
            </Select>
          </div>
        ))}
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            set({
              rules: [
                ...rules,
                {
                  id: `rule-${rules.length + 1}`,
                  conditions: [{ attribute: "header:x-segment", operator: "in", values: ["beta"] }],
                  variant: variants.find((v) => v.role === "challenger")?.key ?? "challenger",
                },
              ],
            })
          }
        >
          Add rule
        </Button>
      </div>
    </>
  );
}
