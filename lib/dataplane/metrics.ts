import { LATENCY_BUCKET_BOUNDS_MS, latencyBucketIndex } from "./latency-buckets";
import { REPORT_BUCKET_SECONDS, type ReportCell } from "./report-schema";

// Per (variant, segment) counters kept twice: running totals for Prometheus, and deltas per
// (rollout, 10 s bucket) that the reporter drains. Label values coming from requests (segments,
// predictions) are capped so one noisy header can't grow memory without bound.

const MAX_SEGMENTS_PER_VARIANT = 64;
const MAX_PREDICTION_VALUES = 64;
const MAX_LABEL_LENGTH = 64;
export const OVERFLOW_LABEL = "__other__";
const BUCKET_MS = REPORT_BUCKET_SECONDS * 1000;

export class Cell {
  requests = 0;
  errors = 0;
  latencySumMs = 0;
  readonly latencyBuckets = new Array<number>(LATENCY_BUCKET_BOUNDS_MS.length + 1).fill(0);
  mirrored = 0;
  agreements = 0;
  readonly predictions = new Map<string, number>();
}

type CellTree = Map<string, Map<string, Cell>>;

interface Window {
  rolloutId: string | null;
  bucketStartMs: number;
  cells: CellTree;
}

export interface DrainedWindow {
  rolloutId: string | null;
  cells: ReportCell[];
}

export class Metrics {
  private readonly totals: CellTree = new Map();
  private window: Window | null = null;
  private closed: Window[] = [];
  /** Router-wide counters, exposed as-is. */
  readonly counters = {
    mirrorDropped: 0,
    mirrorSkipped: 0,
    captureSkipped: 0,
    noConfig: 0,
    clientAborts: 0,
    reportsSent: 0,
    reportsFailed: 0,
    reportsDropped: 0,
  };

  /** Windowed deltas are kept only while a reporter drains them. */
  reporting = false;
  private readonly scratch = new Cell();

  constructor(private readonly now: () => number = Date.now) {}

  /** One served (or mirrored) request finished. */
  recordRequest(rolloutId: string | null, variant: string, segment: string, latencyMs: number, isError: boolean): void {
    const b = latencyBucketIndex(latencyMs);
    for (const cell of this.cellsFor(rolloutId, variant, segment)) {
      cell.requests++;
      if (isError) cell.errors++;
      cell.latencySumMs += latencyMs;
      cell.latencyBuckets[b]++;
    }
  }

  recordPrediction(rolloutId: string | null, variant: string, segment: string, value: string): void {
    const v = value.length > MAX_LABEL_LENGTH ? value.slice(0, MAX_LABEL_LENGTH) : value;
    for (const cell of this.cellsFor(rolloutId, variant, segment)) {
      const n = cell.predictions.get(v);
      if (n !== undefined) cell.predictions.set(v, n + 1);
      else if (cell.predictions.size < MAX_PREDICTION_VALUES) cell.predictions.set(v, 1);
      else cell.predictions.set(OVERFLOW_LABEL, (cell.predictions.get(OVERFLOW_LABEL) ?? 0) + 1);
    }
  }

  /** A mirrored answer was compared with the primary's prediction. */
  recordComparison(rolloutId: string | null, variant: string, segment: string, agreed: boolean): void {
    for (const cell of this.cellsFor(rolloutId, variant, segment)) {
      cell.mirrored++;
      if (agreed) cell.agreements++;
    }
  }

  /** Takes every delta recorded so far, grouped by rollout, oldest bucket first. */
  drain(): DrainedWindow[] {
    const windows = this.window ? [...this.closed, this.window] : this.closed;
    this.closed = [];
    this.window = null;
    const byRollout = new Map<string | null, ReportCell[]>();
    for (const w of windows) {
      const list = byRollout.get(w.rolloutId) ?? [];
      byRollout.set(w.rolloutId, list);
      const bucketStart = new Date(w.bucketStartMs).toISOString();
      for (const [variant, segs] of w.cells) {
        for (const [segment, c] of segs) list.push(toReportCell(variant, segment, bucketStart, c));
      }
    }
    return [...byRollout].map(([rolloutId, cells]) => ({ rolloutId, cells }));
  }

