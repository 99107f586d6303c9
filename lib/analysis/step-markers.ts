// Where step markers go on a time chart. Steps that start within a moment of each other (a
// canary's phase and weight steps often share one 10 s bucket) become one marker named after the
// latest ("Steps 1–3: weight 10 %"), and markers close enough for their labels to collide get
// their labels on different rows; labels near the right edge run leftwards. Pure.

export interface StepMarker {
  t: number;
  label: string;
}

export interface PlacedStepMarker extends StepMarker {
  /** Label row from the top (0, 1, 2). */
  row: number;
  /** Labels in the right part of the chart run leftwards, so they are not cut off. */
  anchor: "start" | "end";
}

/** Steps closer than this share a marker: a chart point is a 10 s bucket. */
const SAME_MOMENT_MS = 10_000;
/** Beyond this share of the time range a label runs leftwards. */
const RIGHT_PART = 0.6;
/** Labels of markers closer than this share of the time range would overlap. */
const LABEL_SPAN = 0.3;
const ROWS = 3;

export function placeStepMarkers(steps: StepMarker[], range: { from: number; to: number }): PlacedStepMarker[] {
  const sorted = [...steps].sort((a, b) => a.t - b.t);
  const merged: { t: number; label: string; first: string | null; count: number }[] = [];
  for (const s of sorted) {
    const last = merged.at(-1);
    if (last && s.t - last.t < SAME_MOMENT_MS) {
      last.first ??= stepNumber(last.label);
      last.count++;
      last.t = s.t;
      last.label = s.label;
    } else merged.push({ ...s, first: null, count: 1 });
  }
  const width = Math.max(range.to - range.from, 1);
  const placed: PlacedStepMarker[] = [];
  for (const m of merged) {
    const prev = placed.at(-1);
    const row = prev && (m.t - prev.t) / width < LABEL_SPAN ? (prev.row + 1) % ROWS : 0;
    const label = m.count > 1 && m.first ? m.label.replace(/^Step (\d+)/, `Steps ${m.first}–$1`) : m.label;
    placed.push({ t: m.t, label, row, anchor: (m.t - range.from) / width > RIGHT_PART ? "end" : "start" });
  }
  return placed;
}

function stepNumber(label: string): string | null {
  return /^Step (\d+)/.exec(label)?.[1] ?? null;
}
