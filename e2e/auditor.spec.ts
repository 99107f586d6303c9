import { E2E_DATABASE_URL } from "./env";
import crypto from "node:crypto";
import pg from "pg";
import { expect, test, type Page } from "@playwright/test";
import { createPrismaClient, type PrismaClient } from "../lib/db/create-client";
import { writeAuditEvent } from "../lib/audit/write-audit-event";
import { systemContext } from "../lib/permissions";
import { syncDeploymentRecord } from "../lib/records/sync-deployment-record";
import { createRolloutFixture } from "../lib/records/testing/rollout-fixture";
import { storageState } from "./roles";

// An auditor's journey: find a deployment record, read it, export it three ways (checking each
// file against its digest header), verify the audit chain, then catch a row tampered with by a
// superuser. The record is made the way the engine makes one: a rollout row, audit events, and
// syncDeploymentRecord in the same transaction, on the e2e embedded Postgres.
const DATABASE_URL = E2E_DATABASE_URL;
const SHOTS = "test-results/screenshots/records";
const sha256 = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

let db: PrismaClient;
let recordNumber: string;
let systemName: string;
let systemSlug: string;

test.beforeAll(async () => {
  db = createPrismaClient(DATABASE_URL, 2);
  const tag = crypto.randomBytes(3).toString("hex");
  const f = await createRolloutFixture(db, {
    slug: `records-${tag}`,
    stepsDone: 4,
    name: `ticket-router canary ${tag}`,
  });
  const ctx = systemContext("controller");
  await db.$transaction(async (tx) => {
    await writeAuditEvent(tx, ctx, {
      action: "rollout.start",
      entityType: "rollout",
      entityId: f.rolloutId,
      meta: { reason: "deployment window opened" },
    });
    await syncDeploymentRecord(tx, f.rolloutId);
  });
  await db.$transaction(async (tx) => {
    await tx.rollout.update({
      where: { id: f.rolloutId },
      data: {
        status: "completed",
        endedAt: new Date(),
        statusReason: "Smooth deployment. Model performance consistent with testing.",
      },
    });
    await writeAuditEvent(tx, ctx, {
      action: "rollout.complete",
      entityType: "rollout",
      entityId: f.rolloutId,
      after: { status: "completed" },
    });
    await syncDeploymentRecord(tx, f.rolloutId);
  });
  const record = await db.deploymentRecord.findUniqueOrThrow({
    where: { rolloutId: f.rolloutId },
    include: { system: true },
  });
  recordNumber = record.number;
  systemName = record.system.name;
  systemSlug = record.system.slug;
});
test.afterAll(async () => {
  await db?.$disconnect();
});

async function verifyChain(page: Page) {
  await page.goto("/audit");
  await page.getByRole("button", { name: "Verify chain" }).click();
  const result = page.getByTestId("verify-result");
  await expect(result).toBeVisible({ timeout: 60_000 });
  return result;
}

