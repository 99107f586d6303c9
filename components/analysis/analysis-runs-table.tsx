"use client";
import { useQuery } from "@tanstack/react-query";
import { Badge, type Tone } from "@/components/ui/badge";
import { analysisKeys, fetchJson } from "@/lib/analysis/query-keys";
import { count, pValue, signedPct } from "./format";
import { Table, Th } from "@/components/ui/table";

interface Run {
  id: string;
  gate: string;
  verdict: "pass" | "fail" | "inconclusive" | "waiting";
  stepIndex: number | null;
  evidence: {
    reason?: string;
    test?: string;
    comparisons?: Comparison[];
    correction?: { method: string; familySize: number };
    [k: string]: unknown;
  };
  windowStart: string;
  windowEnd: string;
  createdAt: string;
}
interface Comparison {
  challenger: string;
  segment: string;
  champion: { n: number; value: number | null };
  challengerValue: { n: number; value: number | null };
  relativeEffect: number | null;
  adjustedPValue: number | null;
  decision: string;
  note: string;
}

const TONE: Record<Run["verdict"], Tone> = { pass: "green", fail: "red", inconclusive: "amber", waiting: "blue" };
/** What a verdict is called on the page. */
const LABEL: Record<Run["verdict"], string> = {
  pass: "pass",
  fail: "fail",
  inconclusive: "inconclusive",
  waiting: "waiting for data",
};

/** The latest verdict of every gate with its evidence, then the history. Fetches its own data, refreshes every 10 s. */
export function AnalysisRunsTable({ rolloutId }: { rolloutId: string }) {
  const { data, error, isPending } = useQuery({
    queryKey: analysisKeys.runs(rolloutId),
    queryFn: () => fetchJson<{ runs: Run[] }>(`/api/rollouts/${encodeURIComponent(rolloutId)}/metrics/analysis-runs`),
    refetchInterval: 10_000,
  });
  if (isPending) return <p className="text-sm text-slate-500">Loading analysis…</p>;
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        Analysis runs could not be loaded: {error.message}
      </p>
    );
  if (data.runs.length === 0)
    return (
      <p className="text-sm text-slate-500">
        No analysis has run yet. Gates run on every analysis interval once the weights are applied.
      </p>
    );
  const latest = new Map<string, Run>();
  for (const r of data.runs) if (!latest.has(r.gate)) latest.set(r.gate, r);
  return (
    <section aria-label="Analysis runs" className="space-y-3">
      <h2 className="text-base font-semibold text-slate-900">Gate verdicts</h2>
      <Table>
        <thead>
          <tr>
            <Th>Gate</Th>
            <Th>Verdict</Th>
            <Th>Why</Th>
            <Th>Window</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {[...latest.values()].map((r) => (
            <tr key={r.id} className="align-top">
              <th scope="row" className="px-3 py-2 text-left font-medium text-slate-800">
                {r.gate}
                {r.stepIndex !== null && (
                  <div className="text-xs font-normal text-slate-500">step {r.stepIndex + 1}</div>
                )}
              </th>
              <td className="px-3 py-2">
                <Badge tone={TONE[r.verdict]}>{LABEL[r.verdict]}</Badge>
              </td>
              <td className="px-3 py-2 text-slate-700">
                <p>{r.evidence.reason ?? "—"}</p>
                <Evidence run={r} />
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-500">
                {r.windowStart.slice(11, 19)}–{r.windowEnd.slice(11, 19)} UTC
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600">History ({data.runs.length} runs)</summary>
        <ol className="mt-2 space-y-1">
          {data.runs.map((r) => (
            <li key={r.id} className="flex gap-2 text-xs text-slate-600">
              <span className="w-36 shrink-0">{r.createdAt.replace("T", " ").slice(0, 19)}</span>
              <Badge tone={TONE[r.verdict]}>{LABEL[r.verdict]}</Badge>
              <span className="font-medium">{r.gate}</span>
              <span className="truncate">{r.evidence.reason}</span>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

function Evidence({ run }: { run: Run }) {
  const { comparisons, correction, test, reason: _reason, ...rest } = run.evidence;
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs text-blue-700">Evidence</summary>
      <div className="mt-1 space-y-1 text-xs text-slate-600">
        {test && (
          <p>
            Test: {test}
            {correction ? `; ${correction.method} correction over ${correction.familySize} comparisons` : ""}
          </p>
        )}
        {comparisons && comparisons.length > 0 && (
          <table className="min-w-full">
            <thead>
              <tr className="text-left text-slate-500">
                <th className="pr-2">Challenger</th>
                <th className="pr-2">Segment</th>
                <th className="pr-2">Champion (n)</th>
                <th className="pr-2">Challenger (n)</th>
                <th className="pr-2">Effect</th>
                <th className="pr-2">Adj. p</th>
                <th>Decision</th>
              </tr>
            </thead>
            <tbody>
              {comparisons.map((c) => (
                <tr key={`${c.challenger}-${c.segment}`}>
                  <td className="pr-2">{c.challenger}</td>
                  <td className="pr-2">{c.segment === "*" ? "all" : c.segment}</td>
                  <td className="pr-2">
                    {fmt(c.champion.value)} ({count(c.champion.n)})
                  </td>
                  <td className="pr-2">
                    {fmt(c.challengerValue.value)} ({count(c.challengerValue.n)})
                  </td>
                  <td className="pr-2">{signedPct(c.relativeEffect)}</td>
                  <td className="pr-2">{pValue(c.adjustedPValue)}</td>
                  <td title={c.note}>{c.decision}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {Object.keys(rest).length > 0 && (
          <pre className="max-h-48 overflow-auto rounded bg-slate-50 p-2">{JSON.stringify(rest, null, 2)}</pre>
        )}
      </div>
    </details>
  );
}

function fmt(v: number | null): string {
  return v === null || !Number.isFinite(v)
    ? "—"
    : Math.abs(v) <= 1
      ? `${(v * 100).toFixed(2)} %`
      : `${v.toFixed(1)} ms`;
}
