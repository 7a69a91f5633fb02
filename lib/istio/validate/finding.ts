import type { ObjectRef } from "@/lib/istio/model/schema";
import { checks, type CheckCode } from "./catalog";
import type { Severity, Validation } from "./schema";

export function finding(code: CheckCode, object: ObjectRef, path: string, message: string, options: { severity?: Severity; related?: ObjectRef[] } = {}): Validation {
  const c = checks[code];
  return { code, kialiCode: c.kialiCode, severity: options.severity ?? c.severity, message, object, path, related: options.related ?? [] };
}

export const vsRef = (v: { namespace: string; name: string }): ObjectRef => ({ kind: "VirtualService", namespace: v.namespace, name: v.name });
export const drRef = (d: { namespace: string; name: string }): ObjectRef => ({ kind: "DestinationRule", namespace: d.namespace, name: d.name });
export const gwRef = (g: { namespace: string; name: string }): ObjectRef => ({ kind: "Gateway", namespace: g.namespace, name: g.name });
export const routeRef = (r: { namespace: string; name: string }): ObjectRef => ({ kind: "HTTPRoute", namespace: r.namespace, name: r.name });

/** Printable `namespace/name`. */
export const nn = (o: { namespace: string; name: string }) => `${o.namespace}/${o.name}`;
