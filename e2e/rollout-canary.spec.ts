import { E2E_DATABASE_URL, E2E_DEMO_PORTS } from "./env";
import crypto from "node:crypto";
import { expect, test, type Browser } from "@playwright/test";
import { createPrismaClient, type PrismaClient } from "../lib/db/create-client";
import { storageState } from "./roles";

// A canary driven through the UI against the real demo data plane that `npm start` runs: the
// built-in router and the two model servers, with demo traffic flowing. The checklist and the
// approval are covered step by step in governance.spec.ts; here the checklist is pre-signed so
// the journey is about moving traffic.
const DATABASE_URL = E2E_DATABASE_URL;
const ROUTER_DATA = `http://127.0.0.1:${E2E_DEMO_PORTS.routerData}`;

let db: PrismaClient;
test.beforeAll(() => {
  db = createPrismaClient(DATABASE_URL, 2);
});
test.afterAll(async () => {
  await db?.$disconnect();
});

async function as(browser: Browser, role: Parameters<typeof storageState>[0]) {
  const context = await browser.newContext({
    storageState: storageState(role),
    viewport: { width: 1280, height: 900 },
  });
  return context.newPage();
}

async function countVariants(n: number) {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${ROUTER_DATA}/predict`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-user-id": `e2e-${i}` },
      body: JSON.stringify({ text: "my invoice is wrong", ticket_type: "billing" }),
    });
    await res.arrayBuffer();
    const v = res.headers.get("x-switchyard-variant") ?? "none";
    counts[v] = (counts[v] ?? 0) + 1;
  }
  return counts;
}

test("release manager drives a canary: wizard, approval, start, live weights on the router, pause, resume, abort", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // Leave ticket-classifier free of rollouts another spec may have left.
  await db.rollout.updateMany({
    where: {
      system: { slug: "ticket-classifier" },
      status: { in: ["draft", "awaiting_approval", "ready", "progressing", "paused"] },
    },
    data: { status: "aborted", endedAt: new Date() },
  });
  await db.modelVersion.updateMany({
    where: { model: { system: { slug: "ticket-classifier" } } },
    data: { status: "registered", blockedReason: null },
  });

  const release = await as(browser, "release_manager");
  const approver = await as(browser, "approver");
  const viewer = await as(browser, "viewer");

  // Wizard: the advisor suggests a canary for a silent quality regression.
  const name = `Canary e2e ${crypto.randomBytes(2).toString("hex")}`;
  await release.goto("/rollouts/new?system=ticket-classifier");
  await release.getByLabel("Which failure do you fear most?").selectOption("silent_quality_regression");
  await expect(release.getByTestId("advice")).toContainText("Suggested: Canary");
  await release.getByLabel("Strategy").selectOption("canary");
  await release.getByLabel("Stages (% to the challenger)").fill("10, 50, 100");
  await release.getByLabel("Stages (% to the challenger)").blur();
  await release.getByLabel("Internal phase (minutes, header override only)").fill("0");
  await expect(release.getByTestId("plan-preview")).toContainText("Send 10 % to the challenger");
  await expect(release.getByTestId("wizard-traffic-path")).toContainText("10 %");
  await release.getByLabel("Rollout name").fill(name);
  await release.getByRole("button", { name: "Create draft rollout" }).click();
  await release.waitForURL(/\/rollouts\/(?!new)[^/]+$/);
  const rolloutId = release.url().split("/").pop()!;
  await expect(release.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(release.getByTestId("traffic-path")).toBeVisible();

  // Checklist pre-signed (governance.spec.ts signs it through the UI); submit, then the approver approves.
  const approverId = (await db.user.findUniqueOrThrow({ where: { email: "approver@switchyard.local" } })).id;
  await db.checklistItem.updateMany({
    where: { rolloutId },
    data: {
      status: "signed",
      signedById: approverId,
      signedAt: new Date(),
      note: "pre-signed for the traffic journey",
    },
  });
  await release.getByRole("button", { name: "Submit for approval" }).click();
  await expect
    .poll(async () => (await db.rollout.findUniqueOrThrow({ where: { id: rolloutId } })).status)
    .toBe("awaiting_approval");
  const hash = (await db.rollout.findUniqueOrThrow({ where: { id: rolloutId } })).planHash;
  await approver.goto(`/rollouts/${rolloutId}`);
  await approver.getByRole("button", { name: `Approve plan ${hash.slice(0, 10)}` }).click();
  await expect
    .poll(async () => (await db.rollout.findUniqueOrThrow({ where: { id: rolloutId } })).status)
    .toBe("ready");
  await expect(approver.getByRole("button", { name: "Start rollout" })).toHaveCount(0);

  // Start: the router serves 10 % to 1.5.0 at once.
  await release.reload();
  await release.getByRole("button", { name: "Start rollout" }).click();
  await expect(release.getByTestId("rollout-router-edge-builtin").getByTestId("served-weights")).toContainText(
    "challenger 10%",
    { timeout: 20_000 },
  );
  await expect(release.getByTestId("rollout-router-edge-builtin")).toContainText("in sync");
  await expect(release.getByTestId("traffic-path")).toContainText("10 %");
  const at10 = await countVariants(400);
  expect(at10.challenger ?? 0).toBeGreaterThan(20);
  expect(at10.challenger ?? 0).toBeLessThan(70);

  // A stakeholder follows the same page, live, without controls.
  await viewer.goto(`/rollouts/${rolloutId}`);
  await expect(viewer.getByTestId("served-weights")).toContainText("challenger 10%");
  await expect(viewer.getByRole("button", { name: "Pause" })).toHaveCount(0);
  await viewer.goto("/status/ticket-classifier");
  await expect(viewer.getByTestId("status-ticket-classifier")).toContainText("10% of traffic");

  // Pause and resume; the step timeline and weight history tell the story.
  await release.getByRole("button", { name: "Pause" }).click();
  await expect(release.getByRole("heading", { level: 1 })).toContainText("paused");
  await release.getByRole("button", { name: "Resume" }).click();
  await expect(release.getByRole("heading", { level: 1 })).toContainText("progressing");
  await expect(release.getByTestId("weight-history")).toContainText("challenger 10 %");
  await release.screenshot({ path: "test-results/rollout-canary-live.png", fullPage: true });

  // Abort: type the name, see the weights before and after; every router back to the champion.
  await release.getByRole("button", { name: "Abort" }).click();
  const dialog = release.getByRole("dialog");
  await expect(dialog.getByText("After abort")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Abort rollout" })).toBeDisabled();
  await dialog.getByLabel(/Type the rollout name/).fill(name);
  await dialog.getByRole("button", { name: "Abort rollout" }).click();
  await expect(release.getByRole("heading", { level: 1 })).toContainText("aborted");
  expect(await countVariants(200)).toEqual({ champion: 200 });
  await expect
    .poll(async () => (await db.rollout.findUniqueOrThrow({ where: { id: rolloutId } })).status)
    .toBe("aborted");
});
