import { healthQuerySchema, healthSchema } from "@/lib/api/health";
import { serviceMetricsParamsSchema, serviceMetricsQuerySchema, serviceMetricsSchema } from "@/lib/api/metrics";
import { namespaceListSchema } from "@/lib/api/namespaces";
import { virtualServiceListSchema, virtualServiceQuerySchema } from "@/lib/api/virtual-services";
import { trafficQuerySchema, trafficViewSchema } from "@/lib/api/traffic";
import { graphQuerySchema, graphResponseSchema } from "@/lib/api/graph";
import {
  promoteBodySchema,
  restartBodySchema,
  rolloutActionResultSchema,
  rolloutDetailSchema,
  rolloutListSchema,
  rolloutActionQuerySchema,
  rolloutParamsSchema,
  rolloutsQuerySchema,
  rolloutTrafficQuerySchema,
  rolloutTrafficSchema,
  setImageBodySchema,
  undoBodySchema,
  emptyBodySchema,
} from "@/lib/api/rollouts";
import { actionOperations } from "@/lib/api/actions";
import { accessAnswerSchema, accessQuerySchema } from "@/lib/api/access";
import { objectPathParamsSchema, objectYamlSchema } from "@/lib/api/objects";
import { contextsSchema, loginBodySchema, selectContextBodySchema } from "@/lib/auth/session-api";
import { streamQuerySchema } from "@/lib/api/stream";
import type { Operation } from "./build";

/**
 * Every operation of /api, described from the zod schemas its handler uses.
 * Features add their operations here when they add a route.
 */
