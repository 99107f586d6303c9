// A rollout's own copy of its system's checklist template, so later template edits never change
// what was signed for a rollout.
import type { Tx } from "../db/create-client";
import { DEFAULT_CHECKLIST } from "../demo/demo-data";

/**
 * Copies the system's template items (or the default template; with no template at all, seed
 * 003's checklist) into ChecklistItem rows of the rollout. Idempotent: a rollout that already
 * has items keeps them.
 */
export async function createRolloutChecklist(
  tx: Tx,
  { rolloutId, systemId }: { rolloutId: string; systemId: string },
): Promise<void> {
  if ((await tx.checklistItem.count({ where: { rolloutId } })) > 0) return;
  const system = await tx.system.findUnique({ where: { id: systemId }, select: { checklistTemplateId: true } });
  const templateId =
    system?.checklistTemplateId ??
    (await tx.checklistTemplate.findFirst({ where: { isDefault: true }, select: { id: true } }))?.id;
  const items = templateId
    ? await tx.checklistTemplateItem.findMany({ where: { templateId }, orderBy: { position: "asc" } })
    : DEFAULT_CHECKLIST.flatMap((s, si) =>
        s.items.map((item, ii) => ({
          section: s.section,
          label: item.label,
          required: item.required ?? true,
          verification: item.verification ?? ("manual" as const),
          position: si * 100 + ii,
        })),
      );
  if (items.length === 0) return;
  await tx.checklistItem.createMany({
    data: items.map((i) => ({
      rolloutId,
      section: i.section,
      label: i.label,
      required: i.required,
      verification: i.verification,
      position: i.position,
    })),
  });
}
