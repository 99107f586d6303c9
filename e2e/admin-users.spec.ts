import { expect, test } from "@playwright/test";
import { storageState } from "./roles";
import { signIn } from "./sign-in";

test.describe("admin manages users and roles", () => {
  test.use({ storageState: storageState("admin") });

  test("admin adds a user, who signs in as a viewer; promoted to approver, her session ends and she signs in as one", async ({
    page,
    browser,
  }) => {
    const email = `e2e-${Date.now()}@switchyard.local`;
    await page.goto("/admin/users");
    await page.getByLabel("Name").fill("Erin Example");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByLabel("Initial password").fill("correct-horse-battery");
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByText("User added.")).toBeVisible();
    const row = page.getByTestId(`user-row-${email}`);
    await expect(row).toBeVisible();

    const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const erin = await other.newPage();
    await signIn(erin, email, "correct-horse-battery");
    await expect(erin.getByTestId("current-role")).toHaveText("Stakeholder (viewer)");

    // A role change ends her sessions at once: she signs in again and works as an approver.
    await row.getByRole("combobox").selectOption("approver");
    await expect(row.getByText("Saved")).toBeVisible();
    await erin.reload();
    await expect(erin).toHaveURL(/\/login/);
    await signIn(erin, email, "correct-horse-battery");
    await expect(erin.getByTestId("current-role")).toHaveText("Approver");

    await row.getByRole("button", { name: "Disable" }).click();
    await expect(row.getByText("disabled")).toBeVisible();
    await erin.goto("/systems");
    await expect(erin).toHaveURL(/\/login/);
    await other.close();
  });

  test("a new user with a short password or a script tag in the name is refused with the field named", async ({
    page,
  }) => {
    await page.goto("/admin/users");
    await page.getByLabel("Name").fill("<script>alert(1)</script>");
    await page.getByLabel("Email").fill("bad@switchyard.local");
    await page.getByLabel("Initial password").fill("short");
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.locator("#nu-name-error")).toContainText("Must not contain");
    await expect(page.locator("#nu-password-error")).toContainText("At least 12 characters");
    await expect(page.getByLabel("Name")).toHaveValue("<script>alert(1)</script>");
    await expect(page.getByTestId("user-row-bad@switchyard.local")).toHaveCount(0);
  });
});
