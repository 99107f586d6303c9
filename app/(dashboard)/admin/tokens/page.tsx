import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { listApiTokens } from "@/lib/users/queries";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime, relativeTime } from "@/components/ui/format";
import { NewTokenForm } from "@/components/admin/new-token-form";
import { RevokeTokenButton } from "@/components/admin/revoke-token-button";

export const metadata = { title: "API tokens" };

export default async function TokensPage() {
  const ctx = await pageContext();
  if (!can(ctx, "tokens.manage")) return <Forbidden what="API tokens" />;
  const tokens = await listApiTokens(ctx);
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Bearer tokens for pipelines calling /api/v1. A token is shown once when created; Switchyard keeps only its hash."
      />
      {tokens.length === 0 ? (
        <EmptyState title="No tokens">
          Create one for each pipeline that registers versions or drives rollouts.
        </EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Prefix</Th>
              <Th>Role · scopes</Th>
              <Th>Created</Th>
              <Th>Last used</Th>
              <Th>Status</Th>
              <Th />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tokens.map((t) => {
              const expired = t.expiresAt && t.expiresAt < new Date();
              return (
                <tr key={t.id} data-testid={`token-row-${t.name}`}>
                  <Td className="font-medium text-slate-900">{t.name}</Td>
                  <Td className="font-mono text-xs">sy_{t.prefix}_…</Td>
                  <Td className="text-xs">
                    {t.role} · {t.scopes.join(", ")}
                  </Td>
                  <Td className="text-xs">
                    {formatDateTime(t.createdAt)} by {t.createdBy.name}
                  </Td>
                  <Td className="text-xs">{relativeTime(t.lastUsedAt)}</Td>
                  <Td>
                    {t.revokedAt ? (
                      <Badge tone="red">revoked</Badge>
                    ) : expired ? (
                      <Badge tone="amber">expired</Badge>
                    ) : (
                      <Badge tone="green">active</Badge>
                    )}
                  </Td>
                  <Td>{!t.revokedAt && <RevokeTokenButton tokenId={t.id} name={t.name} />}</Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <div className="mt-8 max-w-xl">
        <NewTokenForm />
      </div>
    </>
  );
}
