import { getStatusPage } from "@/lib/status/get-status-page";
import { SystemStatusCard } from "@/components/status/system-status-card";
import { StatusAutoRefresh } from "@/components/status/status-auto-refresh";

export const dynamic = "force-dynamic";

export default async function StatusPage() {
  const systems = await getStatusPage();
  const allGood = systems.every((s) => s.status === "operational" || s.status === "rollout_in_progress");
  return (
    <>
      <StatusAutoRefresh />
      <div
        className={`rounded-lg px-5 py-4 text-sm font-medium ${allGood ? "bg-emerald-600 text-white" : "bg-amber-500 text-white"}`}
      >
        {allGood ? "All model-backed systems are operational." : "Some systems have open incidents."}
      </div>
      {systems.length === 0 && <p className="text-sm text-slate-600">No systems are registered yet.</p>}
      {systems.map((s) => (
        <SystemStatusCard key={s.slug} system={s} />
      ))}
    </>
  );
}
