import "server-only";
import type { RolloutSummary } from "@/lib/api/rollouts";
import type { CacheSnapshot } from "@/lib/k8s/cache/store";
import { buildRolloutViews, type RolloutView } from "@/lib/rollouts/model";
import { parseRollouts, type ParsedRollouts } from "./snapshot";

/** Views older than this are rebuilt even without a cache change (pause ages, remaining pause time). */
const MAX_AGE_MS = 5_000;
const MAX_ENTRIES = 16;

export interface ComputedRollouts {
  revision: number;
  at: number;
  parsed: ParsedRollouts;
  views: RolloutView[];
  byKey: Map<string, RolloutView>;
  summaries: RolloutSummary[];
}

// Keyed by visibility (identity) and cache revision: 1,000 rollouts are parsed and built once, not per request.
const memo = new Map<string, ComputedRollouts>();

export function toSummary(v: RolloutView): RolloutSummary {
  return {
    key: v.key,
    namespace: v.namespace,
    name: v.name,
    createdAt: v.createdAt,
    strategy: v.strategy,
    phase: v.phase,
    message: v.message,
    aborted: v.aborted,
    pause: v.pause,
    promotionPending: v.promotionPending,
    step: v.step,
    setWeight: v.setWeight,
    actualWeight: v.actualWeight,
    images: v.images,
    replicas: v.replicas,
    routing: v.trafficRouting?.kind ?? null,
    currentStepLabel: v.currentStep?.label ?? null,
  };
}

/** The rollout views of a (user-filtered) snapshot, memoised per `visibility` and revision. */
export function computeRollouts(snapshot: CacheSnapshot, visibility: string, now = Date.now()): ComputedRollouts {
  const key = `${visibility}`;
  const hit = memo.get(key);
  if (hit && hit.revision === snapshot.revision && now - hit.at < MAX_AGE_MS) return hit;
  const parsed = parseRollouts(snapshot);
  const views = buildRolloutViews(parsed, now);
  const computed: ComputedRollouts = { revision: snapshot.revision, at: now, parsed, views, byKey: new Map(views.map((v) => [v.key, v])), summaries: views.map(toSummary) };
  memo.delete(key);
  memo.set(key, computed);
  if (memo.size > MAX_ENTRIES) memo.delete(memo.keys().next().value as string);
  return computed;
}
