import { expect, test as setup } from "@playwright/test";
import { demoUser, E2E_ROLES, storageState } from "./roles";
import { signIn } from "./sign-in";

// One signed-in browser state per role (and a second release manager and approver), reused by specs.
const accounts = [
  ...E2E_ROLES.map((role) => ({ role, n: 1 })),
  { role: "release_manager" as const, n: 2 },
  { role: "approver" as const, n: 2 },
];

for (const { role, n } of accounts) {
  setup(`sign in as ${role} ${n}`, async ({ page }) => {
    const user = demoUser(role, n);
    await signIn(page, user.email, user.password);
    await expect(page.getByTestId("current-user")).toHaveText(user.name);
    await page.context().storageState({ path: storageState(role, n) });
  });
}
