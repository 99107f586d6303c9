// Imports every module's operation list so the document is complete. Modules register theirs
// with registerOperations() from lib/api/openapi.ts.
export {};
import "../rollouts/openapi";
import "../routers/openapi";
import "../rollbacks/openapi";
import "../ingest/openapi";
import "../notifications/openapi";
