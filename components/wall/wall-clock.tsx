"use client";

import { formatClock } from "@/components/ui/format";
import { useNow } from "./use-now";

/** The wall's clock, HH:MM:SS in the browser's time zone. */
export function WallClock() {
  const now = useNow(1_000);
  return (
    <time data-testid="wall-clock" dateTime={now === null ? undefined : new Date(now).toISOString()} className="text-[2em] leading-none font-bold tabular-nums">
      {now === null ? "--:--:--" : formatClock(now)}
    </time>
  );
}
