/**
 * The graph page's state in the URL (shareable, survives reloads):
 * `?namespaces=a,b&window=5m&type=app&idle=1&find=…&hide=…`. Pure.
 */
import { graphQuerySchema, type GraphWindow } from "@/lib/api/graph";
import type { GraphType } from "@/lib/graph/types";

export interface GraphPageState {
  readonly namespaces: readonly string[];
  readonly window: GraphWindow;
  readonly type: GraphType;
  readonly idle: boolean;
  readonly find: string;
  readonly hide: string;
}

export const DEFAULT_GRAPH_STATE: GraphPageState = { namespaces: [], window: "1m", type: "versionedApp", idle: false, find: "", hide: "" };

interface ParamsLike {
  get(name: string): string | null;
}

/** Reads the state; each invalid value falls back to its default on its own. */
export function parseGraphState(params: ParamsLike): GraphPageState {
  const one = <T,>(k: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T | undefined => {
    const raw = params.get(k);
    if (raw === null) return undefined;
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  };
  const shape = graphQuerySchema.shape;
  const field = {
    namespaces: one("namespaces", shape.namespaces),
    window: one("window", shape.window),
    type: one("type", shape.type),
    idle: one("idle", shape.idle),
  };
  return {
    namespaces: field.namespaces ?? DEFAULT_GRAPH_STATE.namespaces,
    window: field.window ?? DEFAULT_GRAPH_STATE.window,
    type: field.type ?? DEFAULT_GRAPH_STATE.type,
    idle: field.idle ?? DEFAULT_GRAPH_STATE.idle,
    find: (params.get("find") ?? "").slice(0, 500),
    hide: (params.get("hide") ?? "").slice(0, 500),
  };
}

/** "?namespaces=bookinfo&type=app"; defaults left out ("" when all are default). */
export function graphSearch(state: GraphPageState): string {
  const p = new URLSearchParams();
  if (state.namespaces.length > 0) p.set("namespaces", [...state.namespaces].sort().join(","));
  if (state.window !== DEFAULT_GRAPH_STATE.window) p.set("window", state.window);
  if (state.type !== DEFAULT_GRAPH_STATE.type) p.set("type", state.type);
  if (state.idle) p.set("idle", "1");
  if (state.find) p.set("find", state.find);
  if (state.hide) p.set("hide", state.hide);
  const s = p.toString();
  return s ? `?${s}` : "";
}
