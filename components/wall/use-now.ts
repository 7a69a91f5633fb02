"use client";

import { useEffect, useState } from "react";

/**
 * The current time, updated on every `periodMs` boundary (a clock ticks on
 * the second). Null until mounted, so server and client render the same.
 */
export function useNow(periodMs = 1_000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const t = Date.now();
      setNow(t);
      timer = setTimeout(tick, periodMs - (t % periodMs) + 5);
    };
    timer = setTimeout(tick, 0);
    return () => clearTimeout(timer);
  }, [periodMs]);
  return now;
}
