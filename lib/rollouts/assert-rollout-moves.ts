// A command that sets a paused rollout going again (resume, keep waiting, an accepted override)
// must either move it or say exactly why it can't: never hand it to the controller only to be
// paused again a moment later for the same reason. Runs reconcile, the controller's own pure
// rules, on the state the command is about to commit.
import type { Tx } from "../db/create-client";
import { PreconditionFailedError } from "../errors";
import { loadSnapshot } from "../controller/load-snapshot";
import { reconcile } from "../controller/reconcile";

/** Throws PreconditionFailedError (412) with the pause the controller would make at once, if any. */
export async function assertRolloutMoves(tx: Tx, rolloutId: string, what: string, now = new Date()): Promise<void> {
  const snapshot = await loadSnapshot(tx, rolloutId);
  const pause = reconcile(snapshot, now).find((i) => i.type === "pause");
  if (!pause || pause.type !== "pause") return;
  throw new PreconditionFailedError(
    `Can't ${what}: it would stop again at once. ${pause.reason.replace(/\.?$/, ".")} ${nextMoves(pause.reason)}`,
  );
}

function nextMoves(reason: string): string {
  if (/waited its maximum/.test(reason))
    return "Keep waiting (extend the step's maximum wait), accept the step with a reason a second person confirms, roll back, or abort.";
  if (/still can't decide/.test(reason))
    return "Keep waiting for more data, accept the step with a reason a second person confirms, roll back, or abort.";
  if (/Kill switch/.test(reason)) return "Turn the kill switch off first, or abort.";
  return "Fix the cause first, or roll back or abort.";
}
