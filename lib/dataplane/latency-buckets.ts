// Upper bounds (ms, inclusive) of the fixed latency histogram shared by the router's Prometheus
// output, its reports and the control plane's rollups. A report's latencyBuckets has one more
// entry than this list: the last one counts answers slower than the largest bound.
// Changing these bounds changes the meaning of stored rollups: add a new list, never edit this one.
export const LATENCY_BUCKET_BOUNDS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000] as const;

/** Index into a latencyBuckets array (bounds.length + 1 long) for a latency in ms. */
export function latencyBucketIndex(ms: number): number {
  const b = LATENCY_BUCKET_BOUNDS_MS;
  let i = 0;
  while (i < b.length && ms > b[i]) i++;
  return i;
}
