"use client";

import type { StreamStatus } from "@/lib/hooks/use-event-stream";
import { formatClock } from "./format";

const labels: Record<StreamStatus["state"], { text: string; dot: string }> = {
  open: { text: "Live", dot: "bg-emerald-500" },
  connecting: { text: "Connecting…", dot: "bg-slate-400 animate-pulse" },
  reconnecting: { text: "Reconnecting…", dot: "bg-amber-500 animate-pulse" },
  paused: { text: "Paused", dot: "bg-slate-400" },
  idle: { text: "Offline", dot: "bg-slate-400" },
};

/** "● Live · data as of 14:03:09": the push connection and the age of what is shown. */
export function LiveStatus({ stream, fetchedAt }: { stream: StreamStatus; fetchedAt: number | null }) {
  const label = labels[stream.state];
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
      <span role="status" aria-live="polite" className="inline-flex items-center gap-1.5 font-medium text-slate-800" title={stream.state === "paused" ? "Updates pause while this tab is hidden" : undefined}>
        <span aria-hidden="true" className={`size-2.5 rounded-full ${label.dot}`} />
        <span data-testid="live-state">{label.text}</span>
      </span>
      {fetchedAt !== null ? (
        <span>
          data as of <time dateTime={new Date(fetchedAt).toISOString()}>{formatClock(fetchedAt)}</time>
        </span>
      ) : null}
    </div>
  );
}
