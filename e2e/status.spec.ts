import { E2E_DATABASE_URL } from "./env";
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { createPrismaClient, type PrismaClient } from "../lib/db/create-client";
import { storageState } from "./roles";

// A stakeholder with no account follows an incident on the public status page while a release
// manager posts updates from /incidents.
const DATABASE_URL = E2E_DATABASE_URL;
const SHOTS = "test-results/screenshots/records";

let db: PrismaClient;
test.beforeAll(() => {
  db = createPrismaClient(DATABASE_URL, 2);
});
test.afterAll(async () => {
  await db?.$disconnect();
});

test("a stakeholder follows an incident on /status as a release manager posts updates", async ({ browser }) => {
  const tag = crypto.randomBytes(3).toString("hex");
  const system = await db.system.create({
    data: { slug: `status-${tag}`, name: `Status demo ${tag}`, mirrorSafeRoutes: [] },
  });
  const title = `Billing tickets misrouted ${tag}`;

  const rm = await (await browser.newContext({ storageState: storageState("release_manager") })).newPage();
  const opened = await rm.request.post("/api/v1/incidents", {
    data: { systemId: system.id, title, severity: "major", message: "Rolled back to 1.4.0; verifying recovery." },
  });
  expect(opened.status()).toBe(201);

  const public_ = await (await browser.newContext()).newPage(); // no sign-in
  await public_.goto(`/status/${system.slug}`);
  const card = public_.getByTestId(`status-${system.slug}`);
  await expect(card).toContainText("Incident");
  await expect(card).toContainText(title);
  await expect(card).toContainText("Rolled back to 1.4.0; verifying recovery.");

  await rm.goto("/incidents");
  const incident = rm.getByRole("article", { name: title });
  await incident.getByLabel("New status").selectOption("monitoring");
  await incident.getByLabel("Update for stakeholders").fill("Error rate back to baseline; monitoring.");
  await incident.getByRole("button", { name: "Post update" }).click();
  await expect(incident).toContainText("Error rate back to baseline; monitoring.");

  await public_.reload();
  await expect(card).toContainText("monitoring");
  await expect(card).toContainText("Error rate back to baseline; monitoring.");
  await public_.screenshot({ path: `${SHOTS}/status-incident.png`, fullPage: true });

  const feed = await (await public_.request.get("/api/v1/status")).json();
  const entry = feed.systems.find((s: { slug: string }) => s.slug === system.slug);
  expect(entry.incidents[0].updates.map((u: { message: string }) => u.message)).toEqual([
    "Error rate back to baseline; monitoring.",
    "Rolled back to 1.4.0; verifying recovery.",
  ]);

  await incident.getByLabel("New status").selectOption("resolved");
  await incident.getByLabel("Update for stakeholders").fill("Resolved: root cause was a tokenizer change.");
  await incident.getByRole("button", { name: "Post update" }).click();
  await expect(incident).toContainText("resolved");
  await public_.reload();
  await expect(card).toContainText("Operational");
  await expect(card).toContainText("Resolved: root cause was a tokenizer change.");
});
