export function Forbidden({ what }: { what: string }) {
  return (
    <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-6 py-8 text-center">
      <h1 className="text-base font-semibold text-amber-900">You don&apos;t have access to {what}</h1>
      <p className="mt-1 text-sm text-amber-800">Your role doesn&apos;t include it. Ask an admin if you need it.</p>
    </div>
  );
}
