// Values for Json columns. What Switchyard stores there (routing configs, plans, gates, settings,
// evidence, record sections) is JSON-shaped but typed with interfaces, which Prisma's
// InputJsonValue (an index-signature type) doesn't accept; this is the one place that says so,
// instead of a cast at every write.
import type { Prisma } from "@/lib/generated/prisma/client";

/** `value` as a Json column's input. Pass plain data only: no functions, class instances or bigint. */
export function jsonColumn(value: object): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}
