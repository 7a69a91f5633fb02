import { memo } from "react";
import type { RolloutSummary } from "@/lib/api/rollouts";
import type { RolloutView } from "@/lib/rollouts/model/schema";
import { canaryOverThreshold, MIN_CANARY_REQUESTS, type CanaryErrors } from "@/lib/wall/canary-errors";
import { currentAnalysis, stepText } from "@/lib/wall/rollout-progress";
import { formatSeconds } from "@/components/ui/format";
import { WallBar } from "./wall-bar";

const PHASE_STYLE: Record<RolloutSummary["phase"], string> = {
  Degraded: "bg-red-600 text-white",
  Paused: "bg-amber-400 text-black",
  Progressing: "bg-sky-400 text-black",
  Healthy: "bg-emerald-400 text-black",
};

const RUN_STYLE: Record<string, string> = { Successful: "text-emerald-300", Failed: "text-red-300", Error: "text-red-300", Inconclusive: "text-amber-300" };

function tag(image: string | undefined): string {
  return image ? image.slice(image.lastIndexOf("/") + 1) : "–";
}

const pct = (ratio: number | null) => (ratio === null ? "–" : `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} %`);

function ErrorsLine({ errors, threshold }: { errors: CanaryErrors | null | undefined; threshold: number }) {
  if (errors === undefined) return null;
  if (errors === null) return <p className="text-neutral-400">5xx: no metrics</p>;
  if (errors.canary.requests < MIN_CANARY_REQUESTS) return <p className="text-neutral-400">5xx: too little canary traffic to judge ({Math.round(errors.canary.requests)} requests)</p>;
  const over = canaryOverThreshold(errors, threshold);
  return (
    <p data-testid="wall-canary-errors" className={over ? "font-bold text-red-300" : "text-neutral-200"}>
      5xx canary {pct(errors.canary.ratio)} · stable {pct(errors.stable.ratio)}
      <span className="text-neutral-400"> (last {Math.round(errors.seconds)} s, alert at {pct(threshold)})</span>
    </p>
  );
}

function Analysis({ view }: { view: RolloutView }) {
  const a = currentAnalysis(view);
  if (!a) return null;
  return (
    <p className={a.failing ? "font-bold text-red-300" : "text-neutral-200"}>
      Analysis <span className={RUN_STYLE[a.phase] ?? "text-sky-300"}>{a.phase}</span>
      {a.metrics.map((m) => (
        <span key={m.name} className="ml-[0.6em]">
          {m.name} ✓{m.successful} ✗{m.failed}
          {m.lastValue !== null ? <span className="text-neutral-400"> = {m.lastValue}</span> : null}
        </span>
      ))}
    </p>
  );
}

interface RolloutCardProps {
  rollout: RolloutSummary;
  detail: RolloutView | undefined;
  errors: CanaryErrors | null | undefined;
  threshold: number;
  /** Epoch ms, for pause durations; null before mount. */
  now: number | null;
}

/** One Rollout in progress: phase, step, weights, analysis and the canary's errors, in wall-sized type. */
export const RolloutCard = memo(function RolloutCard({ rollout: r, detail, errors, threshold, now }: RolloutCardProps) {
  const alarming = r.phase === "Degraded" || (detail ? currentAnalysis(detail)?.failing === true : false) || canaryOverThreshold(errors, threshold);
  const since = r.pause?.since ? Date.parse(r.pause.since) : null;
  const canary = r.setWeight;
  return (
    <article
      data-testid="wall-rollout"
      data-rollout={r.key}
      data-phase={r.phase}
      className={`flex min-h-0 min-w-0 flex-col gap-[0.35em] overflow-hidden rounded-lg border-[0.15em] p-[0.7em] ${alarming ? "border-red-500 bg-red-950" : "border-neutral-700 bg-neutral-900"}`}
    >
      <header className="flex min-w-0 items-baseline gap-[0.5em]">
        <h3 className="min-w-0 truncate text-[1.5em] leading-tight font-bold">{r.name}</h3>
        <span className="truncate text-neutral-400">{r.namespace}</span>
        <span className={`ml-auto shrink-0 rounded px-[0.4em] text-[1.2em] font-extrabold ${PHASE_STYLE[r.phase]}`}>{r.aborted ? "Aborted" : r.phase}</span>
      </header>
      <p className="truncate text-neutral-200">
        {detail ? stepText(detail) : r.step ? `Step ${r.step.index}/${r.step.count}` : r.strategy}
        {r.promotionPending ? <span className="font-bold text-amber-300"> · waiting for promotion</span> : null}
        {since !== null && now !== null ? <span className="text-neutral-400"> · paused {formatSeconds((now - since) / 1000)}</span> : null}
      </p>
      {r.phase === "Degraded" && r.message ? <p className="truncate font-bold text-red-200">{r.message}</p> : null}
      {canary !== null ? (
        <div>
          <WallBar
            name={`Weights of ${r.key}`}
            segments={[
              { label: "stable", percent: 100 - Math.min(100, Math.max(0, r.actualWeight ?? canary)), color: "bg-sky-400" },
              { label: "canary", percent: Math.min(100, Math.max(0, r.actualWeight ?? canary)), color: "bg-amber-400" },
            ]}
          />
          <p className="mt-[0.15em] text-neutral-300 tabular-nums">
            canary weight set {canary} % · actual {r.actualWeight ?? "–"} %
            <span className="text-neutral-400">
              {" "}
              · {tag(r.images.stable[0])} → {tag(r.images.canary[0])}
            </span>
          </p>
        </div>
      ) : (
        <p className="text-neutral-300 tabular-nums">
          {r.replicas.ready}/{r.replicas.desired} ready · {r.replicas.updated} updated
        </p>
      )}
      {detail ? <Analysis view={detail} /> : null}
      <ErrorsLine errors={errors} threshold={threshold} />
    </article>
  );
});
