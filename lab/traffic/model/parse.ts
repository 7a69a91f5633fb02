/**
 * Raw Kubernetes JSON (from a list, a watch event or a YAML manifest) → the
 * compact model in objects.ts. Parsing never throws: invalid objects come back
 * as a ParseFailure so one bad object cannot stop the simulator.
 */
import { z } from "zod";
import { hasSidecar, isPodReady } from "@/lib/istio/model/pod";
import type {
  ClusterSnapshot,
  NamespaceInfo,
  ObjectMeta,
  PodInfo,
  Resource,
  ServiceInfo,
} from "./objects";
import {
  destinationRuleSpec,
  gatewayApiGateway,
  gatewaySpec,
  httpRouteSpec,
  objectMeta,
  pod,
  service,
  serviceEntrySpec,
  virtualServiceSpec,
  type ObjectMeta as ObjectMetaWire,
} from "@/lib/istio/wire";

// The dashboard's wire schemas (lib/istio/wire) validate every kind; built-in
// kinds arrive without apiVersion/kind in list items, so only their metadata,
// spec and status schemas are used here.
const objectSchema = z.object({ metadata: objectMeta });
const serviceSchema = z.object({ metadata: objectMeta, spec: service.shape.spec });
const podSchema = z.object({ metadata: objectMeta, spec: pod.shape.spec, status: pod.shape.status });

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

function toMeta(m: ObjectMetaWire): ObjectMeta {
  return {
    namespace: m.namespace ?? "",
    name: m.name,
    uid: m.uid ?? "",
    labels: m.labels ?? {},
    annotations: m.annotations ?? {},
    creationTimestamp: m.creationTimestamp ?? "",
  };
}

function describe(raw: unknown): string {
  const meta = objectSchema.safeParse(raw);
  return meta.success ? `${meta.data.metadata.namespace ?? ""}/${meta.data.metadata.name}` : "<unnamed>";
}

function fail<T>(raw: unknown, error: z.ZodError): ParseResult<T> {
  const issue = error.issues[0];
  const where = issue ? `${issue.path.join(".")}: ${issue.message}` : error.message;
  return { ok: false, error: `${describe(raw)}: ${where}` };
}

export function parseNamespace(raw: unknown): ParseResult<NamespaceInfo> {
  const r = objectSchema.safeParse(raw);
  if (!r.success) return fail(raw, r.error);
  return { ok: true, value: { name: r.data.metadata.name, labels: r.data.metadata.labels ?? {} } };
}

export function parseService(raw: unknown): ParseResult<ServiceInfo> {
  const r = serviceSchema.safeParse(raw);
  if (!r.success) return fail(raw, r.error);
  const { metadata, spec } = r.data;
  return {
    ok: true,
    value: {
      meta: toMeta(metadata),
      selector: spec.selector && Object.keys(spec.selector).length > 0 ? spec.selector : null,
      ports: (spec.ports ?? []).map((p) => ({ name: p.name ?? "", port: p.port, protocol: p.protocol ?? "TCP" })),
    },
  };
}

export function parsePod(raw: unknown): ParseResult<PodInfo> {
  const r = podSchema.safeParse(raw);
  if (!r.success) return fail(raw, r.error);
  const { metadata, spec, status } = r.data;
  const controller = (metadata.ownerReferences ?? []).find((o) => o.controller) ?? metadata.ownerReferences?.[0];
  return {
    ok: true,
    value: {
      meta: toMeta(metadata),
      ready: isPodReady(r.data),
      ip: status?.podIP ?? "",
      serviceAccount: spec.serviceAccountName ?? "default",
      owner: controller ? { kind: controller.kind, name: controller.name } : null,
      sidecar: hasSidecar(r.data),
    },
  };
}

function resourceParser<T>(specSchema: z.ZodType<T>): (raw: unknown) => ParseResult<Resource<T>> {
  const schema = z.object({ metadata: objectMeta, spec: specSchema });
  return (raw) => {
    const r = schema.safeParse(raw);
    if (!r.success) return fail(raw, r.error);
    return { ok: true, value: { meta: toMeta(r.data.metadata), spec: r.data.spec } };
  };
}

export const parseVirtualService = resourceParser(virtualServiceSpec);
export const parseDestinationRule = resourceParser(destinationRuleSpec);
export const parseGateway = resourceParser(gatewaySpec);
export const parseServiceEntry = resourceParser(serviceEntrySpec);
export const parseHttpRoute = resourceParser(httpRouteSpec);
export const parseK8sGateway = resourceParser(gatewayApiGateway.shape.spec);

/** The snapshot field each kind lands in, with its parser. */
export const KIND_PARSERS = {
  namespaces: parseNamespace,
  services: parseService,
  pods: parsePod,
  virtualServices: parseVirtualService,
  destinationRules: parseDestinationRule,
  gateways: parseGateway,
  serviceEntries: parseServiceEntry,
  httpRoutes: parseHttpRoute,
  k8sGateways: parseK8sGateway,
} as const satisfies { [K in keyof ClusterSnapshot]: (raw: unknown) => ParseResult<ClusterSnapshot[K][number]> };

export type KindName = keyof typeof KIND_PARSERS;
export const KIND_NAMES = Object.keys(KIND_PARSERS) as KindName[];

/** Store key of a raw object: namespace/name (cluster-scoped: name). */
export function objectKey(raw: unknown): string | null {
  const r = objectSchema.safeParse(raw);
  if (!r.success) return null;
  const { namespace, name } = r.data.metadata;
  return namespace ? `${namespace}/${name}` : name;
}
