import type { GatewayApiHttpRouteWire, HttpRouteMatchWire } from "@/lib/istio/wire";
import { servicePods, summarizeBackends } from "./backends";
import { serviceFqdn } from "@/lib/istio/semantics/host";
import { keyOf, nsOf, type MeshIndex } from "./mesh-index";
import { argoClaims } from "./argo-ownership";
import { detectOwner } from "./owner";
import type { BackendRefModel, HttpRouteModel, MatchBlock, MatchCondition, ParentRefModel } from "./schema";
import { gatewayApiWeightRules, splitWeights } from "@/lib/istio/semantics/weights";

const gatewayGroup = "gateway.networking.k8s.io";

function pathOp(type: string | undefined): "exact" | "prefix" | "regex" {
  return type === "Exact" ? "exact" : type === "RegularExpression" ? "regex" : "prefix";
}

/** Gateway API HTTPRouteMatch as typed conditions; a match without path means PathPrefix `/`. */
export function gatewayApiMatchBlock(m: HttpRouteMatchWire): MatchBlock {
  const c: MatchCondition[] = [{ kind: "uri", op: pathOp(m.path?.type), value: m.path?.value ?? "/", ignoreCase: false }];
  for (const h of m.headers ?? []) c.push({ kind: "header", name: h.name.toLowerCase(), op: h.type === "RegularExpression" ? "regex" : "exact", value: h.value, negated: false });
  for (const q of m.queryParams ?? []) c.push({ kind: "queryParam", name: q.name, op: q.type === "RegularExpression" ? "regex" : "exact", value: q.value });
  if (m.method) c.push({ kind: "method", op: "exact", value: m.method });
  return { name: null, conditions: c };
}

function parentRef(index: MeshIndex, namespace: string, p: NonNullable<GatewayApiHttpRouteWire["spec"]["parentRefs"]>[number]): ParentRefModel {
  const group = p.group ?? gatewayGroup;
  const kind = p.kind ?? "Gateway";
  const ns = p.namespace ?? namespace;
  const base = { group, kind, namespace: ns, name: p.name, sectionName: p.sectionName ?? null, port: p.port ?? null };
  if (group === gatewayGroup && kind === "Gateway") {
    const gw = index.gatewayApiGateways.get(keyOf(ns, p.name));
    const sectionFound = gw && p.sectionName !== undefined ? (gw.spec.listeners ?? []).some((l) => l.name === p.sectionName) : null;
    return { ...base, resolution: gw ? "found" : "notFound", sectionFound };
  }
  // GAMMA: a Service parent binds the route to mesh traffic for that Service.
  if (group === "" && kind === "Service") {
    const found = index.servicesByFqdn.has(serviceFqdn(p.name, ns, index.options.clusterDomain));
    return { ...base, resolution: found ? "found" : "notFound", sectionFound: null };
  }
  return { ...base, resolution: "unsupported", sectionFound: null };
}

/**
 * A Gateway API HTTPRoute. Cross-namespace backendRefs need a ReferenceGrant,
 * which is not read: such a backend is shown as found when the Service exists.
 */
export function httpRouteModel(index: MeshIndex, route: GatewayApiHttpRouteWire): HttpRouteModel {
  const namespace = nsOf(route);
  return {
    namespace,
    name: route.metadata.name,
    uid: route.metadata.uid ?? null,
    resourceVersion: route.metadata.resourceVersion ?? null,
    apiVersion: route.apiVersion,
    owner: detectOwner(route.metadata, argoClaims({ kind: "HTTPRoute", namespace, name: route.metadata.name, metadata: route.metadata }, index.rollouts)),
    parentRefs: (route.spec.parentRefs ?? []).map((p) => parentRef(index, namespace, p)),
    hostnames: route.spec.hostnames ?? [],
    rules: (route.spec.rules ?? []).map((rule, ruleIndex) => {
      const refs = rule.backendRefs ?? [];
      const split = splitWeights(
        refs.map((b) => b.weight),
        gatewayApiWeightRules,
      );
      const matches = (rule.matches ?? []).map(gatewayApiMatchBlock);
      const backendRefs: BackendRefModel[] = refs.map((b, i) => {
        const group = b.group ?? "";
        const kind = b.kind ?? "Service";
        const ns = b.namespace ?? namespace;
        const base = { index: i, group, kind, namespace: ns, name: b.name, port: b.port ?? null, weight: b.weight ?? null, effectiveWeight: split.effective[i] ?? 0, share: split.shares[i] ?? 0 };
        if (group !== "" || kind !== "Service") return { ...base, resolution: "unsupported", service: null, backends: null };
        const svc = index.servicesByFqdn.get(serviceFqdn(b.name, ns, index.options.clusterDomain));
        if (!svc) return { ...base, resolution: "notFound", service: null, backends: null };
        return { ...base, resolution: "found", service: { namespace: ns, name: b.name }, backends: summarizeBackends(servicePods(index, svc)) };
      });
      return {
        index: ruleIndex,
        name: rule.name ?? null,
        matches,
        catchAll: matches.length === 0 || matches.some((m) => m.conditions.length === 1 && m.conditions[0]?.kind === "uri" && m.conditions[0].op === "prefix" && m.conditions[0].value === "/"),
        backendRefs,
        weightTotal: split.total,
        allWeightsZero: split.allZero,
        filters: (rule.filters ?? []).map((f) => f.type),
        timeout: rule.timeouts?.request ?? null,
      };
    }),
  };
}
