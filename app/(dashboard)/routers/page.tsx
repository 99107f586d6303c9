import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { listRouters } from "@/lib/routers/queries";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { RouterTable } from "@/components/routers/router-table";

export const metadata = { title: "Routers" };

export default async function RoutersPage() {
  const ctx = await pageContext();
  if (!can(ctx, "routers.read")) return <Forbidden what="routers" />;
  const routers = await listRouters(ctx);
  const register = can(ctx, "routers.write") ? <ButtonLink href="/routers/new">Register router</ButtonLink> : undefined;
  return (
    <>
      <PageHeader
        title="Routers"
        description="The data planes in front of each system's model servers. Switchyard pushes versioned configs and trusts only what it reads back."
        actions={register}
      />
      {routers.length === 0 ? (
        <EmptyState title="No routers registered" action={register}>
          An admin registers the built-in router, HAProxy, NGINX, a Kubernetes mesh or a webhook for each system.
        </EmptyState>
      ) : (
        <RouterTable routers={routers} />
      )}
    </>
  );
}
