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

export interface ReferenceCase {
  group: string;
  name: string;
  inputs: Record<string, any>;
  expected: Record<string, any>;
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

/** Cases of one group as [name, case] rows for it.each; throws if the group is empty. */
export function casesOf(group: string): [string, ReferenceCase][] {
  const rows = allCases()
    .filter((c) => c.group === group)
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

function decode(v: any): any {
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  if (v === "NaN") return NaN;
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  return v;
}
