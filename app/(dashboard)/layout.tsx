import { redirect } from "next/navigation";
import { getSessionContext } from "@/lib/context";
import { can, ROLE_LABELS } from "@/lib/permissions";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { Sidebar } from "@/components/shell/sidebar";
import { Providers } from "@/components/providers";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const ctx = await getSessionContext();
  if (!ctx || ctx.actor.type !== "user") redirect("/login");
  const items = NAV_ITEMS.filter((item) => can(ctx, item.permission));
  const name = ctx.actor.label.replace(/ <.*>$/, "");
  return (
    <Providers>
      <Sidebar items={items} user={{ name, roleLabel: ROLE_LABELS[ctx.actor.role] }} />
      <main className="lg:pl-60">
        <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6 lg:px-8">{children}</div>
      </main>
    </Providers>
  );
}
