const pad = (n: number) => String(n).padStart(2, "0");

/** "14:03:09" in the browser's time zone. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "45 s", "2 min", "1 h 5 min": a rough duration for people. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** "3 s ago", "5 min ago"; "just now" under a second. */
export function formatAgo(epochMs: number, now: number): string {
  const seconds = (now - epochMs) / 1000;
  if (seconds < 1) return "just now";
  return `${formatSeconds(seconds)} ago`;
}

/** A share in [0, 1] as a whole percentage ("33%"); "–" when unknown. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "–";
  return `${Math.round(share * 100)}%`;
}

/** Requests per second with sensible precision ("4.2 req/s", "0.05 req/s"). */
export function formatRate(rps: number | null): string {
  if (rps === null || !Number.isFinite(rps)) return "–";
  if (rps === 0) return "0 req/s";
  if (rps < 0.1) return `${rps.toFixed(3)} req/s`;
  if (rps < 10) return `${rps.toFixed(2)} req/s`;
  return `${Math.round(rps)} req/s`;
}

/** Milliseconds ("12 ms", "1.4 s"). */
export function formatMillis(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "–";
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A ratio in [0, 1] as a percentage with one decimal ("0.5%"). */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return "–";
  const p = ratio * 100;
  return `${p === 0 ? "0" : p < 10 ? p.toFixed(1) : Math.round(p)}%`;
}
