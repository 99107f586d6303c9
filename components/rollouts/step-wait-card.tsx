"use client";
// What the rollout waits for right now and until when, with where each gate of the current step
// stands (n of N, about how long at the current rate). Fed by the polled rollout (presentRollout),
// so it moves as data arrives.
import { useSyncExternalStore } from "react";
import type { PresentedRollout } from "@/lib/rollouts/present-rollout";
import type { WaitKind } from "@/lib/rollouts/step-wait";
import { Badge, type Tone } from "../ui/badge";
import { formatDateTime } from "../ui/format";

const KIND: Record<WaitKind, { label: string; tone: Tone }> = {
  time: { label: "waiting for a time", tone: "blue" },
  data: { label: "waiting for data", tone: "blue" },
  person: { label: "waiting for a person", tone: "amber" },
  routers: { label: "waiting for routers", tone: "amber" },
  controller: { label: "moving", tone: "green" },
  nothing: { label: "ended", tone: "neutral" },
};

const STATE_TONE: Record<PresentedRollout["gateProgress"][number]["state"], Tone> = {
  pass: "green",
  fail: "red",
  inconclusive: "amber",
  waiting: "blue",
  pending: "neutral",
};

export function StepWaitCard({ rollout }: { rollout: PresentedRollout }) {
  const wait = rollout.waitingFor;
  const now = useNow();
  if (wait.waitsFor === "nothing") return null;
  const kind = KIND[wait.waitsFor];
  return (
    <section
      aria-label="What the rollout waits for"
      data-testid="step-wait"
      data-waits-for={wait.waitsFor}
      className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm"
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={kind.tone}>{kind.label}</Badge>
        <p className="text-sm font-medium text-slate-900">{wait.headline}</p>
      </div>
      {wait.until && (
        <p className="mt-1 text-sm text-slate-700" data-testid="step-wait-until">
          Until {formatDateTime(wait.until)}
          {now !== null && <> ({inTime(wait.until, now)})</>}: {wait.untilMeans}.
        </p>
      )}
      {wait.details.length > 0 && (
        <ul className="mt-2 space-y-0.5 text-sm text-slate-700">
          {wait.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      {rollout.gateProgress.length > 0 && (
        <ul aria-label="Gates of the current step" className="mt-3 grid gap-2 sm:grid-cols-2">
          {rollout.gateProgress.map((g) => (
            <li key={g.gate} className="rounded-md border border-slate-100 px-3 py-2" data-testid="gate-progress">
              <div className="flex items-center justify-between gap-2">
                <span className="text-sm font-medium text-slate-800">{g.gate}</span>
                <Badge tone={STATE_TONE[g.state]}>
                  {g.state === "waiting" ? "waiting for data" : g.state === "pending" ? "not judged yet" : g.state}
                </Badge>
              </div>
              {g.need !== null && g.have !== null && g.state === "waiting" && (
                <div
                  className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-slate-100"
                  role="progressbar"
                  aria-label={`${g.gate}: ${g.have} of ${g.need} ${g.noun}`}
                  aria-valuemin={0}
                  aria-valuemax={g.need}
                  aria-valuenow={Math.min(g.have, g.need)}
                >
                  <div className="h-full bg-sky-500" style={{ width: `${Math.min(100, (100 * g.have) / g.need)}%` }} />
                </div>
              )}
              <p className="mt-1 text-xs text-slate-600">{g.line}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "in 12 min", "in 3 h", or "now" once it has passed. */
function inTime(iso: string, now: number): string {
  const s = Math.round((Date.parse(iso) - now) / 1000);
  if (s <= 0) return "now";
  if (s < 60) return `in ${s} s`;
  if (s < 3_600) return `in ${Math.ceil(s / 60)} min`;
  const h = Math.floor(s / 3_600);
  const m = Math.round((s % 3_600) / 60);
  return `in ${h} h${m ? ` ${m} min` : ""}`;
}

// The clock, ticking every 15 s in the browser; null on the server so the first paint matches.
let clock = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
function subscribe(listener: () => void) {
  listeners.add(listener);
  clock = Date.now();
  timer ??= setInterval(() => {
    clock = Date.now();
    for (const l of listeners) l();
  }, 15_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}
function useNow(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => clock,
    () => null,
  );
}
