// Imports every domain's operation list so the document is complete. Each domain registers its
// operations with registerOperations() from lib/api/openapi.ts; the parity test checks that every
// lib/**/openapi.ts is imported here.
export {};
import "../status/openapi";
import "../tokens/openapi";
import "../users/openapi";
import "../registry/openapi";
import "../rollouts/openapi";
import "../approvals/openapi";
import "../checklists/openapi";
import "../rollbacks/openapi";
import "../gate-overrides/openapi";
import "../incidents/openapi";
import "../notifications/openapi";
import "../records/openapi";
import "../audit/openapi";
import "../routers/openapi";
import "../ingest/openapi";
