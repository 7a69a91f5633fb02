/**
 * The traffic model: entry flows (from gateway or mesh workloads), the call
 * graph between workloads, and simulation settings. Validated once when
 * loaded (file or POST /config); the simulator compiles it against each
 * routing table, so nothing here is consulted on the hot path.
 */
import { z } from "zod";

const headers = z.record(z.string(), z.string());

const variantSchema = z.object({
  /** Fraction of the flow's requests (0..1) that carry these headers. */
  share: z.number().min(0).max(1),
  headers,
});

export const flowSchema = z
  .object({
    name: z.string().min(1),
    /** Gateway workload sending the requests: `name` or `ns/name`. */
    gateway: z.string().optional(),
    /** Mesh workload sending the requests: `ns/name` (or `name`). */
    from: z.string().optional(),
    /** Authority host (gateway flows) or the name the caller dials (mesh flows). */
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(80),
    path: z.string().default("/"),
    method: z.string().default("GET"),
    /** Mean requests per second (Poisson). */
    rps: z.number().min(0),
    headers: headers.default({}),
    variants: z.array(variantSchema).default([]),
    requestBytes: z.number().int().min(0).optional(),
    /** http (requests), or tcp / tls connections (one per `rps`, routed by the VirtualService's tcp / tls rules). */
    protocol: z.enum(["http", "tcp", "tls"]).default("http"),
    /** TLS flows: the server name (SNI) sent; default the host. */
    sni: z.string().min(1).optional(),
  })
  .refine((f) => (f.gateway === undefined) !== (f.from === undefined), {
    message: "a flow needs exactly one of `gateway` or `from`",
  })
  .refine((f) => f.variants.reduce((s, v) => s + v.share, 0) <= 1 + 1e-9, {
    message: "variant shares add up to more than 1",
  })
  .refine((f) => f.protocol === "http" || f.from !== undefined, { message: "tcp and tls flows start at a mesh workload (`from`), not a gateway" })
  .refine((f) => f.sni === undefined || f.protocol === "tls", { message: "`sni` applies to tls flows only" });
export type FlowConfig = z.infer<typeof flowSchema>;

const selectorSchema = z.object({
  namespace: z.string().optional(),
  /** Workload name (Deployment / Rollout). */
  workload: z.string().optional(),
  app: z.string().optional(),
  version: z.union([z.string(), z.array(z.string())]).optional(),
  labels: headers.optional(),
});
export type WorkloadSelector = z.infer<typeof selectorSchema>;

export const callSchema = z.object({
  /** Which receiving pods make the call (all given fields must match). */
  from: selectorSchema,
  to: z.object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(80),
    path: z.string().default("/"),
    method: z.string().default("GET"),
    headers: headers.default({}),
  }),
  /** Probability that a request to `from` makes this call. */
  probability: z.number().min(0).max(1).default(1),
  /** A 5xx from this call makes the caller answer 500 (otherwise it degrades gracefully). */
  required: z.boolean().default(false),
  requestBytes: z.number().int().min(0).optional(),
});
export type CallConfig = z.infer<typeof callSchema>;

export const DEFAULT_PROPAGATED_HEADERS = [
  "end-user",
  "user-agent",
  "cookie",
  "x-request-id",
  "x-b3-traceid",
  "x-b3-spanid",
  "x-b3-parentspanid",
  "x-b3-sampled",
  "x-b3-flags",
  "traceparent",
  "tracestate",
  "x-version",
];

export const trafficConfigSchema = z.object({
  /** Seed of the random draws (omit for a time-based seed). */
  seed: z.number().int().optional(),
  /** Simulation tick; each tick draws a Poisson count per flow. */
  tickMs: z.number().int().min(20).max(5000).default(250),
  /** Longest call chain followed from one entry request. */
  maxDepth: z.number().int().min(1).max(32).default(10),
  /** Incoming headers a service copies onto its outgoing calls (Bookinfo-style propagation). */
  propagateHeaders: z.array(z.string().transform((s) => s.toLowerCase())).default(DEFAULT_PROPAGATED_HEADERS),
  requestBytes: z.number().int().min(0).default(512),
  flows: z.array(flowSchema).default([]),
  calls: z.array(callSchema).default([]),
});
export type TrafficConfig = z.infer<typeof trafficConfigSchema>;
