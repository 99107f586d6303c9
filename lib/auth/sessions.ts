// Browser sessions that end when they should. The session cookie (a next-auth JWT) carries the id
// of a user_sessions row created at sign-in; every request checks that row is still open
// (lib/context.ts). Sign-out ends that one row; disabling a person or changing their role ends all
// of theirs, in the same transaction as the change, so an old cookie stops working at once.
import type { PrismaClient, Tx } from "../db/create-client";

export async function openSession(db: PrismaClient, userId: string): Promise<string> {
  const row = await db.userSession.create({ data: { userId }, select: { id: true } });
  return row.id;
}

export async function endSession(db: PrismaClient, sessionId: string, because: string): Promise<void> {
  await db.userSession.updateMany({
    where: { id: sessionId, endedAt: null },
    data: { endedAt: new Date(), endedBecause: because },
  });
}

/** Ends every open session of a person (inside the transaction that changed them). */
export async function endSessionsOf(tx: Tx, userId: string, because: string): Promise<number> {
  const { count } = await tx.userSession.updateMany({
    where: { userId, endedAt: null },
    data: { endedAt: new Date(), endedBecause: because },
  });
  return count;
}

/** The person of an open session, or null (unknown, ended, or the person disabled). */
export async function sessionUser(db: PrismaClient, sessionId: string) {
  const row = await db.userSession.findUnique({ where: { id: sessionId }, include: { user: true } });
  if (!row || row.endedAt || row.user.disabled) return null;
  return row.user;
}
