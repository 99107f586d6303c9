// approvals list | approve, checklist [show] | sign | check, rollback request | confirm | cancel | review | list.
import type { Command } from "commander";
import { stepLabel } from "../../../components/rollouts/step-label";
import type { Governance, RollbackRequest } from "../api-types";
import { contextOf, requireToken } from "../context";
import { CliError, EXIT } from "../exit-codes";
import { percent, words } from "../output";
import { resolveRollout } from "../resolve-rollout";

interface Inbox {
  rollouts: {
    id: string;
    name: string;
    status: string;
    system: string;
    author: { name: string };
    valid: number;
    needed: number;
    approvedByMe: boolean;
    manualToSign: number;
    requiredDone: number;
    requiredTotal: number;
  }[];
  pendingRollbacks: {
    id: string;
    reason: string;
    requestedBy: { name: string };
    rollout: { name: string; system: string };
  }[];
  breakGlassToReview: { id: string; reason: string; requestedBy: { name: string }; rollout: { name: string } }[];
}

export function registerGovernance(program: Command) {
  const approvals = program.command("approvals").alias("approval").description("plans waiting for approval");

  approvals
    .command("list")
    .alias("ls")
    .description("what waits for you: plans to approve, rollbacks to confirm, break-glass rollbacks to review")
    .action(async (_opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const inbox = await ctx.client.get<Inbox>("/api/v1/approvals");
      ctx.out.result(inbox, () => {
        const { c, say } = ctx.out;
        const plans = inbox.rollouts.filter((r) => r.status !== "draft");
        say(c.bold(`Plans to approve (${plans.length})`));
        if (plans.length)
          ctx.out.table(
            plans.map((r) => ({
              name: r.name,
              system: r.system,
              status: words(r.status),
              approvals: `${r.valid} of ${r.needed}${r.approvedByMe ? " (yours)" : ""}`,
              checklist: `${r.requiredDone}/${r.requiredTotal}`,
              author: r.author.name,
              id: c.dim(r.id),
            })),
            ["name", "system", "status", "approvals", "checklist", "author", "id"].map((k) => ({ key: k, label: k })),
          );
        say(c.bold(`Rollbacks to confirm (${inbox.pendingRollbacks.length})`));
        for (const r of inbox.pendingRollbacks)
          say(`  ${r.rollout.name} (${r.rollout.system}) · asked by ${r.requestedBy.name}: ${r.reason} ${c.dim(r.id)}`);
        say(c.bold(`Break-glass rollbacks to review (${inbox.breakGlassToReview.length})`));
        for (const r of inbox.breakGlassToReview)
          say(`  ${r.rollout.name} · by ${r.requestedBy.name}: ${r.reason} ${c.dim(r.id)}`);
      });
    });

  approvals
    .command("approve")
    .description("approve the plan you reviewed (shown first); bound to its hash, so a changed plan is refused")
    .argument("<rollout>", "id or name")
    .option("--system <slug>", "when the name is used on several systems")
    .option("--plan-hash <hash>", "the plan hash you reviewed (from `rollouts get --json`)")
    .option("--comment <text>", "a note for the record", "")
    .option("-y, --yes", "don't ask for confirmation (the plan shown is the one approved)")
    .action(async (ref: string, opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const r = await resolveRollout(ctx, ref, opts.system);
      const planHash: string = opts.planHash ?? r.planHash;
      if (!opts.planHash) {
        ctx.out.say(`Plan of “${r.name}” (${words(r.strategy)}, ${planHash.slice(0, 10)}):`);
        for (const s of r.steps) ctx.out.say(`  ${String(s.index + 1).padStart(2)}. ${stepLabel(s.kind, s.params)}`);
        if (!opts.yes) await confirm("Approve this plan? [y/N] ");
      }
      const res = await ctx.client.post<{ approval: { id: string }; ready: boolean }>(
        `/api/v1/rollouts/${r.id}/approvals`,
        { planHash, comment: opts.comment },
      );
      ctx.out.result(res, () =>
        ctx.out.say(
          `${ctx.out.c.green("✓")} Approved “${r.name}” (plan ${planHash.slice(0, 10)})${res.ready ? " · it is ready to start" : ""}`,
        ),
      );
    });

  const checklist = program.command("checklist").description("a rollout's pre-deployment checklist");
  checklist
    .command("show", { isDefault: true })
    .description("items, who signed them, and what still blocks the start")
    .argument("<rollout>", "id or name")
    .option("--system <slug>", "when the name is used on several systems")
    .action(async (ref: string, opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const r = await resolveRollout(ctx, ref, opts.system);
      const g = await ctx.client.get<Governance>(`/api/v1/rollouts/${r.id}/governance`);
      ctx.out.result(g, () => {
        const { c, say } = ctx.out;
        let section = "";
        for (const i of g.checklist) {
          if (i.section !== section) say(c.bold((section = i.section)));
          const mark =
            i.status === "signed" || i.status === "verified"
              ? c.green("✓")
              : i.status === "failed"
                ? c.red("✗")
                : c.dim("·");
          const who = i.signedBy
            ? c.dim(` signed by ${i.signedBy}`)
            : i.verification !== "manual"
              ? c.dim(" (checked by Switchyard)")
              : "";
          say(`  ${mark} ${i.label}${i.required ? "" : c.dim(" (optional)")}${who} ${c.dim(i.id)}`);
        }
        say(`Approvals: ${g.validApprovals} of ${g.requiredApprovals}`);
        for (const b of g.blockers) say(c.yellow(`  ${b}`));
      });
    });

  checklist
    .command("sign")
    .description("sign manual checklist items with what you checked (or an evidence link)")
    .argument("<rollout>", "id or name")
    .argument("[items...]", "item ids or labels; --all for every unsigned manual item")
    .option("--system <slug>", "when the name is used on several systems")
    .option("--all", "every manual item not signed yet")
    .option("--note <text>", "what you checked (each item records it)", "")
    .option("--evidence <url>", "a link to the evidence", "")
    .action(async (ref: string, items: string[], opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const r = await resolveRollout(ctx, ref, opts.system);
      const g = await ctx.client.get<Governance>(`/api/v1/rollouts/${r.id}/governance`);
      const manual = g.checklist.filter((i) => i.verification === "manual");
      const chosen = opts.all
        ? manual.filter((i) => i.status === "pending")
        : items.map((ref) => {
            const hit =
              manual.find((i) => i.id === ref) ?? manual.find((i) => i.label.toLowerCase() === ref.toLowerCase());
            if (!hit) throw new CliError(`No manual checklist item “${ref}” on “${r.name}”.`, EXIT.notFound);
            return hit;
          });
      if (!chosen.length) throw new CliError("Nothing to sign: name items or pass --all.", EXIT.usage);
      let ready = false;
      for (const item of chosen) {
        const res = await ctx.client.post<{ ready: boolean }>(`/api/v1/checklist-items/${item.id}/sign`, {
          note: opts.note,
          evidenceUrl: opts.evidence,
        });
        ready = res.ready;
        if (!ctx.out.json) ctx.out.say(`${ctx.out.c.green("✓")} ${item.label}`);
      }
      ctx.out.result({ signed: chosen.map((i) => i.id), ready }, () =>
        ctx.out.say(
          `Signed ${chosen.length} item${chosen.length === 1 ? "" : "s"} of “${r.name}”${ready ? " · it is ready to start" : ""}.`,
        ),
      );
    });

  checklist
    .command("check")
    .description("run the items Switchyard verifies itself (offline metrics, routers, health, rollback plan)")
    .argument("<rollout>", "id or name")
    .option("--system <slug>", "when the name is used on several systems")
    .action(async (ref: string, opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const r = await resolveRollout(ctx, ref, opts.system);
      const res = await ctx.client.post<{ outcomes: { label: string; status: string; summary: string }[] }>(
        `/api/v1/rollouts/${r.id}/checklist/checks`,
      );
      ctx.out.result(res, () => {
        for (const o of res.outcomes)
          ctx.out.say(
            `${o.status === "verified" ? ctx.out.c.green("✓") : ctx.out.c.red("✗")} ${o.label} ${ctx.out.c.dim(o.summary)}`,
          );
      });
      if (res.outcomes.some((o) => o.status === "failed")) process.exitCode = EXIT.refused;
    });

  const rollback = program.command("rollback").description("two-person rollbacks (and break-glass)");
  rollback
    .command("request")
    .description("ask for a rollback; a second person confirms it (--break-glass: roll back at once, reviewed later)")
    .argument("<rollout>", "id or name")
    .option("--system <slug>", "when the name is used on several systems")
    .requiredOption("--reason <text>", "why (at least 10 characters; 20 for break-glass)")
    .option("--break-glass", "roll back now without a second person; flagged for review")
    .action(async (ref: string, opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const r = await resolveRollout(ctx, ref, opts.system);
      const { rollbackRequest: req } = await ctx.client.post<{ rollbackRequest: RollbackRequest }>(
        `/api/v1/rollouts/${r.id}/rollback-requests`,
        { reason: opts.reason, breakGlass: Boolean(opts.breakGlass) },
      );
      ctx.out.result(req, () =>
        ctx.out.say(
          req.breakGlass
            ? `${ctx.out.c.red("⚠")} Break-glass rollback of “${r.name}” ${words(req.status)}: ${weights(req)} · to be reviewed by someone else`
            : `${ctx.out.c.green("✓")} Rollback of “${r.name}” requested (${req.id}); another person confirms it with \`switchyard rollback confirm ${req.id}\``,
        ),
      );
    });

  rollback
    .command("confirm")
    .description("confirm someone else's rollback request; it executes at once")
    .argument("<request>", "the request id, or the rollout (id or name) whose request is pending")
    .option("--system <slug>", "when a rollout name is used on several systems")
    .action(async (ref: string, opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const requestId = await pendingRequestId(ctx, ref, opts.system);
      const res = await ctx.client.post<{
        rollbackRequest: RollbackRequest;
        routers: { router: string; ok: boolean }[];
      }>(`/api/v1/rollback-requests/${requestId}/confirm`);
      ctx.out.result(res, () => {
        ctx.out.say(
          `${ctx.out.c.green("✓")} Rollback ${words(res.rollbackRequest.status)}: ${weights(res.rollbackRequest)}`,
        );
        for (const x of res.routers) ctx.out.say(`  ${x.ok ? ctx.out.c.green("✓") : ctx.out.c.red("✗")} ${x.router}`);
      });
    });

  rollback
    .command("cancel")
    .description("withdraw a pending rollback request")
    .argument("<request>", "the request id, or the rollout whose request is pending")
    .option("--system <slug>", "when a rollout name is used on several systems")
    .option("--note <text>", "why", "")
    .action(async (ref: string, opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const requestId = await pendingRequestId(ctx, ref, opts.system);
      const res = await ctx.client.post<{ rollbackRequest: RollbackRequest }>(
        `/api/v1/rollback-requests/${requestId}/cancel`,
        { note: opts.note },
      );
      ctx.out.result(res, () => ctx.out.say(`${ctx.out.c.green("✓")} Rollback request cancelled.`));
    });

  rollback
    .command("review")
    .description("review a break-glass rollback someone else did")
    .argument("<request>", "the request id")
    .requiredOption("--note <text>", "what you reviewed (at least 10 characters)")
    .action(async (requestId: string, opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const res = await ctx.client.post<{ rollbackRequest: RollbackRequest }>(
        `/api/v1/rollback-requests/${requestId}/review`,
        { note: opts.note },
      );
      ctx.out.result(res, () => ctx.out.say(`${ctx.out.c.green("✓")} Break-glass rollback reviewed.`));
    });

  rollback
    .command("list")
    .description("a rollout's rollback requests, newest first")
    .argument("<rollout>", "id or name")
    .option("--system <slug>", "when the name is used on several systems")
    .action(async (ref: string, opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const r = await resolveRollout(ctx, ref, opts.system);
      const { rollbackRequests } = await ctx.client.get<{ rollbackRequests: RollbackRequest[] }>(
        `/api/v1/rollouts/${r.id}/rollback-requests`,
      );
      ctx.out.result(rollbackRequests, () =>
        ctx.out.table(
          rollbackRequests.map((q) => ({
            status: words(q.status) + (q.breakGlass ? " (break-glass)" : ""),
            by: q.requestedBy?.name ?? "Switchyard",
            confirmed: q.confirmedBy?.name ?? "",
            reason: q.reason,
            id: ctx.out.c.dim(q.id),
          })),
          ["status", "by", "confirmed", "reason", "id"].map((k) => ({ key: k, label: k })),
        ),
      );
    });
}

