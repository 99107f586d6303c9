// The one permission table. Every server action and route handler checks it itself.
import { Role } from "./generated/prisma/enums";
import { ForbiddenError } from "./errors";

export type { Role };
/** Every role, in the schema's order. */
export const ROLES: readonly Role[] = Object.values(Role);

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  release_manager: "Release manager",
  approver: "Approver",
  viewer: "Stakeholder (viewer)",
  auditor: "Auditor",
};

export const ROLE_PERMISSIONS = {
  "dashboard.read": ["admin", "release_manager", "approver", "viewer", "auditor"],
  "registry.read": ["admin", "release_manager", "approver", "viewer", "auditor"],
  "registry.write": ["admin", "release_manager"],
  "systems.write": ["admin"],
  "routers.read": ["admin", "release_manager", "approver", "viewer", "auditor"],
  "routers.write": ["admin"],
  "rollouts.read": ["admin", "release_manager", "approver", "viewer", "auditor"],
  "rollouts.write": ["admin", "release_manager"],
  "rollouts.control": ["admin", "release_manager"],
  "approvals.approve": ["approver"],
  "checklists.sign": ["approver", "release_manager"],
  "checklists.templates": ["admin"],
  "rollbacks.request": ["admin", "release_manager"],
  "rollbacks.confirm": ["approver", "release_manager"],
  "rollbacks.break_glass": ["admin", "release_manager"],
  /** Ask to accept an analysis step whose gates didn't decide, with a written reason. */
  "overrides.request": ["admin", "release_manager"],
  /** Confirm someone else's acceptance (two-person rule, as for rollbacks). */
  "overrides.confirm": ["approver", "release_manager"],
  "metrics.ingest": ["admin", "release_manager"],
  "records.read": ["admin", "release_manager", "approver", "viewer", "auditor"],
  "records.export": ["admin", "auditor"],
  "audit.read": ["admin", "auditor"],
  "audit.verify": ["admin", "auditor"],
  "users.manage": ["admin"],
  "tokens.manage": ["admin"],
  "incidents.write": ["admin", "release_manager"],
  "notifications.manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof ROLE_PERMISSIONS;
export const PERMISSIONS = Object.keys(ROLE_PERMISSIONS) as Permission[];

export function roleCan(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Anything that acts: a person, a pipeline token, or the controller. */
export type Actor =
  | { type: "user"; id: string; role: Role; label: string }
  /** A token acts with its role, its creator's current role and its scopes, all three at once. */
  | { type: "token"; id: string; role: Role; creatorRole: Role; label: string; scopes: string[] }
  | { type: "system"; job: string; label: string };

export interface ServiceContext {
  actor: Actor;
  requestId: string;
}

export function can(ctx: ServiceContext, permission: Permission): boolean {
  const { actor } = ctx;
  if (actor.type === "system") return true;
  if (!roleCan(actor.role, permission)) return false;
  if (actor.type === "token")
    return roleCan(actor.creatorRole, permission) && (actor.scopes.includes("*") || actor.scopes.includes(permission));
  return true;
}

/** Throws ForbiddenError unless the actor holds `permission`. Call first in every verb. */
export function requirePermission(ctx: ServiceContext, permission: Permission): void {
  if (!can(ctx, permission)) throw new ForbiddenError(`Your role can't do this (${permission}).`);
}

export function actorId(ctx: ServiceContext): string | null {
  return ctx.actor.type === "system" ? null : ctx.actor.id;
}

export function systemContext(job: string): ServiceContext {
  return { actor: { type: "system", job, label: `system:${job}` }, requestId: `${job}-${Date.now().toString(36)}` };
}
