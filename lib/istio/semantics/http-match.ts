import type { HttpMatchRequestWire, TcpRouteWire, TlsRouteWire } from "@/lib/istio/wire";
import { gatewayKey } from "./gateway-ref";
import { hostCovers } from "./host";
import { matchesLabels } from "./labels";
import { allOf, anyOf, type RequestFacts, type RequestPredicate } from "./request";
import { compileNegatedStringMatch, compileStringMatch, type ValuePredicate } from "./string-match";

// A VirtualService's HTTPMatchRequest as Envoy evaluates the route istiod
// builds from it: every field set must hold (AND), the blocks of a rule are
// OR-ed. Regexes are RE2 full matches; ignoreUriCase folds uri only; a header
// `{}` means "present", a withoutHeaders `{}` means "absent" and a missing
// header counts as "" for the other withoutHeaders forms.

type Field = (r: RequestFacts) => string | undefined;

function stringCheck(match: Parameters<typeof compileStringMatch>[0] | undefined, field: Field, ignoreCase = false): RequestPredicate[] {
  if (!match) return [];
  const p = compileStringMatch(match, ignoreCase);
  return [(r) => p(field(r))];
}

function headerChecks(headers: HttpMatchRequestWire["headers"], negated: boolean): RequestPredicate[] {
  return Object.entries(headers ?? {}).map(([name, m]) => {
    const key = name.toLowerCase();
    const p: ValuePredicate = negated ? compileNegatedStringMatch(m) : compileStringMatch(m);
    return (r) => p(r.headers[key]);
  });
}

function gatewaysCheck(refs: readonly string[] | undefined, namespace: string): RequestPredicate[] {
  if (!refs || refs.length === 0) return [];
  const keys = new Set(refs.map((g) => gatewayKey(g, namespace)));
  return [(r) => [...r.gateways].some((g) => keys.has(g))];
}

/** L4 attributes shared by HTTP, TCP and TLS matches: port, sourceLabels, sourceNamespace, gateways. */
function l4Checks(m: Pick<HttpMatchRequestWire, "port" | "sourceLabels" | "sourceNamespace" | "gateways">, namespace: string): RequestPredicate[] {
  const out: RequestPredicate[] = [];
  if (m.port !== undefined) out.push((r) => r.port === m.port);
  if (m.sourceLabels && Object.keys(m.sourceLabels).length > 0) out.push((r) => matchesLabels(m.sourceLabels, r.sourceLabels));
  if (m.sourceNamespace) out.push((r) => r.sourceNamespace === m.sourceNamespace);
  return [...out, ...gatewaysCheck(m.gateways, namespace)];
}

/** One HTTPMatchRequest of a VirtualService in `namespace`. */
export function compileHttpMatchRequest(m: HttpMatchRequestWire, namespace: string): RequestPredicate {
  const queryChecks = Object.entries(m.queryParams ?? {}).map(([name, sm]): RequestPredicate => {
    const p = compileStringMatch(sm);
    return (r) => p(r.queryParam(name));
  });
  return allOf([
    ...stringCheck(m.uri, (r) => r.path, m.ignoreUriCase ?? false),
    ...stringCheck(m.method, (r) => r.method),
    ...stringCheck(m.authority, (r) => r.authority),
    ...stringCheck(m.scheme, (r) => r.scheme),
    ...headerChecks(m.headers, false),
    ...headerChecks(m.withoutHeaders, true),
    ...queryChecks,
    ...l4Checks(m, namespace),
  ]);
}

/** A rule's `match` list (OR-ed; none = every request). */
export function compileHttpMatches(matches: readonly HttpMatchRequestWire[] | undefined, namespace: string): RequestPredicate {
  return anyOf((matches ?? []).map((m) => compileHttpMatchRequest(m, namespace)));
}

/** A TCP route's `match` list (L4 attributes only). */
export function compileL4Matches(matches: TcpRouteWire["match"], namespace: string): RequestPredicate {
  return anyOf((matches ?? []).map((m) => allOf(l4Checks(m, namespace))));
}

/**
 * A TLS route's `match` list: the L4 attributes plus `sniHosts` (the ClientHello's
 * SNI, read from `authority`, must be covered by one of them: exact, or `*.suffix`
 * wildcards, as Envoy's filter chain match on server names). Istio requires every
 * TLS match to name sniHosts; a match without them would match any SNI.
 */
export function compileTlsMatches(matches: TlsRouteWire["match"], namespace: string): RequestPredicate {
  return anyOf(
    (matches ?? []).map((m) => {
      const sni = m.sniHosts ?? [];
      const sniCheck: RequestPredicate[] = sni.length > 0 ? [(r) => sni.some((p) => hostCovers(p, r.authority))] : [];
      return allOf([...sniCheck, ...l4Checks(m, namespace)]);
    }),
  );
}
