import type { HttpMatchRequestWire, StringMatchWire } from "@/lib/istio/wire";
import type { GatewayBinding, MatchBlock, MatchCondition, StringMatchOp } from "./schema";

type ResolveGateway = (raw: string) => GatewayBinding;

/** Istio StringMatch → op/value. An empty StringMatch (`{}`) tests presence only. */
export function stringMatch(m: StringMatchWire): { op: StringMatchOp; value: string } {
  if (m.exact !== undefined) return { op: "exact", value: m.exact };
  if (m.prefix !== undefined) return { op: "prefix", value: m.prefix };
  if (m.regex !== undefined) return { op: "regex", value: m.regex };
  return { op: "present", value: "" };
}

/** One Istio HTTPMatchRequest as typed conditions (ANDed). */
export function httpMatchBlock(m: HttpMatchRequestWire, resolveGateway: ResolveGateway): MatchBlock {
  const c: MatchCondition[] = [];
  if (m.uri) c.push({ kind: "uri", ...stringMatch(m.uri), ignoreCase: m.ignoreUriCase === true });
  if (m.scheme) c.push({ kind: "scheme", ...stringMatch(m.scheme) });
  if (m.method) c.push({ kind: "method", ...stringMatch(m.method) });
  if (m.authority) c.push({ kind: "authority", ...stringMatch(m.authority) });
  for (const [name, sm] of Object.entries(m.headers ?? {})) c.push({ kind: "header", name: name.toLowerCase(), ...stringMatch(sm), negated: false });
  for (const [name, sm] of Object.entries(m.withoutHeaders ?? {})) c.push({ kind: "header", name: name.toLowerCase(), ...stringMatch(sm), negated: true });
  for (const [name, sm] of Object.entries(m.queryParams ?? {})) c.push({ kind: "queryParam", name, ...stringMatch(sm) });
  if (m.port !== undefined) c.push({ kind: "port", port: m.port });
  if (m.sourceLabels && Object.keys(m.sourceLabels).length > 0) c.push({ kind: "sourceLabels", labels: m.sourceLabels });
  if (m.sourceNamespace) c.push({ kind: "sourceNamespace", namespace: m.sourceNamespace });
  if (m.gateways && m.gateways.length > 0) c.push({ kind: "gateways", gateways: m.gateways.map(resolveGateway) });
  return { name: m.name ?? null, conditions: c };
}

export interface L4MatchWire {
  port?: number;
  sourceLabels?: Record<string, string>;
  sourceNamespace?: string;
  gateways?: string[];
  destinationSubnets?: string[];
  sniHosts?: string[];
}

export function l4MatchBlock(m: L4MatchWire, resolveGateway: ResolveGateway): MatchBlock {
  const c: MatchCondition[] = [];
  if (m.port !== undefined) c.push({ kind: "port", port: m.port });
  if (m.sniHosts && m.sniHosts.length > 0) c.push({ kind: "sniHosts", hosts: m.sniHosts });
  if (m.destinationSubnets && m.destinationSubnets.length > 0) c.push({ kind: "destinationSubnets", subnets: m.destinationSubnets });
  if (m.sourceLabels && Object.keys(m.sourceLabels).length > 0) c.push({ kind: "sourceLabels", labels: m.sourceLabels });
  if (m.sourceNamespace) c.push({ kind: "sourceNamespace", namespace: m.sourceNamespace });
  if (m.gateways && m.gateways.length > 0) c.push({ kind: "gateways", gateways: m.gateways.map(resolveGateway) });
  return { name: null, conditions: c };
}

/** A condition every HTTP request satisfies: URI prefix `/` or regex `.*`. */
export function isTrivialCondition(c: MatchCondition): boolean {
  return c.kind === "uri" && ((c.op === "prefix" && c.value === "/") || (c.op === "regex" && (c.value === ".*" || c.value === "/.*")) || c.op === "present");
}

/** No match entries, or one whose conditions every request satisfies. */
export function isCatchAll(blocks: readonly MatchBlock[]): boolean {
  return blocks.length === 0 || blocks.some((b) => b.conditions.every(isTrivialCondition));
}

function requiresHeader(b: MatchBlock, alsoQuery: boolean): boolean {
  return b.conditions.some((c) => (c.kind === "header" && !c.negated) || (alsoQuery && c.kind === "queryParam"));
}

/** Every match entry needs a request header (cookies are the `cookie` header) or query parameter: a test route. */
export function isTestRoute(blocks: readonly MatchBlock[]): boolean {
  return blocks.length > 0 && blocks.every((b) => requiresHeader(b, true));
}

/** Every match entry needs a request header: what such a rule does only hits requests carrying it. */
export function isHeaderScoped(blocks: readonly MatchBlock[]): boolean {
  return blocks.length > 0 && blocks.every((b) => requiresHeader(b, false));
}
