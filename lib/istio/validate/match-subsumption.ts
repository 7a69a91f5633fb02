import type { MatchBlock, MatchCondition, StringMatchOp } from "@/lib/istio/model/schema";
import { isTrivialCondition } from "@/lib/istio/model/matches";

// Whether every request one match entry selects is also selected by another:
// sound (a "yes" is always right) but not complete (unusual regexes answer
// "no"). Envoy regexes are RE2 and must match the whole value; JavaScript's
// engine stands in for RE2 on the plain patterns this compares.

interface Str {
  op: StringMatchOp;
  value: string;
}

function fullMatch(regex: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${regex})$`).test(value);
  } catch {
    return false;
  }
}

/** Every value `s` accepts is accepted by `g` (`gIgnoresCase`: g compares case-insensitively). */
export function stringImplies(s: Str, g: Str, options: { sIgnoresCase?: boolean; gIgnoresCase?: boolean } = {}): boolean {
  if (g.op === "present" || (g.op === "regex" && g.value === ".*")) return true;
  if (s.op === "present") return false;
  if (options.sIgnoresCase && !options.gIgnoresCase) return false;
  const norm = (v: string) => (options.gIgnoresCase ? v.toLowerCase() : v);
  const sv = norm(s.value);
  const gv = norm(g.value);
  switch (g.op) {
    case "exact":
      return s.op === "exact" && sv === gv;
    case "prefix":
      return (s.op === "exact" || s.op === "prefix") && sv.startsWith(gv);
    case "regex":
      return (s.op === "regex" && s.value === g.value) || (s.op === "exact" && !options.gIgnoresCase && fullMatch(g.value, s.value));
  }
}

function gatewayKeys(c: MatchCondition | undefined, fallback: readonly string[]): Set<string> {
  return new Set(c && c.kind === "gateways" ? c.gateways.map((g) => g.key) : fallback);
}

function implied(g: MatchCondition, specific: readonly MatchCondition[], vsGateways: readonly string[]): boolean {
  if (isTrivialCondition(g)) return true;
  switch (g.kind) {
    case "gateways": {
      // A match without gateways applies on every gateway of the VirtualService.
      const sGateways = gatewayKeys(
        specific.find((c) => c.kind === "gateways"),
        vsGateways,
      );
      const gGateways = gatewayKeys(g, vsGateways);
      return [...sGateways].every((k) => gGateways.has(k));
    }
    case "port":
      return specific.some((c) => c.kind === "port" && c.port === g.port);
    case "sourceNamespace":
      return specific.some((c) => c.kind === "sourceNamespace" && c.namespace === g.namespace);
    case "sourceLabels":
      return specific.some((c) => c.kind === "sourceLabels" && Object.entries(g.labels).every(([k, v]) => c.labels[k] === v));
    case "header":
      return specific.some((c) => c.kind === "header" && c.name === g.name && c.negated === g.negated && (g.negated ? c.op === g.op && c.value === g.value : stringImplies(c, g)));
    case "queryParam":
      return specific.some((c) => c.kind === "queryParam" && c.name === g.name && stringImplies(c, g));
    case "uri":
      return specific.some((c) => c.kind === "uri" && stringImplies(c, g, { sIgnoresCase: c.ignoreCase, gIgnoresCase: g.ignoreCase }));
    case "method":
    case "scheme":
      // Methods and schemes are case-insensitive tokens in practice but Envoy compares them as written.
      return specific.some((c) => c.kind === g.kind && stringImplies(c, g));
    case "authority":
      return specific.some((c) => c.kind === "authority" && stringImplies(c, g));
    case "sniHosts":
    case "destinationSubnets":
      return specific.some((c) => JSON.stringify(c) === JSON.stringify(g));
  }
}

/** `general` selects every request `specific` selects. `vsGateways`: keys of the VirtualService's gateways. */
export function blockSubsumes(general: MatchBlock, specific: MatchBlock, vsGateways: readonly string[]): boolean {
  return general.conditions.every((g) => implied(g, specific.conditions, vsGateways));
}

const everything: MatchBlock = { name: null, conditions: [] };

/** Match entries of a rule; a rule without match selects everything. */
export function blocksOf(matches: readonly MatchBlock[]): readonly MatchBlock[] {
  return matches.length === 0 ? [everything] : matches;
}
