// TanStack Query keys and fetchers for the analysis panels. Client-safe.
export const analysisKeys = {
  all: ["analysis"] as const,
  metrics: (rolloutId: string) => [...analysisKeys.all, "metrics", rolloutId] as const,
  runs: (rolloutId: string) => [...analysisKeys.all, "runs", rolloutId] as const,
  abReport: (rolloutId: string) => [...analysisKeys.all, "ab-report", rolloutId] as const,
};

export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(body?.detail ?? `HTTP ${res.status}`);
  }
  return (await res.json()) as T;
}
