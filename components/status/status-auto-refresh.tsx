"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Stakeholders leave the status page open: refresh it every 10 s without a reload. */
export function StatusAutoRefresh({ intervalMs = 10_000 }: { intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const t = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(t);
  }, [router, intervalMs]);
  return null;
}
