import type { HttpFaultInjectionWire } from "@/lib/istio/wire";
import type { Fault, MatchBlock } from "./schema";
import { abortPercent, delayPercent } from "@/lib/istio/semantics/percent";
import { isHeaderScoped } from "./matches";

/**
 * Istio fault injection, with the percentages istiod passes to Envoy
 * (lib/istio/semantics/percent: a delay's legacy integer `percent` still
 * counts when `percentage` is unset); null when neither is set, which injects
 * nothing.
 */
export function faultModel(fault: HttpFaultInjectionWire | undefined, matches: readonly MatchBlock[]): Fault | null {
  if (!fault || (!fault.delay && !fault.abort)) return null;
  const d = fault.delay;
  const a = fault.abort;
  return {
    delay: d ? { fixedDelay: d.fixedDelay ?? null, exponentialDelay: d.exponentialDelay ?? null, percent: delayPercent(d) } : null,
    abort: a ? { httpStatus: a.httpStatus ?? null, grpcStatus: a.grpcStatus ?? null, http2Error: a.http2Error ?? null, percent: abortPercent(a) } : null,
    headerScoped: isHeaderScoped(matches),
  };
}
