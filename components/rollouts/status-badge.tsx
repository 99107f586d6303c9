import { Badge, type Tone } from "../ui/badge";

const TONE: Record<string, Tone> = {
  draft: "neutral",
  awaiting_approval: "amber",
  ready: "blue",
  progressing: "blue",
  paused: "amber",
  promoting: "violet",
  completed: "green",
  aborted: "neutral",
  rolled_back: "red",
};

export function RolloutStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONE[status] ?? "neutral"}>{status.replace(/_/g, " ")}</Badge>;
}
