// The audit hash in SQL: one definition for the writer (computed inside the INSERT) and the
// verifier (recomputed over the whole table in one pass). See audit-hash.ts for its JS twin.

/** Postgres's canonical text of the event's columns, prefixed by `alias.` when given. */
export function auditPayloadSql(alias = ""): string {
  const c = (name: string) => (alias ? `${alias}.${name}` : name);
  return `jsonb_build_object('action', ${c("action")}, 'actorId', ${c("actor_id")}, 'actorLabel', ${c("actor_label")}, 'actorType', ${c("actor_type")}, 'after', ${c("after")}, 'at', to_char(${c("at")}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'before', ${c("before")}, 'entityId', ${c("entity_id")}, 'entityType', ${c("entity_type")}, 'meta', ${c("meta")})::text`;
}

export function auditHashSql(alias = ""): string {
  const prev = alias ? `${alias}.prev_hash` : "prev_hash";
  return `encode(sha256(convert_to(${prev} || E'\\n' || ${auditPayloadSql(alias)}, 'UTF8')), 'hex')`;
}
