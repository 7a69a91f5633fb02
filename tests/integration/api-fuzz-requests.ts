import fc from "fast-check";
import type { FuzzRequest } from "./api-fuzz-client.js";

/** One operation of the live /api/openapi.json. */
export interface DocOperation {
  method: string;
  path: string;
  pathParams: { name: string; values: string[] }[];
  queryNames: string[];
  hasBody: boolean;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema?: { enum?: unknown[] } }[]; requestBody?: unknown }>>;
}

/** Operations of the document, with plausible values for each path parameter (the fuzz namespace for `namespace`). */
export function docOperations(doc: OpenApiDoc, namespace: string): DocOperation[] {
  const plausible: Record<string, string[]> = {
    namespace: [namespace],
    name: ["web", "reviews", "nope"],
    route: ["0", "primary", "http:0", "tcp:0", "nope"],
    rule: ["0", "main"],
    routeName: ["canary-test", "jason"],
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = op.parameters ?? [];
      return {
        method: method.toUpperCase(),
        path,
        pathParams: params
          .filter((p) => p.in === "path")
          .map((p) => ({ name: p.name, values: (p.schema?.enum?.map(String) ?? plausible[p.name] ?? ["x"]).slice(0, 12) })),
        queryNames: params.filter((p) => p.in === "query").map((p) => p.name),
        hasBody: op.requestBody !== undefined,
      };
    }),
  );
}

const SEGMENTS = ["%zz", "%", "%ff", "%c0%ae", "%2e%2e", "..", ".", "%2F", "a%2Fb", "%00", "x".repeat(300), "%E2%80%AE", "UPPER", "a%20b", "-a", "a.", "%F0%9F%98%80", ";x=1", "%u0041", "%25", "%%", "__proto__", "constructor"];
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const ODD_METHODS = ["TRACE", "PROPFIND", "MKCOL", "COPY", "MOVE", "LOCK", "PURGE", "REPORT", "SEARCH"];
const VALUES = ["", "x", "-1", "0", "1e309", "true", "TRUE", "%zz", "%", "a".repeat(2000), "bookinfo", "Bad_NS", "graph:bookinfo", "1m", "99999999999999999999", "%00", "null", "[]", "__proto__"];

const segment = (values: string[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 2, arbitrary: fc.constantFrom(...SEGMENTS) });

function pathOf(op: DocOperation): fc.Arbitrary<string> {
  const parts = op.path.split("/").map((s) => {
    const m = /^\{(.+)\}$/.exec(s);
    const param = m ? op.pathParams.find((p) => p.name === m[1]) : undefined;
    return param ? segment(param.values) : fc.constant(s);
  });
  const filled = fc.tuple(...parts).map((p) => p.join("/"));
  return fc.oneof(
    { weight: 12, arbitrary: filled },
    { weight: 1, arbitrary: fc.tuple(filled, fc.constantFrom("/", "//", "/x", "/..", "/%zz", "/.", "%20")).map(([p, s]) => p + s) },
    { weight: 1, arbitrary: filled.map((p) => p.replace(/\/[^/]*$/, "")) },
    { weight: 1, arbitrary: fc.tuple(filled, fc.constantFrom("/API/", "//api/", "/api//", "/api/./", "/x/../api/")).map(([p, prefix]) => p.replace("/api/", prefix)) },
  );
}

function queryOf(op: DocOperation): fc.Arbitrary<string> {
  const names = [...op.queryNames, "dryRun", "unknown", "__proto__", "%zz", "a[b]"];
  const pair = fc.tuple(fc.constantFrom(...names), fc.constantFrom(...VALUES)).map(([k, v]) => `${k}=${v}`);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant("") },
    { weight: 4, arbitrary: fc.array(pair, { minLength: 1, maxLength: 4 }).map((p) => `?${p.join("&")}`) },
    { weight: 1, arbitrary: fc.constantFrom("?", "?&&&", "?=", "?a", "?a=%", "?%", `?${"q=1&".repeat(500)}`) },
  );
}

