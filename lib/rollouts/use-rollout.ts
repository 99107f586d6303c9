"use client";
import { useQuery } from "@tanstack/react-query";
import type { PresentedRollout } from "./present-rollout";
import { rolloutKeys } from "./query-keys";
import { isInFlight } from "./state-machine";

async function fetchRollout(id: string): Promise<PresentedRollout> {
  const res = await fetch(`/api/rollouts/${id}`, { cache: "no-store" });
  if (!res.ok) throw new Error((await res.json().catch(() => null))?.detail ?? `HTTP ${res.status}`);
  return res.json();
}

/** The rollout, refreshed every 2 s while it can still change. */
export function useRollout(id: string, initialData: PresentedRollout) {
  return useQuery({
    queryKey: rolloutKeys.detail(id),
    queryFn: () => fetchRollout(id),
    initialData,
    refetchInterval: (q) => (q.state.data && isInFlight(q.state.data.status) ? 2_000 : false),
  });
}
