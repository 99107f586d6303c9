import { E2E_DATABASE_URL } from "./env";
import crypto from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createPrismaClient, type PrismaClient } from "../lib/db/create-client";
import { planHash } from "../lib/rollouts/plan-hash";
import { storageState } from "./roles";

// Governance journeys, each with two or more people signed in at once (one browser context per
// person): checklist and approval, two-person rollback, self-confirmation refused, break-glass.
// The database is the e2e embedded Postgres that `npm start` runs (playwright.config.ts).
const DATABASE_URL = E2E_DATABASE_URL;
const SHOTS = "test-results/screenshots/governance";

let db: PrismaClient;
test.beforeAll(() => {
  db = createPrismaClient(DATABASE_URL, 2);
});
test.afterAll(async () => {
  await db?.$disconnect();
});

async function as(browser: Browser, role: Parameters<typeof storageState>[0], n = 1): Promise<Page> {
  const context = await browser.newContext({
    storageState: storageState(role, n),
    viewport: { width: 1280, height: 900 },
  });
  return context.newPage();
}

const userId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).id;
const rolloutOf = (id: string) => db.rollout.findUniqueOrThrow({ where: { id } });

/** A live canary (10 % on the challenger) on a system of its own, as the engine would leave it. */
async function liveRollout(name: string) {
  const tag = crypto.randomBytes(3).toString("hex");
  const system = await db.system.create({
    data: { slug: `gov-${tag}`, name: `Governance demo ${tag}`, requiredApprovals: 1, mirrorSafeRoutes: [] },
  });
  const model = await db.model.create({ data: { systemId: system.id, name: "ticket-router" } });
  const version = (v: string) =>
    db.modelVersion.create({
      data: {
        modelId: model.id,
        version: v,
        artifactUri: `s3://models/ticket-router/${v}`,
        digest: `sha256:${"ab".repeat(32)}`,
        pipelineRunId: `run-${v}-${tag}`,
        offlineMetrics: { accuracy: 0.9 },
      },
    });
  const champion = await version("2.0.0");
  const challenger = await version("2.1.0");
  await db.system.update({ where: { id: system.id }, data: { championVersionId: champion.id } });
  const steps = [{ kind: "set_weight", weight: 1000 }, { kind: "pause" }, { kind: "set_weight", weight: 10_000 }];
  const variants = [
    { key: "champion", role: "champion" as const },
    { key: "challenger", role: "challenger" as const },
  ];
  const rollout = await db.rollout.create({
    data: {
      systemId: system.id,
      name: `${name} ${tag}`,
      strategy: "canary",
      status: "progressing",
      authorId: await userId("release@switchyard.local"),
      planHash: planHash({ strategy: "canary", steps, config: {}, gates: [], variants }),
      salt: tag,
      currentStepIndex: 1,
      startedAt: new Date(),
      desiredWeights: { champion: 9000, challenger: 1000 },
      variants: {
        create: [
          { key: "champion", role: "champion", versionId: champion.id, upstreamUrl: "http://127.0.0.1:8101" },
          { key: "challenger", role: "challenger", versionId: challenger.id, upstreamUrl: "http://127.0.0.1:8102" },
        ],
      },
      steps: {
        create: steps.map(({ kind, ...params }, index) => ({
          index,
          kind: kind as never,
          params,
          status: index === 0 ? "completed" : index === 1 ? "running" : "pending",
        })),
      },
    },
  });
  return { ...rollout, challengerVersionId: challenger.id, systemSlug: system.slug };
}

