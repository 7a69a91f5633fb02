import type { AnalysisRunWire, MeasurementWire, RolloutWire } from "../wire";
import { ownedBy, revisionOf } from "./revisions";
import type { AnalysisRunView, MeasurementView, MetricView } from "./schema";

const ROLLOUT_TYPE_LABEL = "rollout-type";

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A measurement's value as a number when it is one: "0.98", or a vector of one
 * sample as the Prometheus provider writes it ("[0.98]"). Anything else
 * (several samples, JSON, "NaN") is null.
 */
export function numericValue(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  let v = value.trim();
  if (v.startsWith("[") && v.endsWith("]")) v = v.slice(1, -1).trim();
  if (v === "" || /[,\s]/.test(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** A measurement as people read it: a number to at most 3 decimals ("0.387" for "[0.38709677419354843]"), else as Argo stored it. */
export function measurementText(m: Pick<MeasurementView, "value" | "numericValue">): string | null {
  if (m.numericValue !== null) return String(Number(m.numericValue.toFixed(3)));
  return m.value;
}

const COMPARISON = /\bresult(?:\[0\])?\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)/g;

/**
 * The threshold a condition compares the (first) result with, for a line on the
 * chart: `result[0] >= 0.95` → 0.95. Null when it compares with none, or with
 * several different values.
 */
export function conditionThreshold(condition: string | null): number | null {
  const values = new Set([...(condition ?? "").matchAll(COMPARISON)].map((m) => Number(m[2])));
  return values.size === 1 ? ([...values][0] ?? null) : null;
}

function measurementView(m: MeasurementWire): MeasurementView {
  return {
    phase: m.phase,
    value: m.value ?? null,
    numericValue: numericValue(m.value),
    startedAt: m.startedAt ?? null,
    finishedAt: m.finishedAt ?? null,
    message: m.message ?? null,
  };
}

type MetricSpec = NonNullable<AnalysisRunWire["spec"]["metrics"]>[number];

/** A limit as Argo reads it: unset is 0; an IntOrString that is not a number (an argument) is unknown. */
function limit(v: number | string | null | undefined): number | null {
  if (v === null || v === undefined) return 0;
  const n = typeof v === "number" ? v : /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isInteger(n) ? n : null;
}

/** What the metric's spec says of how it is judged: its conditions, interval and limits. */
function judgedBy(spec: MetricSpec | undefined): Pick<MetricView, "successCondition" | "failureCondition" | "interval" | "failureLimit" | "inconclusiveLimit"> {
  return {
    successCondition: spec?.successCondition ?? null,
    failureCondition: spec?.failureCondition ?? null,
    interval: spec?.interval ?? null,
    failureLimit: spec ? limit(spec.failureLimit) : null,
    inconclusiveLimit: spec ? limit(spec.inconclusiveLimit) : null,
  };
}

type Args = ReadonlyMap<string, string>;

/** `{{args.name}}` replaced by the run's argument values, as the controller does before it queries (others are left as they are). */
export function resolveArgs(text: string, args: Args): string {
  return text.replace(/\{\{\s*args\.([\w-]+)\s*\}\}/g, (whole, name: string) => args.get(name) ?? whole);
}

/** The metric's provider and its query (arguments resolved), when the provider has one. */
function providerOf(spec: MetricSpec | undefined, args: Args): { provider: string | null; query: string | null } {
  const [name, config] = Object.entries(spec?.provider ?? {})[0] ?? [];
  if (!name) return { provider: null, query: null };
  const query = typeof config === "object" && config !== null ? (config as { query?: unknown }).query : undefined;
  return { provider: name, query: typeof query === "string" ? resolveArgs(query.trim(), args) : null };
}

export function analysisRunView(run: AnalysisRunWire): AnalysisRunView {
  const specMetrics = new Map((run.spec.metrics ?? []).map((m) => [m.name, m]));
  const args: Args = new Map((run.spec.args ?? []).flatMap((a) => (typeof a.value === "string" ? [[a.name, a.value] as const] : [])));
  const metrics: MetricView[] = (run.status?.metricResults ?? []).map((r) => {
    const spec = specMetrics.get(r.name);
    return {
      name: r.name,
      phase: r.phase,
      message: r.message ?? null,
      ...providerOf(spec, args),
      ...judgedBy(spec),
      count: r.count ?? 0,
      successful: r.successful ?? 0,
      failed: r.failed ?? 0,
      inconclusive: r.inconclusive ?? 0,
      error: r.error ?? 0,
      dryRun: !!r.dryRun,
      measurements: (r.measurements ?? []).map(measurementView),
    };
  });
  // Metrics declared but not measured yet, so the chart has a row for each.
  for (const [name, spec] of specMetrics) {
    if (metrics.some((m) => m.name === name)) continue;
    metrics.push({ name, phase: "Pending", message: null, ...providerOf(spec, args), ...judgedBy(spec), count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0, dryRun: false, measurements: [] });
  }
  const sum = (k: "successful" | "failed" | "inconclusive" | "error") => metrics.reduce((acc, m) => acc + m[k], 0);
  return {
    name: run.metadata.name,
    revision: revisionOf(run),
    type: run.metadata.labels?.[ROLLOUT_TYPE_LABEL] ?? null,
    phase: run.status?.phase ?? "",
    message: run.status?.message ?? null,
    startedAt: run.status?.startedAt ?? null,
    completedAt: run.status?.completedAt ?? null,
    createdAt: run.metadata.creationTimestamp ?? null,
    successful: sum("successful"),
    failed: sum("failed"),
    inconclusive: sum("inconclusive"),
    error: sum("error"),
    metrics,
  };
}

/** The Rollout's AnalysisRuns, newest revision first, then oldest first within a revision (as `kubectl argo rollouts get`). */
export function analysisRunViews(ro: RolloutWire, runs: readonly AnalysisRunWire[]): AnalysisRunView[] {
  return runs
    .filter((r) => ownedBy(r, ro))
    .map(analysisRunView)
    .sort((a, b) => b.revision - a.revision || cmp(a.createdAt ?? "", b.createdAt ?? "") || cmp(b.name, a.name));
}
