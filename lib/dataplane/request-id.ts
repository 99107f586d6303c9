// The request id every Switchyard router puts on every answer (`x-switchyard-request-id`), so an
// outcome that arrives minutes or days later can be attributed to the rollout and the variant that
// served it from the id alone: nothing is stored per request, and the built-in router, HAProxy and
// NGINX all write the same shape from what their config already holds. Pure; safe on the hot path.
//
//   sy1:<rollout id or ->:<variant key>:<served at, ms since epoch>:<nonce>
//   sy1:cm4q2x0ab0001l708hz3c9kfd:challenger:1764759000123:k3j9a2-1f
//
// ":" never occurs in rollout ids (cuid) nor in variant keys ([A-Za-z0-9_.-]), so the fields split
// unambiguously; the nonce makes the id unique per request (a per-process random prefix and a
// counter on the built-in router, $request_id on NGINX, a random UUID on HAProxy). The id is not
// signed: whoever can post outcomes can already name a variant, so a signature would protect
// nothing the ingest token doesn't (see docs/concepts/outcomes.md).

export const REQUEST_ID_HEADER = "x-switchyard-request-id";
export const REQUEST_ID_VERSION = "sy1";
/** Stands for "no rollout": the system served its champion alone. */
export const NO_ROLLOUT = "-";

export interface ParsedRequestId {
  rolloutId: string | null;
  variant: string;
  servedAt: Date;
}

/** The part of the id that is the same for every request a variant serves under one config. */
export function requestIdPrefix(rolloutId: string | null, variant: string): string {
  return `${REQUEST_ID_VERSION}:${rolloutId ?? NO_ROLLOUT}:${variant}:`;
}

/** A whole id; `nonce` must be unique per request among those served in the same millisecond. */
export function formatRequestId(rolloutId: string | null, variant: string, servedAtMs: number, nonce: string): string {
  return `${requestIdPrefix(rolloutId, variant)}${servedAtMs}:${nonce}`;
}

const PATTERN = /^sy1:([A-Za-z0-9_-]{1,100}):([A-Za-z0-9_.-]{1,64}):(\d{10,16}):([A-Za-z0-9_.-]{1,64})$/;

/** The rollout, variant and serve time an id names; null for anything that isn't one (a caller's own id). */
export function parseRequestId(id: string): ParsedRequestId | null {
  const m = PATTERN.exec(id);
  if (!m) return null;
  const servedAt = new Date(Number(m[3]));
  if (Number.isNaN(servedAt.getTime())) return null;
  return { rolloutId: m[1] === NO_ROLLOUT ? null : m[1], variant: m[2], servedAt };
}

/**
 * Unique nonces for one router process: a random prefix drawn at start (so two processes, or one
 * restarted, never repeat each other) and a base-36 counter. No allocation beyond the string.
 */
export function nonceSource(random: () => number = Math.random): () => string {
  const prefix = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, "0");
  let counter = 0;
  return () => `${prefix}-${(counter++).toString(36)}`;
}