const json = (v: unknown) => JSON.stringify(v);
const body = fc.oneof(
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
  { weight: 3, arbitrary: fc.dictionary(fc.constantFrom("weights", "destination", "header", "full", "image", "container", "context", "token", "resourceVersion", "subsets", "x"), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }).map(json) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(50, 49, 101, -1, 50.5, "50", null), fc.constantFrom("web-a", "web-b", "", "Bad Host"))
      .map(([w, host]) => json({ weights: [{ host, weight: w }, { host: "web-b", weight: 50 }] })),
  },
  { weight: 1, arbitrary: fc.constantFrom("", "{", "[", "nul", "\u0000", "{}}", '{"a":1,"a":2}', `{"x":"${"a".repeat(200_000)}"}`, `${"[".repeat(5000)}`, '{"__proto__":{"admin":true}}') },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);

function headersOf(port: number, credentials: Record<string, string>[]): fc.Arbitrary<{ headers: Record<string, string>; hostAllowed: boolean }> {
  const own = `127.0.0.1:${port}`;
  type Host = { host: string; ok: boolean };
  const host: fc.Arbitrary<Host> = fc.oneof(
    { weight: 12, arbitrary: fc.constant({ host: own, ok: true }) },
    { weight: 2, arbitrary: fc.constantFrom({ host: `localhost:${port}`, ok: true }, { host: `[::1]:${port}`, ok: true }, { host: "127.0.0.1", ok: true }) },
    { weight: 2, arbitrary: fc.constantFrom({ host: `evil.example:${port}`, ok: false }, { host: "localhost.evil.example", ok: false }, { host: "10.0.0.1:3000", ok: false }, { host: "a b", ok: false }, { host: `${own}@evil.example`, ok: false }) },
  );
  const optional = (name: string, values: string[]): fc.Arbitrary<Record<string, string>> => fc.option(fc.constantFrom(...values).map((v) => ({ [name]: v })), { nil: {}, freq: 2 });
  return fc
    .record({
      host,
      credential: fc.constantFrom(...credentials),
      csrf: fc.constantFrom<Record<string, string>>({ "x-meshdeck-csrf": "1" }, { "x-meshdeck-csrf": "1" }, { "x-meshdeck-csrf": "1" }, {}, { "x-meshdeck-csrf": "0" }),
      contentType: optional("content-type", ["application/json", "application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "a/b;;;", "application/json; charset=utf-16"]),
      origin: optional("origin", [`http://${own}`, "http://evil.example", "null", `http://evil.example:${port}`, "javascript:x"]),
      fetchSite: optional("sec-fetch-site", ["same-origin", "cross-site", "same-site", "none"]),
      accept: optional("accept", ["text/event-stream", "*/*", "text/html", "application/json;q=x"]),
      cookie: optional("cookie", ["meshdeck_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "meshdeck_context=nope", "__Host-meshdeck_session=", "a=b; ; =; %zz"]),
      forged: optional("x-forwarded-user", ["admin", "system:admin", ""]),
      misc: optional("last-event-id", ["-1", "x".repeat(500), "99999999999999999999"]),
      proto: optional("x-forwarded-proto", ["https", "gopher", ""]),
      peer: optional("x-meshdeck-peer", ["127.0.0.1"]),
    })
    .map((h) => ({
      hostAllowed: h.host.ok,
      headers: { host: h.host.host, ...h.forged, ...h.credential, ...h.csrf, ...h.contentType, ...h.origin, ...h.fetchSite, ...h.accept, ...h.cookie, ...h.misc, ...h.proto, ...h.peer },
    }));
}

/** Requests for every operation: mostly its own method and a plausible path, with malformed paths, queries, bodies, methods and headers mixed in. */
export function fuzzRequest(ops: DocOperation[], port: number, credentials: Record<string, string>[]): fc.Arbitrary<FuzzRequest> {
  return fc
    .constantFrom(...ops)
    .chain((op) =>
      fc.record({
        op: fc.constant(op),
        method: fc.oneof({ weight: 8, arbitrary: fc.constant(op.method) }, { weight: 2, arbitrary: fc.constantFrom(...METHODS) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_METHODS) }),
        path: pathOf(op),
        query: queryOf(op),
        body: fc.option(body, { nil: undefined, freq: 5 }),
        h: headersOf(port, credentials),
      }),
    )
    .map(({ op, method, path, query, body: b, h }) => ({
      method,
      target: path + query,
      headers: h.headers,
      body: method === "GET" || method === "HEAD" ? undefined : b,
      template: `${op.method} ${op.path}`,
      hostAllowed: h.hostAllowed,
      write: !["GET", "HEAD", "OPTIONS"].includes(method),
    }));
}
