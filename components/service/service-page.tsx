"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { MetricsWindow } from "@/lib/api/metrics";
import { useServiceMetrics } from "@/lib/hooks/use-service-metrics";
import { useTraffic } from "@/lib/hooks/use-traffic";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LiveStatus } from "@/components/ui/live-status";
import { LoadingState } from "@/components/ui/loading-state";
import { degradedOf, DegradedNotice, ROUTING_KINDS } from "@/components/traffic/degraded-notice";
import { overviewSearch, parseMetricsWindow, rolloutHref, withMetricsWindow } from "@/components/traffic/url-state";
import { HistoryPanel } from "./history-panel";
import { MetricsPanel } from "./metrics-panel";
import { RoutingPanel } from "./routing-panel";
import { serviceContext } from "./service-context";
import { SubsetsPanel } from "./subsets-panel";
import { ValidationsPanel } from "./validations-panel";
import { YamlPanel } from "./yaml-panel";

/** The service page: routes and their actions, live per-version metrics, subsets and pods, validations, history, YAML. */
export function ServicePage({ namespace, name }: { namespace: string; name: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const window = parseMetricsWindow(params);
  const traffic = useTraffic({ namespace, window: "1m" });
  const metrics = useServiceMetrics(namespace, name, window);
  const setWindow = (w: MetricsWindow) => router.replace(`${pathname}${withMetricsWindow(new URLSearchParams(params.toString()), w)}`, { scroll: false });
  const view = traffic.data;
  const ctx = view ? serviceContext(view, { namespace, name }) : null;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link href="/" className="hover:text-sky-700 hover:underline">
              Overview
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li>
            <Link href={`/${overviewSearch({ namespace, window: "1m" })}`} className="font-mono hover:text-sky-700 hover:underline">
              {namespace}
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li aria-current="page" className="font-mono text-slate-700">
            {name}
          </li>
        </ol>
      </nav>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="font-mono text-2xl font-semibold tracking-tight break-all text-slate-900">
            <span className="sr-only">Service </span>
            {name}
          </h1>
          {ctx ? (
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
              <span>
                {ctx.service.type} · {ctx.service.ports.map((p) => `${p.name ? `${p.name} ` : ""}${p.port}/${p.protocol}`).join(", ") || "no ports"}
              </span>
              {ctx.service.backends.versions.length > 0 ? <span>· versions {ctx.service.backends.versions.join(", ")}</span> : null}
              {ctx.service.rollout ? (
                <Link href={rolloutHref(namespace, ctx.service.rollout.name)}>
                  <Badge tone="violet">
                    Rollout {ctx.service.rollout.name} · {ctx.service.rollout.role}
                  </Badge>
                </Link>
              ) : null}
              {ctx.rollouts
                .filter((r) => r.name !== ctx.service.rollout?.name)
                .map((r) => (
                  <Link key={r.name} href={rolloutHref(r.namespace, r.name)}>
                    <Badge tone="violet">Rollout {r.name}</Badge>
                  </Link>
                ))}
            </p>
          ) : null}
        </div>
        <LiveStatus stream={traffic.stream} fetchedAt={traffic.fetchedAt} />
      </div>
      {traffic.error && view ? <ErrorState error={traffic.error.detail} compact /> : null}
      {!view && traffic.error ? <ErrorState error={traffic.error.detail} /> : null}
      {!view && !traffic.error ? <LoadingState label="Loading the service…" rows={8} /> : null}
      {view && !ctx ? (
        <EmptyState title={`Service ${namespace}/${name} not found`}>
          It does not exist, or your permissions do not let you see it. <Link href="/" className="text-sky-700 underline">Back to the overview</Link>
        </EmptyState>
      ) : null}
      {view && ctx ? (
        <div className="space-y-6">
          <DegradedNotice items={degradedOf(view.degraded, ROUTING_KINDS)} />
          <RoutingPanel virtualServices={ctx.virtualServices} view={view} window={window} />
          <MetricsPanel data={metrics.data} error={metrics.error} window={window} onWindowChange={setWindow} />
          <div className="grid items-start gap-6 xl:grid-cols-2">
            <SubsetsPanel service={ctx.service} destinationRules={ctx.destinationRules} />
            <div className="space-y-6">
              <ValidationsPanel validations={ctx.validations} />
              <HistoryPanel virtualServices={ctx.virtualServices} />
            </div>
          </div>
          <YamlPanel
            objects={ctx.objects}
            versions={Object.fromEntries([
              [`Service/${name}`, String(view.revision)],
              ...ctx.virtualServices.map((v) => [`VirtualService/${v.name}`, v.resourceVersion]),
              ...ctx.destinationRules.map((d) => [`DestinationRule/${d.name}`, d.resourceVersion]),
              ...ctx.gateways.map((g) => [`Gateway/${g.name}`, g.resourceVersion]),
            ])}
          />
        </div>
      ) : null}
    </>
  );
}
