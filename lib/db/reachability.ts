import "server-only";
import { db } from "../db";
import { isDatabaseUnavailable } from "./unavailable";

// Whether the database answers, asked at most once a second (a `SELECT 1` on the app's own pool)
// and remembered in between, so pages can answer 503 while it is away instead of failing halfway
// through rendering. Used by proxy.ts for page requests.

const FRESH_MS = 1_000;
const PROBE_TIMEOUT_MS = 1_500;
const state = globalThis as unknown as { switchyardDbProbe?: { at: number; up: boolean; pending?: Promise<boolean> } };

export async function databaseReachable(): Promise<boolean> {
  const now = Date.now();
  const last = state.switchyardDbProbe;
  if (last && now - last.at < FRESH_MS) return last.up;
  if (last?.pending) return last.pending;
  const pending = probe().then((up) => {
    state.switchyardDbProbe = { at: Date.now(), up };
    return up;
  });
  state.switchyardDbProbe = { ...(last ?? { at: 0, up: true }), pending };
  return pending;
}

async function probe(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRawUnsafe("SELECT 1"),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(Object.assign(new Error("probe timed out"), { code: "ETIMEDOUT" })),
          PROBE_TIMEOUT_MS,
        );
      }),
    ]);
    return true;
  } catch (error) {
    // Another failure (a bug) is not an outage: let the page render and show it.
    return !isDatabaseUnavailable(error);
  } finally {
    clearTimeout(timer);
  }
}
