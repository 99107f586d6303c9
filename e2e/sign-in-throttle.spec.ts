import { expect, test } from "@playwright/test";
import { storageState } from "./roles";

// Brute force against one account: after 5 wrong passwords the account is locked (429 with
// Retry-After on the API, a plain message on the sign-in page, even with the right password),
// and an admin unlocks it from Users & roles.
test("five wrong passwords lock the account; an admin unlocks it and the right password works", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const admin = await (await browser.newContext({ storageState: storageState("admin") })).newPage();
  const email = `throttle-${Date.now()}@switchyard.local`;
  const password = "correct-horse-battery";
  const created = await admin.request.post("/api/v1/users", {
    headers: { origin: new URL(baseURL!).origin },
    data: { name: "Terry Throttle", email, role: "viewer", password },
  });
  expect(created.status()).toBe(201);

  const api = await playwright.request.newContext({ baseURL });
  for (let i = 0; i < 5; i++) {
    const wrong = await api.post("/api/v1/auth/token", { data: { email, password: `wrong-password-${i}` } });
    expect(wrong.status()).toBe(401);
  }
  const locked = await api.post("/api/v1/auth/token", { data: { email, password } });
  expect(locked.status()).toBe(429);
  expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await locked.json()).detail).toContain("Too many failed attempts");

  // The sign-in page says so too, with the right password.
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Too many failed sign-ins.")).toBeVisible();

  // An admin sees the lock and lifts it; the audit trail has both.
  await admin.goto("/admin/users");
  const row = admin.getByTestId(`user-row-${email}`);
  await expect(row).toContainText("locked: too many failed sign-ins");
  await row.getByRole("button", { name: "Unlock" }).click();
  await expect(row.getByText("Saved")).toBeVisible();
  const ok = await api.post("/api/v1/auth/token", { data: { email, password } });
  expect(ok.status()).toBe(201);
  await api.dispose();
});
