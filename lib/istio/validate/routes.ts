import type { DestinationTarget, HttpRule, L4Rule, VirtualServiceModel } from "@/lib/istio/model/schema";

export interface RuleEntry {
  protocol: "http" | "tcp" | "tls";
  rule: HttpRule | L4Rule;
  /** e.g. spec.http[2] */
  path: string;
  testRoute: boolean;
}

export interface DestinationEntry extends RuleEntry {
  kind: "route" | "mirror";
  target: DestinationTarget;
  /** e.g. spec.http[2].route[1].destination or spec.http[2].mirror */
  destinationPath: string;
  /** Share of the rule's traffic (mirrors: 0, they do not take requests away). */
  share: number;
}

export function ruleEntries(vs: VirtualServiceModel): RuleEntry[] {
  return [
    ...vs.http.map((rule) => ({ protocol: "http" as const, rule, path: `spec.http[${rule.index}]`, testRoute: rule.testRoute })),
    ...vs.tcp.map((rule) => ({ protocol: "tcp" as const, rule, path: `spec.tcp[${rule.index}]`, testRoute: false })),
    ...vs.tls.map((rule) => ({ protocol: "tls" as const, rule, path: `spec.tls[${rule.index}]`, testRoute: false })),
  ];
}

export function destinationEntries(vs: VirtualServiceModel): DestinationEntry[] {
  return ruleEntries(vs).flatMap((e) => {
    const routes = e.rule.destinations.map((d) => ({ ...e, kind: "route" as const, target: d, destinationPath: `${e.path}.route[${d.index}].destination`, share: d.share }));
    const mirrors =
      "mirrors" in e.rule
        ? e.rule.mirrors.map((m) => ({ ...e, kind: "mirror" as const, target: m, destinationPath: m.source === "mirror" ? `${e.path}.mirror` : `${e.path}.mirrors[${m.index}].destination`, share: 0 }))
        : [];
    return [...routes, ...mirrors];
  });
}
