import type { RolloutSummary } from "@/lib/api/rollouts";
import type { RolloutPhase } from "@/lib/rollouts/model/schema";

export const PAGE_SIZE = 50;
export const PHASES: readonly RolloutPhase[] = ["Healthy", "Progressing", "Paused", "Degraded"];

export interface ListFilter {
  q: string;
  phase: RolloutPhase | "pending" | "";
  namespace: string;
  page: number;
}

/** The list's filter from the URL (?q=&phase=&namespace=&page=). */
export function filterFromParams(p: URLSearchParams): ListFilter {
  const phase = p.get("phase") ?? "";
  return {
    q: p.get("q") ?? "",
    phase: phase === "pending" || (PHASES as readonly string[]).includes(phase) ? (phase as ListFilter["phase"]) : "",
    namespace: p.get("namespace") ?? "",
    page: Math.max(1, Number(p.get("page")) || 1),
  };
}

export function filterToQuery(f: ListFilter): string {
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  if (f.phase) p.set("phase", f.phase);
  if (f.namespace) p.set("namespace", f.namespace);
  if (f.page > 1) p.set("page", String(f.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Rows matching the filter, in the server's order (pending promotions first). */
export function applyFilter(items: readonly RolloutSummary[], f: Pick<ListFilter, "q" | "phase">): RolloutSummary[] {
  const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((r) => {
    if (f.phase === "pending" ? !r.promotionPending : f.phase && r.phase !== f.phase) return false;
    if (words.length === 0) return true;
    const text = `${r.key} ${r.images.stable.join(" ")} ${r.images.canary.join(" ")}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
