import type { BackendSummary, DestinationRuleModel, ServiceModel } from "@/lib/istio/model/schema";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/panel";
import { TableHead } from "@/components/ui/table-head";
import { PolicyControls } from "./policy-controls";

function PodTable({ backends, label }: { backends: BackendSummary; label: string }) {
  if (backends.pods.length === 0) return <p className="text-xs font-medium text-red-700">No pods match.</p>;
  return (
    <table className="w-full text-xs" aria-label={label}>
      <TableHead columns={[{ label: "Pod" }, { label: "Version" }, { label: "Ready" }, { label: "Sidecar" }]} />
      <tbody className="divide-y divide-slate-100">
        {backends.pods.map((p) => (
          <tr key={p.name}>
            <th scope="row" className="py-1 pr-2 text-left font-mono font-normal break-all text-slate-800">
              {p.name}
            </th>
            <td className="py-1 pr-2 font-mono">{p.version ?? "–"}</td>
            <td className="py-1 pr-2">
              {p.terminating ? (
                <span className="text-slate-500">terminating</span>
              ) : p.ready ? (
                <span className="text-emerald-700">
                  {p.containers.ready}/{p.containers.total} ready
                </span>
              ) : (
                <span className="font-medium text-amber-700">
                  {p.containers.ready}/{p.containers.total} not ready{p.phase ? ` (${p.phase})` : ""}
                </span>
              )}
            </td>
            <td className="py-1">{p.sidecar ? <span className="text-emerald-700">istio-proxy</span> : <span className="font-medium text-amber-700">none</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Counts({ backends }: { backends: BackendSummary }) {
  return (
    <span className="text-xs text-slate-600">
      {backends.ready}/{backends.total} ready · {backends.withSidecar}/{backends.total} with sidecar
      {backends.versions.length > 0 ? ` · versions ${backends.versions.join(", ")}` : ""}
    </span>
  );
}

/** The DestinationRules' subsets of the Service and the pods behind each, then every pod of the Service. */
export function SubsetsPanel({ service, destinationRules }: { service: ServiceModel; destinationRules: readonly DestinationRuleModel[] }) {
  return (
    <Panel id="subsets" title="Subsets and pods" description={`Selector ${service.selector ? Object.entries(service.selector).map(([k, v]) => `${k}=${v}`).join(", ") : "none (endpoints managed elsewhere)"}`}>
      <div className="space-y-5">
        {service.multipleVersionsWithoutSubsets ? (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Several versions run behind this Service but no DestinationRule defines subsets: traffic cannot be split by version yet.
          </p>
        ) : null}
        {destinationRules.length === 0 ? (
          <PolicyControls
            title="No DestinationRule: add a traffic policy"
            owner={null}
            target={{ namespace: service.namespace, name: service.name, resourceVersion: null, current: null, createForHost: service.name }}
          />
        ) : null}
        {destinationRules.map((dr) => (
          <section key={`${dr.namespace}/${dr.name}`} aria-label={`Subsets of DestinationRule ${dr.name}`} className="space-y-3">
            <h3 className="text-sm font-semibold text-slate-800">
              DestinationRule <span className="font-mono">{dr.name}</span>
              {dr.tlsMode ? <span className="ml-2 text-xs font-normal text-slate-500">TLS {dr.tlsMode}</span> : null}
            </h3>
            <PolicyControls
              title="Traffic policy"
              owner={dr.owner}
              target={{ namespace: dr.namespace, name: dr.name, resourceVersion: dr.resourceVersion, current: dr.trafficPolicy }}
            />
            {dr.subsets.length === 0 ? <p className="text-sm text-slate-500">No subsets.</p> : null}
            {dr.subsets.map((s) => (
              <div key={s.name} className="rounded-md border border-slate-200 p-3">
                <div className="mb-2 flex flex-wrap items-center gap-2">
                  <span className="font-mono text-sm font-semibold">{s.name}</span>
                  <span className="font-mono text-xs text-slate-500">
                    {Object.entries(s.labels)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(", ")}
                  </span>
                  {s.rollout ? <Badge tone="violet">Rollout {s.rollout.name} · {s.rollout.role}</Badge> : null}
                  {s.backends ? <Counts backends={s.backends} /> : null}
                </div>
                {s.backends ? <PodTable backends={s.backends} label={`Pods of subset ${s.name}`} /> : <p className="text-xs text-slate-500">Host is not a Service.</p>}
                <div className="mt-2">
                  <PolicyControls
                    title={`Policy of subset ${s.name}`}
                    owner={dr.owner}
                    target={{ namespace: dr.namespace, name: dr.name, resourceVersion: dr.resourceVersion, subset: s.name, current: s.trafficPolicy }}
                  />
                </div>
              </div>
            ))}
          </section>
        ))}
        <section aria-label="All pods of the Service" className="space-y-2">
          <h3 className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-800">
            All pods <Counts backends={service.backends} />
          </h3>
          <PodTable backends={service.backends} label={`Pods of Service ${service.name}`} />
        </section>
      </div>
    </Panel>
  );
}
