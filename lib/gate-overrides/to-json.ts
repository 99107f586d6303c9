// The REST shape of a request to accept a step (people by id and name, never more).
type Person = { id: string; name: string } | null | undefined;

export function toGateOverrideJson(o: {
  id: string;
  rolloutId: string;
  stepIndex: number;
  gates: unknown;
  reason: string;
  status: string;
  requestedById: string;
  confirmedById: string | null;
  createdAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
  requestedBy?: Person;
  confirmedBy?: Person;
}) {
  return {
    id: o.id,
    rolloutId: o.rolloutId,
    /** 1-based, as on the page. */
    step: o.stepIndex + 1,
    gates: o.gates,
    reason: o.reason,
    status: o.status,
    requestedBy: o.requestedBy ?? { id: o.requestedById },
    confirmedBy: o.confirmedBy ?? (o.confirmedById ? { id: o.confirmedById } : null),
    createdAt: o.createdAt,
    confirmedAt: o.confirmedAt,
    cancelledAt: o.cancelledAt,
  };
}
