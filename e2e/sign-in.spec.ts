import { expect, test } from "@playwright/test";
import { demoUser } from "./roles";
import { signIn } from "./sign-in";

test.describe("sign-in", () => {
  test("a signed-out visitor is sent to sign in", async ({ page }) => {
    await page.goto("/rollouts");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  });

  test("wrong password and unknown email get the same message, and nothing leaks into the URL", async ({ page }) => {
    const user = demoUser("release_manager");
    for (const [email, password] of [
      [user.email, "not-the-password"],
      ["nobody@switchyard.local", user.password],
    ]) {
      await page.goto("/login");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("alert").filter({ hasText: "Sign-in failed" })).toHaveText(
        "Sign-in failed. Check your email and password.",
      );
      expect(page.url()).not.toContain("password");
      await expect(page).toHaveURL(/\/login/);
    }
  });

  test("signing out ends the session: the old cookie, replayed, is refused", async ({ page, context, browser }) => {
    const user = demoUser("viewer");
    await signIn(page, user.email, user.password);
    const cookies = await context.cookies();
    expect((await page.request.get("/api/v1/me")).status()).toBe(200);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/systems");
    await expect(page).toHaveURL(/\/login/);
    // Someone who copied the cookie before the sign-out gets nothing with it.
    const replay = await browser.newContext({ storageState: { cookies, origins: [] } });
    expect((await replay.request.get("/api/v1/me")).status()).toBe(401);
    const replayed = await replay.newPage();
    await replayed.goto("/systems");
    await expect(replayed).toHaveURL(/\/login/);
    await replay.close();
  });

  test("a tampered or expired session cookie is refused", async ({ page, context }) => {
    const user = demoUser("viewer");
    await signIn(page, user.email, user.password);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.includes("next-auth.session-token"));
    expect(session).toBeDefined();
    await context.clearCookies();
    await context.addCookies([{ ...session!, value: session!.value.slice(0, -6) + "AAAAAA" }]);
    await page.goto("/systems");
    await expect(page).toHaveURL(/\/login/);
  });
});
