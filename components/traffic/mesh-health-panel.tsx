import Link from "next/link";
import type { DegradedKind, TrafficView } from "@/lib/api/traffic";
import type { PodSummary } from "@/lib/istio/model/schema";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { DegradedNotice } from "./degraded-notice";
import { InjectionState, isInjected } from "./injection-state";
import { TableHead } from "@/components/ui/table-head";

/** Pods without a sidecar, from the Services' backends (each pod once). */
export function podsWithoutSidecar(view: Pick<TrafficView, "services">): PodSummary[] {
  const seen = new Map<string, PodSummary>();
  for (const s of view.services) for (const p of s.backends.pods) if (!p.sidecar && !p.terminating) seen.set(`${p.namespace}/${p.name}`, p);
  return [...seen.values()].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

interface MeshHealthPanelProps {
  view: TrafficView;
  degraded: readonly DegradedKind[];
  /** Link for a namespace row (the overview filtered to it). */
  namespaceHref: (namespace: string) => string;
}

/** Namespaces with their injection state, and the pods that run without a sidecar. */
export function MeshHealthPanel({ view, degraded, namespaceHref }: MeshHealthPanelProps) {
  const noSidecar = podsWithoutSidecar(view);
  const notInjected = view.namespaces.filter((n) => !isInjected(n) && n.pods > 0);
  return (
    <Panel id="namespaces" title="Namespaces" description="Sidecar injection and pods outside the mesh">
      <DegradedNotice items={degraded} />
      {view.namespaces.length === 0 ? (
        <EmptyState title="No namespaces visible">Your permissions may not let you list namespaces.</EmptyState>
      ) : (
        <table className="w-full text-sm">
          <caption className="sr-only">Namespaces and their Istio sidecar injection state</caption>
          <TableHead size="spaced" columns={[{ label: "Name" }, { label: "Injection" }, { label: "Pods", right: true, title: "Pods without a sidecar / all pods" }]} />
          <tbody className="divide-y divide-slate-100">
            {view.namespaces.map((ns) => (
              <tr key={ns.name}>
                <th scope="row" className="py-1.5 pr-2 text-left font-mono text-[13px] font-normal wrap-anywhere">
                  <Link href={namespaceHref(ns.name)} className="text-slate-800 hover:text-sky-700 hover:underline">
                    {ns.name}
                  </Link>
                </th>
                <td className="py-1.5 pr-2">
                  <InjectionState ns={ns} />
                </td>
                <td className="py-1.5 text-right text-xs whitespace-nowrap tabular-nums">
                  {ns.podsWithoutSidecar > 0 ? (
                    <span className="font-medium text-amber-700" title={`${ns.podsWithoutSidecar} of ${ns.pods} pods have no sidecar`}>
                      {ns.podsWithoutSidecar} of {ns.pods} no sidecar
                    </span>
                  ) : (
                    <span className="text-slate-600">{ns.pods}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {notInjected.length > 0 ? (
        <div className="mt-4">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Not injected, with pods</h3>
          <p className="mt-1 text-sm text-slate-700">{notInjected.map((n) => n.name).join(", ")}</p>
        </div>
      ) : null}
      <div className="mt-4">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Pods without sidecar</h3>
        {noSidecar.length === 0 ? (
          <p className="mt-1 text-sm text-emerald-700">Every pod behind a Service has a sidecar.</p>
        ) : (
          <ul aria-label="Pods without sidecar" className="mt-1 divide-y divide-slate-100">
            {noSidecar.map((p) => (
              <li key={`${p.namespace}/${p.name}`} className="py-1.5 text-xs">
                <p className="font-mono break-all text-slate-800">{p.name}</p>
                <p className="text-slate-500">
                  {p.namespace} · {p.workload.kind} {p.workload.name} · <span title="Ready containers / containers (an injected pod has 2/2)">
                    {p.containers.ready}/{p.containers.total}
                  </span>{" "}
                  {p.ready ? "ready" : "not ready"} ·{" "}
                  <span className="font-medium text-amber-700">no istio-proxy</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Panel>
  );
}
