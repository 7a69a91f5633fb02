import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { applyObjects } from "../../lab/core/manifests.js";
import { call, hrPath, useLabAdminKubeconfig, vsPath, type CallOptions } from "./actions-client.js";
import { kubeAs, uniqueNamespace } from "./test-lab.js";

/**
 * Generated malformed requests against every write endpoint: each must get a
 * 4xx (never 5xx) and nothing may change. Every generated request is invalid
 * by construction (bad types, sums, names, regexes, statuses, percentages,
 * durations, unknown routes, path traversal, bad JSON, bad query, stale
 * resourceVersion, bad credentials), so the objects' resourceVersions must stay as they were.
 */
const ns = uniqueNamespace("actions-fuzz");
const admin = () => kubeAs("admin");
const vs = vsPath(ns, "reviews");
const hr = hrPath(ns, "web");
const dr = `/api/namespaces/${ns}/destinationrules/cart`;

const objects: KubeObject[] = [
  {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "reviews", namespace: ns },
    spec: {
      hosts: ["reviews"],
      http: [
        { name: "jason", match: [{ headers: { "end-user": { exact: "jason" } } }], route: [{ destination: { host: "reviews", subset: "v2" } }] },
        { name: "primary", route: [{ destination: { host: "reviews", subset: "v1" }, weight: 80 }, { destination: { host: "reviews", subset: "v2" }, weight: 20 }] },
      ],
      tcp: [{ route: [{ destination: { host: "reviews", port: { number: 9000 } }, weight: 100 }] }],
    },
  },
  {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "web", namespace: ns },
    spec: { parentRefs: [{ group: "", kind: "Service", name: "web", port: 80 }], rules: [{ name: "main", backendRefs: [{ name: "web-a", port: 80, weight: 50 }, { name: "web-b", port: 80, weight: 50 }] }] },
  },
  { apiVersion: "networking.istio.io/v1", kind: "DestinationRule", metadata: { name: "cart", namespace: ns }, spec: { host: "cart", subsets: [{ name: "v1", labels: { version: "v1" } }] } },
];

type Method = "PUT" | "POST" | "DELETE";
interface Req {
  kind: string;
  method: Method;
  path: string;
  options: CallOptions;
}
const req = (kind: string, method: Method, path: string, options: CallOptions = {}): Req => ({ kind, method, path, options });

// ---- building blocks -------------------------------------------------------
const notAnObject = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 }), fc.boolean());
const badWeight = fc.oneof(
  fc.double({ min: 0.01, max: 99.99, noNaN: true }).filter((x) => !Number.isInteger(x)),
  fc.integer({ min: 101, max: 1e9 }),
  fc.integer({ min: -1e9, max: -1 }),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
);
const badHost = fc.constantFrom("", "Bad Host", "a/b", "-x", "x".repeat(300), "ünï", "a..b", "*.*", 5, null);
const badHeaderName = fc.oneof(
  fc.constantFrom("X-Version", "x version", "", "x:y", "é", "x\n", "(x)", "x@y", "a/b", "END-USER"),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => `${s}A `),
);
// Not RE2 (Go's regexp, which Envoy and istiod use): `(?<n>a)` is RE2 and accepted (lib/istio/semantics/regex.ts).
const badRegex = fc.constantFrom("(?=a)", "(?!a)", "(?<=a)", "(?<!a)", "(a)\\1", "(?<n", "a{1001}", "(", ")", "[z-a]", "a**", "\\Z", "(?>a)", "a++", "x".repeat(1025), "\\8", "(?#c)", "[[:foo:]]", "\\p{Nope}", "\\G");
const badStatus = fc.oneof(fc.constantFrom(700, 600, 99, 1000, 0, -500, 199), fc.integer({ min: 600, max: 100_000 }), fc.constant("500"), fc.constant(500.5));
const badPercent = fc.oneof(fc.constantFrom(101, -1, 100.0001, 1e9), fc.double({ min: 100.001, max: 1e6, noNaN: true }), fc.constant("50"), fc.constant(null));
const badDuration = fc.constantFrom("7 seconds", "7", "-1s", "0s", "1.5us", "", "1h2", "7S", "7sec", "1e3s", "0.0001s", "s", "∞s", 7, null);
const validDest = { host: "reviews", subset: "v2" };
const validHeader = { name: "end-user", match: "exact", value: "jason" };
const validFault = { abort: { httpStatus: 500, percentage: 100 } };
const unknownRoute = fc.oneof(
  fc.constantFrom("nope", "99", "http:99", "tcp:7", "http:-1", "PRIMARY", "primary2", "2", "tcp:1", "999999999"),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).filter((s) => !["jason", "primary"].includes(s)),
);
const traversal = fc.constantFrom("..", "../kube-system", "a/../b", "%2e%2e", ".", "UPPER", "a b", "a\u0000b", "x".repeat(300), "-a", "a.", "é", "a\\b", "/", "..%2f..", "a?b=c", "%", "a\tb");

