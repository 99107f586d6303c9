import { DEMO_PASSWORD, DEMO_USERS } from "../lib/demo/demo-data";
import type { Role } from "../lib/permissions";

export const E2E_ROLES: Role[] = ["admin", "release_manager", "approver", "viewer", "auditor"];

export function demoUser(role: Role, n = 1) {
  const users = DEMO_USERS.filter((u) => u.role === role);
  const user = users[n - 1];
  if (!user) throw new Error(`no demo user #${n} with role ${role}`);
  return { ...user, password: DEMO_PASSWORD };
}

export const storageState = (role: Role, n = 1) => `e2e/.auth/${role}${n > 1 ? n : ""}.json`;
