import type { VirtualServiceModel } from "@/lib/istio/model/schema";
import { blocksOf, blockSubsumes } from "./match-subsumption";

/**
 * HTTP rules no request can reach: Istio evaluates rules in order and the
 * first match wins, so a rule is dead when each of its match entries is
 * subsumed by an entry of an earlier rule. Result: rule index → indexes of the
 * earlier rules that take its requests.
 */
export function shadowedHttpRules(vs: VirtualServiceModel): Map<number, number[]> {
  const vsGateways = vs.gateways.map((g) => g.key);
  const out = new Map<number, number[]>();
  vs.http.forEach((rule, j) => {
    if (j === 0) return;
    const shadowers = new Set<number>();
    const covered = blocksOf(rule.matches).every((b) => {
      const i = vs.http.slice(0, j).findIndex((earlier) => blocksOf(earlier.matches).some((g) => blockSubsumes(g, b, vsGateways)));
      if (i >= 0) shadowers.add(i);
      return i >= 0;
    });
    if (covered) out.set(j, [...shadowers].sort((a, b) => a - b));
  });
  return out;
}