// ---- requests per endpoint ---------------------------------------------------
const weightsBody = fc.oneof(
  notAnObject.map((body) => ({ body })),
  fc.record({ body: fc.record({ weights: notAnObject }) }),
  badWeight.map((w) => ({ body: { weights: [{ host: "reviews", subset: "v1", weight: w }, { host: "reviews", subset: "v2", weight: 20 }] } })),
  fc
    .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
    .filter(([a, b]) => a + b !== 100)
    .map(([a, b]) => ({ body: { weights: [{ host: "reviews", subset: "v1", weight: a }, { host: "reviews", subset: "v2", weight: b }] } })),
  fc.record({ extra: fc.string({ minLength: 1 }).filter((k) => !["weights", "allowAdd", "allowRemove", "resourceVersion"].includes(k)) }).map(({ extra }) => ({
    body: { weights: [{ host: "reviews", subset: "v1", weight: 50 }, { host: "reviews", subset: "v2", weight: 50 }], [extra]: 1 },
  })),
  badHost.map((host) => ({ body: { weights: [{ host, subset: "v1", weight: 50 }, { host: "reviews", subset: "v2", weight: 50 }] } })),
  fc.constant({ body: { weights: [{ host: "reviews", subset: "v1", weight: 50 }, { host: "reviews", subset: "v1", weight: 50 }] } }),
  fc.constant({ body: { weights: [] } }),
  fc.constant({ body: { weights: [{ host: "reviews", subset: "V1", weight: 100 }] } }),
  fc.constant({ body: { weights: [{ host: "reviews", subset: "v1", port: 70000, weight: 100 }] } }),
  fc.oneof(fc.integer(), fc.constant(""), fc.boolean(), fc.constant("a b"), fc.constant("x".repeat(65))).map((rv) => ({
    body: { weights: [{ host: "reviews", subset: "v1", weight: 50 }, { host: "reviews", subset: "v2", weight: 50 }], resourceVersion: rv },
  })),
);
const weightsReq = fc.oneof(
  fc.tuple(fc.constantFrom("primary", "1", "http:1"), weightsBody).map(([route, o]) => req("weights: bad body", "PUT", `${vs}/http/${route}/weights`, o)),
  // A valid split, but on a route that does not exist, or planned on a stale resourceVersion.
  unknownRoute.map((route) => req("weights: unknown route", "PUT", `${vs}/http/${encodeURIComponent(route)}/weights`, { body: { weights: [{ host: "reviews", subset: "v1", weight: 50 }, { host: "reviews", subset: "v2", weight: 50 }] } })),
  fc.constantFrom("1", "2", "999999999").map((rv) => req("weights: stale resourceVersion", "PUT", `${vs}/http/primary/weights`, { body: { weights: [{ host: "reviews", subset: "v1", weight: 50 }, { host: "reviews", subset: "v2", weight: 50 }], resourceVersion: rv } })),
  // Destinations the route does not have / a tcp route with an http destination list.
  fc.constant(req("weights: not in route", "PUT", `${vs}/http/primary/weights`, { body: { weights: [{ host: "reviews", subset: "v3", weight: 100 }] } })),
  fc.constant(req("weights: tcp not in route", "PUT", `${vs}/http/tcp:0/weights`, { body: { weights: [{ host: "other", weight: 100 }] } })),
);
const testRouteBody = fc.oneof(
  badHeaderName.map((name) => ({ header: { name, match: "exact", value: "v" }, destination: validDest })),
  badRegex.map((value) => ({ header: { name: "x-user", match: "regex", value }, destination: validDest })),
  badRegex.map((value) => ({ cookie: { name: "session", match: "regex", value }, destination: validDest })),
  fc.constantFrom("a b", "a;b", 'a"b', "a,b", "a\\b").map((value) => ({ cookie: { name: "session", value }, destination: validDest })),
  fc.constant({ header: validHeader, cookie: { name: "s", value: "x" }, destination: validDest }),
  fc.constant({ header: { name: "x", match: "contains", value: "v" }, destination: validDest }),
  fc.constant({ header: { name: "x", match: "exact", value: "" }, destination: validDest }),
  fc.constant({ header: { name: "x", match: "exact", value: "a\r\nb" }, destination: validDest }),
  badHost.map((host) => ({ header: validHeader, destination: { host } })),
  fc.constant({ name: "has space", header: validHeader, destination: validDest }),
  fc.constant({ name: "primary", header: { name: "x-other", match: "exact", value: "1" }, destination: validDest }),
  notAnObject,
);
/** Invalid for an add (a condition and a destination are required), valid for an edit. */
const addOnlyBad = fc.constantFrom({ destination: validDest }, { header: validHeader }, {});
const testRouteReq = fc.oneof(
  testRouteBody.map((body) => req("test route: bad body", "POST", `${vs}/test-routes`, { body })),
  addOnlyBad.map((body) => req("test route: incomplete", "POST", `${vs}/test-routes`, { body })),
  testRouteBody.map((body) => req("test route edit: bad body", "PUT", `${vs}/test-routes/jason`, { body })),
  fc.constant(req("test route edit: nothing to change", "PUT", `${vs}/test-routes/jason`, { body: {} })),
  fc.constantFrom("primary", "1").map((r) => req("test route: not a test route", "DELETE", `${vs}/test-routes/${r}`)),
  fc.constantFrom("primary", "1").map((r) => req("test route: edit a non-test route", "PUT", `${vs}/test-routes/${r}`, { body: { destination: validDest } })),
  unknownRoute.map((r) => req("test route: unknown", "DELETE", `${vs}/test-routes/${encodeURIComponent(r)}`)),
  fc.constant(req("test route delete: body", "DELETE", `${vs}/test-routes/jason`, { body: { unexpected: true } })),
);
const faultBody = fc.oneof(
  badStatus.map((httpStatus) => ({ abort: { httpStatus, percentage: 100 } })),
  badPercent.map((percentage) => ({ abort: { httpStatus: 500, percentage } })),
  badPercent.map((percentage) => ({ delay: { fixedDelay: "7s", percentage } })),
  badDuration.map((fixedDelay) => ({ delay: { fixedDelay, percentage: 100 } })),
  fc.constant({}),
  fc.constant({ ...validFault, extra: 1 }),
  fc.constant({ abort: { httpStatus: 500, percentage: 100, grpcStatus: "x" } }),
  badHeaderName.map((name) => ({ ...validFault, onlyForHeader: { name, match: "exact", value: "jason" } })),
  badRegex.map((value) => ({ ...validFault, onlyForHeader: { name: "end-user", match: "regex", value } })),
  notAnObject,
);
const faultReq = fc.oneof(
  fc.tuple(fc.constantFrom("primary", "jason", "0"), faultBody).map(([r, body]) => req("fault: bad body", "PUT", `${vs}/http/${r}/fault`, { body })),
  unknownRoute.map((r) => req("fault: unknown route", "PUT", `${vs}/http/${encodeURIComponent(r)}/fault`, { body: validFault })),
  fc.constant(req("fault: tcp route", "PUT", `${vs}/http/tcp:0/fault`, { body: validFault })),
  unknownRoute.map((r) => req("fault clear: unknown route", "DELETE", `${vs}/http/${encodeURIComponent(r)}/fault`)),
  fc.constant(req("fault clear: body", "DELETE", `${vs}/http/primary/fault`, { body: { all: true } })),
);
const mirrorReq = fc.oneof(
  badPercent.map((percentage) => req("mirror: bad percentage", "PUT", `${vs}/http/primary/mirror`, { body: { destination: validDest, percentage } })),
  badHost.map((host) => req("mirror: bad destination", "PUT", `${vs}/http/primary/mirror`, { body: { destination: { host }, percentage: 10 } })),
  fc.constant(req("mirror: no destination", "PUT", `${vs}/http/primary/mirror`, { body: { percentage: 10 } })),
  unknownRoute.map((r) => req("mirror: unknown route", "PUT", `${vs}/http/${encodeURIComponent(r)}/mirror`, { body: { destination: validDest } })),
  unknownRoute.map((r) => req("mirror clear: unknown route", "DELETE", `${vs}/http/${encodeURIComponent(r)}/mirror`)),
);
const badRetryOn = fc.oneof(
  fc.constantFrom("sometimes", "5XX", "5xx;gateway-error", "599", "", " , ", "5xx,,bogus", "retry-on", "x".repeat(600)),
  fc.stringMatching(/^[a-z]{3,12}$/).filter((v) => !["reset", "cancelled", "internal", "unavailable"].includes(v)),
);
const retriesBody = fc.oneof(
  badRetryOn.map((retryOn) => ({ attempts: 2, retryOn })),
  fc.oneof(fc.constantFrom(-1, 101, 2.5, 1e9), fc.constant("3"), fc.constant(null)).map((attempts) => ({ attempts })),
  badDuration.map((perTryTimeout) => ({ attempts: 2, perTryTimeout })),
  fc.constant({ retryOn: "5xx" }),
  fc.constant({ attempts: 2, retryRemoteLocalities: "yes" }),
  fc.constant({ attempts: 2, backoff: "25ms" }),
  notAnObject,
);
const timeoutRetriesReq = fc.oneof(
  fc.tuple(fc.constantFrom("primary", "jason"), badDuration).map(([r, timeout]) => req("timeout: bad duration", "PUT", `${vs}/http/${r}/timeout`, { body: { timeout } })),
  fc.oneof(notAnObject, fc.constant({}), fc.constant({ timeout: "1s", extra: 1 })).map((body) => req("timeout: bad body", "PUT", `${vs}/http/primary/timeout`, { body })),
  fc.constant(req("timeout: tcp route", "PUT", `${vs}/http/tcp:0/timeout`, { body: { timeout: "1s" } })),
  unknownRoute.map((r) => req("timeout: unknown route", "PUT", `${vs}/http/${encodeURIComponent(r)}/timeout`, { body: { timeout: "1s" } })),
  unknownRoute.map((r) => req("timeout clear: unknown route", "DELETE", `${vs}/http/${encodeURIComponent(r)}/timeout`)),
  fc.tuple(fc.constantFrom("primary", "jason"), retriesBody).map(([r, body]) => req("retries: bad body", "PUT", `${vs}/http/${r}/retries`, { body })),
  unknownRoute.map((r) => req("retries: unknown route", "PUT", `${vs}/http/${encodeURIComponent(r)}/retries`, { body: { attempts: 2 } })),
  fc.constant(req("retries clear: body", "DELETE", `${vs}/http/primary/retries`, { body: { all: true } })),
);
const badPolicy = fc.oneof(
  notAnObject,
  fc.constant({}),
  badDuration.map((interval) => ({ outlierDetection: { interval } })),
  badDuration.map((baseEjectionTime) => ({ outlierDetection: { baseEjectionTime } })),
  fc.oneof(fc.constantFrom(-1, 101, 2.5, "10"), fc.constant(null)).map((maxEjectionPercent) => ({ outlierDetection: { maxEjectionPercent } })),
  fc.oneof(fc.constantFrom(-1, 1.5, "5"), fc.constant(null)).map((consecutive5xxErrors) => ({ outlierDetection: { consecutive5xxErrors } })),
  fc.constantFrom("FASTEST", "round_robin", "", 1).map((simple) => ({ loadBalancer: { simple } })),
  fc.constant({ loadBalancer: { simple: "RANDOM", consistentHash: { useSourceIp: true } } }),
  fc.constant({ loadBalancer: { consistentHash: {} } }),
  fc.constant({ loadBalancer: { consistentHash: { httpHeaderName: "a", httpQueryParameterName: "b" } } }),
  fc.constant({ loadBalancer: { consistentHash: { useSourceIp: false } } }),
  fc.constant({ loadBalancer: { consistentHash: { httpCookie: { name: "c", ttl: "-1s" } } } }),
  fc.constantFrom(0, -5, 1.5, "10").map((maxConnections) => ({ connectionPool: { tcp: { maxConnections } } })),
  fc.constant({ connectionPool: {} }),
  fc.constantFrom("PLAIN", "istio_mutual", "", null).map((mode) => ({ tls: { mode } })),
  fc.constant({ outlierDetection: {}, portLevelSettings: [] }),
);
const unknownSubset = unknownRoute.filter((s) => s !== "v1");
const policyReq = fc.oneof(
  badPolicy.map((policy) => req("policy: bad policy", "PUT", `${dr}/policy`, { body: { policy } })),
  fc.oneof(notAnObject, fc.constant({}), fc.constant({ policy: { tls: { mode: "DISABLE" } }, host: "" }), fc.constant({ outlierDetection: {} })).map((body) =>
    req("policy: bad body", "PUT", `${dr}/policy`, { body }),
  ),
  badPolicy.map((body) => req("subset policy: bad policy", "PUT", `${dr}/subsets/v1/policy`, { body })),
  unknownSubset.map((s) => req("subset policy: unknown subset", "PUT", `${dr}/subsets/${encodeURIComponent(s)}/policy`, { body: { tls: { mode: "DISABLE" } } })),
  unknownSubset.map((s) => req("subset policy clear: unknown subset", "DELETE", `${dr}/subsets/${encodeURIComponent(s)}/policy`)),
  fc.constant(req("policy clear: body", "DELETE", `${dr}/policy`, { body: { all: true } })),
);
const switchPromoteReq = fc.oneof(
  fc.oneof(notAnObject, fc.constant({ destination: { host: 5 } }), fc.constant({ destination: validDest, extra: 1 }), fc.constant({ to: "green" })).map((body) =>
    req("switch: bad body", "POST", `${vs}/http/primary/switch`, { body }),
  ),
  // primary splits 80/20: a switch needs one live destination.
  fc.constant(req("switch: split route", "POST", `${vs}/http/primary/switch`, { body: {} })),
  unknownRoute.map((r) => req("switch: unknown route", "POST", `${vs}/http/${encodeURIComponent(r)}/switch`, { body: {} })),
  fc.oneof(notAnObject, fc.constant({}), fc.constant({ destination: { subset: "v2" } })).map((body) => req("promote: bad body", "POST", `${vs}/http/primary/promote`, { body })),
  fc.constant(req("promote: not in route", "POST", `${vs}/http/primary/promote`, { body: { destination: { host: "reviews", subset: "v9" } } })),
  unknownRoute.map((r) => req("promote: unknown route", "POST", `${vs}/http/${encodeURIComponent(r)}/promote`, { body: { destination: validDest } })),
);
const undoReq = fc.oneof(
  fc.constant(req("undo: nothing recorded", "POST", `${vs}/undo`)),
  fc.constant(req("undo: nothing recorded (HTTPRoute)", "POST", `${hr}/undo`, { body: {} })),
  notAnObject.filter((b) => b !== null && !(Array.isArray(b) && b.length === 0)).map((body) => req("undo: bad body", "POST", `${vs}/undo`, { body: typeof body === "object" ? body : { x: body } })),
);
const httpRouteReq = fc.oneof(
  badWeight.map((w) => req("HTTPRoute weights: bad weight", "PUT", `${hr}/rules/main/weights`, { body: { weights: [{ name: "web-a", weight: w }, { name: "web-b", weight: 50 }] } })),
  fc
    .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
    .filter(([a, b]) => a + b !== 100)
    .map(([a, b]) => req("HTTPRoute weights: sum", "PUT", `${hr}/rules/0/weights`, { body: { weights: [{ name: "web-a", weight: a }, { name: "web-b", weight: b }] } })),
  unknownRoute.map((r) => req("HTTPRoute weights: unknown rule", "PUT", `${hr}/rules/${encodeURIComponent(r)}/weights`, { body: { weights: [{ name: "web-a", weight: 60 }, { name: "web-b", weight: 40 }] } })),
  fc.constant(req("HTTPRoute weights: new backend without port", "PUT", `${hr}/rules/0/weights`, { body: { weights: [{ name: "web-c", weight: 100 }], allowAdd: true, allowRemove: true } })),
  fc.constantFrom("Bad", "a_b", "").map((namespace) => req("HTTPRoute weights: bad backend namespace", "PUT", `${hr}/rules/0/weights`, { body: { weights: [{ name: "web-a", namespace, weight: 100 }] } })),
);
const pathReq = fc.oneof(
  fc.tuple(traversal, fc.constantFrom("ns", "name", "route")).map(([bad, where]) => {
    const seg = encodeURIComponent(bad);
    const path =
      where === "ns" ? `/api/namespaces/${seg}/virtualservices/reviews/http/primary/weights` : where === "name" ? `/api/namespaces/${ns}/virtualservices/${seg}/http/primary/weights` : `${vs}/http/${seg}/weights`;
    return req(`path traversal in ${where}`, "PUT", path, { body: { weights: [{ host: "reviews", subset: "v1", weight: 50 }, { host: "reviews", subset: "v2", weight: 50 }] } });
  }),
  traversal.map((bad) => req("path traversal in an HTTPRoute name", "POST", `/api/namespaces/${ns}/httproutes/${encodeURIComponent(bad)}/undo`)),
  // A valid name where there is no such object.
  fc.constantFrom("kube-system", "no-such-namespace").map((n) => req("missing object", "POST", `/api/namespaces/${n}/virtualservices/reviews/undo`)),
);
const queryReq = fc
  .constantFrom("dryRun=yes", "dryRun=1", "dryRun=", "foo=bar", "dryRun=true&dryRun=false", "resourceVersion=", "resourceVersion=a%20b", "dryRun=TRUE")
  .map((q) => req(`bad query ${q}`, "PUT", `${vs}/http/primary/weights?${q}`, { body: { weights: [{ host: "reviews", subset: "v1", weight: 50 }, { host: "reviews", subset: "v2", weight: 50 }] } }));
