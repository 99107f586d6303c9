import type { PresentedRollout } from "@/lib/rollouts/present-rollout";
import { isActive } from "@/lib/rollouts/state-machine";
import { formatDateTime } from "../ui/format";
import { stepLabel } from "./step-label";

const DOT: Record<string, string> = {
  completed: "bg-emerald-500 ring-emerald-100",
  running: "bg-brand-500 ring-brand-100 animate-pulse",
  failed: "bg-red-500 ring-red-100",
  skipped: "bg-slate-300 ring-slate-100",
  pending: "bg-white ring-slate-300",
};

export function StepTimeline({ rollout }: { rollout: PresentedRollout }) {
  return (
    <ol className="relative space-y-3 border-l border-slate-200 pl-5" data-testid="step-timeline">
      {rollout.steps.map((s) => {
        const current = s.index === rollout.currentStepIndex && isActive(rollout.status);
        return (
          <li key={s.index} className="relative" data-status={s.status} aria-current={current ? "step" : undefined}>
            <span
              className={`absolute -left-[27px] top-1 h-3 w-3 rounded-full ring-4 ${DOT[s.status] ?? DOT.pending}`}
            />
            <p className={`text-sm ${current ? "font-semibold text-slate-900" : "text-slate-700"}`}>
              {s.index + 1}. {stepLabel(s.kind, s.params as Record<string, unknown>)}
            </p>
            <p className="text-xs text-slate-500">
              {s.status}
              {s.startedAt && ` · started ${formatDateTime(s.startedAt)}`}
              {s.completedAt && ` · done ${formatDateTime(s.completedAt)}`}
              {s.note && ` · ${s.note}`}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
