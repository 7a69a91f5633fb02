"use client";

import { useId, useState } from "react";
import { useNamespaces } from "@/lib/hooks/use-namespaces";
import { useVirtualServices } from "@/lib/hooks/use-virtual-services";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingState } from "@/components/ui/loading-state";
import { Panel } from "@/components/ui/panel";
import { groupByNamespace } from "./group-by-namespace";
import { VirtualServicesTable } from "./virtual-services-table";

const ALL = "";

function NamespaceFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const id = useId();
  const { data } = useNamespaces();
  const names = data?.items.map((ns) => ns.name) ?? [];
  if (value && !names.includes(value)) names.unshift(value);
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-slate-600">
        Namespace
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 focus:outline-none"
      >
        <option value={ALL}>All namespaces</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function VirtualServicesPanel() {
  const [namespace, setNamespace] = useState(ALL);
  const { data, error, isLoading } = useVirtualServices(namespace || undefined);
  const groups = data ? groupByNamespace(data.items) : [];
  return (
    <Panel
      id="virtualservices"
      title="VirtualServices"
      description={
        data ? (
          <>
            {data.items.length > 0 ? `${data.items.length} in ${groups.length} namespace${groups.length === 1 ? "" : "s"} · ` : null}
            served as{" "}
            <span className="font-mono">networking.istio.io/{data.servedVersion}</span>
          </>
        ) : (
          "Istio HTTP, TCP and TLS routing"
        )
      }
      actions={<NamespaceFilter value={namespace} onChange={setNamespace} />}
    >
      {error ? <ErrorState error={error.detail} compact={Boolean(data)} /> : null}
      {data ? (
        groups.length > 0 ? (
          <div className="space-y-6">
            {groups.map((group) => (
              <section key={group.namespace} aria-labelledby={`vs-ns-${group.namespace}`}>
                <h3 id={`vs-ns-${group.namespace}`} className="mb-1 flex items-baseline gap-2 text-sm font-semibold text-slate-800">
                  <span className="font-mono">{group.namespace}</span>
                  <span className="text-xs font-normal text-slate-500">
                    {group.items.length} VirtualService{group.items.length === 1 ? "" : "s"}
                  </span>
                </h3>
                <VirtualServicesTable namespace={group.namespace} items={group.items} />
              </section>
            ))}
          </div>
        ) : (
          <EmptyState title={namespace ? `No VirtualServices in ${namespace}` : "No VirtualServices in the cluster"}>
            Create one with <code className="font-mono">kubectl apply</code> and it will appear here.
          </EmptyState>
        )
      ) : isLoading ? (
        <LoadingState label="Loading VirtualServices…" rows={5} />
      ) : null}
    </Panel>
  );
}
