import { Badge } from "@/components/ui/badge";
import type { RolloutDetail } from "@/lib/api/rollouts";
import type { PingPongView } from "@/lib/rollouts/model/schema";

const HASH = "rollouts-pod-template-hash";

function Side({ side, service, pp, d }: { side: "ping" | "pong"; service: string; pp: PingPongView; d: RolloutDetail }) {
  const stable = pp.stable === side;
  const managed = d.managed.find((m) => m.kind === "Service" && m.name === service);
  const hash = managed?.selector?.[HASH] ?? null;
  const revision = hash ? d.rollout.revisions.find((r) => r.podTemplateHash === hash) : undefined;
  const weight = d.rollout.weights ? (stable ? d.rollout.weights.stable.weight : d.rollout.weights.canary.weight) : null;
  return (
    <div className="rounded border border-slate-200 p-3" data-testid={`pingpong-${side}`} data-role={stable ? "stable" : "canary"}>
      <div className="flex items-center gap-2">
        <Badge tone="violet">{side}</Badge>
        <span className="font-mono">{service}</span>
        <Badge tone={stable ? "sky" : "amber"}>{stable ? "stable now" : "canary"}</Badge>
        {weight !== null ? <span className="tabular-nums text-slate-600">{weight}%</span> : null}
      </div>
      <p className="mt-1 text-slate-600">
        {managed && !managed.found ? "Service not found" : hash === null ? "selects no revision yet (no pod-template-hash in its selector)" : revision ? `selects revision ${revision.revision}` : `selects ${hash}`}
        {revision ? <span className="ml-1 font-mono text-xs text-slate-500">({revision.name})</span> : null}
      </p>
      {revision ? (
        <>
          <p className="tabular-nums text-slate-600">
            {revision.ready}/{revision.desired} pods ready
          </p>
          <p className="font-mono text-xs text-slate-500">{revision.images.join(", ")}</p>
        </>
      ) : null}
    </div>
  );
}

/** The ping and pong Services: which is stable now (status.canary.stablePingPong), what each selects, its weight. */
export function PingPong({ pp, d }: { pp: PingPongView; d: RolloutDetail }) {
  const updating = !!d.rollout.currentHash && d.rollout.currentHash !== d.rollout.stableHash;
  const next = updating ? `${pp.canaryService} has the update; a promotion makes it stable.` : `the next update goes to ${pp.canaryService}, and its promotion makes it stable.`;
  return (
    <div className="space-y-3 text-sm">
      <div className="grid gap-3 md:grid-cols-2">
        <Side side="ping" service={pp.pingService} pp={pp} d={d} />
        <Side side="pong" service={pp.pongService} pp={pp} d={d} />
      </div>
      <p className="text-slate-600" data-testid="pingpong-stable">
        {pp.reported
          ? `status.canary.stablePingPong: ${pp.stable} — ${next}`
          : `The controller has not reported a stable side yet: Argo takes ${pp.stableService} (pong) as stable until it does.`}
      </p>
    </div>
  );
}
