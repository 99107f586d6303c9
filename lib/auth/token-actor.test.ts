import { describe, expect, it } from "vitest";
import { can, type Role } from "../permissions";
import { tokenActor, type PresentedToken } from "./token-actor";

const now = new Date("2026-12-04T00:00:00Z");
const token = (over: Partial<PresentedToken> = {}, creator: Role = "release_manager"): PresentedToken => ({
  id: "tok",
  name: "pipeline",
  role: "release_manager",
  scopes: ["*"],
  revokedAt: null,
  expiresAt: null,
  createdBy: { role: creator, disabled: false },
  ...over,
});
const ctx = (t: PresentedToken) => ({ actor: tokenActor(t, now)!, requestId: "r" });

describe("what an API token may do", () => {
  it("its role's permissions, narrowed by its scopes", () => {
    expect(can(ctx(token()), "rollouts.write")).toBe(true);
    expect(can(ctx(token({ scopes: ["registry.read"] })), "rollouts.write")).toBe(false);
    expect(can(ctx(token({ scopes: ["registry.read"] })), "registry.read")).toBe(true);
  });

  it("never more than its creator may do now: an approver token made by an admin can't confirm rollbacks", () => {
    const minted = token({ role: "approver" }, "admin");
    expect(can(ctx(minted), "rollbacks.confirm")).toBe(false);
    expect(can(ctx(minted), "approvals.approve")).toBe(false);
    expect(can(ctx(minted), "rollouts.read")).toBe(true);
  });

  it("shrinks at once with its creator's role", () => {
    expect(can(ctx(token({}, "release_manager")), "rollouts.control")).toBe(true);
    expect(can(ctx(token({}, "viewer")), "rollouts.control")).toBe(false);
    expect(can(ctx(token({}, "viewer")), "rollouts.read")).toBe(true);
  });

  it("is refused when revoked, expired, or its creator is disabled", () => {
    expect(tokenActor(token({ revokedAt: now }), now)).toBeNull();
    expect(tokenActor(token({ expiresAt: new Date(now.getTime() - 1) }), now)).toBeNull();
    expect(tokenActor({ ...token(), createdBy: { role: "release_manager", disabled: true } }, now)).toBeNull();
    expect(tokenActor(null, now)).toBeNull();
  });
});
