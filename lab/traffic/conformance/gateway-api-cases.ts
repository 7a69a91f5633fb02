/**
 * Request → backend expectations of the Gateway API conformance suite
 * (sigs.k8s.io/gateway-api/conformance v1.6.1, tests/httproute-*.go),
 * transcribed; the manifests are read from the Go module (see
 * gateway-api.test.ts). `expect` is the Deployment that must serve the request,
 * or the status code the gateway must answer itself.
 */
export interface ConformanceCase {
  readonly path: string;
  /** The Host header; a port in it does not change the port the request is sent to. */
  readonly host?: string;
  /** The Gateway port the request is sent to (80 when unset). */
  readonly port?: number;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The Gateway the request is sent to, when not the suite's. */
  readonly gateway?: string;
  readonly expect: string | number;
  /** Backends the request must be mirrored to, with the share of requests (1 = every one). */
  readonly mirrors?: Readonly<Record<string, number>>;
  /** Share of requests per backend instead of one backend (weights). */
  readonly shares?: Readonly<Record<string, number>>;
}

export interface ConformanceSuite {
  /** The manifest and test file name in conformance/tests, without extension. */
  readonly file: string;
  readonly feature: string;
  /** Default Gateway (in gateway-conformance-infra); "same-namespace" when unset. */
  readonly gateway?: string;
  readonly cases: readonly ConformanceCase[];
}

const V1 = "infra-backend-v1";
const V2 = "infra-backend-v2";
const V3 = "infra-backend-v3";

