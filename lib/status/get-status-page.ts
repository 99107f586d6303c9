import "server-only";
import { db } from "../db";
import { ACTIVE_STATUSES } from "../rollouts/state-machine";
import { deriveSystemStatus, type PublicSystemStatus } from "./derive-system-status";

/** Public, no sign-in: what each system serves, rollouts in progress, incidents and history.
 * Only fields safe for stakeholders outside the team. */
export async function getStatusPage(slug?: string): Promise<PublicSystemStatus[]> {
  const systems = await db.system.findMany({
    where: slug ? { slug } : undefined,
    orderBy: { name: "asc" },
    include: {
      championVersion: { include: { model: { select: { name: true } } } },
      rollouts: {
        where: { OR: [{ status: { in: [...ACTIVE_STATUSES] } }, { endedAt: { not: null } }] },
        orderBy: { createdAt: "desc" },
        take: 11,
        include: { variants: { include: { version: { select: { version: true } } } } },
      },
      incidents: { orderBy: { createdAt: "desc" }, take: 10, include: { updates: { orderBy: { createdAt: "desc" } } } },
    },
  });
  return systems.map((s) => deriveSystemStatus(s));
}