const rawReq = fc
  .oneof(fc.constantFrom("{", '{"weights":', "nul", "[1,2]", '"str"', "null", "1", "\u0000", "{}}", `{"weights":[${"1,".repeat(30_000)}1]}`), fc.string().filter((s) => s.trim() !== ""))
  .map((rawBody) => req("raw body", "PUT", `${vs}/http/primary/weights`, { rawBody }));
const conflictReq = fc.constant(req("both resourceVersions differ", "PUT", `${vs}/http/primary/weights?resourceVersion=5`, { body: { weights: [{ host: "reviews", subset: "v1", weight: 50 }, { host: "reviews", subset: "v2", weight: 50 }], resourceVersion: "6" } }));

// Malformed or bogus credentials on an otherwise valid edit: refused, never acted on as anyone else.
const authReq = fc
  .oneof(fc.constantFrom("Bearer", "Bearer abc\u00e4def", "bearer a b", "Bearer \u00ff", "Bearer not-a-token"), fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/).map((t) => `Bearer ${t}`))
  .map((authorization) => req("bad credentials", "PUT", `${vs}/http/primary/weights`, { body: { weights: [{ host: "reviews", subset: "v1", weight: 50 }, { host: "reviews", subset: "v2", weight: 50 }] }, headers: { authorization } }));

