"use client";

import { useState } from "react";
import useSWR from "swr";
import { objectKindSchema, objectYamlSchema, objectYamlUrl, type ObjectYaml } from "@/lib/api/objects";
import type { ObjectRef } from "@/lib/istio/model/schema";
import { fetchJson, type ApiRequestError } from "@/lib/hooks/fetch-json";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingState } from "@/components/ui/loading-state";
import { Panel } from "@/components/ui/panel";

function ObjectYamlItem({ object, resourceVersion }: { object: ObjectRef; resourceVersion: string | null }) {
  const [open, setOpen] = useState(false);
  const kind = objectKindSchema.safeParse(object.kind);
  const url = kind.success ? objectYamlUrl(kind.data, object.namespace, object.name) : null;
  // Fetched on first open; refetched when the object's resourceVersion changes.
  const { data, error, isLoading } = useSWR<ObjectYaml, ApiRequestError>(open && url ? [url, resourceVersion] : null, () => fetchJson(url ?? "", objectYamlSchema), {
    keepPreviousData: true,
  });
  return (
    <details className="group rounded-md border border-slate-200 bg-white" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm select-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none">
        <span aria-hidden="true" className="text-slate-400 group-open:rotate-90">
          ▸
        </span>
        <span className="text-slate-500">{object.kind}</span>
        <span className="font-mono font-medium text-slate-900">{object.name}</span>
      </summary>
      <div className="border-t border-slate-100 p-3">
        {error ? <ErrorState error={error.detail} /> : null}
        {isLoading && !data ? <LoadingState label={`Loading ${object.kind} ${object.name}…`} rows={3} /> : null}
        {data ? (
          <div className="space-y-2">
            <div className="flex items-center justify-between gap-2 text-xs text-slate-500">
              <span>
                {data.apiVersion} · resourceVersion {data.resourceVersion ?? "?"} · managedFields omitted
              </span>
              <CopyButton text={data.yaml} label={`Copy the YAML of ${object.kind} ${object.name}`} />
            </div>
            <pre
              tabIndex={0}
              aria-label={`YAML of ${object.kind} ${object.name}`}
              className="max-h-96 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none"
            >
              {data.yaml}
            </pre>
          </div>
        ) : null}
      </div>
    </details>
  );
}

/** The YAML of each object involved, collapsible, with a copy button. */
export function YamlPanel({ objects, versions }: { objects: readonly ObjectRef[]; versions: Readonly<Record<string, string | null>> }) {
  return (
    <Panel id="yaml" title="Configuration" description="The objects as stored in the cluster (from Meshdeck's watch cache).">
      <div className="space-y-2">
        {objects.map((o) => (
          <ObjectYamlItem key={`${o.kind}/${o.namespace}/${o.name}`} object={o} resourceVersion={versions[`${o.kind}/${o.name}`] ?? null} />
        ))}
      </div>
    </Panel>
  );
}
