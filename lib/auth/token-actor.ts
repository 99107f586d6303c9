// Who a presented API token acts as, from its row and its creator's row (pure). A token never
// carries more than the person who made it may do now: its permissions are its role's, its
// creator's current role's and its scopes', all at once (permissions.ts `can`), so a person whose
// role shrinks shrinks their tokens with it, and a disabled person's tokens stop working.
import type { Actor, Role } from "../permissions";

export interface PresentedToken {
  id: string;
  name: string;
  role: Role;
  scopes: string[];
  revokedAt: Date | null;
  expiresAt: Date | null;
  createdBy: { role: Role; disabled: boolean };
}

/** The actor the token stands for, or null when it must be refused (revoked, expired, creator disabled). */
export function tokenActor(token: PresentedToken | null, now: Date): Extract<Actor, { type: "token" }> | null {
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt < now) || token.createdBy.disabled) return null;
  return {
    type: "token",
    id: token.id,
    role: token.role,
    creatorRole: token.createdBy.role,
    label: `token:${token.name}`,
    scopes: token.scopes,
  };
}
