// The person behind an actor. Approvals, signatures and rollback requests name a user: a pipeline
// token acts for the person who created it, so the two-person rule holds on every path.
import type { Tx } from "../db/create-client";
import { ForbiddenError } from "../errors";
import type { ServiceContext } from "../permissions";

type Reader = Pick<Tx, "apiToken">;

/** The user id a person-only action is attributed to; the controller has none and is refused. */
export async function actingPersonId(tx: Reader, ctx: ServiceContext, what: string): Promise<string> {
  const { actor } = ctx;
  if (actor.type === "user") return actor.id;
  if (actor.type === "token") {
    const token = await tx.apiToken.findUnique({ where: { id: actor.id }, select: { createdById: true } });
    if (token) return token.createdById;
  }
  throw new ForbiddenError(`Only a person can ${what}.`);
}
