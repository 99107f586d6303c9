import { Table, Td, Th } from "../ui/table";
import { Badge } from "../ui/badge";
import { formatDateTime } from "../ui/format";

interface EventRow {
  id: bigint;
  at: Date;
  actorType: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  hash: string;
  prevHash: string;
}

export function AuditEventsTable({ events, highlight }: { events: EventRow[]; highlight?: string }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>#</Th>
          <Th>When</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Entity</Th>
          <Th>Hash</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {events.map((e) => {
          const id = e.id.toString();
          const marked = id === highlight;
          return (
            <tr
              key={id}
              id={`event-${id}`}
              data-testid={marked ? "highlighted-event" : undefined}
              className={marked ? "bg-red-50 ring-2 ring-inset ring-red-300" : undefined}
            >
              <Td className="font-mono text-xs">{id}</Td>
              <Td className="whitespace-nowrap text-xs">{formatDateTime(e.at)}</Td>
              <Td className="text-xs">
                <Badge tone={e.actorType === "system" ? "violet" : e.actorType === "token" ? "amber" : "neutral"}>
                  {e.actorType}
                </Badge>{" "}
                {e.actorLabel}
              </Td>
              <Td className="font-mono text-xs">{e.action}</Td>
              <Td className="text-xs">
                {e.entityType} <span className="font-mono text-slate-500">{e.entityId?.slice(0, 10)}</span>
              </Td>
              <Td className="font-mono text-xs text-slate-500" title={`hash ${e.hash}\nprev ${e.prevHash}`}>
                {e.hash.slice(0, 10)}…
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
