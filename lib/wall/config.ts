import { z } from "zod";
import { namespaceNameSchema } from "@/lib/api/virtual-services";
import { trafficWindowSchema, type TrafficWindow } from "@/lib/api/traffic";
import { MAX_GRAPH_NAMESPACES } from "@/lib/api/graph";
import { GRAPH_TYPES, type GraphType } from "@/lib/graph/types";

// The wall display's configuration, all of it in the URL so a kiosk needs no
// interaction:
//
//   /wall?views=graph:bookinfo+default,rollouts,splits:bookinfo&interval=30
//
// `views` is a comma-separated list of `kind[:namespace+namespace…]` (a `+`
// arrives as a space after URL decoding; both are accepted). Browser-safe, pure.

export const WALL_VIEW_KINDS = ["graph", "rollouts", "splits"] as const;
export type WallViewKind = (typeof WALL_VIEW_KINDS)[number];

export const WALL_VIEW_TITLES: Readonly<Record<WallViewKind, string>> = {
  graph: "Service graph",
  rollouts: "Rollouts in progress",
  splits: "Traffic splits",
};

export interface WallView {
  /** Canonical text, e.g. "graph:bookinfo+default" (stable: used as a React key and in test ids). */
  readonly id: string;
  readonly kind: WallViewKind;
  /** Empty: every namespace the viewer may see. Sorted, unique. */
  readonly namespaces: readonly string[];
}

export interface WallConfig {
  readonly views: readonly WallView[];
  /** Seconds each view (or page of a view) stays on screen. */
  readonly intervalSeconds: number;
  /** Rate window of observed traffic (splits) and canary error rates. */
  readonly window: TrafficWindow;
  /** A canary whose observed 5xx share reaches this (0..1) raises an alert. */
  readonly errorThreshold: number;
  /** Accelerated mode: refetch every N seconds besides the pushed events (soak tests); null: events only. */
  readonly refreshSeconds: number | null;
  /** Graph views: graph type and whether idle edges are drawn. */
  readonly graphType: GraphType;
  readonly idleEdges: boolean;
}

export const DEFAULT_VIEWS = "rollouts,splits";
export const DEFAULT_INTERVAL_SECONDS = 30;
/** Kiali's default tolerance for "failing": 5xx ≥ 10 % of requests. */
export const DEFAULT_ERROR_THRESHOLD_PERCENT = 10;
export const MAX_VIEWS = 16;

const viewSchema = z.string().transform((raw, ctx): WallView => {
  const text = raw.trim();
  const colon = text.indexOf(":");
  const kindText = colon === -1 ? text : text.slice(0, colon);
  const kind = WALL_VIEW_KINDS.find((k) => k === kindText);
  if (!kind) {
    ctx.addIssue({ code: "custom", message: `unknown view "${kindText}" (one of ${WALL_VIEW_KINDS.join(", ")})` });
    return z.NEVER;
  }
  const nsText = colon === -1 ? "" : text.slice(colon + 1);
  const names = [...new Set(nsText.split(/[+\s]+/).filter((n) => n.length > 0))].sort();
  for (const name of names) {
    if (!namespaceNameSchema.safeParse(name).success) {
      ctx.addIssue({ code: "custom", message: `"${name}" in view "${text}" is not a namespace name` });
      return z.NEVER;
    }
  }
  if (colon !== -1 && names.length === 0) {
    ctx.addIssue({ code: "custom", message: `view "${text}" names no namespace after ":"` });
    return z.NEVER;
  }
  if (kind === "graph" && names.length === 0) {
    ctx.addIssue({ code: "custom", message: 'a graph view needs its namespaces, e.g. "graph:bookinfo+default"' });
    return z.NEVER;
  }
  if (kind === "graph" && names.length > MAX_GRAPH_NAMESPACES) {
    ctx.addIssue({ code: "custom", message: `a graph view shows at most ${MAX_GRAPH_NAMESPACES} namespaces` });
    return z.NEVER;
  }
  return { id: names.length > 0 ? `${kind}:${names.join("+")}` : kind, kind, namespaces: names };
});

const intSchema = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const wallQuerySchema = z.strictObject({
  views: z
    .string()
    .default(DEFAULT_VIEWS)
    .transform((s) => s.split(",").filter((v) => v.trim().length > 0))
    .pipe(z.array(viewSchema).min(1, "at least one view").max(MAX_VIEWS)),
  interval: intSchema(1, 3600).default(DEFAULT_INTERVAL_SECONDS),
  window: trafficWindowSchema.default("1m"),
  /** Percent. */
  errors: z.coerce.number().gt(0).max(100).default(DEFAULT_ERROR_THRESHOLD_PERCENT),
  refresh: intSchema(1, 300).optional(),
  graphType: z.enum(GRAPH_TYPES).default("versionedApp"),
  idle: z.enum(["0", "1"]).default("0"),
});

export type WallConfigResult = { ok: true; config: WallConfig } | { ok: false; problems: string[] };

/** The wall's configuration from its query string (last value wins for repeated parameters). */
export function parseWallConfig(params: URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>): WallConfigResult {
  const flat: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [key, value] of entries) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (typeof last === "string") flat[key] = last;
  }
  const parsed = wallQuerySchema.safeParse(flat);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => (i.path.length > 0 && i.code !== "custom" ? `${i.path.join(".")}: ${i.message}` : i.message)) };
  }
  const { views, interval, window, errors, refresh, graphType, idle } = parsed.data;
  const unique = views.filter((v, i) => views.findIndex((w) => w.id === v.id) === i);
  return { ok: true, config: { views: unique, intervalSeconds: interval, window, errorThreshold: errors / 100, refreshSeconds: refresh ?? null, graphType, idleEdges: idle === "1" } };
}

/**
 * Namespaces the wall watches for alerts: the union of its views' namespaces,
 * or null (every namespace) as soon as one view is not scoped.
 */
export function watchedNamespaces(views: readonly WallView[]): ReadonlySet<string> | null {
  if (views.some((v) => v.namespaces.length === 0)) return null;
  return new Set(views.flatMap((v) => v.namespaces));
}

export function inScope(namespace: string, scope: ReadonlySet<string> | null): boolean {
  return scope === null || scope.has(namespace);
}

export function viewTitle(view: WallView): string {
  const title = WALL_VIEW_TITLES[view.kind];
  return view.namespaces.length > 0 ? `${title} · ${view.namespaces.join(", ")}` : title;
}
