"use client";
/**
 * The side panel of a selected node or edge: its figures and badges, the
 * Service's charts (the service page's metrics panel), its routing config
 * (VirtualService rules and weights, DestinationRule subsets) and links to the
 * traffic actions and the owning Rollout.
 */
import Link from "next/link";
import { useState } from "react";
import { DEFAULT_METRICS_WINDOW, type MetricsWindow } from "@/lib/api/metrics";
import type { Graph, GraphEdge, GraphNode } from "@/lib/graph/types";
import type { DestinationRuleModel, VirtualServiceModel } from "@/lib/istio/model/schema";
import { useServiceMetrics } from "@/lib/hooks/use-service-metrics";
import { useTraffic } from "@/lib/hooks/use-traffic";
import { MetricsPanel } from "@/components/service/metrics-panel";
import { formatMs, formatPct, formatRps, nodeTitle } from "./format";
import { BADGE_TEXT } from "./graph-legend";
import type { GraphSelection } from "./mesh-graph";
import { selectionContext, type ServiceRef } from "./selection-context";
import { HEALTH_COLOR, KIND_LABEL } from "./theme";

export interface GraphSidePanelProps {
  readonly graph: Graph;
  readonly selection: GraphSelection | null;
  readonly onClose: () => void;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-0.5">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right font-medium text-slate-800">{children}</dd>
    </div>
  );
}

function NodeFacts({ node }: { node: GraphNode }) {
  return (
    <dl className="text-sm">
      <Row label="kind">{KIND_LABEL[node.kind]}</Row>
      <Row label="namespace">{node.namespace}</Row>
      {node.version ? <Row label="version">{node.version}</Row> : null}
      {node.workloads?.length ? <Row label="workloads">{node.workloads.join(", ")}</Row> : null}
      <Row label="requests in / out">{`${formatRps(node.rpsIn)} / ${formatRps(node.rpsOut)} rps`}</Row>
      <Row label="errors (5xx)">{formatPct(node.errorPct)}</Row>
      <Row label="health">
        <span style={{ color: HEALTH_COLOR[node.health] }}>{node.health}</span>
      </Row>
    </dl>
  );
}

function EdgeFacts({ edge, source, target }: { edge: GraphEdge; source: GraphNode | null; target: GraphNode | null }) {
  return (
    <dl className="text-sm">
      <Row label="from">{source ? nodeTitle(source) : edge.source}</Row>
      <Row label="to">{target ? nodeTitle(target) : edge.target}</Row>
      <Row label="protocols">{edge.protocols.join(", ") || "—"}</Row>
      <Row label="requests">{`${formatRps(edge.rps)} rps`}</Row>
      <Row label="share of source">{formatPct(edge.sharePct)}</Row>
      <Row label="errors 5xx / 4xx">{`${formatPct(edge.errorPct)} / ${formatPct(edge.clientErrorPct)}`}</Row>
      <Row label="p95 latency">{formatMs(edge.p95Ms)}</Row>
      <Row label="response codes">
        {Object.entries(edge.codes)
          .map(([c, r]) => `${c}: ${formatRps(r)}`)
          .join(" · ") || "—"}
      </Row>
      {edge.flags ? <Row label="response flags">{Object.keys(edge.flags).join(", ")}</Row> : null}
      <Row label="health">
        <span style={{ color: HEALTH_COLOR[edge.health] }}>{edge.health}</span>
      </Row>
    </dl>
  );
}

