// Deployment records as a PDF in seed 001's layout (one record per page or more), with the
// record digest, the audit head it was frozen against and the export's audit head in the footer.
// pdfkit's built-in Helvetica speaks WinAnsi only, so arrows are written as "->".
import PDFDocument from "pdfkit";
import { stagesSummary } from "./record-content";
import {
  durationText,
  RECORD_METRICS,
  recordMetricCell,
  recordMetricLabel,
  type ExportedRecord,
} from "./exported-record";

const MARGIN = 50;

export interface PdfMeta {
  exportedAt: string;
  auditHead: string;
  filterText: string;
}

/** Renders the PDF and resolves with its bytes. */
export function recordsToPdf(records: ExportedRecord[], meta: PdfMeta): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: { Title: "Switchyard deployment records", Creator: "Switchyard", CreationDate: new Date(meta.exportedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  coverPage(doc, records, meta);
  for (const r of records) {
    doc.addPage();
    recordPage(doc, r, meta);
  }
  doc.end();
  return done;
}

function coverPage(doc: PDFKit.PDFDocument, records: ExportedRecord[], meta: PdfMeta) {
  doc.font("Helvetica-Bold").fontSize(18).text("Switchyard - deployment records");
  doc.moveDown(0.5).font("Helvetica").fontSize(10);
  doc.text(`Exported ${meta.exportedAt} - ${records.length} record${records.length === 1 ? "" : "s"}`);
  doc.text(`Filter: ${meta.filterText || "none"}`);
  doc.moveDown(0.5).font("Courier").fontSize(8).text(`Audit chain head at export: ${meta.auditHead}`);
  doc
    .moveDown()
    .font("Helvetica")
    .fontSize(9)
    .fillColor("#444")
    .text(
      "Each record's digest is sha256 of its canonical JSON (the JSON export carries it). A frozen record names the audit chain head " +
        "it was frozen against; verify the chain (POST /api/v1/audit/verify) to check that head is still in an intact chain.",
    );
  doc.fillColor("black").moveDown();
  for (const r of records)
    doc
      .fontSize(10)
      .text(
        `${r.number}   ${r.system.name}   ${r.fromVersion} -> ${r.toVersion}   ${r.strategy}   ${r.outcome ?? "in progress"}`,
      );
}

function recordPage(doc: PDFKit.PDFDocument, r: ExportedRecord, meta: PdfMeta) {
  doc.font("Helvetica-Bold").fontSize(16).text("DEPLOYMENT RECORD");
  doc.moveDown(0.4).font("Helvetica").fontSize(10);
  field(doc, "Deployment ID", r.number);
  field(doc, "System", r.system.name);
  field(doc, "Rollout", r.rolloutName);
  field(doc, "Model Version", `${r.fromVersion} -> ${r.toVersion}`);
  field(doc, "Date", r.startedAt ? r.startedAt.slice(0, 10) : "not started");
  field(doc, "Outcome", r.outcome ? r.outcome.replace(/_/g, " ") : "in progress (not frozen)");

  section(doc, "STRATEGY");
  field(doc, "Type", r.strategy.replace(/_/g, " "));
  field(doc, "Stages", ascii(stagesSummary(r.stages)) || "none");
  field(doc, "Duration", durationText(r.startedAt, r.frozenAt));

  section(doc, "TIMELINE");
  if (r.timeline.length === 0) doc.text("No events yet.");
  for (const e of r.timeline)
    doc.text(
      `${e.at.replace("T", " ").slice(0, 16)}  ${e.action}  (${ascii(e.actor.replace(/ <.*>$/, ""))})${e.detail ? ` - ${ascii(e.detail)}` : ""}`,
    );

  section(doc, "METRICS");
  metricsTable(doc, r);

  section(doc, "ISSUES");
  if (r.issues.length === 0) doc.text("None");
  for (const i of r.issues) doc.text(`- ${ascii(i.summary)}`);

  section(doc, "ROLLBACK USED");
  doc.text(r.rollbackUsed ? "Yes" : "No");

  section(doc, "NOTES");
  doc.text(ascii(r.notes) || "-");

  doc.moveDown();
  doc.font("Courier").fontSize(7).fillColor("#333");
  doc.text(`record digest (sha256): ${r.digest ?? "not frozen"}`);
  doc.text(`content digest (sha256): ${r.contentDigest}`);
  doc.text(`frozen against audit head: ${r.auditHash ?? "-"}`);
  doc.text(`audit head at export: ${meta.auditHead}`);
  doc.font("Helvetica").fontSize(10).fillColor("black");
}

function metricsTable(doc: PDFKit.PDFDocument, r: ExportedRecord) {
  if (r.metrics.length === 0) {
    doc.text("No metrics yet.");
    return;
  }
  const cols = [70, 150, 140, 135];
  const headers = ["Stage", ...RECORD_METRICS.map(recordMetricLabel)];
  row(doc, headers, cols, true);
  for (const m of r.metrics) {
    row(doc, [m.label, ...RECORD_METRICS.map((column) => recordMetricCell(m, column))], cols, false);
  }
  doc.x = MARGIN;
}

function row(doc: PDFKit.PDFDocument, cells: string[], widths: number[], header: boolean) {
  if (doc.y > doc.page.height - 120) doc.addPage();
  const y = doc.y;
  let x = MARGIN;
  doc.font(header ? "Helvetica-Bold" : "Helvetica").fontSize(8);
  let bottom = y;
  cells.forEach((c, i) => {
    doc.text(ascii(c.replace(/ \/ /g, "\n")), x, y, { width: widths[i]! - 6 });
    bottom = Math.max(bottom, doc.y);
    x += widths[i]!;
  });
  doc
    .moveTo(MARGIN, bottom + 2)
    .lineTo(MARGIN + widths.reduce((a, b) => a + b, 0), bottom + 2)
    .lineWidth(0.5)
    .strokeColor("#bbb")
    .stroke();
  doc.x = MARGIN;
  doc.y = bottom + 5;
  doc.font("Helvetica").fontSize(10);
}

function section(doc: PDFKit.PDFDocument, title: string) {
  doc.moveDown(0.8).font("Helvetica-Bold").fontSize(11).text(title, MARGIN);
  doc.font("Helvetica").fontSize(10);
}

function field(doc: PDFKit.PDFDocument, label: string, value: string) {
  doc.font("Helvetica-Bold").text(`${label}: `, { continued: true }).font("Helvetica").text(value);
}

/** Helvetica (WinAnsi) has no arrows or emoji: replace what it can't draw. */
function ascii(s: string): string {
  return s
    .replace(/→/g, "->")
    .replace(/—/g, "-")
    .replace(/[^\x20-\x7E\u00A0-\u00FF\n]/g, "?");
}
