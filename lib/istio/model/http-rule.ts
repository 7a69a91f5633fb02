import type { DestinationWire, HttpRouteWire } from "@/lib/istio/wire";
import { mirrorPercent, mirrorPolicyPercent } from "@/lib/istio/semantics/percent";
import { resolveTarget } from "./destination";
import { faultModel } from "./fault";
import { httpMatchBlock, isCatchAll, isTestRoute, l4MatchBlock, type L4MatchWire } from "./matches";
import type { MeshIndex } from "./mesh-index";
import { keyOf } from "./mesh-index";
import type { GatewayBinding, HttpRule, L4Rule, Mirror, WeightedDestination } from "./schema";
import { istioWeightRules, splitWeights } from "@/lib/istio/semantics/weights";

interface WeightedWire {
  destination: DestinationWire;
  weight?: number;
}

/** A tcp or tls route entry of a VirtualService. */
export interface L4RouteWire {
  match?: L4MatchWire[];
  route?: WeightedWire[];
}

export interface RuleContext {
  index: MeshIndex;
  namespace: string;
  resolveGateway: (raw: string) => GatewayBinding;
  /** Rollout that writes the rule, if any. */
  managedBy: string | null;
}

function weighted(ctx: RuleContext, route: readonly WeightedWire[]): Pick<HttpRule, "destinations" | "weightTotal" | "allWeightsZero"> {
  const split = splitWeights(
    route.map((r) => r.weight),
    istioWeightRules,
  );
  const destinations: WeightedDestination[] = route.map((r, i) => ({
    ...resolveTarget(ctx.index, r.destination, ctx.namespace),
    index: i,
    weight: r.weight ?? null,
    effectiveWeight: split.effective[i] ?? 0,
    share: split.shares[i] ?? 0,
  }));
  return { destinations, weightTotal: split.total, allWeightsZero: split.allZero };
}

/** Mirror percentages as Istio translates them (lib/istio/semantics/percent). */
function mirrors(ctx: RuleContext, r: HttpRouteWire): Mirror[] {
  const out: Mirror[] = [];
  if (r.mirror) {
    out.push({ ...resolveTarget(ctx.index, r.mirror, ctx.namespace), source: "mirror", index: 0, percent: mirrorPercent(r) });
  }
  (r.mirrors ?? []).forEach((m, i) => {
    out.push({ ...resolveTarget(ctx.index, m.destination, ctx.namespace), source: "mirrors", index: i, percent: mirrorPolicyPercent(m) });
  });
  return out;
}

function action(r: HttpRouteWire): HttpRule["action"] {
  if (r.delegate) return "delegate";
  if (r.redirect !== undefined) return "redirect";
  if (r.directResponse !== undefined) return "directResponse";
  return (r.route ?? []).length > 0 ? "route" : "none";
}

export function httpRule(ctx: RuleContext, r: HttpRouteWire, index: number): HttpRule {
  const matches = (r.match ?? []).map((m) => httpMatchBlock(m, ctx.resolveGateway));
  const delegateNs = r.delegate?.namespace ?? ctx.namespace;
  return {
    index,
    name: r.name ?? null,
    matches,
    catchAll: isCatchAll(matches),
    testRoute: isTestRoute(matches),
    action: action(r),
    delegate: r.delegate?.name ? { namespace: delegateNs, name: r.delegate.name, found: ctx.index.virtualServiceKeys.has(keyOf(delegateNs, r.delegate.name)) } : null,
    ...weighted(ctx, r.route ?? []),
    fault: faultModel(r.fault, matches),
    mirrors: mirrors(ctx, r),
    timeout: r.timeout ?? null,
    retries: r.retries
      ? { attempts: r.retries.attempts ?? null, perTryTimeout: r.retries.perTryTimeout ?? null, retryOn: r.retries.retryOn ?? null, retryRemoteLocalities: r.retries.retryRemoteLocalities ?? null }
      : null,
    managedBy: ctx.managedBy ? { kind: "argo-rollouts", name: ctx.managedBy } : null,
  };
}

/** TCP and TLS rules: typed L4 matches and weighted destinations. */
export function l4Rule(ctx: RuleContext, r: L4RouteWire, index: number): L4Rule {
  const matches = (r.match ?? []).map((m) => l4MatchBlock(m, ctx.resolveGateway));
  return {
    index,
    name: null,
    matches,
    catchAll: matches.length === 0 || matches.some((b) => b.conditions.length === 0),
    ...weighted(ctx, r.route ?? []),
    managedBy: ctx.managedBy ? { kind: "argo-rollouts", name: ctx.managedBy } : null,
  };
}
