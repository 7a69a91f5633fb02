// Durations as Istio reads them. A VirtualService's Duration fields (fault
// delay, timeout, …) are JSON strings parsed with Go's time.ParseDuration
// (golang/protobuf jsonpb and the CRD's CEL rule `duration(self) >=
// duration('1ms')`), then istiod's ValidateDuration requires >= 1ms and a whole
// number of milliseconds. This is a faithful port of time.ParseDuration.

const NS = 1n;
const UNITS: Record<string, bigint> = {
  ns: NS,
  us: 1_000n,
  "\u00b5s": 1_000n, // U+00B5 micro sign
  "\u03bcs": 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX = (1n << 63n) - 1n;

type Parsed = { ok: true; nanos: bigint } | { ok: false; error: string };

function leadingInt(s: string): { value: bigint; rest: string; overflow: boolean } {
  let i = 0;
  let value = 0n;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    if (value > (1n << 63n) / 10n) return { value: 0n, rest: "", overflow: true };
    value = value * 10n + BigInt(c - 48);
    if (value > 1n << 63n) return { value: 0n, rest: "", overflow: true };
  }
  return { value, rest: s.slice(i), overflow: false };
}

function leadingFraction(s: string): { value: bigint; scale: number; rest: string } {
  let i = 0;
  let value = 0n;
  let scale = 1;
  let overflow = false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    if (overflow) continue;
    if (value > MAX / 10n) {
      overflow = true;
      continue;
    }
    const next = value * 10n + BigInt(c - 48);
    if (next > 1n << 63n) {
      overflow = true;
      continue;
    }
    value = next;
    scale *= 10;
  }
  return { value, scale, rest: s.slice(i) };
}

/** Go's time.ParseDuration, in nanoseconds. */
export function parseGoDuration(input: string): Parsed {
  const bad = { ok: false as const, error: `invalid duration "${input}"` };
  let s = input;
  let total = 0n;
  let negative = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    negative = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return { ok: true, nanos: 0n };
  if (s === "") return bad;
  while (s !== "") {
    if (!(s[0] === "." || (s[0] !== undefined && s[0] >= "0" && s[0] <= "9"))) return bad;
    const int = leadingInt(s);
    if (int.overflow) return bad;
    const pre = int.rest.length !== s.length;
    s = int.rest;
    let frac = 0n;
    let scale = 1;
    let post = false;
    if (s[0] === ".") {
      s = s.slice(1);
      const before = s.length;
      const f = leadingFraction(s);
      frac = f.value;
      scale = f.scale;
      s = f.rest;
      post = before !== s.length;
    }
    if (!pre && !post) return bad;
    let i = 0;
    while (i < s.length && s[i] !== "." && !(s[i]! >= "0" && s[i]! <= "9")) i++;
    if (i === 0) return { ok: false, error: `missing unit in duration "${input}"` };
    const unitName = s.slice(0, i);
    s = s.slice(i);
    const unit = UNITS[unitName];
    if (unit === undefined) return { ok: false, error: `unknown unit "${unitName}" in duration "${input}"` };
    let v = int.value;
    if (v > (1n << 63n) / unit) return bad;
    v *= unit;
    if (frac > 0n) {
      // Go: v += uint64(float64(f) * (float64(unit) / scale)) — float64 on purpose.
      v += BigInt(Math.trunc(Number(frac) * (Number(unit) / scale)));
      if (v > 1n << 63n) return bad;
    }
    total += v;
    if (total > 1n << 63n) return bad;
  }
  if (negative) return { ok: true, nanos: -total };
  if (total > MAX) return bad;
  return { ok: true, nanos: total };
}

/** null when Istio accepts `value` as a Duration field (fault delay, timeout); else why not. */
export function istioDurationError(value: string): string | null {
  const parsed = parseGoDuration(value);
  if (!parsed.ok) return `${parsed.error}: use a number and a unit (ms, s, m, h), e.g. 7s, 500ms, 1.5s, 1m30s`;
  if (parsed.nanos < 1_000_000n) return "duration must be at least 1ms";
  if (parsed.nanos % 1_000_000n !== 0n) return "only durations to millisecond precision are supported";
  return null;
}

/** A Duration field in milliseconds as the proxy applies it; null when absent, invalid or negative. */
export function durationMs(text: string | undefined): number | null {
  if (text === undefined) return null;
  const parsed = parseGoDuration(text);
  return parsed.ok && parsed.nanos >= 0n ? Number(parsed.nanos) / 1e6 : null;
}
