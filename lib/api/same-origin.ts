// Cookie-authenticated writes must come from this site's own pages (CSRF): a write (any method but
// GET, HEAD, OPTIONS) without a bearer token whose Origin names another host — or, without an
// Origin, whose Sec-Fetch-Site says cross-site — is refused with 403 before it reaches a verb.
// Bearer-token calls are unaffected: a browser never attaches a token on its own. Pure; used by
// the REST glue (lib/api/route.ts) and, for server actions, by proxy.ts.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The foreign origin a cookie-authenticated write came from, or null when it may go on. */
export function foreignOrigin(headers: Headers, method: string): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (/^bearer\s/i.test(headers.get("authorization") ?? "")) return null;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const origin = headers.get("origin");
  if (origin !== null) {
    if (origin === "null") return "an opaque origin";
    try {
      return new URL(origin).host === host ? null : origin;
    } catch {
      return origin;
    }
  }
  return headers.get("sec-fetch-site") === "cross-site" ? "another site" : null;
}

export const FOREIGN_ORIGIN_MESSAGE = (origin: string) =>
  `Refused: this change came from ${origin}, not from Switchyard's own pages. Sign in here and try again, or use an API token.`;
