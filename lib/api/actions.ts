import { z } from "zod";
import { apiErrorSchema } from "@/lib/errors/api-error";
import {
  addTestRouteInputSchema,
  faultInputSchema,
  hostPolicyInputSchema,
  httpRouteWeightsInputSchema,
  mirrorInputSchema,
  promoteInputSchema,
  retriesInputSchema,
  setWeightsInputSchema,
  switchInputSchema,
  timeoutInputSchema,
  trafficPolicyInputSchema,
  undoInputSchema,
  updateTestRouteInputSchema,
} from "@/lib/istio/actions";
import type { Operation } from "./openapi/build";
import { namespaceNameSchema } from "./virtual-services";

// Wire schemas of the traffic-action API (/api/namespaces/{ns}/virtualservices/{name}/…
// and /api/namespaces/{ns}/httproutes/{name}/…). Browser-safe.

/** DNS-1123 subdomain: the shape of a VirtualService / HTTPRoute name. */
export const objectNameSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, "must be a valid object name (DNS-1123 subdomain)");

/**
 * A route or rule in a path: its `name`, its index (`0`), or `http:N` / `tcp:N`
 * (tcp routes have no names). A rule whose name is all digits is found by name first.
 */
export const routeParamSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[^\s/\\\u0000-\u001f\u007f]+$/, "must be a route name or index without spaces, slashes or control characters");

export const objectParamsSchema = z.strictObject({ namespace: namespaceNameSchema, name: objectNameSchema });
export const routeParamsSchema = objectParamsSchema.extend({ route: routeParamSchema });
export const testRouteParamsSchema = objectParamsSchema.extend({ routeName: routeParamSchema });
export const ruleParamsSchema = objectParamsSchema.extend({ rule: routeParamSchema });
export const subsetParamsSchema = objectParamsSchema.extend({ subset: objectNameSchema });

/** Opaque to clients; bounded so nothing odd reaches a header or a log. */
export const resourceVersionSchema = z.string().min(1).max(64).regex(/^[\x21-\x7e]+$/, "must be a resourceVersion as read from the API");

/** `?dryRun=true`: plan and let the API server admit the result (`dryRun=All`) without storing it. */
export const dryRunParamSchema = z.enum(["true", "false"]).describe("true: server-side dry run (Kubernetes dryRun=All): the answer has the resulting object and a diff; nothing is written");

export const actionQuerySchema = z.strictObject({
  dryRun: dryRunParamSchema.optional(),
  /** Alternative to the body's `resourceVersion` (handy for DELETE). */
  resourceVersion: resourceVersionSchema.optional(),
});
export type ActionQuery = z.infer<typeof actionQuerySchema>;

/** Body members every write accepts besides the action's own input. */
export const writePreconditionSchema = z.object({
  /** The resourceVersion the client planned on: another current one → 409 with the fresh object; required (428) for a route addressed by index. */
  resourceVersion: resourceVersionSchema.optional(),
});

/** The body of an action without input (undo without changeId, clear fault, abort, …): `{}` (writes may add `resourceVersion`). */
export const emptyBodySchema = z.strictObject({});

/** What a write's body may hold: the action's input plus `resourceVersion` (as the handlers split it, see lib/k8s/writes/request-body). */
export function writeBodySchema(input: z.ZodType): z.ZodType {
  return input instanceof z.ZodObject ? input.safeExtend(writePreconditionSchema.shape) : z.intersection(input, writePreconditionSchema);
}

const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** POST …/services/{name}/subsets body: the pod label telling versions apart (default `version`). */
export const subsetsInputSchema = z.strictObject({
  label: z.string().max(317).regex(LABEL_KEY, "must be a label key (e.g. version, app.kubernetes.io/version)").optional(),
});


/** A Kubernetes object as the API returns it, minus managedFields and kubectl's last-applied copy. */
export const objectViewSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.object({
    name: z.string(),
    namespace: z.string().optional(),
    uid: z.string().optional(),
    resourceVersion: z.string().optional(),
    generation: z.number().optional(),
    creationTimestamp: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.record(z.string(), z.unknown()),
});
export type ObjectView = z.infer<typeof objectViewSchema>;

export const actionResultSchema = z.object({
  /** Machine name of the action: "set-weights", "switch", "undo", … */
  action: z.string(),
  /** One line for people (also the audit entry and the Event note). */
  summary: z.string(),
  /** false: the object already was as asked; nothing was sent. */
  changed: z.boolean(),
  dryRun: z.boolean(),
  /** The object's resourceVersion now: the new one after a write, else the current one. */
  resourceVersion: z.string(),
  /** The resulting object: as stored (write), as the API server would store it (dry run), or unchanged (no-op). */
  object: objectViewSchema,
  /** Unified line diff of the YAML of `spec`, before → after ("" when unchanged). */
  diff: z.string(),
  /** Whether a Kubernetes Event recorded the change (false: dry run, no-op, or the caller may not create events). */
  eventRecorded: z.boolean(),
});
export type ActionResult = z.infer<typeof actionResultSchema>;

