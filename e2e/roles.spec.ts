import { expect, test } from "@playwright/test";
import { storageState } from "./roles";

// What each role sees in the navigation, and what it is refused when it goes there anyway.
const NAV = [
  "Rollouts",
  "Systems & registry",
  "Routers",
  "Approvals",
  "Records",
  "Audit",
  "Users & roles",
  "API tokens",
];
const EXPECTED: Record<string, string[]> = {
  admin: NAV,
  release_manager: ["Rollouts", "Systems & registry", "Routers", "Approvals", "Records"],
  approver: ["Rollouts", "Systems & registry", "Routers", "Approvals", "Records"],
  viewer: ["Rollouts", "Systems & registry", "Routers", "Approvals", "Records"],
  auditor: ["Rollouts", "Systems & registry", "Routers", "Approvals", "Records", "Audit"],
};

for (const [role, visible] of Object.entries(EXPECTED)) {
  test.describe(`${role}`, () => {
    test.use({ storageState: storageState(role as never) });

    test(`${role} sees exactly the pages the role allows`, async ({ page }) => {
      await page.goto("/rollouts");
      const nav = page.getByRole("navigation", { name: "Main" });
      for (const label of NAV) {
        const link = nav.getByRole("link", { name: label, exact: true });
        if (visible.includes(label)) await expect(link).toBeVisible();
        else await expect(link).toHaveCount(0);
      }
      await expect(nav.getByRole("link", { name: /Status page/ })).toBeVisible();
    });

    test(`${role} is refused the pages outside the role`, async ({ page }) => {
      const forbidden = [
        ["/admin/users", "user management", "Users & roles"],
        ["/admin/tokens", "API tokens", "API tokens"],
        ["/audit", "the audit trail", "Audit"],
      ] as const;
      for (const [path, what, label] of forbidden) {
        await page.goto(path);
        const refusal = page.getByRole("alert").filter({ hasText: "You don't have access" });
        if (visible.includes(label)) {
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await expect(refusal).toHaveCount(0);
        } else await expect(refusal).toContainText(`You don't have access to ${what}`);
      }
    });
  });
}

test.describe("release manager", () => {
  test.use({ storageState: storageState("release_manager") });
  test("can start a rollout from the registry; has no admin forms", async ({ page }) => {
    await page.goto("/systems/ticket-classifier");
    await expect(page.getByRole("link", { name: "New rollout" })).toBeVisible();
    await expect(page.getByText("ticket-router 1.5.0", { exact: true })).toBeVisible();
    await page.goto("/systems");
    await expect(page.getByRole("heading", { name: "Register a system" })).toHaveCount(0);
  });
});

test.describe("viewer", () => {
  test.use({ storageState: storageState("viewer") });
  test("reads the registry but gets no buttons that change anything", async ({ page }) => {
    await page.goto("/systems/ticket-classifier");
    await expect(page.getByRole("heading", { name: "Support Ticket Classifier" })).toBeVisible();
    await expect(page.getByRole("link", { name: "New rollout" })).toHaveCount(0);
    await page.goto("/rollouts");
    await expect(page.getByRole("link", { name: /new rollout|start your first rollout/i })).toHaveCount(0);
  });
});
