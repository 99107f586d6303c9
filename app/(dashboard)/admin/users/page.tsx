import { pageContext } from "@/lib/page-context";
import { db } from "@/lib/db";
import { throttleKey } from "@/lib/auth/throttle";
import { can, ROLE_LABELS, ROLE_PERMISSIONS, ROLES } from "@/lib/permissions";
import { listUsers } from "@/lib/users/queries";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { relativeTime } from "@/components/ui/format";
import { UserRoleSelect } from "@/components/admin/user-role-select";
import { NewUserForm } from "@/components/admin/new-user-form";
import { Card } from "@/components/ui/card";

export const metadata = { title: "Users & roles" };

export default async function UsersPage() {
  const ctx = await pageContext();
  if (!can(ctx, "users.manage")) return <Forbidden what="user management" />;
  const users = await listUsers(ctx);
  const me = ctx.actor.type === "user" ? ctx.actor.id : null;
  // Accounts locked after too many failed sign-ins (lib/auth/throttle.ts): an admin can unlock them.
  const locked = new Set(
    (
      await db.signInThrottle.findMany({
        where: { key: { in: users.map((u) => throttleKey("account", u.email)) }, lockedUntil: { gt: new Date() } },
        select: { key: true },
      })
    ).map((t) => t.key),
  );
  return (
    <>
      <PageHeader
        title="Users & roles"
        description="Who can do what. Role changes take effect on the user's next request."
      />
      <Table>
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Sign-in</Th>
            <Th>Last seen</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-row-${u.email}`}>
              <Td className="font-medium text-slate-900">
                {u.name} {u.disabled && <Badge tone="red">disabled</Badge>}{" "}
                {locked.has(throttleKey("account", u.email)) && (
                  <Badge tone="amber">locked: too many failed sign-ins</Badge>
                )}
              </Td>
              <Td>{u.email}</Td>
              <Td>
                <UserRoleSelect
                  userId={u.id}
                  email={u.email}
                  role={u.role}
                  disabled={u.disabled}
                  locked={locked.has(throttleKey("account", u.email))}
                  self={u.id === me}
                />
              </Td>
              <Td className="text-xs">{u.oidcSubject ? "single sign-on" : "password"}</Td>
              <Td className="text-xs">{relativeTime(u.lastLoginAt)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <NewUserForm />
        <Card title="What each role can do">
          <ul className="space-y-2 text-sm">
            {ROLES.map((role) => (
              <li key={role}>
                <span className="font-medium">{ROLE_LABELS[role]}:</span>{" "}
                <span className="text-slate-600">
                  {Object.entries(ROLE_PERMISSIONS)
                    .filter(([, roles]) => (roles as readonly string[]).includes(role))
                    .map(([p]) => p)
                    .join(", ")}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