const destinationViewSchema = z.looseObject({ host: z.string(), subset: z.string().optional(), port: z.looseObject({ number: z.number().optional() }).optional() });

export const testRouteViewSchema = z.object({
  index: z.number().int().nonnegative(),
  name: z.string().nullable(),
  condition: z.object({ kind: z.enum(["header", "cookie"]), name: z.string(), match: z.enum(["exact", "prefix", "regex"]), value: z.string() }),
  destination: destinationViewSchema,
  matchCount: z.number().int().nonnegative(),
});

export const testRouteListSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  resourceVersion: z.string(),
  testRoutes: z.array(testRouteViewSchema),
});
export type TestRouteList = z.infer<typeof testRouteListSchema>;

export const auditEntryViewSchema = z.object({
  /** The change's id: pass it as `changeId` to POST …/undo (absent in records written before ids existed). */
  id: z.string().optional(),
  who: z.string(),
  when: z.string(),
  action: z.string(),
  summary: z.string(),
  /** An undo: the id of the change it undid. */
  undoes: z.string().optional(),
});

export const historySchema = z.object({
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  resourceVersion: z.string(),
  /** Meshdeck's recorded changes, oldest first (the last 10). */
  history: z.array(auditEntryViewSchema),
  lastChange: auditEntryViewSchema.nullable(),
  /** Whether POST …/undo would restore the state before `lastChange`, and if not why. */
  undo: z.object({ available: z.boolean(), reason: z.string().optional(), change: auditEntryViewSchema.optional() }),
});
export type History = z.infer<typeof historySchema>;

/** 409 body: the error plus the fresh object, so the UI can show what changed and plan again. */
export const conflictBodySchema = z.object({ error: apiErrorSchema, current: objectViewSchema.optional() });

export const weightsOwnerViewSchema = z.object({
  controller: z.string(),
  namespace: z.string(),
  name: z.string(),
  /** Routes the controller manages; absent: all of them. */
  routes: z.array(z.string()).optional(),
});

/** 423 body: who owns the weights (e.g. the Argo Rollout, whose actions to use instead). */
export const lockedBodySchema = z.object({ error: apiErrorSchema, owner: weightsOwnerViewSchema });

// ---- OpenAPI ------------------------------------------------------------------
// The operations of this API for /api/openapi.json (lib/api/openapi), from the
// same schemas the handlers parse with. Bodies are the planners' input schemas;
// every write body may also carry `resourceVersion` (see writePreconditionSchema).

const VS = "/api/namespaces/{namespace}/virtualservices/{name}";
const HR = "/api/namespaces/{namespace}/httproutes/{name}";
const DR = "/api/namespaces/{namespace}/destinationrules/{name}";
const writeErrors = [400, 403, 404, 409, 422, 423, 428, 503];
const readErrors = [400, 403, 404, 503];
const preconditionNote =
  "Send `X-Meshdeck-Csrf: 1`. The body may carry `resourceVersion` (also `?resourceVersion=`): another current one → 409 with the fresh object in `current`. " +
  "A route or rule addressed by index (not by name) needs it: 428 without. " +
  "A controller owning the route → 423 with `owner`. A no-op answers 200 with `changed: false` and writes nothing. `?dryRun=true`: the API server admits the result without storing it.";

function write(method: Operation["method"], path: string, summary: string, params: z.ZodObject, body: z.ZodType = emptyBodySchema): Operation {
  return { method, path, summary, description: preconditionNote, tags: ["actions"], params, query: actionQuerySchema, body: writeBodySchema(body), response: actionResultSchema, errors: writeErrors };
}

