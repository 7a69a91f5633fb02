"use client";

import { useId } from "react";
import { useContexts } from "@/lib/hooks/use-contexts";

/**
 * Kubeconfig mode: which context of the dashboard's kubeconfig this browser
 * session uses (several clusters, or several identities on one). Hidden when
 * switching is off or there is only one context.
 */
export function ContextSwitcher() {
  const id = useId();
  const { data, switching, switchError, select } = useContexts();
  if (!data?.switchable || data.contexts.length < 2) return null;
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="text-slate-400">
        Context
      </label>
      <select
        id={id}
        value={switching ?? data.current}
        disabled={switching !== null}
        onChange={(e) => void select(e.target.value)}
        className="rounded-md border border-slate-600 bg-slate-800 px-2 py-1 text-white focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 focus:outline-none"
      >
        {data.contexts.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name === data.default ? `${c.name} (default)` : c.name}
          </option>
        ))}
      </select>
      {switchError ? (
        <span role="alert" className="text-red-300">
          {switchError}
        </span>
      ) : null}
    </div>
  );
}