test("release manager and approver take a canary through its checklist and approval", async ({ browser }) => {
  test.setTimeout(180_000);
  const release = await as(browser, "release_manager");
  const approver = await as(browser, "approver");
  const admin = await as(browser, "admin");

  // The release manager drafts a canary of ticket-router 1.5.0 in the wizard.
  const name = `Canary 1.5.0 ${crypto.randomBytes(2).toString("hex")}`;
  await release.goto("/rollouts/new?system=ticket-classifier");
  await release.getByLabel("Strategy").selectOption("canary");
  await release.getByLabel("Rollout name").fill(name);
  await release.getByRole("button", { name: "Create draft rollout" }).click();
  await release.waitForURL(/\/rollouts\/(?!new)[^/]+$/);
  const rolloutId = release.url().split("/").pop()!;
  const governance = release.getByTestId("rollout-governance");
  await expect(governance.getByRole("heading", { name: "Model validation" })).toBeVisible();
  for (const section of ["Infrastructure", "Observability", "Process"])
    await expect(governance.getByRole("heading", { name: section })).toBeVisible();
  await expect(release.getByTestId("start-blockers")).toContainText(
    "required checklist items are not signed or verified yet",
  );

  // The admin checks the router's connection (what the controller does on its own), then the
  // release manager runs the system checks: registry metrics, routers, rollback plan, /healthz.
  const router = await db.router.findFirstOrThrow({ where: { system: { slug: "ticket-classifier" } } });
  expect((await admin.request.post(`/api/v1/routers/${router.id}/test`)).ok()).toBe(true);
  await governance.getByRole("button", { name: "Run checks" }).click();
  await expect(governance.getByRole("status")).toHaveText("All system checks passed");
  for (const label of [
    "Offline metrics meet thresholds",
    "Health checks implemented",
    "Routers healthy and in sync",
    "Rollback plan documented",
  ]) {
    await expect(governance.locator(`[data-testid=checklist-item][data-label="${label}"]`)).toHaveAttribute(
      "data-status",
      "verified",
    );
  }

  // Both people sign the manual items: the release manager infrastructure and process, the
  // approver model validation and observability, each with a note.
  const sign = async (page: Page, sections: string[]) => {
    const panel = page.getByTestId("rollout-governance");
    for (const section of sections) {
      const items = panel
        .getByRole("region", { name: section })
        .locator("[data-testid=checklist-item][data-status=pending]");
      while ((await items.count()) > 0) {
        const item = items.first();
        const label = (await item.getAttribute("data-label"))!;
        await item.getByRole("button", { name: `Sign “${label}”` }).click();
        await item.getByLabel("Note: what you checked").fill(`Checked: ${label.toLowerCase()}`);
        await item.getByRole("button", { name: "Sign item" }).click();
        await expect(panel.locator(`[data-testid=checklist-item][data-label="${label}"]`)).toHaveAttribute(
          "data-status",
          "signed",
        );
      }
    }
  };
  await sign(release, ["Infrastructure", "Process"]);
  await approver.goto(`/rollouts/${rolloutId}`);
  await sign(approver, ["Model validation", "Observability"]);
  await release.reload();
  await expect(release.getByTestId("start-blockers")).toContainText(
    "Approvals: 0 of 1 required approval of the current plan",
  );

  // The release manager submits; the approver sees it on the Approvals page and approves it.
  await release.getByRole("button", { name: "Submit for approval" }).click();
  await expect.poll(async () => (await rolloutOf(rolloutId)).status).toBe("awaiting_approval");
  await expect(release.getByText("You wrote this plan: approvers other than you approve it.")).toBeVisible();
  await approver.goto("/approvals");
  await expect(approver.getByTestId("queue-approvals").getByRole("listitem").filter({ hasText: name })).toContainText(
    "needs your approval",
  );
  await approver.screenshot({ path: `${SHOTS}/01-approvals-inbox.png`, fullPage: true });
  await approver.getByRole("link", { name }).click();
  const { planHash: hash } = await rolloutOf(rolloutId);
  await approver.getByRole("button", { name: `Approve plan ${hash.slice(0, 10)}` }).click();
  await expect(approver.getByTestId("approval")).toContainText("Alan Approver");
  await expect(approver.getByTestId("approval")).toContainText("valid");
  await expect.poll(async () => (await rolloutOf(rolloutId)).status).toBe("ready");
  const approval = await db.approval.findFirstOrThrow({ where: { rolloutId } });
  expect(approval.planHash).toBe(hash);
  expect(approval.approverId).toBe(await userId("approver@switchyard.local"));
  await release.reload();
  await expect(release.getByTestId("start-blockers")).toContainText("Nothing blocks the start");
  await release.getByTestId("rollout-governance").screenshot({ path: `${SHOTS}/02-checklist-and-approval.png` });

  // Leave ticket-classifier free for other journeys: one rollout per system at a time.
  await db.rollout.update({
    where: { id: rolloutId },
    data: { status: "aborted", endedAt: new Date(), statusReason: "e2e cleanup" },
  });
});

