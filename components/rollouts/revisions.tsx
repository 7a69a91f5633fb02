import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { PodView, ReplicaSetRole, RevisionView } from "@/lib/rollouts/model/schema";

const ROLE_TONE: Record<ReplicaSetRole, BadgeTone> = { stable: "sky", active: "sky", canary: "amber", preview: "amber", older: "slate", experiment: "violet" };

function Pod({ p }: { p: PodView }) {
  const tone: BadgeTone = p.terminating ? "slate" : p.ready ? "green" : p.phase === "Failed" ? "red" : "amber";
  const state = p.terminating ? "terminating" : p.ready ? "ready" : p.phase.toLowerCase();
  return (
    <li className="flex flex-wrap items-center gap-2 font-mono text-xs" data-testid="revision-pod" data-ready={p.ready}>
      <Badge tone={tone}>{state}</Badge>
      <span>{p.name}</span>
      {p.restarts > 0 ? <span className="text-amber-700">{p.restarts} restarts</span> : null}
      <span className="text-slate-500">{p.images.join(", ")}</span>
    </li>
  );
}

function Deadline({ at }: { at: string }) {
  return (
    <span className="text-xs text-amber-800" data-testid="scale-down-deadline">
      scaled down at {new Date(at).toLocaleTimeString()}
    </span>
  );
}

function Revision({ r }: { r: RevisionView }) {
  return (
    <li className="rounded border border-slate-200 p-2" data-testid="revision-row" data-roles={r.roles.join(" ")}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {r.roles.map((role) => (
          <Badge key={role} tone={ROLE_TONE[role]}>
            {role}
          </Badge>
        ))}
        <span className="font-medium">{r.experiment ? `experiment ${r.experiment}` : `revision ${r.revision}`}</span>
        <span className="font-mono text-xs text-slate-600">{r.name}</span>
        <span className="text-xs text-slate-500">{r.health}</span>
        <span className="ml-auto tabular-nums" title="ready / desired (pods that exist)">
          {r.ready}/{r.desired} ready <span className="text-xs text-slate-400">({r.total} {r.total === 1 ? "pod" : "pods"})</span>
        </span>
      </div>
      <div className="mt-1 flex flex-wrap gap-3 font-mono text-xs text-slate-600">
        <span>{[...r.initImages.map((i) => `init ${i}`), ...r.images].join(", ")}</span>
        {r.scaleDownDeadline ? <Deadline at={r.scaleDownDeadline} /> : null}
      </div>
      {r.pods.length > 0 ? (
        <ul className="mt-1 space-y-0.5 border-l-2 border-slate-100 pl-2" aria-label={`Pods of ${r.name}`}>
          {r.pods.map((p) => (
            <Pod key={p.name} p={p} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Every ReplicaSet of the Rollout (stable, canary, older, its Experiments'), each with its pods. */
export function Revisions({ revisions }: { revisions: readonly RevisionView[] }) {
  if (revisions.length === 0) return <p className="text-sm text-slate-500">No ReplicaSets yet.</p>;
  return (
    <ul className="space-y-2">
      {revisions.map((r) => (
        <Revision key={r.name} r={r} />
      ))}
    </ul>
  );
}
