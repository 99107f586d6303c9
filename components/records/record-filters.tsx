import { RECORD_OUTCOMES, type RecordFilter } from "@/lib/records/schemas";
import { STRATEGIES } from "@/lib/strategies/plan";
import { Button, ButtonLink } from "../ui/button";
import { Input, Select } from "../ui/form";

/** A plain GET form: filters live in the URL, so a filtered view can be shared and exported. */
export function RecordFilters({
  filter,
  systems,
}: {
  filter: RecordFilter;
  systems: { slug: string; name: string }[];
}) {
  return (
    <form
      method="get"
      action="/records"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
      aria-label="Filter records"
    >
      <label className="text-xs font-medium text-slate-600">
        System
        <Select name="system" defaultValue={filter.system ?? ""} className="mt-1 w-48">
          <option value="">All systems</option>
          {systems.map((s) => (
            <option key={s.slug} value={s.slug}>
              {s.name}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        Strategy
        <Select name="strategy" defaultValue={filter.strategy ?? ""} className="mt-1 w-40">
          <option value="">Any strategy</option>
          {STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {s.replace(/_/g, " ")}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        Outcome
        <Select name="outcome" defaultValue={filter.outcome ?? ""} className="mt-1 w-36">
          <option value="">Any outcome</option>
          {RECORD_OUTCOMES.map((s) => (
            <option key={s} value={s}>
              {s.replace(/_/g, " ")}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        Started from
        <Input type="date" name="from" defaultValue={filter.from ?? ""} className="mt-1 w-40" />
      </label>
      <label className="text-xs font-medium text-slate-600">
        to
        <Input type="date" name="to" defaultValue={filter.to ?? ""} className="mt-1 w-40" />
      </label>
      <Button type="submit" variant="secondary">
        Apply filters
      </Button>
      <ButtonLink href="/records" variant="ghost">
        Clear
      </ButtonLink>
    </form>
  );
}
