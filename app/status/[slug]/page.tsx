import { notFound } from "next/navigation";
import { getStatusPage } from "@/lib/status/get-status-page";
import { SystemStatusCard } from "@/components/status/system-status-card";
import { StatusAutoRefresh } from "@/components/status/status-auto-refresh";
import Link from "next/link";

export const dynamic = "force-dynamic";

export default async function SystemStatusPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) notFound();
  const [system] = await getStatusPage(slug);
  if (!system) notFound();
  return (
    <>
      <StatusAutoRefresh />
      <Link href="/status" className="text-sm text-slate-600 underline">
        ← All systems
      </Link>
      <SystemStatusCard system={system} detailed />
    </>
  );
}
