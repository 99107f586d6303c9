// Rollout status transitions. The table is the only place a status changes; services call
// transition() and persist its answer, never a status of their own.
import type { RolloutStatus } from "@/lib/strategies/plan";

export type RolloutCommand =
  | "submit"
  | "approve"
  | "start"
  | "pause"
  | "resume"
  | "promote"
  | "advance"
  | "complete"
  | "abort"
  | "rollback"
  | "edit"
  /** Extend the current analysis step's maximum wait and go on waiting for its gates. */
  | "keep_waiting"
  /** A second person confirmed accepting the current step's undecided gates: it completes. */
  | "accept";

/** Ended for good: nothing changes any more. */
export const TERMINAL_STATUSES = ["completed", "aborted", "rolled_back"] as const satisfies readonly RolloutStatus[];
/** Started and not ended: the routers serve the rollout's split, the controller drives it, and it
 * can be rolled back. */
export const ACTIVE_STATUSES = ["progressing", "paused", "promoting"] as const satisfies readonly RolloutStatus[];
/** Approved or active: the rollout holds its system (a new rollout on it waits until this one ends). */
export const UNDER_WAY_STATUSES = ["ready", ...ACTIVE_STATUSES] as const satisfies readonly RolloutStatus[];
/** Submitted and not ended: approvals, the controller or other people may change it at any moment,
 * so pages showing it keep polling. */
export const IN_FLIGHT_STATUSES = [
  "awaiting_approval",
  ...UNDER_WAY_STATUSES,
] as const satisfies readonly RolloutStatus[];

/** status → command → next status. A missing entry is refused with a reason from `REASONS`. */
export const TRANSITIONS: Record<RolloutStatus, Partial<Record<RolloutCommand, RolloutStatus>>> = {
  draft: { submit: "awaiting_approval", edit: "draft", abort: "aborted" },
  awaiting_approval: { approve: "ready", edit: "draft", abort: "aborted" },
  ready: { start: "progressing", edit: "draft", abort: "aborted" },
  progressing: {
    pause: "paused",
    advance: "progressing",
    promote: "promoting",
    complete: "completed",
    abort: "aborted",
    rollback: "rolled_back",
    keep_waiting: "progressing",
    accept: "progressing",
  },
  paused: {
    resume: "progressing",
    keep_waiting: "progressing",
    accept: "progressing",
    abort: "aborted",
    rollback: "rolled_back",
  },
  promoting: { complete: "completed", rollback: "rolled_back" },
  completed: {},
  aborted: {},
  rolled_back: {},
};

/** A command that the rollout's status doesn't allow; `message` says what to do instead. */
export class IllegalTransitionError extends Error {
  constructor(
    readonly status: RolloutStatus,
    readonly command: RolloutCommand,
    message: string,
  ) {
    super(message);
    this.name = "IllegalTransitionError";
  }
}

export interface TransitionContext {
  /** For approve: valid approvals bound to the current plan hash, and how many are required. */
  approvals?: number;
  approvalsRequired?: number;
}

/** The status after `command`, or IllegalTransitionError with a reason a person can act on. */
export function transition(status: RolloutStatus, command: RolloutCommand, ctx: TransitionContext = {}): RolloutStatus {
  const next = TRANSITIONS[status]?.[command];
  if (next === undefined) throw new IllegalTransitionError(status, command, refusal(status, command));
  if (command === "approve" && ctx.approvalsRequired !== undefined && (ctx.approvals ?? 0) < ctx.approvalsRequired) {
    throw new IllegalTransitionError(
      status,
      command,
      `Can't approve the plan yet: it has ${ctx.approvals ?? 0} of ${ctx.approvalsRequired} required approvals`,
    );
  }
  return next;
}

export function canTransition(status: RolloutStatus, command: RolloutCommand): boolean {
  return TRANSITIONS[status]?.[command] !== undefined;
}

/** Commands the status allows, for buttons and API docs. */
export function allowedCommands(status: RolloutStatus): RolloutCommand[] {
  return Object.keys(TRANSITIONS[status] ?? {}) as RolloutCommand[];
}

export function isTerminal(status: RolloutStatus): boolean {
  return includes(TERMINAL_STATUSES, status);
}

/** See ACTIVE_STATUSES. */
export function isActive(status: RolloutStatus): boolean {
  return includes(ACTIVE_STATUSES, status);
}

/** See UNDER_WAY_STATUSES. */
export function isUnderWay(status: RolloutStatus): boolean {
  return includes(UNDER_WAY_STATUSES, status);
}

/** See IN_FLIGHT_STATUSES. */
export function isInFlight(status: RolloutStatus): boolean {
  return includes(IN_FLIGHT_STATUSES, status);
}

/** Editing a submitted or approved plan sends it back to draft: its approvals no longer count. */
export function voidsApprovals(status: RolloutStatus, command: RolloutCommand): boolean {
  return command === "edit" && (status === "awaiting_approval" || status === "ready");
}

const VERBS: Record<RolloutCommand, string> = {
  submit: "submit",
  approve: "approve",
  start: "start",
  pause: "pause",
  resume: "resume",
  promote: "promote",
  advance: "advance",
  complete: "complete",
  abort: "abort",
  rollback: "roll back",
  edit: "edit the plan of",
  keep_waiting: "keep waiting on",
  accept: "accept a step of",
};

const LABELS: Record<RolloutStatus, string> = {
  draft: "a draft",
  awaiting_approval: "awaiting approval",
  ready: "approved and not started",
  progressing: "progressing",
  paused: "paused",
  promoting: "being promoted",
  completed: "completed",
  aborted: "aborted",
  rolled_back: "rolled back",
};

/** What to do instead, by status then command; `*` is the status's fallback. */
const HINTS: Partial<Record<RolloutStatus, Partial<Record<RolloutCommand | "*", string>>>> = {
  draft: { approve: "submit it for approval first", start: "submit it for approval first", "*": "it has not started" },
  awaiting_approval: {
    submit: "it is already submitted",
    start: "it still needs its approvals",
    "*": "it has not started",
  },
  ready: { approve: "it is already approved", submit: "it is already approved", "*": "start it first" },
  progressing: {
    resume: "it is not paused",
    edit: "abort it and create a new rollout with the new plan",
    "*": "it is already running",
  },
  paused: {
    pause: "it is already paused",
    edit: "abort it and create a new rollout with the new plan",
    "*": "resume it first",
  },
  promoting: {
    abort: "roll it back instead",
    pause: "roll it back if it must stop",
    "*": "it is already going to 100 %",
  },
};

function refusal(status: RolloutStatus, command: RolloutCommand): string {
  const what = `Can't ${VERBS[command]} a rollout that is ${LABELS[status] ?? status}`;
  if (isTerminal(status)) return `${what}: it has ended; create a new rollout`;
  if (command === "rollback" && !isActive(status)) {
    return `${what}: it never served traffic, so there is nothing to roll back; abort it instead`;
  }
  const hints = HINTS[status] ?? {};
  return `${what}: ${hints[command] ?? hints["*"] ?? "not allowed"}`;
}

function includes(list: readonly RolloutStatus[], status: RolloutStatus): boolean {
  return list.includes(status);
}
