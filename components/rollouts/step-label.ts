// Plain words for a plan step (pure, client-safe).

export function stepLabel(kind: string, params: Record<string, unknown>): string {
  const pct = (bp: unknown) => `${Number(bp ?? 0) / 100} %`;
  switch (kind) {
    case "set_weight":
      if (params.weights)
        return `Set weights ${Object.entries(params.weights as Record<string, number>)
          .map(([k, v]) => `${k} ${pct(v)}`)
          .join(", ")}`;
      return `Send ${pct(params.weight)} to the challenger${Array.isArray(params.rules) && params.rules.length ? ` (+${params.rules.length} targeting rule${params.rules.length > 1 ? "s" : ""})` : ""}`;
    case "pause":
      if (params.until)
        return `Wait until ${new Date(String(params.until)).toISOString().replace("T", " ").slice(0, 16)} UTC`;
      return params.durationSeconds
        ? `Pause ${duration(Number(params.durationSeconds))}`
        : "Pause until someone advances or promotes";
    case "analysis":
      return `Analysis gate${Array.isArray(params.gates) && params.gates.length ? `: ${(params.gates as string[]).join(", ")}` : ""}`;
    case "set_phase":
      return `Phase → ${String(params.phase).toUpperCase()}`;
    case "switch":
      return "Switch all traffic to the idle slot (atomic)";
    case "mirror":
      return `Mirror ${pct(params.sampleBasisPoints)} of safe requests to the challenger (never served)`;
    case "experiment":
      return `Fixed split for ${duration(Number(params.durationSeconds))}, ${Number(params.sampleSizePerArm).toLocaleString("en")} units per arm`;
    default:
      return kind;
  }
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${+(seconds / 3600).toFixed(1)} h`;
  return `${+(seconds / 86400).toFixed(1)} d`;
}
