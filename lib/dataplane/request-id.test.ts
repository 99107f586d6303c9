import { describe, expect, it } from "vitest";
import { formatRequestId, nonceSource, parseRequestId, requestIdPrefix } from "./request-id";

describe("request id", () => {
  it("round-trips the rollout, variant and serve time", () => {
    const id = formatRequestId("cm4q2x0ab0001l708hz3c9kfd", "challenger-2", 1_764_759_000_123, "k3j9a2-1f");
    expect(id).toBe("sy1:cm4q2x0ab0001l708hz3c9kfd:challenger-2:1764759000123:k3j9a2-1f");
    expect(parseRequestId(id)).toEqual({
      rolloutId: "cm4q2x0ab0001l708hz3c9kfd",
      variant: "challenger-2",
      servedAt: new Date(1_764_759_000_123),
    });
  });

  it("says 'no rollout' for answers served by the champion alone", () => {
    expect(requestIdPrefix(null, "champion")).toBe("sy1:-:champion:");
    expect(parseRequestId(formatRequestId(null, "champion", 1_764_759_000_123, "a"))?.rolloutId).toBeNull();
  });

  it("keeps variant keys with dots and the NGINX and HAProxy nonces whole", () => {
    expect(parseRequestId("sy1:r1:model.v2:1764759000123:4f9c2a1e0b7d4c3a9e8f7a6b5c4d3e2f")?.variant).toBe("model.v2");
    expect(parseRequestId("sy1:r1:champion:1764759000123:0b9f-41d2-8c7e-aa01")).not.toBeNull();
  });

  it("is null for a caller's own ids and for malformed ones", () => {
    for (const bad of [
      "",
      "req-42",
      "3f2b9c1e-8d1a-4b8e-9a43-0c2a1f5d7e66",
      "sy2:r1:champion:1764759000123:a",
      "sy1:r1:champion:yesterday:a",
      "sy1:r1::1764759000123:a",
      "sy1:r1:champion:1764759000123:",
      "sy1:r1:cham:pion:1764759000123:a",
    ])
      expect(parseRequestId(bad), bad).toBeNull();
  });

  it("never repeats a nonce within a process, and two processes start apart", () => {
    const a = nonceSource(() => 0.25);
    const b = nonceSource(() => 0.75);
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(a());
    expect(seen.size).toBe(10_000);
    expect(b()).not.toBe(nonceSource(() => 0.25)());
  });
});