test.describe("auditor", () => {
  test.use({ storageState: storageState("auditor") });

  test("filters records, opens one in seed 001's layout and exports it as CSV, JSON and PDF with digests", async ({
    page,
  }) => {
    await page.goto("/records");
    await page.getByLabel("System").selectOption({ label: systemName });
    await page.getByLabel("Outcome").selectOption("completed");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(new RegExp(`system=${systemSlug}`));
    const rows = page.getByRole("row");
    await expect(rows).toHaveCount(2); // header + our record
    await page.getByRole("link", { name: recordNumber }).click();

    await expect(page.getByRole("heading", { name: `Deployment record ${recordNumber}` })).toBeVisible();
    const sheet = page.getByRole("article", { name: `Deployment record ${recordNumber}` });
    for (const section of ["Strategy", "Timeline", "Metrics", "Issues", "Rollback used", "Notes", "Integrity"])
      await expect(sheet.getByRole("heading", { name: section })).toBeVisible();
    await expect(sheet).toContainText("internal 0 % → 1 % → 10 % → 50 % → 100 %");
    await expect(sheet).toContainText("rollout.complete");
    await expect(sheet).toContainText("challenger 2.00 %");
    const digest = (await page.getByTestId("record-digest").textContent())!.trim();
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    await page.screenshot({ path: `${SHOTS}/record-detail.png`, fullPage: true });

    // CSV through the button, as a download.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "CSV" }).click(),
    ]);
    const csv = await (await import("node:fs/promises")).readFile((await download.path())!);
    expect(csv.toString()).toMatch(/^number,system,rollout,from_version/);
    expect(csv.toString()).toContain(recordNumber);
    expect(csv.toString()).toContain(digest);

    // Every format: the header digest is sha256 of the body, and the audit head is a chain hash.
    for (const format of ["csv", "json", "pdf"]) {
      const res = await page.request.get(`/api/v1/records/export?format=${format}&number=${recordNumber}`);
      expect(res.status()).toBe(200);
      const body = await res.body();
      expect(res.headers()["x-switchyard-export-digest"]).toBe(sha256(body));
      const head = res.headers()["x-switchyard-audit-head"]!;
      expect(await db.auditEvent.count({ where: { hash: head } })).toBe(1);
      if (format === "json") {
        const doc = JSON.parse(body.toString());
        expect(doc.export.auditHead).toBe(head);
        expect(doc.records[0]).toMatchObject({
          number: recordNumber,
          digest,
          contentDigest: digest,
          outcome: "completed",
        });
        expect(doc.records[0].auditHash).toMatch(/^[0-9a-f]{64}$/);
      }
      if (format === "pdf") {
        expect(body.subarray(0, 5).toString()).toBe("%PDF-");
        expect(res.headers()["content-type"]).toBe("application/pdf");
      }
    }
  });

  test("verifies the audit chain, then finds and names a row a superuser tampered with", async ({ page }) => {
    const intact = await verifyChain(page);
    await expect(intact).toContainText("Chain intact");
    const headHash = (await page.getByTestId("verify-head").textContent())!.trim();
    expect(headHash).toMatch(/^[0-9a-f]{64}$/);

    const target = await db.auditEvent.findFirstOrThrow({
      where: { action: "rollout.complete" },
      orderBy: { id: "desc" },
    });
    const id = target.id.toString();
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    const superuser = async (sql: string, params: unknown[]) => {
      await client.query("BEGIN");
      await client.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only");
      await client.query(sql, params);
      await client.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only");
      await client.query("COMMIT");
    };
    try {
      await superuser(`UPDATE audit_events SET actor_label = $1 WHERE id = $2`, ["someone else", id]);
      const bad = await verifyChain(page);
      await expect(bad).toContainText(`hash mismatch: row ${id} was changed`);
      await page.screenshot({ path: `${SHOTS}/audit-tampered.png`, fullPage: false });
      await bad.getByRole("link", { name: `Show row ${id}` }).click();
      await expect(page.getByTestId("highlighted-event")).toContainText("someone else");
      await expect(page.getByTestId("highlighted-event")).toContainText("rollout.complete");
    } finally {
      // Put the row back so the chain verifies again for everyone after this spec.
      await superuser(`UPDATE audit_events SET actor_label = $1 WHERE id = $2`, [target.actorLabel, id]);
      await client.end();
    }
    await expect(await verifyChain(page)).toContainText("Chain intact");
    const api = await page.request.get("/api/v1/audit/verify");
    const { verifications } = await api.json();
    expect(verifications.slice(0, 3).map((v: { ok: boolean }) => v.ok)).toEqual([true, false, true]);
    expect(verifications[1].firstBadId).toBe(id);
  });
});

test.describe("viewer", () => {
  test.use({ storageState: storageState("viewer") });

  test("GET /api/v1/records/export – viewer gets 403, and is refused the audit page", async ({ page }) => {
    const res = await page.request.get("/api/v1/records/export?format=csv");
    expect(res.status()).toBe(403);
    expect((await res.json()).detail).toContain("records.export");
    expect((await page.request.post("/api/v1/audit/verify")).status()).toBe(403);
    await page.goto("/audit");
    await expect(page.getByRole("alert").filter({ hasText: "You don't have access" })).toContainText(
      "You don't have access to the audit trail",
    );
    await page.goto("/records");
    await expect(page.getByRole("heading", { name: "Deployment records" })).toBeVisible();
    await expect(page.getByRole("link", { name: "CSV" })).toHaveCount(0);
  });
});