export const operations: Operation[] = [
  {
    method: "get",
    path: "/api/healthz",
    summary: "Liveness (cheap); with ?deep=1 also Kubernetes and Prometheus reachability and versions",
    tags: ["health"],
    query: healthQuerySchema,
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
    path: "/api/graph",
    summary: "The service graph (Kiali-style nodes and edges with rps, error %, share %, p95, health and config badges) of some namespaces",
    description:
      "One snapshot per refresh interval per key (type, namespaces, window, idle), shared by all viewers. For live updates subscribe to the returned `topic` on /api/stream: it sends the current snapshot, then diffs. 503 Unavailable when Prometheus is down or not configured.",
    tags: ["mesh"],
    query: graphQuerySchema,
    response: graphResponseSchema,
    errors: [400, 403, 503],
  },
  {
    method: "get",
    path: "/api/stream",
    summary: "Server-sent events: live changes, computed once and fanned out; resumes with Last-Event-ID; `graph:…` topics send a graph snapshot, then diffs",
    tags: ["live"],
    query: streamQuerySchema,
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
    path: "/api/rollouts",
    summary: "Argo Rollouts the caller may list (all namespaces, or one), pending promotions first",
    description: "From the shared watch cache, filtered by the caller's RBAC. Without the Rollouts CRD: 200 with `degraded.code = CrdMissing`.",
    tags: ["rollouts"],
    query: rolloutsQuerySchema,
    response: rolloutListSchema,
    errors: [400, 403],
  },
  {
    method: "get",
    path: "/api/rollouts/{namespace}/{name}",
    summary: "One Rollout: step timeline (setCanaryScale steps with their scale), every ReplicaSet (stable, canary, older, experiment) with its pods, scaling (fenceposts, dynamicStableScale, abort scale-down and deadline, Argo's replica counts, workloadRef), AnalysisRuns with measurements, pause conditions, the VirtualService/DestinationRule it drives (locked) and the actions available, with reasons",
    tags: ["rollouts"],
    params: rolloutParamsSchema,
    response: rolloutDetailSchema,
    errors: [400, 403, 404, 503],
  },
  ...(
    [
      ["promote", "Promote (`{ \"full\": true }`: promote-full): ends the pause or skips the step / all remaining steps", promoteBodySchema],
      ["abort", "Abort: all traffic back to the stable version", emptyBodySchema],
      ["retry", "Retry an aborted or Degraded rollout", emptyBodySchema],
      ["restart", "Restart the pods (sets spec.restartAt)", restartBodySchema],
      ["undo", "Roll the pod template back to a revision (default: the previous one)", undoBodySchema],
    ] as const
  ).map(
    ([action, summary, body]): Operation => ({
      method: "post",
      path: `/api/rollouts/{namespace}/{name}/${action}`,
      summary,
      description:
        "Runs as the caller (status subresource first, main resource on 404, like the Argo CLI) and records a Kubernetes Event. 403 (names the verb and resource) before anything else; 409 with the reason when the rollout's phase does not allow it. " +
        "`?dryRun=true`: every request is a server-side dry run (`dryRun=All`), nothing is stored, no Event. The answer carries the resulting object and a diff.",
      tags: ["rollouts"],
      params: rolloutParamsSchema,
      query: rolloutActionQuerySchema,
      body,
      response: rolloutActionResultSchema,
      errors: [400, 403, 404, 409, 422, 503],
    }),
  ),
  {
    method: "put",
    path: "/api/rollouts/{namespace}/{name}/image",
    summary: "Set a container's image (`kubectl argo rollouts set image`): a new revision rolls out through the steps",
    description: "`?dryRun=true`: a server-side dry run; the answer carries the resulting object and a diff. The image must be a valid reference (distribution/reference grammar).",
    tags: ["rollouts"],
    params: rolloutParamsSchema,
    query: rolloutActionQuerySchema,
    body: setImageBodySchema,
    response: rolloutActionResultSchema,
    errors: [400, 403, 404, 409, 422, 503],
  },
  {
    method: "get",
    path: "/api/rollouts/{namespace}/{name}/traffic",
    summary: "Requests per second by version and ok/error per bucket over a window, from one Prometheus query (sampled from metrics, not real requests)",
    tags: ["rollouts", "metrics"],
    params: rolloutParamsSchema,
    query: rolloutTrafficQuerySchema,
    response: rolloutTrafficSchema,
    errors: [400, 403, 404],
  },
  { method: "get", path: "/api/readyz", summary: "Readiness: 503 until the watch caches have synced (or settled degraded)", tags: ["health"], errors: [503] },
  { method: "get", path: "/api/metrics", summary: "Prometheus metrics of Meshdeck itself (SSE clients, watch restarts, API and Prometheus latency, write outcomes)", tags: ["health"], responseType: "text/plain", errors: [] },
  { method: "get", path: "/api/session", summary: "Who the caller is, the authentication mode and whether Meshdeck is read-only", tags: ["auth"], errors: [401] },
  { method: "get", path: "/api/contexts", summary: "The kubeconfig's contexts (names, clusters, namespaces; never credentials) and the one this session uses", tags: ["auth"], response: contextsSchema, errors: [401, 403] },
  {
    method: "post",
    path: "/api/contexts",
    summary: "Kubeconfig mode: use another context of the dashboard's kubeconfig for this browser session (httpOnly SameSite=strict cookie; every read, write and live update of the session then goes to that context)",
    tags: ["auth"],
    body: selectContextBodySchema,
    response: contextsSchema,
    errors: [400, 403, 404, 409],
  },
  { method: "post", path: "/api/auth/login", summary: "Token mode: sign in with a Kubernetes bearer token (kept server-side; httpOnly SameSite=strict session cookie)", tags: ["auth"], body: loginBodySchema, errors: [400, 401, 403] },
  { method: "post", path: "/api/auth/logout", summary: "End the session", tags: ["auth"], errors: [] },
  { method: "get", path: "/api/access", summary: "May the caller do this? (SelfSubjectAccessReview) — the UI disables what RBAC refuses", tags: ["auth"], query: accessQuerySchema, response: accessAnswerSchema, errors: [400, 403] },
  { method: "get", path: "/api/objects/{kind}/{namespace}/{name}", summary: "The YAML of one object from the watch cache, if the caller may get it", tags: ["mesh"], params: objectPathParamsSchema, response: objectYamlSchema, errors: [400, 403, 404] },
  {
    method: "get",
    path: "/api/openapi.json",
    summary: "This document",
    tags: ["meta"],
    errors: [],
  },
  ...actionOperations,
];
