import type { HttpFaultInjectionWire } from "@/lib/istio/wire";
import type { Fault, MatchBlock } from "./schema";
import { isHeaderScoped } from "./matches";

/**
 * Istio fault injection. `percent` is `percentage.value`; null when unset.
 * Current Istio (route.TranslateFault) only passes `percentage` to Envoy, so an
 * unset percentage leaves Envoy's default of 0%: the fault injects nothing. The
 * deprecated integer `percent` field is ignored by current Istio and so here.
 */
export function faultModel(fault: HttpFaultInjectionWire | undefined, matches: readonly MatchBlock[]): Fault | null {
  if (!fault || (!fault.delay && !fault.abort)) return null;
  const d = fault.delay;
  const a = fault.abort;
  return {
    delay: d ? { fixedDelay: d.fixedDelay ?? null, exponentialDelay: d.exponentialDelay ?? null, percent: d.percentage?.value ?? null } : null,
    abort: a ? { httpStatus: a.httpStatus ?? null, grpcStatus: a.grpcStatus ?? null, http2Error: a.http2Error ?? null, percent: a.percentage?.value ?? null } : null,
    headerScoped: isHeaderScoped(matches),
  };
}
