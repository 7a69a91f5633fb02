import { healthSchema } from "@/lib/api/health";
import { serviceMetricsParamsSchema, serviceMetricsQuerySchema, serviceMetricsSchema } from "@/lib/api/metrics";
import { namespaceListSchema } from "@/lib/api/namespaces";
import { virtualServiceListSchema, virtualServiceQuerySchema } from "@/lib/api/virtual-services";
import { trafficQuerySchema, trafficViewSchema } from "@/lib/api/traffic";
import type { Operation } from "./build";

/**
 * Every operation of /api, described from the zod schemas its handler uses.
 * Features add their operations here when they add a route.
 */
export const operations: Operation[] = [
  {
    method: "get",
    path: "/api/healthz",
    summary: "Liveness, with Kubernetes reachability and version",
    tags: ["health"],
    response: healthSchema,
    errors: [],
  },
  {
    method: "get",
    path: "/api/namespaces",
    summary: "Namespaces the caller can see, with their istio-injection state",
    tags: ["mesh"],
    response: namespaceListSchema,
    errors: [403, 503],
  },
  {
    method: "get",
    path: "/api/virtualservices",
    summary: "VirtualServices (all namespaces, or one) with their routes and weighted destinations",
    tags: ["mesh"],
    query: virtualServiceQuerySchema,
    response: virtualServiceListSchema,
    errors: [400, 403, 503],
  },
  {
    method: "get",
    path: "/api/traffic",
    summary: "The live mesh model: routes in order, destinations resolved to services, subsets, workloads and pods; owners; validations; configured vs observed split",
    tags: ["mesh"],
    query: trafficQuerySchema,
    response: trafficViewSchema,
    errors: [400, 403],
  },
  {
    method: "get",
    path: "/api/stream",
    summary: "Server-sent events: live changes, computed once and fanned out; resumes with Last-Event-ID",
    tags: ["live"],
    responseType: "text/event-stream",
    errors: [400, 403],
  },
  {
    method: "get",
    path: "/api/services/{namespace}/{name}/metrics",
    summary: "Per-version request rate, error rate, p50/p95/p99 latency and traffic share from Prometheus, plus pod CPU/memory",
    description:
      "Always 200 for valid parameters: each panel (requests, latency, pods) is `ok`, `error` (typed, e.g. Unavailable when Prometheus is down) or `NotConfigured`, so one failing source degrades one panel.",
    tags: ["metrics"],
    params: serviceMetricsParamsSchema,
    query: serviceMetricsQuerySchema,
    response: serviceMetricsSchema,
    errors: [400],
  },
  {
    method: "get",
    path: "/api/openapi.json",
    summary: "This document",
    tags: ["meta"],
    errors: [],
  },
];