  /** Running totals as Prometheus text exposition format. */
  toPrometheus(gauges: Record<string, number> = {}): string {
    const out: string[] = [];
    const series = (name: string, help: string, type: string) =>
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    const each = (fn: (labels: string, c: Cell) => void) => {
      for (const [variant, segs] of this.totals) {
        for (const [segment, c] of segs) fn(`variant="${esc(variant)}",segment="${esc(segment)}"`, c);
      }
    };
    series(
      "switchyard_requests_total",
      "Requests answered per variant and segment (mirrored calls count on the shadow variant).",
      "counter",
    );
    each((l, c) => out.push(`switchyard_requests_total{${l}} ${c.requests}`));
    series("switchyard_errors_total", "Upstream 5xx answers and connection failures.", "counter");
    each((l, c) => out.push(`switchyard_errors_total{${l}} ${c.errors}`));
    series(
      "switchyard_request_duration_seconds",
      "Latency from request arrival to the end of the answer.",
      "histogram",
    );
    each((l, c) => {
      let cum = 0;
      LATENCY_BUCKET_BOUNDS_MS.forEach((bound, i) => {
        cum += c.latencyBuckets[i];
        out.push(`switchyard_request_duration_seconds_bucket{${l},le="${bound / 1000}"} ${cum}`);
      });
      out.push(`switchyard_request_duration_seconds_bucket{${l},le="+Inf"} ${c.requests}`);
      out.push(`switchyard_request_duration_seconds_sum{${l}} ${c.latencySumMs / 1000}`);
      out.push(`switchyard_request_duration_seconds_count{${l}} ${c.requests}`);
    });
    series("switchyard_mirror_compared_total", "Shadow answers compared with the primary's prediction.", "counter");
    each((l, c) => out.push(`switchyard_mirror_compared_total{${l}} ${c.mirrored}`));
    series("switchyard_mirror_agreements_total", "Shadow answers whose prediction equalled the primary's.", "counter");
    each((l, c) => out.push(`switchyard_mirror_agreements_total{${l}} ${c.agreements}`));
    series("switchyard_predictions_total", "Captured prediction values.", "counter");
    each((l, c) => {
      for (const [p, n] of c.predictions) out.push(`switchyard_predictions_total{${l},prediction="${esc(p)}"} ${n}`);
    });
    const flat: Record<string, number> = {
      switchyard_mirror_dropped_total: this.counters.mirrorDropped,
      switchyard_mirror_skipped_total: this.counters.mirrorSkipped,
      switchyard_capture_skipped_total: this.counters.captureSkipped,
      switchyard_no_config_responses_total: this.counters.noConfig,
      switchyard_client_aborts_total: this.counters.clientAborts,
      switchyard_reports_sent_total: this.counters.reportsSent,
      switchyard_reports_failed_total: this.counters.reportsFailed,
      switchyard_reports_dropped_total: this.counters.reportsDropped,
      ...gauges,
    };
    for (const [name, v] of Object.entries(flat)) {
      series(name, name.replaceAll("_", " "), name.endsWith("_total") ? "counter" : "gauge");
      out.push(`${name} ${v}`);
    }
    return out.join("\n") + "\n";
  }

  private readonly pair: [Cell, Cell] = [new Cell(), new Cell()];

  /** The running-total cell and the current window's cell; reuses one array (hot path). */
  private cellsFor(rolloutId: string | null, variant: string, segment: string): [Cell, Cell] {
    this.pair[0] = cellIn(this.totals, variant, segment);
    if (!this.reporting) {
      this.pair[1] = this.scratch;
      return this.pair;
    }
    const now = this.now();
    const bucketStartMs = now - (now % BUCKET_MS);
    let w = this.window;
    if (!w || w.bucketStartMs !== bucketStartMs || w.rolloutId !== rolloutId) {
      if (w) this.closed.push(w);
      w = this.window = { rolloutId, bucketStartMs, cells: new Map() };
    }
    this.pair[1] = cellIn(w.cells, variant, segment);
    return this.pair;
  }
}

function cellIn(tree: CellTree, variant: string, segment: string): Cell {
  let segs = tree.get(variant);
  if (!segs) tree.set(variant, (segs = new Map()));
  let cell = segs.get(segment);
  if (!cell) {
    const key = segs.size >= MAX_SEGMENTS_PER_VARIANT ? OVERFLOW_LABEL : segment.slice(0, MAX_LABEL_LENGTH);
    cell = segs.get(key);
    if (!cell) segs.set(key, (cell = new Cell()));
  }
  return cell;
}

function toReportCell(variant: string, segment: string, bucketStart: string, c: Cell): ReportCell {
  return {
    variant,
    segment,
    bucketStart,
    requests: c.requests,
    errors: c.errors,
    latencySumMs: Math.round(c.latencySumMs * 1000) / 1000,
    latencyBuckets: [...c.latencyBuckets],
    mirrored: c.mirrored,
    agreements: c.agreements,
    predictions: Object.fromEntries(c.predictions),
  };
}

function esc(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
