import { z } from "zod";
import { BADGE_KINDS, GRAPH_TYPES, HEALTH_STATES, NODE_KINDS, type Graph, type GraphType } from "@/lib/graph/types";
import { apiErrorSchema, type ApiError } from "@/lib/errors/api-error";
import type { GraphDiff } from "@/lib/graph/diff";

/**
 * GET /api/graph and the `graph:…` SSE topics: the service graph of some
 * namespaces, shared by every viewer of the same key (graph type, sorted
 * namespaces, window, idle edges). Types shared by server and browser.
 */

export const graphWindowSchema = z.enum(["1m", "5m", "15m", "30m", "1h"]);
export type GraphWindow = z.infer<typeof graphWindowSchema>;

const NAMESPACE_RE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const MAX_GRAPH_NAMESPACES = 20;

const namespaceListSchema = z
  .string()
  .transform((value) => [...new Set(value.split(",").map((n) => n.trim()).filter((n) => n.length > 0))].sort())
  .pipe(z.array(z.string().regex(NAMESPACE_RE, "invalid namespace name")).max(MAX_GRAPH_NAMESPACES));

const flagSchema = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

/** `?namespaces=a,b&window=5m&type=versionedApp&idle=1`; no namespaces: the whole mesh. */
export const graphQuerySchema = z.strictObject({
  namespaces: namespaceListSchema.default([]),
  window: graphWindowSchema.default("1m"),
  type: z.enum(GRAPH_TYPES).default("versionedApp"),
  idle: flagSchema.default(false),
});
export type GraphQuery = z.infer<typeof graphQuerySchema>;

/** A normalised graph key (what one shared snapshot is computed for). */
export interface GraphKey {
  readonly type: GraphType;
  /** Sorted, unique; empty = the whole mesh. */
  readonly namespaces: readonly string[];
  readonly window: GraphWindow;
  readonly idle: boolean;
}

export function graphKey(input: { type: GraphType; namespaces: readonly string[]; window: GraphWindow; idle: boolean }): GraphKey {
  return { type: input.type, namespaces: [...new Set(input.namespaces)].sort(), window: input.window, idle: input.idle };
}

const TYPE_CODE: Readonly<Record<GraphType, string>> = { workload: "w", app: "a", versionedApp: "va", service: "s" };
const CODE_TYPE = new Map(Object.entries(TYPE_CODE).map(([t, c]) => [c, t as GraphType]));

export const GRAPH_TOPIC_PREFIX = "graph:";

/** The SSE topic of a graph key: `graph:va:5m:1:bookinfo.default` (namespaces joined with dots, none = whole mesh). */
export function graphTopic(key: GraphKey): string {
  return `${GRAPH_TOPIC_PREFIX}${TYPE_CODE[key.type]}:${key.window}:${key.idle ? 1 : 0}:${graphKey(key).namespaces.join(".")}`;
}

/** The graph key of a topic, or null when it is not a well-formed graph topic. */
export function parseGraphTopic(topic: string): GraphKey | null {
  if (!topic.startsWith(GRAPH_TOPIC_PREFIX)) return null;
  const [code, window, idle, ns, ...rest] = topic.slice(GRAPH_TOPIC_PREFIX.length).split(":");
  if (rest.length > 0 || code === undefined || window === undefined || idle === undefined || ns === undefined) return null;
  const type = CODE_TYPE.get(code);
  const w = graphWindowSchema.safeParse(window);
  if (!type || !w.success || (idle !== "0" && idle !== "1")) return null;
  const namespaces = ns === "" ? [] : ns.split(".");
  if (namespaces.length > MAX_GRAPH_NAMESPACES || namespaces.some((n) => !NAMESPACE_RE.test(n))) return null;
  const key = graphKey({ type, namespaces, window: w.data, idle: idle === "1" });
  return graphTopic(key) === topic ? key : null;
}

const healthSchema = z.enum(HEALTH_STATES);
const badgeSchema = z.object({ kind: z.enum(BADGE_KINDS), detail: z.string().optional() });
const rpsRecordSchema = z.record(z.string(), z.number());

export const graphNodeSchema = z.object({
  id: z.string(),
  kind: z.enum(NODE_KINDS),
  name: z.string(),
  namespace: z.string(),
  app: z.string().optional(),
  version: z.string().optional(),
  workloads: z.array(z.string()).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  outside: z.literal(true).optional(),
  group: z.string().optional(),
  rpsIn: z.number(),
  rpsOut: z.number(),
  errorPct: z.number(),
  health: healthSchema,
  badges: z.array(badgeSchema).optional(),
  idle: z.literal(true).optional(),
});

export const graphEdgeSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  protocols: z.array(z.string()),
  rps: z.number(),
  errorPct: z.number(),
  clientErrorPct: z.number(),
  sharePct: z.number(),
  p95Ms: z.number().optional(),
  codes: rpsRecordSchema,
  flags: rpsRecordSchema.optional(),
  health: healthSchema,
});

export const graphSchema = z.object({
  type: z.enum(GRAPH_TYPES),
  timestamp: z.number(),
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema),
}) satisfies z.ZodType<Graph>;

/** GET /api/graph. */
export const graphResponseSchema = z.object({
  graph: graphSchema,
  /** The normalised key and its SSE topic (subscribe to it for diffs). */
  namespaces: z.array(z.string()),
  window: graphWindowSchema,
  idle: z.boolean(),
  topic: z.string(),
  /** Epoch ms when the server computed the snapshot. */
  computedAt: z.number(),
});
export type GraphResponse = z.infer<typeof graphResponseSchema>;

const elementDiffSchema = <T extends z.ZodObject>(item: T) =>
  z.object({
    added: z.array(item),
    removed: z.array(z.string()),
    changed: z.array(z.object({ id: z.string(), set: item.partial(), unset: z.array(z.string()).optional() })),
  });

export const graphDiffSchema = z.object({
  baseTimestamp: z.number(),
  timestamp: z.number(),
  type: z.enum(GRAPH_TYPES).optional(),
  nodes: elementDiffSchema(graphNodeSchema),
  edges: elementDiffSchema(graphEdgeSchema),
});

/**
 * What a `graph:…` topic carries: a full snapshot (first, and after every
 * (re)connect), then diffs against the previous snapshot; an error when the
 * graph cannot be computed (the client keeps its last graph and shows why).
 */
export const graphEventSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("snapshot"), graph: graphSchema, computedAt: z.number() }),
  z.object({ kind: z.literal("diff"), diff: graphDiffSchema, computedAt: z.number() }),
  z.object({ kind: z.literal("error"), error: apiErrorSchema, computedAt: z.number() }),
]);
/** The event as the server builds it (the schema's output is the same shape, mutable). */
export type GraphEvent =
  | { readonly kind: "snapshot"; readonly graph: Graph; readonly computedAt: number }
  | { readonly kind: "diff"; readonly diff: GraphDiff; readonly computedAt: number }
  | { readonly kind: "error"; readonly error: ApiError; readonly computedAt: number };
