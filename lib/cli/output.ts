// Terminal output: colours only on a terminal (and never with NO_COLOR or --no-color), aligned
// tables, and --json that prints the API's answer for scripts instead of the human view.
import pc from "picocolors";

export type Colors = ReturnType<typeof pc.createColors>;
type Env = Record<string, string | undefined>;

export interface Output {
  json: boolean;
  c: Colors;
  /** Human lines go to stdout unless --json (then to stderr, so stdout stays parseable). */
  say(line?: string): void;
  /** Prints `value` as JSON when --json; otherwise runs `human`. */
  result(value: unknown, human: () => void): void;
  table(rows: Record<string, unknown>[], columns: { key: string; label: string }[]): void;
}

export function createOutput(options: {
  json: boolean;
  color: boolean;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}): Output {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const c = pc.createColors(options.color);
  const say = (line = "") => (options.json ? stderr : stdout).write(`${line}\n`);
  return {
    json: options.json,
    c,
    say,
    result(value, human) {
      if (options.json) stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else human();
    },
    table(rows, columns) {
      const cells = rows.map((r) => columns.map((col) => String(r[col.key] ?? "")));
      const widths = columns.map((col, i) => Math.max(col.label.length, ...cells.map((row) => visibleLength(row[i]!))));
      say(
        c.dim(
          columns
            .map((col, i) => col.label.toUpperCase().padEnd(widths[i]!))
            .join("  ")
            .trimEnd(),
        ),
      );
      for (const row of cells)
        say(
          row
            .map((cell, i) => padVisible(cell, widths[i]!))
            .join("  ")
            .trimEnd(),
        );
    },
  };
}

/** Colour is for people: on when stdout is a terminal, off with NO_COLOR, forced with FORCE_COLOR. */
export function colorWanted(flag: boolean | undefined, env: Env = process.env, isTTY = process.stdout.isTTY) {
  if (flag === false || "NO_COLOR" in env) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== "0") return true;
  return Boolean(isTTY);
}

const ANSI = /\u001b\[[0-9;]*m/g;

export function visibleLength(s: string): number {
  return s.replace(ANSI, "").length;
}

function padVisible(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - visibleLength(s)));
}

/** "ready_to_go" → "ready to go". */
export function words(s: string | null | undefined): string {
  return (s ?? "").replace(/_/g, " ");
}

export function percent(basisPoints: number): string {
  const p = basisPoints / 100;
  return `${Number.isInteger(p) ? p : p.toFixed(2).replace(/0+$/, "")} %`;
}

export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "";
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}