/** A request id as given, or the pending request of the rollout named. */
async function pendingRequestId(ctx: ReturnType<typeof contextOf>, ref: string, system?: string): Promise<string> {
  let rollout;
  try {
    rollout = await resolveRollout(ctx, ref, system);
  } catch (error) {
    if (error instanceof CliError && error.code === EXIT.notFound) return ref;
    throw error;
  }
  const { rollbackRequests } = await ctx.client.get<{ rollbackRequests: RollbackRequest[] }>(
    `/api/v1/rollouts/${rollout.id}/rollback-requests`,
  );
  const pending = rollbackRequests.find((q) => q.status === "pending");
  if (!pending) throw new CliError(`“${rollout.name}” has no pending rollback request.`, EXIT.notFound);
  return pending.id;
}

function weights(q: RollbackRequest): string {
  const show = (w: Record<string, number> | null) =>
    w
      ? Object.entries(w)
          .map(([k, v]) => `${k} ${percent(v)}`)
          .join(", ")
      : "?";
  return `${show(q.weightsBefore)} → ${show(q.weightsAfter)}`;
}

async function confirm(question: string) {
  if (!process.stdin.isTTY)
    throw new CliError("Not a terminal: pass --yes (or --plan-hash) to approve without a question.", EXIT.usage);
  const readline = await import("node:readline/promises");
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(question);
  rl.close();
  if (!/^y(es)?$/i.test(answer.trim())) throw new CliError("Not approved.", EXIT.refused);
}
