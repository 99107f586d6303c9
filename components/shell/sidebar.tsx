"use client";
import Image from "next/image";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { signOut } from "next-auth/react";
import type { NavItem } from "./nav-items";

export function Sidebar({ items, user }: { items: NavItem[]; user: { name: string; roleLabel: string } }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  return (
    <>
      <div className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 lg:hidden">
        <Brand />
        <button
          type="button"
          aria-label="Menu"
          aria-expanded={open}
          className="rounded-md p-2 text-slate-700 hover:bg-slate-100"
          onClick={() => setOpen(!open)}
        >
          <svg viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={2}>
            <path d="M4 6h16M4 12h16M4 18h16" />
          </svg>
        </button>
      </div>
      <aside
        className={`${open ? "block" : "hidden"} border-b border-slate-200 bg-slate-900 text-slate-100 lg:fixed lg:inset-y-0 lg:block lg:w-60 lg:border-b-0`}
      >
        <div className="hidden px-5 py-5 lg:block">
          <Brand dark />
        </div>
        <nav aria-label="Main" className="space-y-0.5 px-3 py-3 lg:py-0">
          {items.map((item) => {
            const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
            return (
              <Link
                key={item.href}
                href={item.href}
                onClick={() => setOpen(false)}
                aria-current={active ? "page" : undefined}
                className={`flex items-center gap-2.5 rounded-md px-3 py-2 text-sm ${active ? "bg-slate-700 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"}`}
              >
                <svg
                  viewBox="0 0 24 24"
                  className="h-4 w-4 shrink-0"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth={1.8}
                  strokeLinecap="round"
                  strokeLinejoin="round"
                  aria-hidden
                >
                  <path d={item.icon} />
                </svg>
                {item.label}
              </Link>
            );
          })}
          <Link
            href="/status"
            className="flex items-center gap-2.5 rounded-md px-3 py-2 text-sm text-slate-300 hover:bg-slate-800 hover:text-white"
          >
            <svg
              viewBox="0 0 24 24"
              className="h-4 w-4"
              fill="none"
              stroke="currentColor"
              strokeWidth={1.8}
              aria-hidden
            >
              <circle cx="12" cy="12" r="8" />
              <path d="M12 8v4l3 2" />
            </svg>
            Status page ↗
          </Link>
        </nav>
        <div className="border-t border-slate-800 px-5 py-4 lg:absolute lg:inset-x-0 lg:bottom-0">
          <p className="truncate text-sm font-medium text-white" data-testid="current-user">
            {user.name}
          </p>
          <p className="text-xs text-slate-400" data-testid="current-role">
            {user.roleLabel}
          </p>
          <button
            type="button"
            onClick={() => signOut({ callbackUrl: "/login" })}
            className="mt-2 text-xs text-slate-300 underline hover:text-white"
          >
            Sign out
          </button>
        </div>
      </aside>
    </>
  );
}

function Brand({ dark = false }: { dark?: boolean }) {
  return (
    <Link href="/rollouts" className="flex items-center gap-2">
      <Image src="/favicon.svg" alt="" width={28} height={28} className="h-7 w-7" unoptimized />
      <span className={`text-lg font-semibold tracking-tight ${dark ? "text-white" : "text-slate-900"}`}>
        Switchyard
      </span>
    </Link>
  );
}