const anyBadRequest = fc.oneof(weightsReq, testRouteReq, faultReq, mirrorReq, timeoutRetriesReq, policyReq, switchPromoteReq, undoReq, httpRouteReq, pathReq, queryReq, rawReq, conflictReq, authReq);

const versions = async () => [
  (await admin().get("networking.istio.io/v1", "VirtualService", ns, "reviews")).metadata.resourceVersion,
  (await admin().get("gateway.networking.k8s.io/v1", "HTTPRoute", ns, "web")).metadata.resourceVersion,
  (await admin().get("networking.istio.io/v1", "DestinationRule", ns, "cart")).metadata.resourceVersion,
];

beforeAll(async () => {
  useLabAdminKubeconfig();
  await applyObjects(admin(), objects, { namespace: ns });
});
afterAll(() => admin().delete("v1", "Namespace", undefined, ns));

describe("generated malformed requests", () => {
  it("get only 4xx, never 5xx, and change nothing", async () => {
    const before = await versions();
    const byStatus = new Map<number, number>();
    const byKind = new Map<string, number>();
    let total = 0;
    await fc.assert(
      fc.asyncProperty(anyBadRequest, async (r) => {
        const res = await call(r.method, r.path, r.options);
        total++;
        byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
        byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
        if (res.status < 400 || res.status >= 500) throw new Error(`${r.kind}: ${r.method} ${r.path} ${JSON.stringify(r.options.body ?? r.options.rawBody)?.slice(0, 300)} → ${res.status} ${JSON.stringify(res.body)}`);
        if (res.status !== 405) expect(res.body.error.code).toEqual(expect.any(String));
      }),
      { numRuns: 1500, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    console.log(`${total} malformed requests: ${[...byStatus].sort().map(([s, n]) => `${n} × ${s}`).join(", ")}; ${byKind.size} kinds`);
    expect(total).toBeGreaterThanOrEqual(1000);
    expect(await versions()).toEqual(before);
  }, 600_000);
});
