"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { SWRConfig } from "swr";
import { BoundedCache } from "@/lib/hooks/bounded-cache";
import { useWallData } from "@/lib/hooks/use-wall-data";
import { wallAlerts } from "@/lib/wall/alerts";
import { inScope, viewTitle, watchedNamespaces, type WallConfig, type WallView } from "@/lib/wall/config";
import { pageCount } from "@/lib/wall/rotation";
import { AlertBanner } from "./alert-banner";
import { GraphSlot } from "./graph-slot";
import { ROLLOUTS_PER_PAGE, RolloutsView } from "./rollouts-view";
import { splitItems } from "./split-items";
import { SPLITS_PER_PAGE, SplitsView } from "./splits-view";
import { useRotation } from "./use-rotation";
import { useWakeLock } from "./use-wake-lock";
import { WallClock } from "./wall-clock";
import { WallStatus } from "./wall-status";

function scopeOf(view: WallView): ReadonlySet<string> | null {
  return view.namespaces.length > 0 ? new Set(view.namespaces) : null;
}

function Wall({ config }: { config: WallConfig }) {
  const scope = useMemo(() => watchedNamespaces(config.views), [config.views]);
  const data = useWallData({
    window: config.window,
    needTraffic: config.views.some((v) => v.kind === "splits"),
    refreshMs: config.refreshSeconds === null ? null : config.refreshSeconds * 1000,
    scope,
  });
  const alerts = useMemo(
    () => wallAlerts({ rollouts: data.rollouts.data?.items ?? [], details: data.details, errors: data.canary, threshold: config.errorThreshold, scope }),
    [data.rollouts.data, data.details, data.canary, config.errorThreshold, scope],
  );
  const trafficView = data.traffic?.data;
  const allSplits = useMemo(() => (trafficView ? splitItems(trafficView, scope) : []), [trafficView, scope]);
  // What each view shows (filtered to its namespaces) and so how many pages it takes.
  const perView = useMemo(
    () =>
      config.views.map((view) => {
        const s = scopeOf(view);
        if (view.kind === "rollouts") {
          const items = data.inProgress.filter((r) => inScope(r.namespace, s));
          return { kind: "rollouts" as const, items, pages: pageCount(items.length, ROLLOUTS_PER_PAGE) };
        }
        if (view.kind === "splits") {
          const items = allSplits.filter((i) => inScope(i.namespace, s));
          return { kind: "splits" as const, items, pages: pageCount(items.length, SPLITS_PER_PAGE) };
        }
        return { kind: "graph" as const, items: [], pages: 1 };
      }),
    [config.views, data.inProgress, allSplits],
  );
  const pageCounts = useMemo(() => perView.map((v) => v.pages), [perView]);
  const { position, step } = useRotation(pageCounts, config.intervalSeconds * 1000);
  const view = config.views[position.view] ?? config.views[0];
  const shown = perView[position.view] ?? perView[0];
  const pages = shown?.pages ?? 1;
  const [graphAsOf, setGraphAsOf] = useState<Readonly<Record<string, number | null>>>({});
  const onGraphAsOf = useCallback((id: string, asOf: number | null) => setGraphAsOf((m) => (m[id] === asOf ? m : { ...m, [id]: asOf })), []);
  // "Data as of" of what is on screen: the view's source and the Rollouts behind the alert banner.
  const viewAsOf = view?.kind === "splits" ? (data.traffic?.fetchedAt ?? null) : view?.kind === "graph" ? (graphAsOf[view.id] ?? null) : data.rolloutsAsOf;
  const asOf = viewAsOf === null || data.rolloutsAsOf === null ? null : Math.min(viewAsOf, data.rolloutsAsOf);
  useWakeLock();
  useEffect(() => {
    document.title = alerts.length > 0 ? `⚠ ${alerts.length} alert${alerts.length === 1 ? "" : "s"} · Meshdeck wall` : "Meshdeck wall";
  }, [alerts.length]);

  return (
    <div data-testid="wall" className="fixed inset-0 flex cursor-none flex-col bg-black text-white [color-scheme:dark]" style={{ fontSize: "clamp(14px, 1.25vw, 48px)" }}>
      <header className="flex items-center gap-[1em] border-b border-neutral-800 px-[1em] py-[0.5em]">
        <div className="min-w-0">
          <p className="text-[0.9em] font-semibold tracking-widest text-neutral-400 uppercase">Meshdeck</p>
          <h1 data-testid="wall-title" className="truncate text-[1.9em] leading-tight font-bold">
            {view ? viewTitle(view) : ""}
            {pages > 1 ? <span className="text-neutral-400"> · {position.page + 1}/{pages}</span> : null}
          </h1>
        </div>
        <div className="ml-auto flex items-center gap-[1.2em]">
          <WallStatus stream={data.stream} asOf={asOf} />
          <WallClock />
        </div>
      </header>
      <AlertBanner alerts={alerts} />
      <main data-testid="wall-view" data-view={view?.id} data-page={position.page} className="min-h-0 flex-1 overflow-hidden p-[1em]">
        {config.views.map((v, i) =>
          v.kind === "graph" ? (
            <GraphSlot key={v.id} view={v} active={i === position.view} type={config.graphType} idle={config.idleEdges} window={config.window} onAsOf={onGraphAsOf} />
          ) : null,
        )}
        {shown?.kind === "rollouts" ? (
          <RolloutsView items={shown.items} settled={data.settled} page={position.page} list={data.rollouts} details={data.details} canary={data.canary} threshold={config.errorThreshold} />
        ) : shown?.kind === "splits" && data.traffic ? (
          <SplitsView items={shown.items} page={position.page} source={data.traffic} window={config.window} />
        ) : null}
      </main>
      <footer className="flex items-center gap-[0.6em] px-[1em] pb-[0.5em]">
        <ol aria-label="Views" className="flex gap-[0.4em]">
          {config.views.map((v, i) => (
            <li key={v.id} aria-current={i === position.view ? "step" : undefined} className={`h-[0.5em] w-[2.5em] rounded-full ${i === position.view ? "bg-white" : "bg-neutral-700"}`}>
              <span className="sr-only">{viewTitle(v)}</span>
            </li>
          ))}
        </ol>
        <div aria-hidden="true" className="h-[0.25em] flex-1 overflow-hidden rounded-full bg-neutral-900">
          <div key={step} className="wall-progress h-full origin-left bg-neutral-500" style={{ animationDuration: `${config.intervalSeconds}s` }} />
        </div>
      </footer>
      {alerts.length > 0 ? <div aria-hidden="true" className="pointer-events-none fixed inset-0 border-[0.35em] border-red-600" /> : null}
    </div>
  );
}

/** The wall display: its own SWR cache with a bound (it runs for days), the rotating views. */
export function WallApp({ config }: { config: WallConfig }) {
  const provider = useMemo(() => () => new BoundedCache<never>(64), []);
  return (
    <SWRConfig value={{ provider }}>
      <Wall config={config} />
    </SWRConfig>
  );
}
