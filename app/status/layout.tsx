import Image from "next/image";
import Link from "next/link";

export const metadata = { title: "Status" };

export default function StatusLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center justify-between px-4 py-4">
          <Link href="/status" className="flex items-center gap-2">
            <Image src="/favicon.svg" alt="" width={28} height={28} className="h-7 w-7" unoptimized />
            <span className="text-lg font-semibold">Model status</span>
          </Link>
          <Link href="/api/v1/status" prefetch={false} className="text-xs text-slate-500 underline">
            JSON feed
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-3xl space-y-4 px-4 py-8">{children}</main>
    </div>
  );
}
