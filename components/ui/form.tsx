import type { ComponentProps, ReactNode } from "react";

export function Field({
  label,
  htmlFor,
  error,
  hint,
  children,
}: {
  label: string;
  htmlFor: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !error && <p className="text-xs text-slate-500">{hint}</p>}
      {error && (
        <p id={`${htmlFor}-error`} className="text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

const INPUT =
  "block w-full rounded-md border-0 px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-400";

export function Input({ className = "", ...props }: ComponentProps<"input">) {
  return <input className={`${INPUT} ${className}`} {...props} />;
}
export function Select({ className = "", ...props }: ComponentProps<"select">) {
  return <select className={`${INPUT} bg-white ${className}`} {...props} />;
}
export function Textarea({ className = "", ...props }: ComponentProps<"textarea">) {
  return <textarea className={`${INPUT} ${className}`} {...props} />;
}

/** The one place a server error shows in a form, above the buttons. */
export function FormAlert({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </div>
  );
}
