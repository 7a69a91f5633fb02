import type { ReactNode } from "react";
import type { ScalingView } from "@/lib/rollouts/model/schema";

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

function fencepost(f: ScalingView["maxSurge"]): string {
  return `${f.configured}${typeof f.configured === "string" && !f.configured.endsWith("%") ? "%" : ""} → ${plural(f.replicas, "pod")}${f.defaulted ? " (default)" : ""}`;
}

function abortDelay(s: ScalingView): string {
  if (s.abortScaleDownDelaySeconds === null) return "never (the canary stays up)";
  if (s.abortScaleDownDelaySeconds === 0) return "at once";
  return `${s.abortScaleDownDelaySeconds} s${s.abortScaleDownDelayDefaulted ? " (default)" : ""}`;
}

function WorkloadRef({ w }: { w: NonNullable<ScalingView["workloadRef"]> }) {
  return (
    <Fact label="Template from" testId="workload-ref">
      {w.kind} <b>{w.name}</b> · scale-down {w.scaleDown} ·{" "}
      {w.found ? (
        <>
          {w.ready}/{w.replicas} ready · <span className="font-mono text-xs">{w.images.join(", ")}</span>
        </>
      ) : (
        <span className="text-red-700">not found (or not visible to you)</span>
      )}
    </Fact>
  );
}

/** How the Rollout scales: fenceposts, dynamic stable scale, canary scale, abort scale-down, the counts Argo aims at, the workload it takes its template from. */
export function Scaling({ s, strategy }: { s: ScalingView; strategy: string }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" data-testid="scaling">
      <Fact label="Replicas">{s.replicas}</Fact>
      {strategy === "canary" ? <Fact label="maxSurge">{fencepost(s.maxSurge)}</Fact> : null}
      <Fact label="maxUnavailable">{fencepost(s.maxUnavailable)}</Fact>
      {strategy === "canary" ? <Fact label="dynamicStableScale">{s.dynamicStableScale ? "on: the stable follows its traffic weight" : "off: the stable stays at full scale"}</Fact> : null}
      {s.minPodsPerReplicaSet !== null ? <Fact label="minPodsPerReplicaSet">{s.minPodsPerReplicaSet}</Fact> : null}
      {s.canaryScale ? (
        <Fact label="setCanaryScale in effect" testId="canary-scale">
          {s.canaryScale.replicas !== null ? plural(s.canaryScale.replicas, "replica") : `${s.canaryScale.weight ?? 0} % of ${s.replicas}`}
        </Fact>
      ) : null}
      {s.desired ? (
        <Fact label="Argo scales to" testId="desired-counts">
          canary {s.desired.canary}
          {s.abortScaleDownAt ? ` once its scale-down deadline passes (${new Date(s.abortScaleDownAt).toLocaleTimeString()})` : ""} · stable {s.desired.stable}
        </Fact>
      ) : null}
      <Fact label="Scale-down after abort">{abortDelay(s)}</Fact>
      {s.abortScaleDownAt ? (
        <Fact label="Aborted canary scaled down at" testId="abort-scale-down-at">
          {new Date(s.abortScaleDownAt).toLocaleTimeString()}
        </Fact>
      ) : null}
      {s.workloadRef ? <WorkloadRef w={s.workloadRef} /> : null}
    </dl>
  );
}
