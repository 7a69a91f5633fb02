"use client";

import { useEffect, useRef } from "react";
import { useSWRConfig } from "swr";
import { useClusterSummary } from "@/lib/hooks/use-event-stream";
import { clusterHealth } from "@/lib/live/cluster-health";
import { WarningIcon } from "./icons";

/**
 * A page-wide notice while the server's watches of the cluster fail (the
 * Kubernetes API server is down or unreachable): the page keeps showing the
 * last known data and says so. Pushed over the shared stream's `cluster`
 * topic; when every watch is back, every view on the page refetches at once.
 */
export function ClusterHealthBanner() {
  const { summary } = useClusterSummary();
  const health = clusterHealth(summary);
  const { mutate } = useSWRConfig();
  const wasDegraded = useRef(false);
  useEffect(() => {
    if (health.state === "degraded") wasDegraded.current = true;
    else if (health.state === "ok" && wasDegraded.current) {
      wasDegraded.current = false;
      void mutate(() => true);
    }
  }, [health.state, mutate]);
  if (health.state !== "degraded") return null;
  const text = health.unreachable
    ? "Kubernetes API unreachable: showing the last known data, reconnecting…"
    : `Watching ${health.failing.join(", ")} fails (${health.failing.length} of ${health.total} kinds): those show the last known data, retrying…`;
  return (
    <div role="status" data-testid="cluster-health" className="border-b border-amber-200 bg-amber-50 text-amber-900">
      <p className="mx-auto flex max-w-[96rem] items-center gap-2 px-6 py-2 text-sm font-medium">
        <WarningIcon className="size-4 shrink-0" />
        {text}
      </p>
    </div>
  );
}
