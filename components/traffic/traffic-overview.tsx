"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId } from "react";
import { trafficWindowSchema, type TrafficWindow } from "@/lib/api/traffic";
import { useNamespaces } from "@/lib/hooks/use-namespaces";
import { useTraffic } from "@/lib/hooks/use-traffic";
import { ErrorState } from "@/components/ui/error-state";
import { LiveStatus } from "@/components/ui/live-status";
import { LoadingState } from "@/components/ui/loading-state";
import { Panel } from "@/components/ui/panel";
import { degradedOf, HEALTH_KINDS, ROUTING_KINDS } from "./degraded-notice";
import { MeshHealthPanel } from "./mesh-health-panel";
import { TrafficSplitsPanel } from "./traffic-splits-panel";
import { overviewSearch, parseOverviewState, type OverviewState } from "./url-state";

const selectClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 focus:outline-none";

function NamespaceSelect({ value, onChange }: { value: string | null; onChange: (ns: string | null) => void }) {
  const id = useId();
  const { data } = useNamespaces();
  const names = data?.items.map((n) => n.name) ?? [];
  if (value && !names.includes(value)) names.unshift(value);
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-slate-600">
        Namespace
      </label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} className={selectClass}>
        <option value="">All namespaces</option>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </div>
  );
}

function WindowSelect({ value, onChange }: { value: TrafficWindow; onChange: (w: TrafficWindow) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-slate-600">
        Observed window
      </label>
      <select id={id} value={value} onChange={(e) => onChange(trafficWindowSchema.parse(e.target.value))} className={selectClass}>
        {trafficWindowSchema.options.map((w) => (
          <option key={w} value={w}>
            last {w}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The overview: every namespace the user can see, its routes' configured vs observed splits, live. */
export function TrafficOverview() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = parseOverviewState(params);
  const { data, error, isLoading, fetchedAt, stream } = useTraffic({ namespace: state.namespace ?? undefined, window: state.window });
  const update = (next: Partial<OverviewState>) => router.replace(`${pathname}${overviewSearch({ ...state, ...next })}`, { scroll: false });

  return (
    <>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Traffic overview</h1>
          <p className="mt-1 text-sm text-slate-500">How each route splits traffic — as configured, and as observed.</p>
        </div>
        <div className="flex flex-wrap items-center gap-4" role="group" aria-label="View options">
          <NamespaceSelect value={state.namespace} onChange={(namespace) => update({ namespace })} />
          <WindowSelect value={state.window} onChange={(window) => update({ window })} />
          <LiveStatus stream={stream} fetchedAt={fetchedAt} />
        </div>
      </div>
      {error && data ? <ErrorState error={error.detail} compact /> : null}
      {data ? (
        <div className="grid items-start gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
          <MeshHealthPanel view={data} degraded={degradedOf(data.degraded, HEALTH_KINDS)} namespaceHref={(namespace) => `${pathname}${overviewSearch({ ...state, namespace })}`} />
          <TrafficSplitsPanel view={data} window={state.window} degraded={degradedOf(data.degraded, ROUTING_KINDS)} namespace={state.namespace} />
        </div>
      ) : error ? (
        <ErrorState error={error.detail} />
      ) : isLoading ? (
        <div className="grid items-start gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
          <Panel id="namespaces" title="Namespaces">
            <LoadingState label="Loading namespaces…" rows={6} />
          </Panel>
          <Panel id="traffic" title="Traffic splits">
            <LoadingState label="Loading traffic…" rows={8} />
          </Panel>
        </div>
      ) : null}
    </>
  );
}
