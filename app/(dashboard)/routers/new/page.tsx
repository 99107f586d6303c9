import Link from "next/link";
import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { listSystems } from "@/lib/registry/queries";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { RouterForm } from "@/components/routers/router-form";

export const metadata = { title: "Register a router" };

export default async function NewRouterPage({ searchParams }: { searchParams: Promise<{ system?: string }> }) {
  const ctx = await pageContext();
  if (!can(ctx, "routers.write")) return <Forbidden what="router registration" />;
  const systems = await listSystems(ctx);
  const { system } = await searchParams;
  return (
    <>
      <PageHeader
        title="Register a router"
        description={
          <>
            Switchyard drives it through its adapter and confirms every change by reading it back. Test the connection
            after saving.{" "}
            <Link href="/routers" className="text-brand-700 hover:underline">
              Back to routers
            </Link>
          </>
        }
      />
      {systems.length === 0 ? (
        <EmptyState title="No systems yet">Register a system first; a router always fronts one system.</EmptyState>
      ) : (
        <Card className="max-w-4xl">
          <RouterForm
            mode="create"
            systems={systems.map((s) => ({ slug: s.slug, name: s.name }))}
            defaultSystem={system}
          />
        </Card>
      )}
    </>
  );
}
