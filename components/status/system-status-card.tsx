import Link from "next/link";
import type { PublicSystemStatus } from "@/lib/status/derive-system-status";
import { Badge, type Tone } from "../ui/badge";
import { formatDateTime } from "../ui/format";

const LABEL: Record<PublicSystemStatus["status"], { text: string; tone: Tone }> = {
  operational: { text: "Operational", tone: "green" },
  rollout_in_progress: { text: "Rollout in progress", tone: "blue" },
  degraded: { text: "Degraded", tone: "amber" },
  incident: { text: "Incident", tone: "red" },
};

export function SystemStatusCard({ system, detailed = false }: { system: PublicSystemStatus; detailed?: boolean }) {
  const label = LABEL[system.status];
  return (
    <article
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      data-testid={`status-${system.slug}`}
    >
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">
          {detailed ? (
            system.name
          ) : (
            <Link href={`/status/${system.slug}`} className="hover:underline">
              {system.name}
            </Link>
          )}
        </h2>
        <Badge tone={label.tone}>{label.text}</Badge>
      </header>
      <p className="mt-2 text-sm text-slate-700">
        Serving <strong>{system.serving ?? "nothing yet"}</strong>
      </p>
      {system.rollout && (
        <div className="mt-3 rounded-md bg-blue-50 p-3 text-sm text-blue-900">
          <p>
            <strong>{system.rollout.strategy.replace(/_/g, " ")}</strong> rollout of {system.rollout.to.join(", ")}{" "}
            (from {system.rollout.from}):{" "}
            {system.rollout.strategy === "shadow"
              ? "mirrored only, no users see it"
              : `${system.rollout.exposurePercent}% of traffic`}{" "}
            · {system.rollout.status}
          </p>
          <div
            className="mt-2 h-2 overflow-hidden rounded-full bg-blue-100"
            role="progressbar"
            aria-valuenow={system.rollout.exposurePercent}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-label="Exposure"
          >
            <div className="h-full bg-challenger" style={{ width: `${system.rollout.exposurePercent}%` }} />
          </div>
        </div>
      )}
      {system.incidents
        .filter((i) => i.status !== "resolved")
        .map((i) => (
          <div key={i.id} className="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
            <p className="font-medium">
              {i.title} · {i.status}
            </p>
            {i.updates[0] && <p className="mt-1 text-red-800">{i.updates[0].message}</p>}
          </div>
        ))}
      {detailed && (
        <>
          <h3 className="mt-5 text-sm font-semibold text-slate-800">Incidents</h3>
          {system.incidents.length === 0 ? (
            <p className="text-sm text-slate-600">No incidents.</p>
          ) : (
            <ul className="mt-2 space-y-3 text-sm">
              {system.incidents.map((i) => (
                <li key={i.id}>
                  <p className="font-medium text-slate-800">
                    {i.title} <Badge tone={i.status === "resolved" ? "green" : "red"}>{i.status}</Badge>
                  </p>
                  <ul className="ml-4 mt-1 list-disc text-slate-600">
                    {i.updates.map((u, k) => (
                      <li key={k}>
                        {formatDateTime(u.at)} · {u.status}: {u.message}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          <h3 className="mt-5 text-sm font-semibold text-slate-800">Recent changes</h3>
          {system.history.length === 0 ? (
            <p className="text-sm text-slate-600">No finished rollouts yet.</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100 text-sm">
              {system.history.map((h, k) => (
                <li key={k} className="flex justify-between py-1.5">
                  <span>
                    {h.from} → {h.to.join(", ")} ({h.strategy.replace(/_/g, " ")})
                  </span>
                  <span className="text-slate-500">
                    {h.outcome.replace(/_/g, " ")} · {formatDateTime(h.endedAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </article>
  );
}
