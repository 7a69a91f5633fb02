import type { StepView } from "@/lib/rollouts/model/schema";

const STATE_CLASS: Record<StepView["state"], string> = {
  done: "border-emerald-300 bg-emerald-50 text-emerald-800",
  current: "border-sky-500 bg-sky-50 text-sky-900 ring-2 ring-sky-300",
  pending: "border-slate-200 bg-white text-slate-500",
};

/** The canary steps in order; the current one highlighted (pause with remaining time, analysis, experiment, …). */
export function StepTimeline({ steps, desired = null }: { steps: readonly StepView[]; desired?: { canary: number; stable: number } | null }) {
  if (steps.length === 0) return <p className="text-sm text-slate-500">No steps (the update rolls out at once).</p>;
  return (
    <ol className="flex flex-wrap gap-2" aria-label="Steps">
      {steps.map((s) => (
        <li key={s.index} data-testid="rollout-step" data-state={s.state} aria-current={s.state === "current" ? "step" : undefined} className={`rounded-md border px-3 py-2 text-sm ${STATE_CLASS[s.state]}`}>
          <span className="mr-1 text-xs text-slate-400">{s.index + 1}.</span>
          <span className="text-xs font-medium uppercase opacity-70">{s.kind}</span>
          <div>{s.label}</div>
          {s.state === "current" && desired ? (
            <div className="text-xs text-slate-600" data-testid="step-replicas">
              canary {desired.canary} · stable {desired.stable} pods
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
