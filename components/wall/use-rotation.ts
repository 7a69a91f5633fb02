"use client";

import { useEffect, useRef, useState } from "react";
import { advance, clampPosition, START, type WallPosition } from "@/lib/wall/rotation";

export interface Rotation {
  readonly position: WallPosition;
  /** Counts the moves (restarts the progress bar). */
  readonly step: number;
}

/** Moves to the next page or view every `intervalMs`, by itself; `pageCounts` may change between moves. */
export function useRotation(pageCounts: readonly number[], intervalMs: number): Rotation {
  const counts = useRef(pageCounts);
  useEffect(() => {
    counts.current = pageCounts;
  });
  const [state, setState] = useState<Rotation>({ position: START, step: 0 });
  useEffect(() => {
    const timer = setInterval(() => setState((s) => ({ position: advance(s.position, counts.current), step: s.step + 1 })), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return { position: clampPosition(state.position, pageCounts), step: state.step };
}
