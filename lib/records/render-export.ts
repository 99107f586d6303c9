// Renders an export of deployment records (JSON, NDJSON, CSV, PDF) read in pages, and its
// sha256. Shared by the export verb and the benchmark; no "server-only".
import crypto from "node:crypto";
import type { PrismaClient } from "../db/create-client";
import { auditHeadHash, withChainQuery } from "../audit/verify-chain";
import { recordWhere } from "./record-where";
import { toExportedRecord, type ExportedRecord } from "./exported-record";
import { recordsToCsv } from "./to-csv";
import { recordsToPdf } from "./to-pdf";
import type { ExportRecordsInput } from "./schemas";

/** An export holds at most this many records; narrow the filter for more. */
export const MAX_EXPORT_RECORDS = 10_000;
const PAGE = 250;

export interface RenderedExport {
  chunks: Buffer[];
  contentType: string;
  filename: string;
  /** sha256 (hex) of the whole body. */
  digest: string;
  /** Audit chain head when the export was read. */
  auditHead: string;
  count: number;
  exportedAt: string;
}

const CONTENT_TYPES = {
  json: "application/json",
  ndjson: "application/x-ndjson",
  csv: "text/csv; charset=utf-8",
  pdf: "application/pdf",
} as const;

export async function renderRecordsExport(
  db: PrismaClient,
  input: ExportRecordsInput,
  now = new Date(),
): Promise<RenderedExport> {
  const { format, ...filter } = input;
  const exportedAt = now.toISOString();
  // The head is read the way verification reads the chain (one path, lib/audit/verify-chain.ts).
  const auditHead = await withChainQuery(auditHeadHash);
  const chunks: Buffer[] = [];
  const hash = crypto.createHash("sha256");
  const push = (s: string | Buffer) => {
    const b = typeof s === "string" ? Buffer.from(s, "utf8") : s;
    chunks.push(b);
    hash.update(b);
  };
  const header = { exportedAt, auditHead, filter, format };
  let count = 0;
  const pdfRecords: ExportedRecord[] = [];
  if (format === "json") push(`{"export":${JSON.stringify(header)},"records":[`);
  if (format === "ndjson") push(`${JSON.stringify({ type: "export", ...header })}\n`);
  for await (const page of recordPages(db, filter)) {
    if (format === "json") push((count > 0 ? "," : "") + page.map((r) => JSON.stringify(r)).join(","));
    else if (format === "ndjson") push(page.map((r) => JSON.stringify({ type: "record", ...r })).join("\n") + "\n");
    else if (format === "csv") push(recordsToCsv(page, count === 0));
    else pdfRecords.push(...page);
    count += page.length;
  }
  if (format === "json") push(`],"count":${count}}\n`);
  if (format === "csv" && count === 0) push(recordsToCsv([], true));
  if (format === "pdf") push(await recordsToPdf(pdfRecords, { exportedAt, auditHead, filterText: filterText(filter) }));
  const stamp = exportedAt.slice(0, 19).replace(/[-:T]/g, "");
  return {
    chunks,
    contentType: CONTENT_TYPES[format],
    filename: `deployment-records-${stamp}.${format}`,
    digest: hash.digest("hex"),
    auditHead,
    count,
    exportedAt,
  };
}

async function* recordPages(
  db: PrismaClient,
  filter: Omit<ExportRecordsInput, "format">,
): AsyncGenerator<ExportedRecord[]> {
  let cursor: string | undefined;
  let seen = 0;
  while (seen < MAX_EXPORT_RECORDS) {
    const rows = await db.deploymentRecord.findMany({
      where: recordWhere(filter),
      orderBy: { id: "asc" },
      take: Math.min(PAGE, MAX_EXPORT_RECORDS - seen),
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      include: { system: { select: { slug: true, name: true } }, rollout: { select: { name: true } } },
    });
    if (rows.length === 0) return;
    seen += rows.length;
    cursor = rows[rows.length - 1]!.id;
    yield rows.map(toExportedRecord);
    if (rows.length < PAGE) return;
  }
}

export function filterText(filter: Record<string, unknown>): string {
  return Object.entries(filter)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(", ");
}
