const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;

/** Protobuf / Go duration ("7s", "1.5s", "100ms", "1m30s") in milliseconds; null when invalid. */
export function parseDurationMs(text: string | undefined): number | null {
  if (!text) return null;
  const trimmed = text.trim();
  let total = 0;
  let consumed = 0;
  for (const m of trimmed.matchAll(PART)) {
    if (m.index !== consumed) return null;
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ""] ?? 0);
    consumed += m[0].length;
  }
  return consumed === trimmed.length && consumed > 0 ? total : null;
}
