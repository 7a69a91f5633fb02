import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { PodSummary } from "@/lib/api/rollouts";
import type { ExperimentView } from "@/lib/rollouts/model/schema";

const PHASE_TONE: Record<string, BadgeTone> = {
  Running: "sky",
  Pending: "amber",
  Successful: "green",
  Failed: "red",
  Error: "red",
  Inconclusive: "amber",
};

function Template({ t, pods }: { t: ExperimentView["templates"][number]; pods: readonly PodSummary[] }) {
  const own = t.podTemplateHash ? pods.filter((p) => p.podTemplateHash === t.podTemplateHash) : [];
  return (
    <tr data-testid="experiment-template">
      <td className="py-1 font-medium">{t.name}</td>
      <td>{t.status ?? "–"}</td>
      <td className="tabular-nums">
        {t.ready}/{t.desired}
        <span className="ml-1 text-xs text-slate-400">({own.filter((p) => p.ready).length} pods ready)</span>
      </td>
      <td className="tabular-nums">{t.weight === null ? "–" : `${t.weight} %`}</td>
      <td className="font-mono text-xs">{t.serviceName ?? "–"}</td>
      <td className="font-mono text-xs">{t.replicaSet ?? "–"}</td>
      <td className="font-mono text-xs">{t.images.join(", ")}</td>
    </tr>
  );
}

/** The Rollout's Experiments: phase, each template's ReplicaSet, pods, Service and traffic weight, and the analyses they run. */
export function Experiments({ experiments, pods }: { experiments: readonly ExperimentView[]; pods: readonly PodSummary[] }) {
  return (
    <ul className="space-y-3">
      {experiments.map((e) => (
        <li key={e.name} className="rounded border border-slate-200 p-3 text-sm" data-testid="experiment" data-phase={e.phase}>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-mono font-medium" data-testid="experiment-name">
              {e.name}
            </span>
            <Badge tone={PHASE_TONE[e.phase] ?? "slate"}>{e.phase || "Pending"}</Badge>
            {e.current ? <Badge tone="violet">current step</Badge> : null}
            {e.duration ? <span className="text-xs text-slate-500">for {e.duration}</span> : null}
          </div>
          {e.message ? <p className="mt-1 text-slate-600">{e.message}</p> : null}
          <table className="mt-2 w-full text-left">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-1">Template</th>
                <th>Status</th>
                <th>Ready</th>
                <th>Weight</th>
                <th>Service</th>
                <th>ReplicaSet</th>
                <th>Images</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {e.templates.map((t) => (
                <Template key={t.name} t={t} pods={pods} />
              ))}
            </tbody>
          </table>
          {e.analysisRuns.length > 0 ? (
            <p className="mt-2 text-xs text-slate-600">
              Analyses: {e.analysisRuns.map((a) => `${a.name} ${a.phase ?? "Pending"}`).join(", ")}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
