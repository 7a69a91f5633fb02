"use client";

import { useEffect } from "react";

/** Keeps the screen on while the wall is visible (Screen Wake Lock API, where the browser offers it). */
export function useWakeLock(): void {
  useEffect(() => {
    if (!("wakeLock" in navigator)) return;
    let lock: WakeLockSentinel | null = null;
    let stopped = false;
    const acquire = () => {
      if (document.visibilityState !== "visible" || (lock && !lock.released)) return;
      navigator.wakeLock.request("screen").then(
        (l) => {
          if (stopped) void l.release();
          else lock = l;
        },
        () => undefined, // refused (no user activation, power saving): the screen's own settings apply
      );
    };
    acquire();
    document.addEventListener("visibilitychange", acquire);
    return () => {
      stopped = true;
      document.removeEventListener("visibilitychange", acquire);
      void lock?.release();
    };
  }, []);
}
