import type { BackendSummary } from "@/lib/istio/model/schema";

/** "2/3 ready · 1 without sidecar" for the pods behind a destination. */
export function PodsCell({ backends }: { backends: BackendSummary | null }) {
  if (!backends) return <span className="text-xs text-slate-500 italic">not a Service</span>;
  if (backends.total === 0) return <span className="text-xs font-medium text-red-700">no pods</span>;
  const missing = backends.total - backends.withSidecar;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 text-xs">
      <span className={backends.ready < backends.total ? "font-medium text-amber-700" : "text-slate-700"}>
        {backends.ready}/{backends.total} ready
      </span>
      {missing > 0 ? (
        <span className="font-medium text-amber-700">
          {missing} without sidecar
        </span>
      ) : null}
    </span>
  );
}
