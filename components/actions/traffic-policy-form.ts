// The traffic policy form's state and its conversion to and from the API's
// input (lib/istio/actions/traffic-policy): pure, so it is unit-tested.
import type { TrafficPolicyInput } from "@/lib/istio/actions/traffic-policy";
import { numberOrNaN } from "./form-validation";

export type LbChoice = "" | "ROUND_ROBIN" | "LEAST_REQUEST" | "RANDOM" | "PASSTHROUGH" | "header" | "cookie" | "query" | "source-ip";

export interface PolicyForm {
  lb: LbChoice;
  /** Header, cookie or query parameter name for a consistent hash. */
  hashKey: string;
  outlier: boolean;
  consecutive5xxErrors: string;
  consecutiveGatewayErrors: string;
  interval: string;
  baseEjectionTime: string;
  maxEjectionPercent: string;
  maxConnections: string;
  http1MaxPendingRequests: string;
  tlsMode: "" | "DISABLE" | "SIMPLE" | "MUTUAL" | "ISTIO_MUTUAL";
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === "object" && v !== null ? (v as Rec) : {});
const text = (v: unknown): string => (typeof v === "number" || typeof v === "string" ? String(v) : "");

function lbOf(lb: Rec): { lb: LbChoice; hashKey: string } {
  const ch = rec(lb.consistentHash);
  if (typeof ch.httpHeaderName === "string") return { lb: "header", hashKey: ch.httpHeaderName };
  if (typeof rec(ch.httpCookie).name === "string") return { lb: "cookie", hashKey: String(rec(ch.httpCookie).name) };
  if (typeof ch.httpQueryParameterName === "string") return { lb: "query", hashKey: ch.httpQueryParameterName };
  if (ch.useSourceIp === true) return { lb: "source-ip", hashKey: "" };
  const simple = typeof lb.simple === "string" ? lb.simple : "";
  return { lb: (["ROUND_ROBIN", "LEAST_REQUEST", "RANDOM", "PASSTHROUGH"].includes(simple) ? simple : "") as LbChoice, hashKey: "" };
}

/** The form for a policy as written (null: none); unknown values fall back to the defaults shown. */
export function formFromPolicy(policy: Rec | null): PolicyForm {
  const od = policy?.outlierDetection === undefined ? null : rec(policy.outlierDetection);
  const pool = rec(policy?.connectionPool);
  const mode = text(rec(policy?.tls).mode);
  return {
    ...lbOf(rec(policy?.loadBalancer)),
    outlier: od !== null,
    consecutive5xxErrors: text(od?.consecutive5xxErrors) || "5",
    consecutiveGatewayErrors: text(od?.consecutiveGatewayErrors),
    interval: text(od?.interval) || "10s",
    baseEjectionTime: text(od?.baseEjectionTime) || "30s",
    maxEjectionPercent: text(od?.maxEjectionPercent) || "10",
    maxConnections: text(rec(pool.tcp).maxConnections),
    http1MaxPendingRequests: text(rec(pool.http).http1MaxPendingRequests),
    tlsMode: (["DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL"].includes(mode) ? mode : "") as PolicyForm["tlsMode"],
  };
}

function loadBalancer(f: PolicyForm): TrafficPolicyInput["loadBalancer"] {
  const key = f.hashKey.trim();
  switch (f.lb) {
    case "":
      return undefined;
    case "header":
      return { consistentHash: { httpHeaderName: key } };
    case "cookie":
      return { consistentHash: { httpCookie: { name: key, ttl: "0s" } } };
    case "query":
      return { consistentHash: { httpQueryParameterName: key } };
    case "source-ip":
      return { consistentHash: { useSourceIp: true } };
    default:
      return { simple: f.lb };
  }
}

const optionalNumber = (t: string): number | undefined => (t.trim() === "" ? undefined : numberOrNaN(t));
const optionalText = (t: string): string | undefined => (t.trim() === "" ? undefined : t.trim());

function prune<T extends Rec>(o: T): T | undefined {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The API input for the form (the schema then validates it, in the browser and on the server). */
export function policyFromForm(f: PolicyForm): TrafficPolicyInput {
  const tcp = prune({ maxConnections: optionalNumber(f.maxConnections) });
  const http = prune({ http1MaxPendingRequests: optionalNumber(f.http1MaxPendingRequests) });
  const outlierDetection = f.outlier
    ? (prune({
        consecutive5xxErrors: optionalNumber(f.consecutive5xxErrors),
        consecutiveGatewayErrors: optionalNumber(f.consecutiveGatewayErrors),
        interval: optionalText(f.interval),
        baseEjectionTime: optionalText(f.baseEjectionTime),
        maxEjectionPercent: optionalNumber(f.maxEjectionPercent),
      }) ?? {})
    : undefined;
  return prune({
    loadBalancer: loadBalancer(f),
    connectionPool: prune({ tcp, http }),
    outlierDetection,
    tls: f.tlsMode ? { mode: f.tlsMode } : undefined,
  }) as TrafficPolicyInput;
}
