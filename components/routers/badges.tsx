import { Badge } from "../ui/badge";

const HEALTH_TONE = { healthy: "green", degraded: "amber", down: "red", unknown: "neutral" } as const;

export function HealthBadge({ health }: { health: string }) {
  return <Badge tone={HEALTH_TONE[health as keyof typeof HEALTH_TONE] ?? "neutral"}>{health}</Badge>;
}

/** In sync once the router confirmed (read back) the version Switchyard last wanted. */
export function SyncBadge({ desiredVersion, appliedVersion }: { desiredVersion: number; appliedVersion: number }) {
  if (desiredVersion === 0 && appliedVersion === 0)
    return <Badge title="Switchyard has not pushed a config to this router yet">never pushed</Badge>;
  return desiredVersion === appliedVersion ? (
    <Badge tone="green" title={`Router confirmed config v${appliedVersion}`}>
      in sync
    </Badge>
  ) : (
    <Badge tone="amber" title={`Switchyard wants v${desiredVersion}; the router last confirmed v${appliedVersion}`}>
      not in sync
    </Badge>
  );
}
