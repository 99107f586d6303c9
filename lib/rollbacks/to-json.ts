// The REST shape of a rollback request (people by id and name, never more).
type Person = { id: string; name: string } | null | undefined;

export function toRollbackRequestJson(r: {
  id: string;
  rolloutId: string;
  status: string;
  source: string;
  reason: string;
  breakGlass: boolean;
  requestedById: string | null;
  confirmedById: string | null;
  reviewedById: string | null;
  createdAt: Date;
  confirmedAt: Date | null;
  executedAt: Date | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
  weightsBefore: unknown;
  weightsAfter: unknown;
  requestedBy?: Person;
  confirmedBy?: Person;
  reviewedBy?: Person;
}) {
  return {
    id: r.id,
    rolloutId: r.rolloutId,
    status: r.status,
    source: r.source,
    reason: r.reason,
    breakGlass: r.breakGlass,
    requestedBy: r.requestedBy ?? (r.requestedById ? { id: r.requestedById } : null),
    confirmedBy: r.confirmedBy ?? (r.confirmedById ? { id: r.confirmedById } : null),
    reviewedBy: r.reviewedBy ?? (r.reviewedById ? { id: r.reviewedById } : null),
    createdAt: r.createdAt,
    confirmedAt: r.confirmedAt,
    executedAt: r.executedAt,
    reviewedAt: r.reviewedAt,
    reviewNote: r.reviewNote,
    weightsBefore: r.weightsBefore ?? null,
    weightsAfter: r.weightsAfter ?? null,
  };
}