export const actionOperations: Operation[] = [
  write("put", `${VS}/http/{route}/weights`, "Set the traffic split of a route (`route`: name, index, or `tcp:N`)", routeParamsSchema, setWeightsInputSchema),
  write("put", `${VS}/tls/{route}/weights`, "Set the traffic split of a TLS route (`route`: its index or `tls:N`; TLS routes have no name)", routeParamsSchema, setWeightsInputSchema),
  write("put", `${VS}/tcp/{route}/weights`, "Set the traffic split of a TCP route (`route`: its index or `tcp:N`; TCP routes have no name)", routeParamsSchema, setWeightsInputSchema),
  write("post", `${VS}/http/{route}/switch`, "Blue/green switch: the route's 100 % moves to the test routes' destination (or the one given); test routes swap", routeParamsSchema, switchInputSchema),
  write("post", `${VS}/http/{route}/promote`, "Promote one destination of the route to 100 %", routeParamsSchema, promoteInputSchema),
  write("put", `${VS}/http/{route}/fault`, "Inject a delay and/or an abort (optionally only for requests with a header)", routeParamsSchema, faultInputSchema),
  write("delete", `${VS}/http/{route}/fault`, "Remove the route's fault injection", routeParamsSchema),
  write("put", `${VS}/http/{route}/mirror`, "Mirror a share of the route's traffic to a destination", routeParamsSchema, mirrorInputSchema),
  write("delete", `${VS}/http/{route}/mirror`, "Stop mirroring", routeParamsSchema),
  write("put", `${VS}/http/{route}/timeout`, "Set the route's timeout (slower answers end with 504, response flag UT)", routeParamsSchema, timeoutInputSchema),
  write("delete", `${VS}/http/{route}/timeout`, "Remove the route's timeout", routeParamsSchema),
  write("put", `${VS}/http/{route}/retries`, "Set the route's retry policy (`retryOn`: Envoy's retry-on conditions and/or HTTP status codes; `attempts: 0` disables retries)", routeParamsSchema, retriesInputSchema),
  write("delete", `${VS}/http/{route}/retries`, "Remove the route's retry policy (Istio's default applies: 2 retries on connect-failure, refused-stream, unavailable, cancelled and 503)", routeParamsSchema),
  { method: "get", path: `${VS}/test-routes`, summary: "Test routes (header or cookie match, one destination)", tags: ["actions"], params: objectParamsSchema, response: testRouteListSchema, errors: readErrors },
  write("post", `${VS}/test-routes`, "Add a header or cookie test route at the top", objectParamsSchema, addTestRouteInputSchema),
  write("put", `${VS}/test-routes/{routeName}`, "Edit a test route's condition and/or destination", testRouteParamsSchema, updateTestRouteInputSchema),
  write("delete", `${VS}/test-routes/{routeName}`, "Remove a test route", testRouteParamsSchema),
  write("post", `${VS}/undo`, "Undo Meshdeck's last change (`changeId`: the id /history reports; 409 when it is not the last change, was already undone, or the spec changed since)", objectParamsSchema, undoInputSchema),
  { method: "get", path: `${VS}/history`, summary: "Meshdeck's recorded changes (audit annotations) and whether the last can be undone", tags: ["actions"], params: objectParamsSchema, response: historySchema, errors: readErrors },
  write("put", `${HR}/rules/{rule}/weights`, "Set backendRefs weights of a Gateway API HTTPRoute rule (`rule`: name or index)", ruleParamsSchema, httpRouteWeightsInputSchema),
  write("post", `${HR}/undo`, "Undo Meshdeck's last change of the HTTPRoute (`changeId` as for VirtualServices)", objectParamsSchema, undoInputSchema),
  { method: "get", path: `${HR}/history`, summary: "Meshdeck's recorded changes of the HTTPRoute", tags: ["actions"], params: objectParamsSchema, response: historySchema, errors: readErrors },
  write("put", `${DR}/policy`, "Set the DestinationRule's traffic policy (loadBalancer, connectionPool, outlierDetection, tls; unset ones are removed, other fields kept); creates the DestinationRule for `host` (default: its name) when missing", objectParamsSchema, hostPolicyInputSchema),
  write("delete", `${DR}/policy`, "Remove the DestinationRule's load balancer, connection pool, outlier detection and TLS settings", objectParamsSchema),
  write("put", `${DR}/subsets/{subset}/policy`, "Set a subset's traffic policy (overrides the host-level one field by field)", subsetParamsSchema, trafficPolicyInputSchema),
  write("delete", `${DR}/subsets/{subset}/policy`, "Remove a subset's traffic policy (the host-level one applies again)", subsetParamsSchema),
  write("post", `${DR}/undo`, "Undo Meshdeck's last change of the DestinationRule (`changeId` as for VirtualServices)", objectParamsSchema, undoInputSchema),
  { method: "get", path: `${DR}/history`, summary: "Meshdeck's recorded changes of the DestinationRule", tags: ["actions"], params: objectParamsSchema, response: historySchema, errors: readErrors },
  write("post", "/api/namespaces/{namespace}/services/{name}/subsets", "Create DestinationRule subsets from the version label of the Service's pods (body `{ label? }`; `resourceVersion`: the DestinationRule's)", objectParamsSchema, subsetsInputSchema),
];
