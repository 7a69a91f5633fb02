"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/panel";
import { LiveTraffic } from "@/components/live-traffic/live-traffic";
import type { RolloutDetail as Detail } from "@/lib/api/rollouts";
import { useRolloutDetail } from "@/lib/hooks/use-rollouts";
import { AnalysisCharts } from "./analysis-charts";
import { BlueGreen } from "./blue-green";
import { Experiments } from "./experiments";
import { PhaseBadge } from "./phase-badge";
import { PingPong } from "./ping-pong";
import { Revisions } from "./revisions";
import { RolloutActions } from "./rollout-actions";
import { Scaling } from "./scaling";
import { StepTimeline } from "./step-timeline";

function Managed({ d }: { d: Detail }) {
  if (d.managed.length === 0) return <p className="text-sm text-slate-500">No traffic-routing objects.</p>;
  return (
    <ul className="space-y-3">
      {d.managed.map((m) => (
        <li key={`${m.kind}/${m.name}`} className="rounded border border-slate-200 p-3 text-sm" data-testid="managed-object">
          <div className="flex items-center gap-2">
            <Badge tone="violet">{m.kind}</Badge>
            <span className="font-medium">{m.name}</span>
            <Badge tone="slate" title={m.lockReason}>
              🔒 locked
            </Badge>
            {!m.found ? <Badge tone="red">not found</Badge> : null}
          </div>
          <p className="mt-1 text-xs text-slate-500">{m.lockReason}</p>
          {m.routingError ? (
            <p className="mt-1 text-xs text-red-700" role="status">
              Argo refuses this VirtualService and writes no weights in it: {m.routingError}
            </p>
          ) : null}
          {m.routes.map((r) => (
            <div key={`${r.section}/${r.index}`} className="mt-1 text-xs" data-testid="managed-route" data-section={r.section}>
              {r.section.toUpperCase()} route <b>{r.name}</b>:{" "}
              {r.destinations.map((x) => (
                <span key={`${x.host}/${x.subset ?? ""}`} className="mr-2 font-mono" data-testid="managed-weight">
                  {x.subset ?? x.host}={x.weight}
                </span>
              ))}
            </div>
          ))}
          {m.subsets.map((s) => (
            <div key={s.name} className="mt-1 font-mono text-xs">
              subset {s.name}: {Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(", ")}
            </div>
          ))}
          {m.selector ? <div className="mt-1 font-mono text-xs">selector: {Object.entries(m.selector).map(([k, v]) => `${k}=${v}`).join(", ")}</div> : null}
        </li>
      ))}
    </ul>
  );
}

/** One Rollout, live: header with phase and actions, steps, traffic, revisions, analysis, the objects it drives. */
export function RolloutDetail({ namespace, name }: { namespace: string; name: string }) {
  const { data, error, stream, refresh } = useRolloutDetail(namespace, name);
  if (error && !data) {
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.detail.code === "CrdMissing" ? "Argo Rollouts is not installed: " : ""}
        {error.message}
      </p>
    );
  }
  if (!data) return <p className="text-sm text-slate-500">Loading…</p>;
  const r = data.rollout;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/rollouts" className="text-sm text-sky-700 hover:underline">
          ← Rollouts
        </Link>
        <h1 className="text-xl font-semibold">
          {r.namespace}/{r.name}
        </h1>
        <span data-testid="rollout-phase">
          <PhaseBadge phase={r.phase} aborted={r.aborted} />
        </span>
        <span className="text-sm text-slate-600" data-testid="rollout-weights">
          {r.step ? `Step ${r.step.index}/${r.step.count} · ` : ""}
          {r.setWeight !== null ? `weight set ${r.setWeight}% / actual ${r.actualWeight ?? "–"}%` : r.strategy}
        </span>
        <span className="text-xs text-slate-400">{stream.state === "open" ? "live" : stream.state}</span>
      </div>
      {r.message ? <p className="text-sm text-slate-600">{r.message}</p> : null}
      {r.pause ? (
        <p className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="pause-condition">
          Paused: {r.pause.reason}
          {r.pause.since ? ` since ${new Date(r.pause.since).toLocaleTimeString()}` : ""}
          {r.pause.resumesAt ? `, resumes at ${new Date(r.pause.resumesAt).toLocaleTimeString()}` : r.promotionPending ? " — waiting for a promotion" : ""}
        </p>
      ) : null}
      <Panel id="actions" title="Actions">
        <RolloutActions rollout={r} onDone={() => void refresh()} />
      </Panel>
      {r.blueGreen ? (
        <Panel id="bluegreen" title="Blue-green">
          <BlueGreen bg={r.blueGreen} />
        </Panel>
      ) : (
        <Panel id="steps" title="Steps">
          <StepTimeline steps={r.steps} desired={r.aborted ? null : r.scaling.desired} />
        </Panel>
      )}
      {r.trafficRouting?.pingPong ? (
        <Panel id="pingpong" title="Ping-pong Services" description="Two Services take turns: each update goes to the canary side, each promotion makes it stable">
          <PingPong pp={r.trafficRouting.pingPong} d={data} />
        </Panel>
      ) : null}
      <Panel id="traffic" title="Live traffic" description="Sampled from metrics, not real requests">
        <LiveTraffic namespace={namespace} name={name} />
      </Panel>
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel id="revisions" title="Revisions and pods">
          <Revisions revisions={r.revisions} />
        </Panel>
        <div className="space-y-4">
          <Panel id="scaling" title="Scaling">
            <Scaling s={r.scaling} strategy={r.strategy} />
          </Panel>
          <Panel id="managed" title="Traffic routing it drives">
            <Managed d={data} />
          </Panel>
        </div>
      </div>
      {r.experiments.length > 0 ? (
        <Panel id="experiments" title="Experiments">
          <Experiments experiments={r.experiments} pods={data.pods} />
        </Panel>
      ) : null}
      <Panel id="analysis" title="Analysis">
        <AnalysisCharts runs={r.analysisRuns} />
      </Panel>
    </div>
  );
}
