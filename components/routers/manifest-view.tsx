"use client";
import { useState } from "react";
import { Button } from "../ui/button";

/** "Show manifest": the YAML Switchyard would server-side apply, to copy into a GitOps repo. */
export function ManifestView({ yaml, error }: { yaml: string | null; error: string | null }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" aria-expanded={open} aria-controls="router-manifest" onClick={() => setOpen(!open)}>
          {open ? "Hide manifest" : "Show manifest"}
        </Button>
        {open && yaml && (
          <Button
            variant="ghost"
            onClick={async () => {
              await navigator.clipboard?.writeText(yaml).catch(() => {});
              setCopied(true);
              setTimeout(() => setCopied(false), 2_000);
            }}
          >
            {copied ? "Copied" : "Copy YAML"}
          </Button>
        )}
      </div>
      {open &&
        (yaml ? (
          <pre
            id="router-manifest"
            data-testid="router-manifest"
            className="max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100"
          >
            {yaml}
          </pre>
        ) : (
          <p id="router-manifest" role="alert" className="text-sm text-red-700">
            {error ?? "No manifest."}
          </p>
        ))}
    </div>
  );
}
