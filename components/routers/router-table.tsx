import Link from "next/link";
import type { PublicRouter } from "@/lib/routers/queries";
import { Table, Td, Th } from "../ui/table";
import { Badge } from "../ui/badge";
import { relativeTime } from "../ui/format";
import { HealthBadge, SyncBadge } from "./badges";
import { kindLabel } from "./kind-help";

/** Every router at a glance; the last two columns fold away below laptop width. */
export function RouterTable({ routers }: { routers: PublicRouter[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Router</Th>
          <Th>System</Th>
          <Th>Health</Th>
          <Th>Config (desired / applied)</Th>
          <Th className="hidden lg:table-cell">Last propagated</Th>
          <Th className="hidden xl:table-cell">Last error</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {routers.map((r) => (
          <tr key={r.id} data-testid={`router-row-${r.name}`}>
            <Td>
              <Link href={`/routers/${r.id}`} className="font-medium text-brand-700 hover:underline">
                {r.name}
              </Link>
              <div className="mt-0.5 flex flex-wrap items-center gap-1.5">
                <Badge>{kindLabel(r.type)}</Badge>
                <span className="max-w-56 truncate font-mono text-xs text-slate-500" title={r.endpoint}>
                  {r.endpoint}
                </span>
              </div>
            </Td>
            <Td>{r.system.name}</Td>
            <Td>
              <HealthBadge health={r.health} />
              <div className="mt-0.5 text-xs text-slate-500">checked {relativeTime(r.lastCheckedAt)}</div>
              {r.lastError && (
                <div className="mt-0.5 text-xs text-red-700 xl:hidden">error {relativeTime(r.lastErrorAt)}</div>
              )}
            </Td>
            <Td>
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-xs">
                  v{r.desiredVersion} / v{r.appliedVersion}
                </span>
                <SyncBadge desiredVersion={r.desiredVersion} appliedVersion={r.appliedVersion} />
              </div>
            </Td>
            <Td className="hidden text-xs lg:table-cell">{relativeTime(r.lastAppliedAt)}</Td>
            <Td className="hidden max-w-xs text-xs xl:table-cell">
              {r.lastError ? (
                <span className="line-clamp-2 text-red-700" title={r.lastError}>
                  {r.lastError}
                </span>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