test("a rollback requested by one person is confirmed by another; the page shows weights before and after", async ({
  browser,
}) => {
  const rollout = await liveRollout("Two-person rollback");
  const release = await as(browser, "release_manager");
  const approver = await as(browser, "approver");

  await release.goto(`/rollouts/${rollout.id}`);
  await release.getByLabel("Reason for the rollback").fill("Error rate on billing tickets doubled since 10 %");
  await release.getByRole("button", { name: "Request rollback" }).click();
  await expect(release.getByTestId("pending-rollback")).toContainText("Waiting for a second person to confirm");
  expect((await rolloutOf(rollout.id)).status).toBe("progressing");

  await approver.goto("/approvals");
  await expect(
    approver.getByTestId("queue-rollbacks").getByRole("listitem").filter({ hasText: rollout.name }),
  ).toContainText("confirm or cancel");
  await approver.goto(`/rollouts/${rollout.id}`);
  await approver.getByRole("button", { name: "Confirm rollback…" }).click();
  const dialog = approver.getByRole("dialog", { name: `Roll back “${rollout.name}” now?` });
  await expect(dialog.getByTestId("weights-table")).toContainText(/champion.*90 %.*100 %/s);
  await expect(dialog.getByTestId("weights-table")).toContainText(/challenger.*10 %.*0 %/s);
  const confirm = dialog.getByRole("button", { name: "Confirm and roll back" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type .* to confirm/).fill(rollout.name);
  await approver.screenshot({ path: `${SHOTS}/03-confirm-dialog.png` });
  await confirm.click();

  await expect.poll(async () => (await rolloutOf(rollout.id)).status).toBe("rolled_back");
  const request = await db.rollbackRequest.findFirstOrThrow({ where: { rolloutId: rollout.id } });
  expect(request).toMatchObject({
    status: "executed",
    requestedById: await userId("release@switchyard.local"),
    confirmedById: await userId("approver@switchyard.local"),
  });
  expect(request.weightsBefore).toEqual({ champion: 9000, challenger: 1000 });
  expect(request.weightsAfter).toEqual({ champion: 10_000, challenger: 0 });

  await release.reload();
  const executed = release.getByTestId("rollback-request").filter({ hasText: "executed" });
  await expect(executed).toContainText("confirmed by Alan Approver");
  await expect(executed.getByTestId("weights-table")).toContainText(/challenger.*10 %.*0 %/s);
  const procedure = release.getByTestId("rollback-procedure");
  await expect(procedure).toContainText("Requested by Rick Release, confirmed by Alan Approver");
  await expect(procedure).toContainText("Blocked until a root cause is recorded: ticket-router 2.1.0");
  expect((await db.modelVersion.findUniqueOrThrow({ where: { id: rollout.challengerVersionId } })).status).toBe(
    "blocked",
  );
  await release.getByTestId("rollback-panel").screenshot({ path: `${SHOTS}/04-after-rollback.png` });

  // Investigate: the root cause unblocks the version.
  await release.getByLabel("Root cause").fill("The 2.1.0 tokenizer dropped currency symbols from billing tickets.");
  await release.getByRole("button", { name: "Record root cause" }).click();
  await expect(release.getByTestId("root-cause")).toContainText("tokenizer dropped currency symbols");
  expect((await db.modelVersion.findUniqueOrThrow({ where: { id: rollout.challengerVersionId } })).status).toBe(
    "registered",
  );
});

test("the same person's confirmation is refused, with a reason and an audit event", async ({ browser }) => {
  const rollout = await liveRollout("Self-confirmation");
  const release = await as(browser, "release_manager");
  const viewer = await as(browser, "viewer");

  await release.goto(`/rollouts/${rollout.id}`);
  await release.getByLabel("Reason for the rollback").fill("Latency p95 is 80 % above the champion");
  await release.getByRole("button", { name: "Request rollback" }).click();
  const pending = release.getByTestId("pending-rollback");
  await expect(pending).toContainText("You can’t confirm your own request.");
  await expect(pending.getByRole("button", { name: "Confirm rollback…" })).toHaveCount(0);
  await release.screenshot({ path: `${SHOTS}/05-own-request.png` });

  // Going around the UI doesn't help: the API refuses the requester (and a viewer) with a reason.
  const request = await db.rollbackRequest.findFirstOrThrow({ where: { rolloutId: rollout.id } });
  const own = await release.request.post(`/api/v1/rollback-requests/${request.id}/confirm`);
  expect(own.status()).toBe(403);
  expect((await own.json()).detail).toMatch(/You requested this rollback, so you can't confirm it/);
  const byViewer = await viewer.request.post(`/api/v1/rollback-requests/${request.id}/confirm`);
  expect(byViewer.status()).toBe(403);
  const refusals = await db.auditEvent.findMany({
    where: { action: "rollback.confirm.refused", entityId: request.id },
    orderBy: { id: "asc" },
  });
  expect(refusals.map((e) => e.actorLabel.replace(/ <.*>$/, ""))).toEqual(["Rick Release", "Val Viewer"]);
  expect((await db.rollbackRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");
  expect((await rolloutOf(rollout.id)).status).toBe("progressing");
});

test("break-glass by one person is flagged and reviewed by another", async ({ browser }) => {
  const rollout = await liveRollout("Break-glass");
  const release2 = await as(browser, "release_manager", 2);
  const approver2 = await as(browser, "approver", 2);

  await release2.goto(`/rollouts/${rollout.id}`);
  await release2.getByText("Break glass: no second person available in time").click();
  await release2
    .getByLabel(/Break-glass reason/)
    .fill("Every billing ticket is misrouted and no approver answers the page");
  await release2.getByRole("button", { name: "Break glass: roll back alone…" }).click();
  const dialog = release2.getByRole("dialog", { name: `Break-glass rollback of “${rollout.name}”` });
  await expect(dialog.getByTestId("weights-table")).toContainText(/challenger.*10 %.*0 %/s);
  await dialog.getByLabel(/Type .* to confirm/).fill(rollout.name);
  await dialog.getByRole("button", { name: "Roll back now (break-glass)" }).click();
  await expect.poll(async () => (await rolloutOf(rollout.id)).status).toBe("rolled_back");
  const request = await db.rollbackRequest.findFirstOrThrow({ where: { rolloutId: rollout.id } });
  expect(request).toMatchObject({
    breakGlass: true,
    status: "executed",
    confirmedById: null,
    requestedById: await userId("release2@switchyard.local"),
  });

  await release2.reload();
  await expect(release2.getByTestId("rollback-request").filter({ hasText: "break-glass" })).toContainText(
    "Awaiting review by another person.",
  );

  await approver2.goto("/approvals");
  await approver2.getByTestId("queue-break-glass").getByRole("link", { name: rollout.name }).click();
  await approver2
    .getByLabel("Review note")
    .fill("Justified: misrouting confirmed in the logs; page the approver rota earlier.");
  await approver2.getByRole("button", { name: "Record review" }).click();
  await expect(approver2.getByTestId("break-glass-review")).toContainText("Reviewed by Amy Approver");
  expect((await db.rollbackRequest.findUniqueOrThrow({ where: { id: request.id } })).reviewedById).toBe(
    await userId("approver2@switchyard.local"),
  );
  await approver2.getByTestId("rollback-panel").screenshot({ path: `${SHOTS}/06-break-glass-reviewed.png` });
});

test("an admin edits checklist templates; a release manager can't reach the editor", async ({ browser }) => {
  const admin = await as(browser, "admin");
  const release = await as(browser, "release_manager");
  await admin.goto("/admin/checklists");
  await expect(admin.getByRole("form", { name: "Edit Pre-deployment checklist" })).toBeVisible();

  // A lighter template for the churn system, started from seed 003's list.
  const name = `Batch scoring ${crypto.randomBytes(2).toString("hex")}`;
  await admin.getByText("New template (starts from the default checklist)").click();
  const form = admin.getByRole("form", { name: "New template" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Remove item 2", exact: true }).click();
  await form.getByRole("checkbox", { name: "Item 1 required" }).uncheck();
  await form.getByRole("button", { name: "Save template" }).click();
  await expect(admin.getByRole("form", { name: `Edit ${name}` })).toBeVisible();
  const template = await db.checklistTemplate.findUniqueOrThrow({
    where: { name },
    include: { items: { orderBy: { position: "asc" } } },
  });
  expect(template.items).toHaveLength(24);
  expect(template.items[0]).toMatchObject({
    label: "Offline metrics meet thresholds",
    required: false,
    verification: "offline_metrics",
  });
  expect(template.items.map((i) => i.label)).not.toContain("Model size appropriate for serving");

  await admin.getByLabel("Checklist template for Customer Churn Prediction").selectOption({ label: name });
  await expect
    .poll(async () => (await db.system.findUniqueOrThrow({ where: { slug: "churn" } })).checklistTemplateId)
    .toBe(template.id);
  await admin.screenshot({ path: `${SHOTS}/07-checklist-templates.png` });

  await release.goto("/admin/checklists");
  await expect(release.getByRole("alert").filter({ hasText: "You don't have access" })).toContainText(
    "You don't have access to checklist templates",
  );
  await expect(release.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Checklists" })).toHaveCount(
    0,
  );
});
