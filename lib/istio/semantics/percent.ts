import type { HttpFaultInjectionWire, HttpRouteFilterWire, HttpRouteWire } from "@/lib/istio/wire";

// Percentages as istiod translates them for Envoy (pilot's route.TranslateFault
// and route.MirrorPercent, Istio 1.30):
// - fault delay: `percentage` when set, else the deprecated integer `percent`
//   (which defaults to 0) — the legacy field is still honoured;
// - fault abort: `percentage` only; unset leaves Envoy's default of 0 %;
// - mirror: `mirrorPercentage`, else the deprecated `mirrorPercent`, else 100 %;
//   an explicit 0 mirrors nothing. `mirrors[].percentage` likewise, else 100 %.

type Delay = NonNullable<HttpFaultInjectionWire["delay"]>;
type Abort = NonNullable<HttpFaultInjectionWire["abort"]>;
type MirrorRule = Pick<HttpRouteWire, "mirrorPercentage" | "mirrorPercent">;
type MirrorPolicy = NonNullable<HttpRouteWire["mirrors"]>[number];

/** 0–100; NaN and out-of-range values are clamped. */
export function clampPercent(value: number): number {
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}

/** The delay's percentage as written (`percentage`, else legacy `percent`); null when neither is set, which Envoy reads as 0 %. */
export function delayPercent(delay: Pick<Delay, "percentage" | "percent">): number | null {
  if (delay.percentage) return delay.percentage.value ?? 0;
  return delay.percent ?? null;
}

/** The abort's `percentage`; null when unset (Envoy's default, 0 %). */
export function abortPercent(abort: Pick<Abort, "percentage">): number | null {
  return abort.percentage ? (abort.percentage.value ?? 0) : null;
}

/** Share of requests a fault applies to, 0–100, from delayPercent / abortPercent. */
export function effectiveFaultPercent(percent: number | null): number {
  return percent === null ? 0 : clampPercent(percent);
}

/** Percent of requests `mirror` copies, 0–100. */
export function mirrorPercent(rule: MirrorRule): number {
  if (rule.mirrorPercentage) return clampPercent(rule.mirrorPercentage.value ?? 0);
  return rule.mirrorPercent !== undefined ? clampPercent(rule.mirrorPercent) : 100;
}

/** Percent of requests one `mirrors[]` entry copies, 0–100. */
export function mirrorPolicyPercent(policy: Pick<MirrorPolicy, "percentage">): number {
  return policy.percentage ? clampPercent(policy.percentage.value ?? 0) : 100;
}

/** Percent of requests a Gateway API RequestMirror filter copies: `percent`, else `fraction` (denominator 100 by default), else 100. */
export function requestMirrorPercent(mirror: Pick<NonNullable<HttpRouteFilterWire["requestMirror"]>, "percent" | "fraction">): number {
  if (mirror.percent !== undefined) return clampPercent(mirror.percent);
  if (mirror.fraction) return clampPercent((100 * mirror.fraction.numerator) / (mirror.fraction.denominator ?? 100));
  return 100;
}
