"use client";

import type { RolloutList, RolloutSummary } from "@/lib/api/rollouts";
import type { ApiRequestError } from "@/lib/hooks/fetch-json";
import type { RolloutView } from "@/lib/rollouts/model/schema";
import type { CanaryErrors } from "@/lib/wall/canary-errors";
import { pageItems } from "@/lib/wall/rotation";
import { RolloutCard } from "./rollout-card";
import { useNow } from "./use-now";
import { WallMessage } from "./wall-message";

/** Cards per page: two columns of three fit a 16:9 screen at wall type sizes. */
export const ROLLOUTS_PER_PAGE = 6;

interface RolloutsViewProps {
  items: readonly RolloutSummary[];
  settled: number;
  page: number;
  list: { data: RolloutList | undefined; error: ApiRequestError | undefined };
  details: ReadonlyMap<string, RolloutView>;
  canary: ReadonlyMap<string, CanaryErrors | null>;
  threshold: number;
}

export function RolloutsView({ items, settled, page, list, details, canary, threshold }: RolloutsViewProps) {
  const now = useNow(5_000);
  if (list.data?.degraded) return <WallMessage tone="amber" title={list.data.degraded.code === "CrdMissing" ? "Argo Rollouts is not installed" : "Rollouts cannot be read"} detail={list.data.degraded.message} />;
  if (!list.data) return list.error ? <WallMessage tone="red" title="Rollouts unavailable" detail={list.error.message} /> : <WallMessage title="Loading rollouts…" />;
  if (items.length === 0) return <WallMessage tone="green" title="No rollouts in progress" detail={`${settled} rollout${settled === 1 ? "" : "s"} healthy`} />;
  return (
    <div className="grid h-full grid-cols-2 grid-rows-3 gap-[0.8em]">
      {pageItems(items, page, ROLLOUTS_PER_PAGE).map((r) => (
        <RolloutCard key={r.key} rollout={r} detail={details.get(r.key)} errors={canary.get(r.key)} threshold={threshold} now={r.pause ? now : null} />
      ))}
    </div>
  );
}
