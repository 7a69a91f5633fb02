"use client";

import type { StreamStatus } from "@/lib/hooks/use-event-stream";
import { formatClock, formatSeconds } from "@/components/ui/format";
import { useNow } from "./use-now";

/** Older than this, "data as of" turns amber and says how old. */
export const STALE_AFTER_MS = 90_000;

const LABELS: Record<StreamStatus["state"], { text: string; className: string }> = {
  open: { text: "Live", className: "text-emerald-300" },
  connecting: { text: "Connecting…", className: "text-neutral-200" },
  reconnecting: { text: "Reconnecting…", className: "rounded bg-amber-400 px-[0.4em] text-black" },
  paused: { text: "Paused (tab hidden)", className: "text-neutral-300" },
  idle: { text: "Offline", className: "text-neutral-300" },
};

/** The push connection ("Reconnecting… next try in 4 s") and how fresh the data is. */
export function WallStatus({ stream, asOf }: { stream: StreamStatus; asOf: number | null }) {
  const now = useNow(1_000);
  const label = LABELS[stream.state];
  const retryIn = stream.state === "reconnecting" && stream.retryAt !== null && now !== null ? Math.max(0, Math.ceil((stream.retryAt - now) / 1000)) : null;
  const age = asOf !== null && now !== null ? now - asOf : null;
  const stale = age !== null && age > STALE_AFTER_MS;
  return (
    <div className="flex flex-col items-end gap-[0.15em] text-[1em] leading-tight">
      <span role="status" aria-live="polite" data-testid="wall-connection" data-state={stream.state} className={`font-bold ${label.className}`}>
        {stream.state === "open" ? <span aria-hidden="true">● </span> : null}
        {label.text}
        {stream.state === "reconnecting" && stream.attempt > 0 ? ` attempt ${stream.attempt}${retryIn !== null ? `, next in ${retryIn} s` : ""}` : null}
      </span>
      <span data-testid="wall-as-of" className={stale ? "font-bold text-amber-300" : "text-neutral-300"}>
        data as of{" "}
        {asOf === null ? (
          "—"
        ) : (
          <time dateTime={new Date(asOf).toISOString()} className="tabular-nums">
            {formatClock(asOf)}
          </time>
        )}
        {stale && age !== null ? ` (${formatSeconds(age / 1000)} old)` : null}
      </span>
    </div>
  );
}
