/**
 * Find (highlight) and hide, driven by filter-parse.ts expressions.
 */
import type { FilterExpr, FilterField, FilterTerm } from "./filter-parse";
import type { Graph, GraphEdge, GraphNode } from "./types";

const NODE_FIELDS: ReadonlySet<FilterField> = new Set([
  "name",
  "namespace",
  "kind",
  "app",
  "version",
  "workload",
  "label",
  "health",
  "rps",
  "error",
  "badge",
  "idle",
  "outside",
]);
const EDGE_FIELDS: ReadonlySet<FilterField> = new Set(["health", "rps", "error", "p95", "share", "protocol"]);

function compareText(actual: readonly string[], t: FilterTerm): boolean {
  const want = t.value.toLowerCase();
  const values = actual.map((v) => v.toLowerCase());
  switch (t.op) {
    case "=":
      return values.includes(want);
    case "!=":
      return !values.includes(want);
    case "~":
      return values.some((v) => v.includes(want));
    case "!~":
      return !values.some((v) => v.includes(want));
    default:
      return false;
  }
}

function compareNumber(actual: number | undefined, t: FilterTerm): boolean {
  if (actual === undefined) return false;
  const want = Number(t.value);
  switch (t.op) {
    case "=":
      return actual === want;
    case "!=":
      return actual !== want;
    case ">":
      return actual > want;
    case ">=":
      return actual >= want;
    case "<":
      return actual < want;
    case "<=":
      return actual <= want;
    default:
      return false;
  }
}

function nodeTerm(n: GraphNode, t: FilterTerm): boolean {
  switch (t.field) {
    case "name":
      return compareText([n.name, ...(n.workloads ?? [])], t);
    case "namespace":
      return compareText([n.namespace], t);
    case "kind":
      return compareText([n.kind], t);
    case "app":
      return compareText(n.app !== undefined ? [n.app] : [], t);
    case "version":
      return compareText(n.version !== undefined ? [n.version] : [], t);
    case "workload":
      return compareText(n.workloads ?? (n.kind === "workload" ? [n.name] : []), t);
    case "label": {
      const v = t.key !== undefined ? n.labels?.[t.key] : undefined;
      return compareText(v !== undefined ? [v] : [], t);
    }
    case "health":
      return compareText([n.health], t);
    case "rps":
      return compareNumber(Math.max(n.rpsIn, n.rpsOut), t);
    case "error":
      return compareNumber(n.errorPct, t);
    case "badge":
      return compareText((n.badges ?? []).map((b) => b.kind), t);
    case "idle":
      return n.idle === true;
    case "outside":
      return n.outside === true;
    default:
      return false;
  }
}

function edgeTerm(e: GraphEdge, t: FilterTerm): boolean {
  switch (t.field) {
    case "health":
      return compareText([e.health], t);
    case "rps":
      return compareNumber(e.rps, t);
    case "error":
      return compareNumber(e.errorPct, t);
    case "p95":
      return compareNumber(e.p95Ms, t);
    case "share":
      return compareNumber(e.sharePct, t);
    case "protocol":
      return compareText(e.protocols, t);
    default:
      return false;
  }
}

const applies = (group: readonly FilterTerm[], fields: ReadonlySet<FilterField>) => group.every((t) => fields.has(t.field));

export interface FilterMatch {
  readonly nodes: ReadonlySet<string>;
  readonly edges: ReadonlySet<string>;
}

/** Ids of the nodes and edges an expression matches (an empty expression matches nothing). */
export function findElements(graph: Graph, expr: FilterExpr): FilterMatch {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const group of expr) {
    if (group.length === 0) continue;
    if (applies(group, NODE_FIELDS)) {
      for (const n of graph.nodes) if (group.every((t) => nodeTerm(n, t) !== t.negate)) nodes.add(n.id);
    }
    if (applies(group, EDGE_FIELDS)) {
      for (const e of graph.edges) if (group.every((t) => edgeTerm(e, t) !== t.negate)) edges.add(e.id);
    }
  }
  return { nodes, edges };
}

/**
 * The graph without the matched nodes (and their edges) and matched edges;
 * nodes left without any edge by the hiding go too, as in Kiali.
 */
export function hideElements(graph: Graph, expr: FilterExpr): Graph {
  const hit = findElements(graph, expr);
  if (hit.nodes.size === 0 && hit.edges.size === 0) return graph;
  const edges = graph.edges.filter((e) => !hit.edges.has(e.id) && !hit.nodes.has(e.source) && !hit.nodes.has(e.target));
  const hadEdges = new Set<string>();
  for (const e of graph.edges) {
    hadEdges.add(e.source);
    hadEdges.add(e.target);
  }
  const hasEdges = new Set<string>();
  for (const e of edges) {
    hasEdges.add(e.source);
    hasEdges.add(e.target);
  }
  const nodes = graph.nodes.filter((n) => !hit.nodes.has(n.id) && (hasEdges.has(n.id) || !hadEdges.has(n.id)));
  return { ...graph, nodes, edges };
}
