/**
 * Istio's documented VirtualService examples (istio.io, Reference › Traffic
 * Management › Virtual Service: HTTPRoute, HTTPMatchRequest, Destination,
 * HTTPRedirect, HTTPDirectResponse, HTTPFaultInjection, mirror) as a table:
 * requests with the workload that must serve them (or the proxy's own answer),
 * and per rule the shares the dashboard's model must show and the simulator
 * must produce. Hosts and namespaces as in the examples (`*.prod.svc`).
 */
export interface DocsRequest {
  /** ns/workload sending the request; prod/productpage-v1 when unset. */
  readonly from?: string;
  readonly host: string;
  readonly port?: number;
  readonly path?: string;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface DocsRuleExpectation {
  readonly index: number;
  /** A request that reaches the rule (sent many times to measure the lab's shares). */
  readonly probe: DocsRequest;
  /** Workload → share of the rule's requests. */
  readonly shares?: Readonly<Record<string, number>>;
  /** Share of requests delayed / aborted / mirrored (to workload). */
  readonly delay?: number;
  readonly abort?: number;
  readonly mirrors?: Readonly<Record<string, number>>;
  readonly action?: "route" | "redirect" | "directResponse";
}

export interface DocsCase {
  readonly name: string;
  readonly spec: Readonly<Record<string, unknown>>;
  readonly requests: readonly (DocsRequest & { expect: string | number })[];
  readonly rules: readonly DocsRuleExpectation[];
}

const REVIEWS = "reviews.prod.svc.cluster.local";
const RATINGS = "ratings.prod.svc.cluster.local";
const reviews = (subset: string) => ({ destination: { host: REVIEWS, subset } });

export const ISTIO_DOCS_CASES: readonly DocsCase[] = [
  {
    name: "HTTPRoute: reviews-route (prefix matches OR-ed, rewrite, default route)",
    spec: {
      hosts: [REVIEWS],
      http: [
        { name: "reviews-v2-routes", match: [{ uri: { prefix: "/wpcatalog" } }, { uri: { prefix: "/consumercatalog" } }], rewrite: { uri: "/newcatalog" }, route: [reviews("v2")] },
        { name: "reviews-v1-route", route: [reviews("v1")] },
      ],
    },
    requests: [
      { host: REVIEWS, path: "/wpcatalog/x", expect: "reviews-v2" },
      { host: REVIEWS, path: "/consumercatalog", expect: "reviews-v2" },
      { host: "reviews", path: "/catalog", expect: "reviews-v1" },
    ],
    rules: [{ index: 1, probe: { host: REVIEWS }, shares: { "reviews-v1": 1 }, action: "route" }],
  },
  {
    name: "Destination: weights 25/75",
    spec: { hosts: [REVIEWS], http: [{ route: [{ ...reviews("v2"), weight: 25 }, { ...reviews("v1"), weight: 75 }] }] },
    requests: [],
    rules: [{ index: 0, probe: { host: REVIEWS }, shares: { "reviews-v2": 0.25, "reviews-v1": 0.75 } }],
  },
  {
    name: "Destination: a missing weight is 0 beside others, a lone destination takes all",
    spec: { hosts: [REVIEWS], http: [{ match: [{ uri: { prefix: "/lone" } }], route: [{ ...reviews("v3"), weight: 10 }] }, { route: [{ ...reviews("v2"), weight: 40 }, reviews("v1")] }] },
    requests: [],
    rules: [
      { index: 0, probe: { host: REVIEWS, path: "/lone" }, shares: { "reviews-v3": 1 } },
      { index: 1, probe: { host: REVIEWS }, shares: { "reviews-v2": 1, "reviews-v1": 0 } },
    ],
  },
  {
    name: "HTTPMatchRequest: ratings-route (header exact AND uri prefix, ignoreUriCase)",
    spec: { hosts: [RATINGS], http: [{ match: [{ headers: { "end-user": { exact: "jason" } }, uri: { prefix: "/ratings/v2/" }, ignoreUriCase: true }], route: [{ destination: { host: RATINGS } }] }] },
    requests: [
      { host: RATINGS, path: "/RATINGS/V2/1", headers: { "end-user": "jason" }, expect: "ratings-v1|ratings-v2" },
      { host: RATINGS, path: "/ratings/v2/1", expect: 404 },
      { host: RATINGS, path: "/ratings/v1/1", headers: { "end-user": "jason" }, expect: 404 },
    ],
    rules: [],
  },
  {
    name: "HTTPMatchRequest fields: method/authority/queryParams/withoutHeaders/regex/port/sourceNamespace/sourceLabels",
    spec: {
      hosts: ["reviews"],
      http: [
        { match: [{ method: { regex: "PUT|DELETE" } }], route: [reviews("v3")] },
        { match: [{ queryParams: { version: { exact: "v2" } } }], route: [reviews("v2")] },
        { match: [{ headers: { "x-build": { regex: "(?<sha>[a-f0-9]{7})" } }, withoutHeaders: { "x-skip": {} } }], route: [reviews("v3")] },
        { match: [{ sourceNamespace: "qa" }], route: [reviews("v2")] },
        { match: [{ sourceLabels: { env: "prod" }, port: 9080, authority: { prefix: "reviews" } }], route: [reviews("v1")] },
      ],
    },
    requests: [
      { host: "reviews", method: "DELETE", expect: "reviews-v3" },
      { host: "reviews", path: "/?version=v2", expect: "reviews-v2" },
      { host: "reviews", headers: { "x-build": "abc1234" }, expect: "reviews-v3" },
      { host: "reviews", headers: { "x-build": "abc1234", "x-skip": "1" }, expect: "reviews-v1" },
      { host: "reviews", headers: { "x-build": "abc12345" }, expect: "reviews-v1" },
      { from: "qa/tester", host: "reviews.prod.svc.cluster.local", expect: "reviews-v2" },
      { host: "reviews", expect: "reviews-v1" },
    ],
    rules: [],
  },
  {
    name: "Gateways: a VirtualService bound to bookinfo-gateway and mesh, match-level gateways",
    spec: {
      hosts: ["reviews", "reviews.example.com"],
      gateways: ["bookinfo-gateway", "mesh"],
      http: [{ match: [{ gateways: ["bookinfo-gateway"] }], route: [reviews("v3")] }, { route: [reviews("v1")] }],
    },
    requests: [
      { from: "istio-system/istio-ingressgateway", host: "reviews.example.com", port: 80, expect: "reviews-v3" },
      { host: "reviews", expect: "reviews-v1" },
    ],
    rules: [],
  },
  {
    name: "HTTPRedirect and HTTPDirectResponse",
    spec: {
      hosts: [RATINGS],
      http: [
        { match: [{ uri: { exact: "/v1/getProductRatings" } }], redirect: { uri: "/v1/bookRatings", authority: "newratings.default.svc.cluster.local" } },
        { match: [{ uri: { exact: "/v1/unknown" } }], directResponse: { status: 503, body: { string: "unknown error" } } },
      ],
    },
    requests: [
      { host: RATINGS, path: "/v1/getProductRatings", expect: 301 },
      { host: RATINGS, path: "/v1/unknown", expect: 503 },
    ],
    rules: [
      { index: 0, probe: { host: RATINGS, path: "/v1/getProductRatings" }, action: "redirect" },
      { index: 1, probe: { host: RATINGS, path: "/v1/unknown" }, action: "directResponse" },
    ],
  },
  {
    name: "HTTPFaultInjection.Delay: requests from env=prod delayed 5s (the example's 0.1 % raised to 10 % to be measurable)",
    spec: { hosts: [REVIEWS], http: [{ match: [{ sourceLabels: { env: "prod" } }], route: [reviews("v1")], fault: { delay: { percentage: { value: 10 }, fixedDelay: "5s" } } }] },
    requests: [{ from: "qa/tester", host: REVIEWS, expect: 404 }],
    rules: [{ index: 0, probe: { host: REVIEWS }, shares: { "reviews-v1": 1 }, delay: 0.1 }],
  },
  {
    name: "HTTPFaultInjection.Delay: the deprecated integer percent (pilot's TranslateFault honours it)",
    spec: { hosts: [REVIEWS], http: [{ route: [reviews("v1")], fault: { delay: { percent: 50, fixedDelay: "5s" } } }] },
    requests: [],
    rules: [{ index: 0, probe: { host: REVIEWS }, delay: 0.5 }],
  },
  {
    name: "HTTPFaultInjection.Abort: 400 for 20 % of ratings requests; a delay without percentage injects nothing",
    spec: { hosts: [RATINGS], http: [{ route: [{ destination: { host: RATINGS, subset: "v1" } }], fault: { abort: { percentage: { value: 20 }, httpStatus: 400 }, delay: { fixedDelay: "1s" } } }] },
    requests: [],
    rules: [{ index: 0, probe: { host: RATINGS }, abort: 0.2, delay: 0 }],
  },
  {
    name: "Mirror: httpbin v1 with every request mirrored to v2; mirrors[] at 40 %",
    spec: {
      hosts: ["httpbin"],
      http: [
        { match: [{ uri: { prefix: "/partial" } }], route: [{ destination: { host: "httpbin", subset: "v1" } }], mirrors: [{ destination: { host: "httpbin", subset: "v2" }, percentage: { value: 40 } }] },
        { route: [{ destination: { host: "httpbin", subset: "v1" }, weight: 100 }], mirror: { host: "httpbin", subset: "v2" }, mirrorPercentage: { value: 100 } },
      ],
    },
    requests: [{ host: "httpbin", expect: "httpbin-v1" }],
    rules: [
      { index: 0, probe: { host: "httpbin", path: "/partial" }, shares: { "httpbin-v1": 1 }, mirrors: { "httpbin-v2": 0.4 } },
      { index: 1, probe: { host: "httpbin" }, shares: { "httpbin-v1": 1 }, mirrors: { "httpbin-v2": 1 } },
    ],
  },
];
