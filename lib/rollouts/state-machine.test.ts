import { describe, expect, it } from "vitest";
import type { RolloutStatus } from "@/lib/strategies/plan";
import {
  allowedCommands,
  IllegalTransitionError,
  isActive,
  isInFlight,
  isTerminal,
  isUnderWay,
  transition,
  TRANSITIONS,
  voidsApprovals,
  type RolloutCommand,
} from "./state-machine";

const STATUSES = Object.keys(TRANSITIONS) as RolloutStatus[];
const COMMANDS: RolloutCommand[] = [
  "submit",
  "approve",
  "start",
  "pause",
  "resume",
  "promote",
  "advance",
  "complete",
  "abort",
  "rollback",
  "edit",
];

const LEGAL: [RolloutStatus, RolloutCommand, RolloutStatus][] = [
  ["draft", "submit", "awaiting_approval"],
  ["draft", "edit", "draft"],
  ["draft", "abort", "aborted"],
  ["awaiting_approval", "approve", "ready"],
  ["awaiting_approval", "edit", "draft"],
  ["awaiting_approval", "abort", "aborted"],
  ["ready", "start", "progressing"],
  ["ready", "edit", "draft"],
  ["ready", "abort", "aborted"],
  ["progressing", "pause", "paused"],
  ["progressing", "advance", "progressing"],
  ["progressing", "promote", "promoting"],
  ["progressing", "complete", "completed"],
  ["progressing", "abort", "aborted"],
  ["progressing", "rollback", "rolled_back"],
  ["paused", "resume", "progressing"],
  ["paused", "abort", "aborted"],
  ["paused", "rollback", "rolled_back"],
  ["promoting", "complete", "completed"],
  ["promoting", "rollback", "rolled_back"],
];

describe("transition", () => {
  it.each(LEGAL)("%s + %s → %s", (from, command, to) => {
    expect(transition(from, command)).toBe(to);
  });

  const illegal = STATUSES.flatMap((s) => COMMANDS.map((c) => [s, c] as const)).filter(
    ([s, c]) => !LEGAL.some(([from, command]) => from === s && command === c),
  );
  it.each(illegal)("%s refuses %s with a reason", (status, command) => {
    let error: unknown;
    try {
      transition(status, command);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IllegalTransitionError);
    const e = error as IllegalTransitionError;
    expect(e.status).toBe(status);
    expect(e.command).toBe(command);
    expect(e.message).toMatch(/^Can't .+: .+/);
    expect(e.message).not.toMatch(/not allowed$/);
  });

  it("covers the whole table: every pair is either legal or refused", () => {
    expect(LEGAL.length + illegal.length).toBe(STATUSES.length * COMMANDS.length);
  });

  it("says what to do instead", () => {
    expect(() => transition("paused", "promote")).toThrow("Can't promote a rollout that is paused: resume it first");
    expect(() => transition("draft", "start")).toThrow("submit it for approval first");
    expect(() => transition("awaiting_approval", "start")).toThrow("still needs its approvals");
    expect(() => transition("progressing", "edit")).toThrow("abort it and create a new rollout");
    expect(() => transition("promoting", "abort")).toThrow("roll it back instead");
    expect(() => transition("ready", "rollback")).toThrow("nothing to roll back; abort it instead");
    expect(() => transition("completed", "rollback")).toThrow(
      "Can't roll back a rollout that is completed: it has ended",
    );
    expect(() => transition("paused", "pause")).toThrow("already paused");
  });

  it("approves only with enough approvals when counts are given", () => {
    expect(() => transition("awaiting_approval", "approve", { approvals: 1, approvalsRequired: 2 })).toThrow(
      "1 of 2 required approvals",
    );
    expect(transition("awaiting_approval", "approve", { approvals: 2, approvalsRequired: 2 })).toBe("ready");
  });
});

describe("helpers", () => {
  it("terminal states allow nothing", () => {
    for (const s of ["completed", "aborted", "rolled_back"] as const) {
      expect(isTerminal(s)).toBe(true);
      expect(allowedCommands(s)).toEqual([]);
    }
    expect(isTerminal("paused")).toBe(false);
  });

  it("lists allowed commands", () => {
    expect(allowedCommands("paused").sort()).toEqual(["abort", "accept", "keep_waiting", "resume", "rollback"]);
  });

  it("a person's decision on an undecided step sets a paused rollout going; a running one stays running", () => {
    for (const command of ["keep_waiting", "accept"] as const) {
      expect(transition("paused", command)).toBe("progressing");
      expect(transition("progressing", command)).toBe("progressing");
      expect(() => transition("completed", command)).toThrow(/it has ended/);
      expect(() => transition("ready", command)).toThrow(/start it first/);
    }
  });

  it("editing a submitted or approved plan voids approvals; a draft edit has none to void", () => {
    expect(voidsApprovals("awaiting_approval", "edit")).toBe(true);
    expect(voidsApprovals("ready", "edit")).toBe(true);
    expect(voidsApprovals("draft", "edit")).toBe(false);
    expect(voidsApprovals("ready", "start")).toBe(false);
  });

  it("active = the statuses a rollout can be rolled back from (it serves traffic)", () => {
    const rollbackable = STATUSES.filter((s) => TRANSITIONS[s].rollback !== undefined);
    expect(STATUSES.filter(isActive)).toEqual(rollbackable);
    expect(rollbackable).toEqual(["progressing", "paused", "promoting"]);
  });

  it("under way = approved or active; in flight = submitted and not ended", () => {
    expect(STATUSES.filter(isUnderWay)).toEqual(["ready", "progressing", "paused", "promoting"]);
    expect(STATUSES.filter(isInFlight)).toEqual(STATUSES.filter((s) => s !== "draft" && !isTerminal(s)));
  });
});
