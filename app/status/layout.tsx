export const metadata = { title: "Status" };

export default function StatusLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center justify-between px-4 py-4">
          <a href="/status" className="flex items-center gap-2">
            <img src="/favicon.svg" alt="" className="h-7 w-7" />
            <span className="text-lg font-semibold">Model status</span>
          </a>
          <a href="/api/v1/status" className="text-xs text-slate-500 underline">
            JSON feed
          </a>
        </div>
      </header>
      <main className="mx-auto max-w-3xl space-y-4 px-4 py-8">{children}</main>
    </div>
  );
}
