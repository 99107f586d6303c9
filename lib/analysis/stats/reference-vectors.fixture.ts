import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";

/**
 * Test-only loader for ./reference/reference-vectors.json (scipy / gbstats /
 * Kayenta reference values; provenance in reference/README.md).
 */
export interface Tolerance {
  rel?: number;
  abs?: number;
}

/** A decoded JSON value of the vectors file; tests read its fields by the names the file uses. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the file's shape varies per group
type JsonValue = any;

export interface ReferenceCase {
  group: string;
  name: string;
  inputs: Record<string, JsonValue>;
  expected: Record<string, JsonValue>;
  tolerance: Tolerance;
}

const FILE = path.resolve(import.meta.dirname, "reference/reference-vectors.json");

let loaded: ReferenceCase[] | undefined;

export function allCases(): ReferenceCase[] {
  loaded ??= (JSON.parse(readFileSync(FILE, "utf8")).cases as ReferenceCase[]).map((c) => ({
    ...c,
    inputs: decode(c.inputs),
    expected: decode(c.expected),
  }));
  return loaded;
}

/**
 * Reference cases whose code is not in the product, by "group" or "group/case", with why. The
 * vectors were written for a wider engine; Switchyard keeps only the statistics its gates, A/B
 * report, bandits and charts run, and the vectors test exactly that.
 */
export const NOT_RUN: Record<string, string> = {
  mann_whitney_u:
    "routers report latency histograms, not samples; gates test the histogram tail share with the sequential test",
  kayenta_mann_whitney_ci: "as mann_whitney_u: no rank test over raw samples in the product",
  kayenta_scoring:
    "gates decide per metric with Holm-corrected sequential tests; there is no weighted Kayenta-style score",
  two_proportion_z_test:
    "proportions are compared with the always-valid sequential test (gates) and gbstats' t-test (A/B report)",
  "sample_size/growthbook_power_relative_cr0.10_lift10pct_n15000":
    "the A/B report plans with the two-proportion sample size and power below, not GrowthBook's relative power",
  "drift/psi_chi_square_critical_values_10bins": "the charts grade PSI by its bands (0.1, 0.25)",
};

export function isRun(c: ReferenceCase): boolean {
  return !(c.group in NOT_RUN) && !(`${c.group}/${c.name}` in NOT_RUN);
}

/** Cases of one group that the product runs, as [name, case] rows for it.each; throws if none. */
export function casesOf(group: string): [string, ReferenceCase][] {
  const rows = allCases()
    .filter((c) => c.group === group && isRun(c))
    .map((c) => [c.name, c] as [string, ReferenceCase]);
  if (rows.length === 0) throw new Error(`no reference cases in group ${group}`);
  return rows;
}

/**
 * Deep comparison: every key of `expected` must exist in `actual`; numbers within
 * tolerance, everything else equal. Missing keys fail, so no expected value goes unchecked.
 */
export function expectClose(actual: unknown, expected: unknown, tol: Tolerance, where = "value"): void {
  if (typeof expected === "number") {
    expect(typeof actual, `${where} should be a number`).toBe("number");
    const a = actual as number;
    if (Number.isNaN(expected) || !Number.isFinite(expected)) {
      expect(a, where).toBe(expected);
      return;
    }
    const limit = (tol.abs ?? 0) + (tol.rel ?? 0) * Math.abs(expected);
    expect(Math.abs(a - expected), `${where}: got ${a}, expected ${expected} (±${limit})`).toBeLessThanOrEqual(limit);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${where} should be an array`).toBe(true);
    expect((actual as unknown[]).length, `${where} length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, tol, `${where}[${i}]`));
  } else if (expected !== null && typeof expected === "object") {
    for (const [k, e] of Object.entries(expected)) {
      expect(actual as object, `${where} is missing ${k}`).toHaveProperty([k]);
      expectClose((actual as Record<string, unknown>)[k], e, tol, `${where}.${k}`);
    }
  } else {
    expect(actual, where).toEqual(expected);
  }
}

/**
 * `expected` without `keys`: values a reference case computes that the product doesn't (say why
 * at the call). Fails if a key is absent, so an omission can't outlive the value it names.
 */
export function except(expected: Record<string, JsonValue>, keys: string[]): Record<string, JsonValue> {
  const rest = { ...expected };
  for (const key of keys) {
    expect(expected, `reference value ${key}`).toHaveProperty([key]);
    delete rest[key];
  }
  return rest;
}

function decode(v: JsonValue): JsonValue {
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  if (v === "NaN") return NaN;
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  return v;
}