function RoutingSummary({ virtualServices, destinationRules }: { virtualServices: readonly VirtualServiceModel[]; destinationRules: readonly DestinationRuleModel[] }) {
  if (virtualServices.length === 0 && destinationRules.length === 0) return <p className="text-sm text-slate-500">No VirtualService or DestinationRule for this Service.</p>;
  return (
    <div className="space-y-2 text-sm">
      {virtualServices.map((vs) => (
        <div key={`${vs.namespace}/${vs.name}`} data-testid="graph-panel-vs">
          <p className="font-medium">
            VirtualService {vs.namespace}/{vs.name}
            {vs.owner.weightsLocked ? <span className="ml-2 text-xs text-amber-700">(weights managed by {vs.owner.kind})</span> : null}
          </p>
          <ul className="ml-4 list-disc text-slate-700">
            {vs.http.map((r) => (
              <li key={r.index}>
                {r.name ?? `route ${r.index}`}
                {r.testRoute ? " (header match)" : ""}:{" "}
                {r.destinations.map((d) => `${d.subset?.name ?? d.host.raw} ${Math.round(d.share * 1000) / 10} %`).join(" · ") || r.action}
                {r.fault ? " · fault" : ""}
                {r.mirrors.length > 0 ? " · mirror" : ""}
                {r.timeout ? ` · timeout ${r.timeout}` : ""}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {destinationRules.map((dr) => (
        <p key={`${dr.namespace}/${dr.name}`}>
          DestinationRule {dr.namespace}/{dr.name}: subsets {dr.subsets.map((s) => s.name).join(", ") || "none"}
        </p>
      ))}
    </div>
  );
}

function ServiceCharts({ service }: { service: ServiceRef }) {
  const [window, setWindow] = useState<MetricsWindow>(DEFAULT_METRICS_WINDOW);
  const metrics = useServiceMetrics(service.namespace, service.name, window);
  return <MetricsPanel data={metrics.data} error={metrics.error} window={window} onWindowChange={setWindow} />;
}

export function GraphSidePanel({ graph, selection, onClose }: GraphSidePanelProps) {
  const namespace = selection ? graph.nodes.find((n) => n.id === (selection.kind === "node" ? selection.id : graph.edges.find((e) => e.id === selection.id)?.target))?.namespace : undefined;
  const traffic = useTraffic({ namespace, window: "1m" });
  const ctx = selectionContext(graph, selection, traffic.data ?? null);
  if (!ctx) return null;
  const title = ctx.node ? nodeTitle(ctx.node) : `${ctx.source ? nodeTitle(ctx.source) : "?"} → ${ctx.target ? nodeTitle(ctx.target) : "?"}`;
  const badges = ctx.node?.badges ?? ctx.target?.badges ?? [];
  return (
    <aside aria-label="Selection details" data-testid="graph-side-panel" className="flex max-h-[80vh] flex-col gap-4 overflow-y-auto rounded-md border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-start justify-between gap-2">
        <h2 className="text-base font-semibold break-all">{title}</h2>
        <button type="button" onClick={onClose} className="rounded px-2 text-slate-500 hover:bg-slate-100" aria-label="Close details">
          ×
        </button>
      </div>
      {ctx.node ? <NodeFacts node={ctx.node} /> : ctx.edge ? <EdgeFacts edge={ctx.edge} source={ctx.source} target={ctx.target} /> : null}
      {badges.length > 0 ? (
        <ul className="space-y-1 text-sm" aria-label="Config badges">
          {badges.map((b) => (
            <li key={`${b.kind}:${b.detail ?? ""}`}>
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{BADGE_TEXT[b.kind]}</span> {b.detail}
            </li>
          ))}
        </ul>
      ) : null}
      <nav aria-label="Actions" className="flex flex-wrap gap-2 text-sm">
        {ctx.service ? (
          <Link className="rounded bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800" href={`/services/${encodeURIComponent(ctx.service.namespace)}/${encodeURIComponent(ctx.service.name)}`}>
            Traffic actions for {ctx.service.name}
          </Link>
        ) : null}
        {ctx.rollout ? (
          <Link className="rounded border border-sky-700 px-3 py-1.5 font-medium text-sky-800 hover:bg-sky-50" href={`/rollouts/${encodeURIComponent(ctx.rollout.namespace)}/${encodeURIComponent(ctx.rollout.name)}`}>
            Rollout {ctx.rollout.name}
          </Link>
        ) : null}
      </nav>
      {ctx.service ? (
        <section aria-label="Routing config">
          <h3 className="mb-1 text-sm font-semibold">Routing</h3>
          {traffic.data ? <RoutingSummary virtualServices={ctx.virtualServices} destinationRules={ctx.destinationRules} /> : <p className="text-sm text-slate-500">Loading config…</p>}
        </section>
      ) : null}
      {ctx.service ? <ServiceCharts key={`${ctx.service.namespace}/${ctx.service.name}`} service={ctx.service} /> : null}
    </aside>
  );
}
