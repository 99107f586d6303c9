// TanStack Query keys for rollouts (client-safe).
export const rolloutKeys = {
  all: ["rollouts"] as const,
  detail: (id: string) => [...rolloutKeys.all, "detail", id] as const,
};

export const LIVE_STATUSES = new Set(["ready", "progressing", "paused", "promoting", "awaiting_approval"]);
