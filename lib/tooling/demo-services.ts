// The demo data plane the start command runs beside web: filled in as those parts land.
import type { ServiceSpec } from "./processes";

export function demoServices(_options: { env: Record<string, string>; dataDir: string; webPort: number }): ServiceSpec[] {
  return [];
}
