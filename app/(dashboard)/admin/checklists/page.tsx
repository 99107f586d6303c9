import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { listChecklistTemplates } from "@/lib/checklists/queries";
import { DEFAULT_CHECKLIST } from "@/lib/demo/demo-data";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { Card } from "@/components/ui/card";
import { AssignTemplateSelect, TemplateEditor, type EditableItem } from "@/components/checklists/template-editor";

export const metadata = { title: "Checklist templates" };

export default async function ChecklistTemplatesPage() {
  const ctx = await pageContext();
  if (!can(ctx, "checklists.templates")) return <Forbidden what="checklist templates" />;
  const { templates, systems } = await listChecklistTemplates(ctx);
  const seed003: EditableItem[] = DEFAULT_CHECKLIST.flatMap((s) =>
    s.items.map((i) => ({
      section: s.section,
      label: i.label,
      required: i.required ?? true,
      verification: i.verification ?? "manual",
    })),
  );
  return (
    <>
      <PageHeader
        title="Checklist templates"
        description="Pre-deployment checklists new rollouts copy (by default four sections: model validation, infrastructure, observability, process). Items are signed by a person with a note or evidence link, or verified by Switchyard. Editing a template never changes a rollout's existing checklist."
      />
      <div className="space-y-6">
        <Card title="Which system uses which template">
          <ul className="divide-y divide-slate-100 text-sm">
            {systems.map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-3 py-2">
                <span className="font-medium text-slate-800">{s.name}</span>
                <AssignTemplateSelect
                  systemId={s.id}
                  systemName={s.name}
                  value={s.checklistTemplateId}
                  templates={templates.map((t) => ({ id: t.id, name: t.name }))}
                />
              </li>
            ))}
          </ul>
        </Card>
        {templates.map((t) => (
          <TemplateEditor
            key={`${t.id}-${t.updatedAt.getTime()}`}
            template={{
              id: t.id,
              name: t.name,
              isDefault: t.isDefault,
              items: t.items.map(({ section, label, required, verification }) => ({
                section,
                label,
                required,
                verification,
              })),
            }}
          />
        ))}
        <details className="rounded-lg border border-dashed border-slate-300 bg-white p-4">
          <summary className="cursor-pointer text-sm font-medium text-slate-800">
            New template (starts from the default checklist)
          </summary>
          <div className="mt-4">
            <TemplateEditor template={{ name: "", isDefault: false, items: seed003 }} />
          </div>
        </details>
      </div>
    </>
  );
}
