import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoUser } from "../roles";
import { signIn } from "../sign-in";

// A release manager and an approver take the demo's two canaries as they come, on a product just
// started with `npm start` (this suite's own instance: playwright.journeys.config.ts): the wizard's
// defaults, the checklist, a second person's approval, the start, and then only the demo's own
// traffic and labels until the end. First the release candidate that fails a fifth of its
// requests rolls itself back and recovery is verified; then 1.5.0 goes all the way; then an
// auditor reads the deployment record. Nothing is seeded or injected by the test.

async function person(browser: Browser, role: "release_manager" | "approver" | "auditor"): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const user = demoUser(role);
  await signIn(page, user.email, user.password);
  return page;
}

/** The wizard with its defaults; only the name is typed (and the version picked, when asked). */
async function draftDefaultCanary(release: Page, name: string, version?: string) {
  await release.getByRole("link", { name: "Rollouts", exact: true }).first().click();
  await release.getByRole("link", { name: "New rollout" }).click();
  await expect(release.getByLabel("System")).toHaveValue("ticket-classifier");
  await expect(release.getByLabel("Strategy")).toHaveValue("canary");
  if (version)
    await release.getByRole("radio", { name: new RegExp(`ticket-router ${version.replace(/\./g, "\\.")}\\b`) }).check();
  // The demo system's template: 30 s of internal testing, then 25 %, 50 %, 100 %, gates on 150 requests.
  const plan = release.getByTestId("plan-preview");
  await expect(plan).toContainText("Pause 30 s");
  await expect(plan).toContainText("Send 25 % to the challenger");
  await expect(plan).toContainText("Send 100 % to the challenger");
  await expect(release.getByTestId("wizard-gates")).toContainText("judged from 150 requests");
  await release.getByLabel("Rollout name").fill(name);
  await release.getByRole("button", { name: "Create draft rollout" }).click();
  await release.waitForURL(/\/rollouts\/(?!new)[^/]+$/);
  await expect(release.getByRole("heading", { level: 1 })).toContainText(name);
  return release.url();
}

/** Checks run by the release manager; every manual item signed by the approver; submitted; approved. */
async function approve(release: Page, approver: Page, url: string, name: string) {
  const governance = release.getByTestId("rollout-governance");
  await governance.getByRole("button", { name: "Run checks" }).click();
  await expect(governance.getByRole("status")).toHaveText("All system checks passed", { timeout: 30_000 });

  await approver.goto(url);
  const panel = approver.getByTestId("rollout-governance");
  const pending = panel.locator("[data-testid=checklist-item][data-status=pending]");
  while ((await pending.count()) > 0) {
    const item = pending.first();
    const label = (await item.getAttribute("data-label"))!;
    await item.getByRole("button", { name: `Sign “${label}”` }).click();
    await item.getByLabel("Note: what you checked").fill(`Checked: ${label.toLowerCase()}`);
    await item.getByRole("button", { name: "Sign item" }).click();
    await expect(panel.locator(`[data-testid=checklist-item][data-label="${label}"]`)).toHaveAttribute(
      "data-status",
      "signed",
    );
  }

  await release.reload();
  await release.getByRole("button", { name: "Submit for approval" }).click();
  await expect(release.getByRole("heading", { level: 1 })).toContainText("awaiting approval");
  await approver.goto("/approvals");
  await approver.getByRole("link", { name }).click();
  await approver.getByRole("button", { name: /^Approve plan / }).click();
  await expect(approver.getByTestId("approval")).toContainText("Alan Approver");
  await release.reload();
  await expect(release.getByTestId("start-blockers")).toContainText("Nothing blocks the start");
}

/** Start, then the internal phase: a timed pause the page names, with its end. */
async function startAndPassInternal(release: Page) {
  await release.getByRole("button", { name: "Start rollout" }).click();
  await expect(release.getByRole("heading", { level: 1 })).toContainText("progressing");
  const wait = release.getByTestId("step-wait");
  await expect(wait).toHaveAttribute("data-waits-for", "time");
  await expect(release.getByTestId("step-wait-until")).toContainText("Until");
  // 25 % of the demo's traffic on the challenger, then the gates wait for their sample.
  await expect(release.getByTestId("served-weights")).toContainText("challenger 25%", { timeout: 90_000 });
}

test("the release candidate that fails a fifth of its requests rolls itself back, and recovery is verified", async ({
  browser,
}) => {
  const release = await person(browser, "release_manager");
  const approver = await person(browser, "approver");
  const name = "Canary of 1.5.0-rc1";
  const url = await draftDefaultCanary(release, name, "1.5.0-rc1");
  await approve(release, approver, url, name);
  await startAndPassInternal(release);

  await expect(release.getByRole("heading", { level: 1 })).toContainText("rolled back", { timeout: 180_000 });
  await expect(release.getByTestId("status-reason")).toContainText('Gate "error-rate" failed');
  await expect(release.getByTestId("traffic-path")).toContainText("all live traffic is on 1.4.0");
  const procedure = release.getByTestId("rollback-procedure");
  await expect(procedure).toContainText("Automatic, by a failed gate");
  // Recovery is judged on the demo's own traffic to the champion after the rollback.
  await expect(release.getByTestId("recovery")).toContainText("recovered", { timeout: 180_000 });
  await expect(procedure).toContainText("Blocked until a root cause is recorded: ticket-router 1.5.0-rc1");
});

test("a default canary of 1.5.0 goes all the way on the demo's traffic", async ({ browser }) => {
  const release = await person(browser, "release_manager");
  const approver = await person(browser, "approver");
  const name = "Canary of 1.5.0";
  await approve(release, approver, await draftDefaultCanary(release, name), name);
  await startAndPassInternal(release);

  // The gates of the 25 % step: each shows where it stands, then they pass on the demo's labels.
  await expect(release.getByTestId("gate-progress").filter({ hasText: "accuracy" })).toBeVisible();
  await expect(release.getByTestId("served-weights")).toContainText("challenger 50%", { timeout: 180_000 });
  await expect(release.getByRole("heading", { level: 1 })).toContainText("completed", { timeout: 240_000 });
  await expect(release.getByTestId("status-reason")).toContainText("Promoted challenger");
  await expect(release.getByTestId("served-weights")).toContainText("100%");

  // The deployment record tells who did what: the approver's approval and every sign-off.
  const auditor = await person(browser, "auditor");
  await auditor.goto("/records");
  await auditor.getByRole("link", { name: /^DR-/ }).first().click();
  const sheet = auditor.getByRole("article", { name: /Deployment record/ });
  await expect(sheet).toContainText("1.4.0 → 1.5.0");
  await expect(sheet).toContainText("approval.grant");
  await expect(sheet.locator("li", { hasText: "approval.grant" }).first()).toContainText("Alan Approver");
  await expect(sheet).toContainText("checklist.sign");
  await expect(sheet).toContainText("rollout.complete");
});
