// Shared field shapes for every schemas.ts: bounded, and free of markup.
import { z } from "zod";

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

export const descriptionField = z
  .string()
  .trim()
  .max(2000, "At most 2000 characters")
  .regex(/^[^<>\u0000-\u0008\u000b\u000c\u000e-\u001f]*$/, "Must not contain < or >")
  .default("");

export const idField = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid id");

export const urlField = z
  .string()
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
