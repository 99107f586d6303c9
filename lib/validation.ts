// Shared field shapes for every schemas.ts: bounded, free of markup and of control characters.
import { z } from "zod";

/**
 * Control characters other than tab, line feed and carriage return: NUL (which Postgres refuses in
 * text and JSON), the other C0 controls and DEL. No person types them; a client that sends one gets
 * a 400 naming the field instead of a database error.
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const WITHOUT_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
export const CONTROL_CHARACTER_REASON = "Must not contain control characters (such as NUL)";

/** The one text field: a string that refuses control characters. Every schema's free text starts here. */
export const text = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).regex(WITHOUT_CONTROL_CHARACTERS, CONTROL_CHARACTER_REASON);

/** Where in a JSON value (keys included) a control character is, as a path; undefined when none.
 * On the hot path of every body (ingest batches included): one pass, a path built only on a find. */
export function controlCharacterPath(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  const stack: (string | number)[] = [...path];
  return walk(value, stack) ? stack : undefined;
}

function walk(value: unknown, stack: (string | number)[]): boolean {
  if (typeof value === "string") return CONTROL_CHARACTER.test(value);
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (found(value[i], i, stack)) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (CONTROL_CHARACTER.test(key)) {
      stack.push(key);
      return true;
    }
    if (found(record[key], key, stack)) return true;
  }
  return false;
}

/** Whether `v` (at `at` in its parent) holds a control character; leaves its path on the stack if so. */
function found(v: unknown, at: string | number, stack: (string | number)[]): boolean {
  if (typeof v !== "string" && (typeof v !== "object" || v === null)) return false;
  stack.push(at);
  if (walk(v, stack)) return true;
  stack.pop();
  return false;
}

/**
 * Whether JSON text may hold a control character once parsed: JSON carries one only as a \u escape,
 * \b or \f (raw C0 characters are not valid JSON inside strings) or a raw DEL. One scan of the text, so a
 * clean body (nearly all of them, ingest batches included) is never walked value by value.
 */
export function jsonTextMayHoldControlCharacters(text: string): boolean {
  return /\\(?:u00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])|[bf])|\u007f/.test(text);
}

/** Any JSON value (a body, free-form settings) with no control character in any string or key. */
export const controlFreeJson = z.unknown().superRefine((value, ctx) => {
  const path = controlCharacterPath(value);
  if (path) ctx.addIssue({ code: "custom", message: CONTROL_CHARACTER_REASON, path });
});

const NO_MARKUP = /^[^<>{}\u0000-\u001f\u007f]*$/;

export const nameField = (max = 120) =>
  z
    .string()
    .trim()
    .min(1, "Required")
    .max(max, `At most ${max} characters`)
    .regex(NO_MARKUP, "Must not contain <, >, braces or control characters");

export const slugField = z
  .string()
  .trim()
  .min(2, "At least 2 characters")
  .max(60, "At most 60 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Lowercase letters, digits and single dashes");

export const descriptionField = text()
  .trim()
  .max(2000, "At most 2000 characters")
  .regex(/^[^<>]*$/, "Must not contain < or >")
  .default("");

export const idField = text()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid id");

export const urlField = text()
  .trim()
  .max(2000, "At most 2000 characters")
  .refine((v) => {
    try {
      new URL(v);
      return true;
    } catch {
      return false;
    }
  }, "Must be a URL");

/** `value` (a select's string) when it is one of `options`, else undefined: narrows without a cast. */
export function oneOf<T extends string>(options: readonly T[], value: string): T | undefined {
  return options.find((option) => option === value);
}
