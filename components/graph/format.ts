/**
 * Text for labels, the accessible summary and announcements.
 */
import type { GraphEdge, GraphNode } from "@/lib/graph/types";
import { BADGE_LABEL, KIND_LABEL } from "./theme";

export function formatRps(rps: number): string {
  if (rps === 0) return "0";
  if (rps < 0.01) return "<0.01";
  if (rps < 10) return rps.toFixed(2);
  if (rps < 100) return rps.toFixed(1);
  return Math.round(rps).toString();
}

export function formatPct(p: number): string {
  if (p === 0) return "0%";
  if (p < 0.1) return "<0.1%";
  return `${p < 10 ? p.toFixed(1) : Math.round(p)}%`;
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return "–";
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** "12.3 rps · 1.2% err · p95 45 ms · 40%" (share only when below 100 %). */
export function formatEdgeLabel(e: GraphEdge): string {
  const parts = [`${formatRps(e.rps)} rps`];
  if (e.errorPct > 0) parts.push(`${formatPct(e.errorPct)} err`);
  if (e.p95Ms !== undefined) parts.push(`p95 ${formatMs(e.p95Ms)}`);
  if (e.sharePct < 100) parts.push(formatPct(e.sharePct));
  return parts.join(" · ");
}

export function nodeTitle(n: GraphNode): string {
  const name = n.kind === "versionedApp" && n.version ? `${n.name} ${n.version}` : n.name;
  return n.kind === "unknown" ? "unknown" : `${name} (${n.namespace})`;
}

export function describeNode(n: GraphNode): string {
  const parts = [`${KIND_LABEL[n.kind]} ${nodeTitle(n)}`, `health ${n.health}`, `${formatRps(n.rpsIn)} requests per second in`, `${formatRps(n.rpsOut)} out`];
  if (n.errorPct > 0) parts.push(`${formatPct(n.errorPct)} errors`);
  if (n.badges && n.badges.length > 0) parts.push(n.badges.map((b) => BADGE_LABEL[b.kind]).join(", "));
  return parts.join(", ");
}

export function describeEdge(e: GraphEdge, names: (id: string) => string): string {
  return `edge from ${names(e.source)} to ${names(e.target)}: ${formatRps(e.rps)} requests per second, ${formatPct(e.errorPct)} errors, p95 ${formatMs(e.p95Ms)}, ${formatPct(e.sharePct)} of the caller's traffic, health ${e.health}`;
}