export const GATEWAY_API_CASES: readonly ConformanceSuite[] = [
  { file: "httproute-matching", feature: "path and header matching", cases: [
    { path: "/", expect: V1 },
    { path: "/example", expect: V1 },
    { path: "/", headers: { "Version": "one" }, expect: V1 },
    { path: "/v2", expect: V2 },
    { path: "/v2/example", expect: V2 },
    { path: "/", headers: { "Version": "two" }, expect: V2 },
    { path: "/v2/", expect: V2 },
    { path: "/v2example", expect: V1 },
    { path: "/foo/v2/example", expect: V1 },
  ] },
  { file: "httproute-exact-path-matching", feature: "exact path", cases: [
    { path: "/one", expect: V1 },
    { path: "/two", expect: V2 },
    { path: "/", expect: 404 },
    { path: "/one/example", expect: 404 },
    { path: "/two/", expect: 404 },
    { path: "/Two", expect: 404 },
  ] },
  { file: "httproute-header-matching", feature: "header matching", cases: [
    { path: "/", headers: { "Version": "one" }, expect: V1 },
    { path: "/", headers: { "Version": "two" }, expect: V2 },
    { path: "/", headers: { "Version": "two", "Color": "orange" }, expect: V1 },
    { path: "/", headers: { "Version": "two", "Color": "blue" }, expect: V2 },
    { path: "/", headers: { "Color": "orange" }, expect: 404 },
    { path: "/", headers: { "Some-Other-Header": "one" }, expect: 404 },
    { path: "/", headers: { "Color": "blue" }, expect: V1 },
    { path: "/", headers: { "Color": "green" }, expect: V1 },
    { path: "/", headers: { "Color": "red" }, expect: V2 },
    { path: "/", headers: { "Color": "yellow" }, expect: V2 },
    { path: "/", headers: { "Color": "purple" }, expect: 404 },
  ] },
  { file: "httproute-query-param-matching", feature: "query param matching", cases: [
    { path: "/?animal=whale", expect: V1 },
    { path: "/?animal=dolphin", expect: V2 },
    { path: "/?animal=dolphin&color=blue", expect: V3 },
    { path: "/?ANIMAL=Whale", expect: V3 },
    { path: "/?animal=whale&otherparam=irrelevant", expect: V1 },
    { path: "/?animal=dolphin&color=yellow", expect: V2 },
    { path: "/?color=blue", expect: 404 },
    { path: "/?animal=dog", expect: 404 },
    { path: "/?animal=whaledolphin", expect: 404 },
    { path: "/", expect: 404 },
    { path: "/path1?animal=whale", expect: V1 },
    { path: "/?animal=whale", headers: { version: "one" }, expect: V2 },
    { path: "/path2?animal=whale", headers: { version: "two" }, expect: V3 },
    { path: "/path3?animal=shark", expect: V1 },
    { path: "/path4?animal=kraken", headers: { version: "three" }, expect: V1 },
    { path: "/?animal=shark", expect: 404 },
    { path: "/path4?animal=kraken", expect: 404 },
    { path: "/path5?animal=hydra", expect: V1 },
    { path: "/?animal=hydra", headers: { version: "four" }, expect: V3 },
  ] },
  { file: "httproute-method-matching", feature: "method matching", cases: [
    { method: "POST", path: "/", expect: V1 },
    { method: "GET", path: "/", expect: V2 },
    { method: "HEAD", path: "/", expect: 404 },
    { method: "GET", path: "/path1", expect: V1 },
    { method: "PUT", path: "/", headers: { version: "one" }, expect: V2 },
    { method: "POST", path: "/path2", headers: { version: "two" }, expect: V3 },
    { method: "PATCH", path: "/path3", expect: V1 },
    { method: "DELETE", path: "/path4", headers: { version: "three" }, expect: V1 },
    { method: "PUT", path: "/", expect: 404 },
    { method: "DELETE", path: "/path4", expect: 404 },
    { method: "PATCH", path: "/path5", expect: V1 },
    { method: "PATCH", path: "/", headers: { version: "four" }, expect: V2 },
  ] },
  { file: "httproute-path-match-order", feature: "match precedence", cases: [
    { path: "/match/exact/one", expect: V3 },
    { path: "/match/exact", expect: V2 },
    { path: "/match", expect: V1 },
    { path: "/match/prefix/one/any", expect: V2 },
    { path: "/match/prefix/any", expect: V1 },
    { path: "/match/any", expect: V3 },
  ] },
  { file: "httproute-matching-across-routes", feature: "match precedence", cases: [
    { host: "example.com", path: "/", expect: V1 },
    { host: "example.com", path: "/example", expect: V1 },
    { host: "example.net", path: "/example", expect: V1 },
    { host: "example.com", path: "/example", headers: { "Version": "one" }, expect: V1 },
    { host: "example.com", path: "/v2", expect: V2 },
    { host: "example.net", path: "/v2", expect: V1 },
    { host: "example.com", path: "/v2/example", expect: V2 },
    { host: "example.com", path: "/", headers: { "Version": "two" }, expect: V2 },
  ] },
  { file: "httproute-listener-hostname-matching", feature: "hostnames", gateway: "httproute-listener-hostname-matching", cases: [
    { host: "bar.com", path: "/", expect: V1 },
    { host: "foo.bar.com", path: "/", expect: V2 },
    { host: "baz.bar.com", path: "/", expect: V3 },
    { host: "boo.bar.com", path: "/", expect: V3 },
    { host: "multiple.prefixes.bar.com", path: "/", expect: V3 },
    { host: "multiple.prefixes.foo.com", path: "/", expect: V3 },
    { host: "foo.com", path: "/", expect: 404 },
    { host: "no.matching.host", path: "/", expect: 404 },
  ] },
  { file: "httproute-hostname-intersection", feature: "hostnames", gateway: "httproute-hostname-intersection", cases: [
    { host: "very.specific.com", path: "/s1", expect: V1 },
    { host: "very.specific.com:1234", path: "/s1", expect: V1 },
    { host: "non.matching.com", path: "/s1", expect: 404 },
    { host: "foo.nonmatchingwildcard.io", path: "/s1", expect: 404 },
    { host: "foo.wildcard.io", path: "/s1", expect: 404 },
    { host: "very.specific.com", path: "/non-matching-prefix", expect: 404 },
    { host: "foo.wildcard.io", path: "/s2", expect: V2 },
    { host: "bar.wildcard.io", path: "/s2", expect: V2 },
    { host: "foo.bar.wildcard.io", path: "/s2", expect: V2 },
    { host: "non.matching.com", path: "/s2", expect: 404 },
    { host: "wildcard.io", path: "/s2", expect: 404 },
    { host: "very.specific.com", path: "/s2", expect: 404 },
    { host: "foo.wildcard.io", path: "/non-matching-prefix", expect: 404 },
    { host: "very.specific.com", path: "/s3", expect: V3 },
    { host: "non.matching.com", path: "/s3", expect: 404 },
    { host: "foo.specific.com", path: "/s3", expect: 404 },
    { host: "foo.wildcard.io", path: "/s3", expect: 404 },
    { host: "very.specific.com", path: "/non-matching-prefix", expect: 404 },
    { host: "foo.anotherwildcard.io", path: "/s4", expect: V1 },
    { host: "bar.anotherwildcard.io", path: "/s4", expect: V1 },
    { host: "foo.bar.anotherwildcard.io", path: "/s4", expect: V1 },
    { host: "anotherwildcard.io", path: "/s4", expect: 404 },
    { host: "foo.wildcard.io", path: "/s4", expect: 404 },
    { host: "very.specific.com", path: "/s4", expect: 404 },
    { host: "foo.anotherwildcard.io", path: "/non-matching-prefix", expect: 404 },
    { host: "specific.but.wrong.com", path: "/s5", expect: 404 },
    { host: "wildcard.io", path: "/s5", expect: 404 },
    { host: "first.com", gateway: "httproute-hostname-intersection-all", path: "/", expect: V2 },
    { host: "sub.first.com", gateway: "httproute-hostname-intersection-all", path: "/", expect: V2 },
    { host: "second.com", gateway: "httproute-hostname-intersection-all", path: "/", expect: V2 },
    { host: "sub.second.com", gateway: "httproute-hostname-intersection-all", path: "/", expect: V2 },
    { host: "third.com", gateway: "httproute-hostname-intersection-all", path: "/", expect: 404 },
    { host: "sub.third.com", gateway: "httproute-hostname-intersection-all", path: "/", expect: 404 },
  ] },
  { file: "httproute-simple-same-namespace", feature: "backends", cases: [
    { path: "/", expect: V1 },
  ] },
  { file: "httproute-cross-namespace", feature: "backends", gateway: "backend-namespaces", cases: [
    { path: "/", expect: "web-backend" },
  ] },
  { file: "httproute-listener-port-matching", feature: "listener ports", gateway: "httproute-listener-port-matching", cases: [
    { host: "foo.com", path: "/", expect: V1 },
    { host: "foo.com:8080", port: 8080, path: "/", expect: V2 },
    { host: "bar.com:8080", port: 8080, path: "/", expect: V2 },
    { host: "foo.com:8090", port: 8090, path: "/", expect: V3 },
    { host: "bar.com:8090", port: 8090, path: "/", expect: 404 },
  ] },
  { file: "httproute-303-redirect", feature: "redirects", cases: [
    { method: "POST", path: "/see-other", expect: 303 },
  ] },
  { file: "httproute-307-redirect", feature: "redirects", cases: [
    { path: "/temporary", expect: 307 },
  ] },
  { file: "httproute-308-redirect", feature: "redirects", cases: [
    { path: "/permanent", expect: 308 },
  ] },
  { file: "httproute-redirect-host-and-status", feature: "redirects", cases: [
    { path: "/hostname-redirect", expect: 302 },
    { path: "/host-and-status", expect: 301 },
  ] },
  { file: "httproute-redirect-path", feature: "redirects", cases: [
    { path: "/original-prefix/lemon", expect: 302 },
    { path: "/full/path/original", expect: 302 },
    { path: "/path-and-host", expect: 302 },
    { path: "/path-and-status", expect: 301 },
    { path: "/full-path-and-host", expect: 302 },
    { path: "/full-path-and-status", expect: 301 },
  ] },
  { file: "httproute-redirect-port", feature: "redirects", cases: [
    { path: "/port", expect: 302 },
    { path: "/port-and-host", expect: 302 },
    { path: "/port-and-status", expect: 301 },
    { path: "/port-and-host-and-status", expect: 302 },
  ] },
  { file: "httproute-redirect-scheme", feature: "redirects", cases: [
    { path: "/scheme", expect: 302 },
    { path: "/scheme-and-host", expect: 302 },
    { path: "/scheme-and-status", expect: 301 },
    { path: "/scheme-and-host-and-status", expect: 302 },
  ] },
  { file: "httproute-invalid-nonexistent-backendref", feature: "backends", cases: [
    { method: "GET", path: "/", expect: 500 },
  ] },
  { file: "httproute-omitted-backendrefs", feature: "backends", cases: [
    { path: "/forward", expect: V1 },
    { path: "/omitted-no-forward", expect: 500 },
    { path: "/empty-no-forward", expect: 500 },
  ] },
  { file: "httproute-multiple-gateways", feature: "backends", cases: [
    { path: "/shared", gateway: "same-namespace", expect: V1 },
    { path: "/", gateway: "same-namespace", expect: V2 },
    { path: "/shared", gateway: "all-namespaces", expect: V1 },
    { path: "/", gateway: "all-namespaces", expect: V3 },
  ] },
  { file: "httproute-weight", feature: "weights", cases: [
    { path: "/", expect: 200, shares: { [V1]: 0.7, [V2]: 0.3, [V3]: 0 } },
  ] },
  { file: "httproute-request-mirror", feature: "request mirror", cases: [
    { path: "/mirror", expect: V1, mirrors: { [V2]: 1 } },
    { path: "/mirror-and-modify-headers", headers: { "X-Header-Remove": "remove-val", "X-Header-Add-Append": "append-val-1" }, expect: V1, mirrors: { [V2]: 1 } },
  ] },
  { file: "httproute-request-multiple-mirrors", feature: "request mirror", cases: [
    { path: "/multi-mirror", expect: V1, mirrors: { [V2]: 1, [V3]: 1 } },
    { path: "/multi-mirror-and-modify-request-headers", headers: { "X-Header-Remove": "remove-val", "X-Header-Add-Append": "append-val-1" }, expect: V1, mirrors: { [V2]: 1, [V3]: 1 } },
  ] },
  { file: "httproute-request-percentage-mirror", feature: "request mirror", cases: [
    { path: "/percent-mirror", expect: V1, mirrors: { [V2]: 0.2 } },
    { path: "/percent-mirror-fraction", expect: V1, mirrors: { [V2]: 0.5 } },
    { path: "/percent-mirror-and-modify-headers", headers: { "X-Header-Remove": "remove-val", "X-Header-Add-Append": "append-val-1" }, expect: V1, mirrors: { [V2]: 0.35 } },
  ] },
  // Rewrites and header modifiers change what the backend sees, which the
  // simulator does not model: only the backend reached is checked.
  { file: "httproute-rewrite-path", feature: "rewrites (backend reached)", cases: [
    { path: "/prefix/one/two", expect: V1 },
    { path: "/strip-prefix/three", expect: V1 },
    { path: "/strip-prefix", expect: V1 },
    { path: "/full/one/two", expect: V1 },
    { path: "/full/rewrite-path-and-modify-headers/test", expect: V1 },
    { path: "/prefix/rewrite-path-and-modify-headers/one", expect: V1 },
  ] },
  { file: "httproute-rewrite-host", feature: "rewrites (backend reached)", cases: [
    { host: "rewrite.example", path: "/one", expect: V1 },
    { host: "rewrite.example", path: "/two", expect: V2 },
    { host: "rewrite.example", path: "/rewrite-host-and-modify-headers", expect: V2 },
  ] },
  { file: "httproute-request-header-modifier", feature: "header modifiers (backend reached)", cases: [
    { path: "/set", expect: V1 },
    { path: "/add", expect: V1 },
    { path: "/remove", expect: V1 },
    { path: "/multiple", expect: V1 },
    { path: "/case-insensitivity", expect: V1 },
  ] },
  { file: "httproute-response-header-modifier", feature: "header modifiers (backend reached)", cases: [
    { path: "/set", expect: V1 },
    { path: "/add", expect: V1 },
    { path: "/remove", expect: V1 },
    { path: "/multiple", expect: V1 },
    { path: "/case-insensitivity", expect: V1 },
    { path: "/response-and-request-header-modifiers", expect: V1 },
  ] },
];
