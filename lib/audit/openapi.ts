// REST operations of audit verification, for /api/v1/openapi.json.
import { registerOperations } from "../api/openapi";
import { EX } from "../api/examples";

const verification = {
  ok: true,
  checked: 18234,
  headId: "18234",
  headHash: "9c0b1a2f3e4d5c6b7a8f9e0d7e2d9c1b0a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d",
  problems: [],
  anchorsChecked: 41,
  durationMs: 212,
  verifiedAt: EX.later,
  eventId: "18235",
};

registerOperations([
  {
    method: "post",
    path: "/api/v1/audit/verify",
    summary: "Verify the whole audit chain now; names the first tampered row (records an audit.verify event)",
    tag: "audit",
    permission: "audit.verify",
    status: 200,
    serverActions: ["verifyAuditChainAction"],
    responseExample: { verification },
  },
  {
    method: "get",
    path: "/api/v1/audit/verify",
    summary: "Latest audit chain verification results, newest first",
    tag: "audit",
    permission: "audit.read",
    query: { take: "how many (default 10)" },
    responseExample: { verifications: [verification] },
  },
]);
