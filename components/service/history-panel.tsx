"use client";

import useSWR from "swr";
import { historySchema, type History } from "@/lib/api/actions";
import type { VirtualServiceModel } from "@/lib/istio/model/schema";
import { fetchJson, type ApiRequestError } from "@/lib/hooks/fetch-json";
import { patchVirtualServices, useAccess } from "@/lib/hooks/use-access";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingState } from "@/components/ui/loading-state";
import { Panel } from "@/components/ui/panel";
import { ActionFlow } from "@/components/actions/action-flow";
import { actionPaths } from "@/components/actions/action-paths";

function When({ iso }: { iso: string }) {
  const d = new Date(iso);
  return <time dateTime={iso}>{Number.isNaN(d.getTime()) ? iso : d.toLocaleString()}</time>;
}

function VirtualServiceHistory({ vs }: { vs: VirtualServiceModel }) {
  const url = actionPaths.history(vs);
  const access = useAccess(patchVirtualServices(vs.namespace));
  // Keyed by resourceVersion: every change of the object refetches its history.
  const { data, error, isLoading } = useSWR<History, ApiRequestError>([url, vs.resourceVersion], () => fetchJson(url, historySchema), { keepPreviousData: true });
  const undo = data?.undo;
  return (
    <section aria-labelledby={`history-${vs.name}`} className="space-y-2">
      <h3 id={`history-${vs.name}`} className="font-mono text-sm font-semibold text-slate-900">
        <span className="sr-only">Change history of VirtualService </span>
        {vs.name}
      </h3>
      {error && !data ? <ErrorState error={error.detail} /> : null}
      {isLoading && !data ? <LoadingState label="Loading history…" rows={2} /> : null}
      {data ? (
        data.history.length === 0 ? (
          <p className="text-sm text-slate-500">No changes made through Meshdeck yet.</p>
        ) : (
          <ol aria-label={`Changes to ${vs.name}, newest first`} className="divide-y divide-slate-100">
            {[...data.history].reverse().map((h, i) => (
              <li key={`${h.when}-${i}`} className="py-1.5 text-sm">
                <p className="text-slate-800">{h.summary}</p>
                <p className="text-xs text-slate-500">
                  <When iso={h.when} /> · {h.who} · <span className="font-mono">{h.action}</span>
                </p>
              </li>
            ))}
          </ol>
        )
      ) : null}
      {data ? (
        <ActionFlow
          subject={`last change of ${vs.name}`}
          modelResourceVersion={vs.resourceVersion}
          dirty={false}
          canApply={undo?.available === true}
          showPreview={false}
          applyLabel="Undo last change"
          applyName={`Undo last change of ${vs.name}`}
          disabledReason={access.reason}
          build={(rv) => ({ method: "POST", path: actionPaths.undo(vs), body: { ...(undo?.change?.id ? { changeId: undo.change.id } : {}), ...(rv ? { resourceVersion: rv } : {}) } })}
          confirm={{
            title: `Undo the last change to ${vs.name}?`,
            label: "Undo",
            tone: "danger",
            body: undo?.change ? (
              <p>
                Restores the routes as they were before “{undo.change.summary}” ({undo.change.who}, <When iso={undo.change.when} />).
              </p>
            ) : (
              <p>Restores the routes as they were before Meshdeck&apos;s last change.</p>
            ),
          }}
        />
      ) : null}
      {undo && !undo.available && undo.reason ? <p className="text-xs text-slate-500">Undo not available: {undo.reason}.</p> : null}
    </section>
  );
}

/** Meshdeck's recorded changes to each VirtualService of the Service, with Undo of the last one. */
export function HistoryPanel({ virtualServices }: { virtualServices: readonly VirtualServiceModel[] }) {
  return (
    <Panel id="history" title="Change history" description="Changes made through Meshdeck (annotations on the object), newest first.">
      {virtualServices.length === 0 ? (
        <p className="text-sm text-slate-500">No VirtualService to show history for.</p>
      ) : (
        <div className="space-y-6">
          {virtualServices.map((vs) => (
            <VirtualServiceHistory key={`${vs.namespace}/${vs.name}`} vs={vs} />
          ))}
        </div>
      )}
    </Panel>
  );
}
