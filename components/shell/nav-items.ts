import type { Permission } from "@/lib/permissions";

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
  icon: string;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/rollouts", label: "Rollouts", permission: "rollouts.read", icon: "M4 12h6l3-6 3 12 3-6h1" },
  { href: "/systems", label: "Systems & registry", permission: "registry.read", icon: "M4 6h16M4 12h16M4 18h10" },
  { href: "/routers", label: "Routers", permission: "routers.read", icon: "M5 12h4l3-6h7M5 12h4l3 6h7" },
  { href: "/approvals", label: "Approvals", permission: "rollouts.read", icon: "M5 13l4 4L19 7" },
  { href: "/records", label: "Records", permission: "records.read", icon: "M7 4h10v16H7zM10 8h4M10 12h4" },
  { href: "/audit", label: "Audit", permission: "audit.read", icon: "M12 3l8 4v5c0 5-3.5 8-8 9-4.5-1-8-4-8-9V7z" },
  {
    href: "/admin/users",
    label: "Users & roles",
    permission: "users.manage",
    icon: "M16 11a4 4 0 10-8 0 4 4 0 008 0zM4 21c1-4 4-6 8-6s7 2 8 6",
  },
  {
    href: "/admin/tokens",
    label: "API tokens",
    permission: "tokens.manage",
    icon: "M15 7a4 4 0 11-4 4l-7 7v-3h3v-3h3",
  },
  {
    href: "/admin/checklists",
    label: "Checklists",
    permission: "checklists.templates",
    icon: "M9 6h11M9 12h11M9 18h11M4 6l1 1 2-2M4 12l1 1 2-2M4 18l1 1 2-2",
  },
  {
    href: "/incidents",
    label: "Incidents",
    permission: "incidents.write",
    icon: "M12 9v4m0 4h.01M10.3 3.9L2 18a2 2 0 001.7 3h16.6a2 2 0 001.7-3L13.7 3.9a2 2 0 00-3.4 0z",
  },
  {
    href: "/admin/notifications",
    label: "Notifications",
    permission: "notifications.manage",
    icon: "M15 17h5l-1.4-1.4A2 2 0 0118 14.2V11a6 6 0 10-12 0v3.2a2 2 0 01-.6 1.4L4 17h5m6 0a3 3 0 11-6 0",
  },
];
