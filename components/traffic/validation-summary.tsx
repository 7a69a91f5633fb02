"use client";

import { useId, useState } from "react";
import type { Validation } from "@/lib/istio/validate/schema";
import { ErrorIcon, InfoIcon, WarningIcon } from "@/components/ui/icons";
import { bySeverity, severityCounts } from "./share-math";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function SeverityIcon({ severity }: { severity: Validation["severity"] }) {
  if (severity === "error") return <ErrorIcon className="mt-0.5 size-4 shrink-0 text-red-600" />;
  if (severity === "warning") return <WarningIcon className="mt-0.5 size-4 shrink-0 text-amber-600" />;
  return <InfoIcon className="mt-0.5 size-4 shrink-0 text-sky-600" />;
}

/** One validation finding: severity, message, code and path. */
export function ValidationItem({ v }: { v: Validation }) {
  return (
    <li className="flex gap-2 py-1.5 text-sm">
      <SeverityIcon severity={v.severity} />
      <div className="min-w-0">
        <p className="text-slate-800">
          <span className="sr-only">{v.severity}: </span>
          {v.message}
        </p>
        <p className="mt-0.5 font-mono text-xs break-all text-slate-500">
          {v.code} · {v.object.kind}/{v.object.name} · {v.path}
        </p>
      </div>
    </li>
  );
}

/** Error / warning counts as a toggle; the findings show on expand. */
export function ValidationSummary({ validations, subject }: { validations: readonly Validation[]; subject: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const counts = severityCounts(validations);
  if (validations.length === 0) return <span className="text-xs text-emerald-700">No validation issues</span>;
  const parts = [
    counts.error > 0 ? { text: plural(counts.error, "error"), cls: "bg-red-50 text-red-700 ring-red-600/20" } : null,
    counts.warning > 0 ? { text: plural(counts.warning, "warning"), cls: "bg-amber-50 text-amber-800 ring-amber-600/30" } : null,
    counts.info > 0 ? { text: `${counts.info} info`, cls: "bg-sky-50 text-sky-700 ring-sky-600/20" } : null,
  ].filter((p): p is { text: string; cls: string } => p !== null);
  return (
    <div className="min-w-0">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        aria-label={`Validation findings for ${subject}: ${parts.map((p) => p.text).join(", ")}`}
        className="inline-flex flex-wrap items-center gap-1 rounded-full focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none"
      >
        {parts.map((p) => (
          <span key={p.text} className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${p.cls}`}>
            {p.text}
          </span>
        ))}
        <span aria-hidden="true" className="text-xs text-slate-500">
          {open ? "▾" : "▸"}
        </span>
      </button>
      {open ? (
        <ul id={id} className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200 bg-white px-3">
          {bySeverity(validations).map((v, i) => (
            <ValidationItem key={`${v.code}-${v.path}-${i}`} v={v} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
