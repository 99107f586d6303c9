import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { abTestReport } from "@/lib/analysis/ab-report";
import { analysisKeys } from "@/lib/analysis/query-keys";
import { toSeries, variantPoint } from "@/lib/analysis/metrics-series";
import { totals, windowOf } from "@/lib/analysis/testing-window";
import { RolloutMetricsPanel } from "@/components/charts/rollout-metrics-panel";
import { AbTestReport } from "./ab-test-report";
import { AnalysisRunsTable } from "./analysis-runs-table";

// Server-renders the three self-contained panels from a primed query cache: they must not throw
// on real shapes (NaN → null after JSON, missing metrics) and must say what a manager needs.
function render<P extends object>(
  node: (props: P) => React.ReactNode,
  props: P,
  key: readonly unknown[],
  data: unknown,
): string {
  const qc = new QueryClient();
  qc.setQueryData(key, JSON.parse(JSON.stringify(data)));
  return renderToString(createElement(QueryClientProvider, { client: qc }, createElement(node as React.FC<P>, props)));
}

describe("analysis panels", () => {
  it("A/B report shows the decision, SRM and the correction", () => {
    const report = abTestReport(
      windowOf({
        champion: { "*": totals({ requests: 10_000, conversions: 1_000 }) },
        challenger: { "*": totals({ requests: 10_000, conversions: 1_300 }) },
      }),
      { split: { champion: 5_000, challenger: 5_000 } },
    );
    const html = render(AbTestReport, { rolloutId: "r1" }, analysisKeys.abReport("r1"), {
      ...report,
      rolloutId: "r1",
      windowStart: "",
      windowEnd: "",
      warning: null,
    });
    expect(html).toContain("Ship challenger");
    expect(html).toContain("Sample ratio check");
    expect(html).toContain("Holm");
  });

  it("metrics panel renders totals and segments", () => {
    const t = (requests: number, errors: number) => totals({ requests, errors, latencyMs: 20 });
    const series = toSeries(
      [
        { variant: "champion", t: 0, totals: t(90, 1), predictions: {} },
        { variant: "challenger", t: 0, totals: t(10, 2), predictions: {} },
      ],
      ["champion", "challenger"],
      "champion",
    );
    const data = {
      rolloutId: "r1",
      champion: "champion",
      challengers: ["challenger"],
      from: new Date(0).toISOString(),
      to: new Date(60_000).toISOString(),
      stepSeconds: 10,
      series,
      steps: [],
      thresholds: [],
      overall: { champion: variantPoint(t(90, 1), 100), challenger: variantPoint(t(10, 2), 100) },
      segments: [
        { segment: "billing", v: { champion: variantPoint(t(20, 0), 25), challenger: variantPoint(t(5, 2), 25) } },
      ],
      drift: [{ variant: "challenger", psi: null }],
    };
    const html = render(RolloutMetricsPanel, { rolloutId: "r1", live: true }, analysisKeys.metrics("r1"), data);
    expect(html).toContain("Per segment");
    expect(html).toContain("billing");
    expect(html).toContain("20.00 %");
  });

  it("runs table shows the latest verdict per gate with its reason", () => {
    const run = {
      id: "a",
      gate: "error-rate",
      verdict: "fail",
      stepIndex: 1,
      evidence: { reason: "error rate 20 % vs 1 %", comparisons: [] },
      windowStart: new Date(0).toISOString(),
      windowEnd: new Date(0).toISOString(),
      createdAt: new Date(0).toISOString(),
    };
    const html = render(AnalysisRunsTable, { rolloutId: "r1" }, analysisKeys.runs("r1"), { runs: [run] });
    expect(html).toContain("error rate 20 % vs 1 %");
    expect(html).toContain("fail");
  });
});
