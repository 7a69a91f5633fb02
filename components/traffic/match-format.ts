import { parseCookieRegex } from "@/lib/istio/actions/cookie-match";
import type { MatchBlock, MatchCondition, StringMatchOp } from "@/lib/istio/model/schema";

function opText(op: StringMatchOp, value: string, negated = false): string {
  switch (op) {
    case "exact":
      return `${negated ? "≠" : "="} ${value}`;
    case "prefix":
      return `${negated ? "does not start with" : "prefix"} ${value}`;
    case "regex":
      return `${negated ? "does not match" : "matches"} ${value}`;
    case "present":
      return negated ? "absent" : "present";
  }
}

/** One condition as people read it: `header x-version = green`, `uri prefix /api`, `cookie session = jason`. */
export function formatCondition(c: MatchCondition): string {
  switch (c.kind) {
    case "header": {
      if (c.name === "cookie" && c.op === "regex" && !c.negated) {
        const cookie = parseCookieRegex(c.value);
        if (cookie) return `cookie ${cookie.name} ${opText(cookie.match, cookie.value)}`;
      }
      return `header ${c.name} ${opText(c.op, c.value, c.negated)}`;
    }
    case "uri":
      return `uri ${opText(c.op, c.value)}${c.ignoreCase ? " (ignore case)" : ""}`;
    case "scheme":
      return `scheme ${opText(c.op, c.value)}`;
    case "method":
      return `method ${opText(c.op, c.value)}`;
    case "authority":
      return `authority ${opText(c.op, c.value)}`;
    case "queryParam":
      return `query ${c.name} ${opText(c.op, c.value)}`;
    case "port":
      return `port ${c.port}`;
    case "sourceLabels":
      return `from pods with ${Object.entries(c.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")}`;
    case "sourceNamespace":
      return `from namespace ${c.namespace}`;
    case "gateways":
      return `via ${c.gateways.map((g) => g.key).join(" or ")}`;
    case "sniHosts":
      return `SNI ${c.hosts.join(" or ")}`;
    case "destinationSubnets":
      return `to ${c.subnets.join(" or ")}`;
  }
}

/** The conditions of one match entry, ANDed ("any request" when it has none). */
export function formatMatchBlock(block: MatchBlock): string {
  if (block.conditions.length === 0) return "any request";
  return block.conditions.map(formatCondition).join(" and ");
}

/** Every match entry of a rule (ORed); an empty list matches any request. */
export function formatMatches(blocks: readonly MatchBlock[]): string[] {
  return blocks.length === 0 ? ["any request"] : blocks.map(formatMatchBlock);
}
