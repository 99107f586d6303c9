import { Badge, type Tone } from "../ui/badge";

const TONE: Record<string, Tone> = { completed: "green", rolled_back: "red", aborted: "amber" };

export function OutcomeBadge({ outcome }: { outcome: string | null }) {
  return outcome ? (
    <Badge tone={TONE[outcome] ?? "neutral"}>{outcome.replace(/_/g, " ")}</Badge>
  ) : (
    <Badge tone="blue">in progress</Badge>
  );
}
