/** What the graph's colours, shapes and badges mean. */
import { BADGE_KINDS, type BadgeKind } from "@/lib/graph/types";
import { HEALTH_COLOR, KIND_FILL, KIND_LABEL } from "./theme";

export const BADGE_TEXT: Readonly<Record<BadgeKind, string>> = {
  trafficSplit: "traffic split",
  headerRoute: "header route",
  fault: "fault injection",
  mirror: "mirror",
  timeout: "timeout",
  circuitBreaker: "circuit breaker",
  missingSidecar: "missing sidecar",
  rollout: "Rollout in progress",
};

const HEALTH = [
  ["healthy", "healthy (no 5xx)"],
  ["degraded", "degraded (5xx > 0 %)"],
  ["failing", "failing (5xx ≥ 10 %)"],
  ["idle", "idle (no traffic)"],
] as const;

const KINDS = ["service", "versionedApp", "app", "workload", "ingressGateway", "serviceEntry", "unknown"] as const;

export function GraphLegend({ dark = false }: { dark?: boolean }) {
  const text = dark ? "text-slate-200" : "text-slate-600";
  return (
    <section aria-label="Legend" className={`flex flex-wrap gap-x-6 gap-y-2 text-xs ${text}`}>
      <ul className="flex flex-wrap items-center gap-3">
        {HEALTH.map(([h, label]) => (
          <li key={h} className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block size-3 rounded-full border-2" style={{ borderColor: HEALTH_COLOR[h] }} />
            {label}
          </li>
        ))}
      </ul>
      <ul className="flex flex-wrap items-center gap-3">
        {KINDS.map((k) => (
          <li key={k} className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block size-3 rounded-sm border border-slate-400" style={{ background: KIND_FILL[k] }} />
            {KIND_LABEL[k]}
          </li>
        ))}
      </ul>
      <p>
        Badges: {BADGE_KINDS.map((b) => BADGE_TEXT[b]).join(" · ")}. Edge width and moving dots follow requests per second.
      </p>
    </section>
  );
}
