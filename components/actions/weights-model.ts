import { rebalance, evenSplit } from "@/lib/istio/actions/rebalance";
import type { DestinationInput } from "@/lib/istio/actions/schemas";
import type { ObjectView } from "@/lib/api/actions";
import type { WeightedDestination } from "@/lib/istio/model/schema";
import { toPercents } from "@/components/traffic/share-math";

/** The destination as the action API names it: host as written, subset, port. */
export function destinationInput(d: Pick<WeightedDestination, "host" | "subset" | "port">): DestinationInput {
  return {
    host: d.host.raw,
    ...(d.subset ? { subset: d.subset.name } : {}),
    ...(d.port !== null ? { port: d.port } : {}),
  };
}

/** Slider start values: the effective shares as whole percentages summing to 100 (an all-zero route starts even). */
export function initialWeights(destinations: readonly Pick<WeightedDestination, "share">[]): number[] {
  const percents = toPercents(destinations.map((d) => d.share));
  return percents.some((p) => p > 0) ? percents : evenSplit(destinations.length);
}

/**
 * Moves slider `index` to `value` and rebalances the other unlocked sliders
 * (lib/istio/actions `rebalance`); the result always sums to 100.
 */
export function moveSlider(weights: readonly number[], index: number, value: number, locked: readonly boolean[]): number[] {
  return rebalance(weights, index, value, locked);
}

/** Even split over the unlocked sliders. */
export function evenWeights(weights: readonly number[], locked: readonly boolean[]): number[] {
  return evenSplit(weights.length, locked, weights);
}

/** A typed number from a numeric field, or null when it is not a whole number 0–100. */
export function parseWeight(text: string): number | null {
  if (!/^\s*\d{1,3}\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= 0 && n <= 100 ? n : null;
}

/** Whether the draft differs from what is configured. */
export function weightsChanged(draft: readonly number[], configured: readonly number[]): boolean {
  return draft.length !== configured.length || draft.some((w, i) => w !== configured[i]);
}

/** The body of `PUT …/weights`. */
export function weightsBody(destinations: readonly Pick<WeightedDestination, "host" | "subset" | "port">[], weights: readonly number[], resourceVersion: string | null) {
  return {
    weights: destinations.map((d, i) => ({ ...destinationInput(d), weight: weights[i] ?? 0 })),
    ...(resourceVersion ? { resourceVersion } : {}),
  };
}

export interface CurrentDestination {
  label: string;
  weight: number | null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * The destinations and weights of one http route in a fresh object (a 409's
 * `current`), to show what changed. Found by name, else by index; null when
 * the route is gone.
 */
export function routeInObject(object: ObjectView, rule: { name: string | null; index: number }, section: "http" | "tls" | "tcp" = "http"): CurrentDestination[] | null {
  const http = Array.isArray(object.spec[section]) ? (object.spec[section] as unknown[]) : [];
  const byName = rule.name ? http.find((r) => asRecord(r)?.name === rule.name) : undefined;
  const route = asRecord(byName ?? (rule.name ? undefined : http[rule.index]));
  if (!route) return null;
  const entries = Array.isArray(route.route) ? (route.route as unknown[]) : [];
  return entries.map((entry) => {
    const e = asRecord(entry);
    const d = asRecord(e?.destination);
    const port = asRecord(d?.port)?.number;
    const label = [typeof d?.host === "string" ? d.host : "?", typeof d?.subset === "string" ? d.subset : null, typeof port === "number" ? `:${port}` : null]
      .filter(Boolean)
      .join(" · ");
    return { label, weight: typeof e?.weight === "number" ? e.weight : null };
  });
}

/** Meshdeck's last-change annotation of an object, if any: who changed it, when and what. */
export function lastChangeOf(object: ObjectView): { who: string; when: string; summary: string } | null {
  const raw = object.metadata.annotations?.["meshdeck.dev/last-change"];
  if (!raw) return null;
  try {
    const v = asRecord(JSON.parse(raw));
    if (v && typeof v.who === "string" && typeof v.when === "string" && typeof v.summary === "string") return { who: v.who, when: v.when, summary: v.summary };
  } catch {
    /* not Meshdeck's format */
  }
  return null;
}
