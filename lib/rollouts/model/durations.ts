import { parseGoDuration } from "@/lib/istio/semantics/duration";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Argo's RolloutPause.DurationSeconds: 0 without a duration; an integer, or a
 * string of digits, is seconds; any other string is a Go duration ("30s",
 * "1h30m") truncated to whole seconds; -1 when it is neither.
 */
export function pauseDurationSeconds(duration: number | string | null | undefined): number {
  if (duration === null || duration === undefined) return 0;
  if (typeof duration === "number") return Math.trunc(duration);
  if (/^[+-]?\d+$/.test(duration)) {
    const n = Number(duration);
    if (n >= INT32_MIN && n <= INT32_MAX) return n;
  }
  const parsed = parseGoDuration(duration);
  if (!parsed.ok) return -1;
  const seconds = Number(parsed.nanos / 1_000_000_000n);
  return Math.max(INT32_MIN, Math.min(INT32_MAX, seconds));
}

/** Go's time.ParseDuration in milliseconds, or null (the `--in` of `kubectl argo rollouts restart`). */
export function goDurationMillis(value: string): number | null {
  const parsed = parseGoDuration(value.trim());
  return parsed.ok ? Number(parsed.nanos / 1_000_000n) : null;
}

/** Epoch milliseconds of an RFC 3339 time, or null. */
export function parseTime(value: string | null | undefined): number | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

/** "30 s", "5 min", "1 h 30 min", "2 d 3 h" — whole seconds, two units at most. */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.round(total));
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const r = s % 60;
    return r ? `${m} min ${r} s` : `${m} min`;
  }
  if (s < 86_400) {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  return h ? `${d} d ${h} h` : `${d} d`;
}

/** RFC 3339 in UTC to whole seconds, as Go's time.Format(time.RFC3339) writes a UTC time ("2025-01-02T03:04:05Z"). */
export function formatRfc3339(epochMillis: number): string {
  return new Date(Math.floor(epochMillis / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
