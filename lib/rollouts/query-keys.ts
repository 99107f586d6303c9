// TanStack Query keys for rollouts (client-safe).
export const rolloutKeys = {
  all: ["rollouts"] as const,
  detail: (id: string) => [...rolloutKeys.all, "detail", id] as const,
};
