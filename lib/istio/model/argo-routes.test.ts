import { describe, expect, it } from "vitest";
import { argoWrittenRoutes, type ArgoVirtualServiceRef } from "./argo-routes";

const ref = (r: Partial<ArgoVirtualServiceRef> = {}): ArgoVirtualServiceRef => ({ routes: [], tlsRoutes: [], tcpRoutes: [], ...r });
const http = (...names: (string | undefined)[]) => names.map((name) => (name ? { name } : {}));
const tls = (port: number | undefined, ...sniHosts: string[]) => ({ match: [{ ...(port ? { port } : {}), sniHosts }] });
const tcp = (...ports: number[]) => ({ match: ports.map((port) => ({ port })) });

describe("argoWrittenRoutes (Argo Rollouts v1.9 getHttp/Tls/TcpRouteIndexesToPatch and their validation)", () => {
  it("HTTP: the named routes, else the only route, else the first unnamed one", () => {
    expect(argoWrittenRoutes(ref({ routes: ["primary"] }), [], { http: http("x", "primary") })).toMatchObject({ http: [1], error: null });
    expect(argoWrittenRoutes(ref(), [], { http: http("only") }).http).toEqual([0]);
    expect(argoWrittenRoutes(ref(), ["header"], { http: http("header", undefined) }).http).toEqual([0, 1]);
    // All named, one of them Argo's managed route: validation passes, no route is weighted (Argo's quirk).
    expect(argoWrittenRoutes(ref(), ["header"], { http: http("header", "main") })).toEqual({ http: [0], tls: [], tcp: [], error: null });
  });

  it("naming only tlsRoutes or tcpRoutes still writes the only (or first unnamed) HTTP route", () => {
    const spec = { http: http(undefined), tls: [tls(443, "a.example")], tcp: [tcp(5000)] };
    expect(argoWrittenRoutes(ref({ tlsRoutes: [{ port: 443, sniHosts: ["a.example"] }] }), [], spec)).toEqual({ http: [0], tls: [0], tcp: [0], error: null });
    expect(argoWrittenRoutes(ref({ tcpRoutes: [{ port: 5000 }] }), [], { http: http("main"), tcp: [tcp(4000), tcp(5000)] })).toEqual({ http: [0], tls: [], tcp: [1], error: null });
  });

  it("TLS: the only route when none is selected; by one port and the exact set of SNI hosts otherwise", () => {
    expect(argoWrittenRoutes(ref(), [], { tls: [tls(443, "a")] })).toEqual({ http: [], tls: [0], tcp: [], error: null });
    const spec = { tls: [tls(443, "a"), tls(443, "b", "c"), tls(8443, "b", "c"), { match: [{ port: 443, sniHosts: ["c"] }, { port: 443, sniHosts: ["b"] }] }] };
    expect(argoWrittenRoutes(ref({ tlsRoutes: [{ port: 443, sniHosts: ["c", "b"] }] }), [], spec).tls).toEqual([1, 3]);
    // Several ports in one route: never matched.
    expect(argoWrittenRoutes(ref({ tlsRoutes: [{ port: 443, sniHosts: ["a"] }] }), [], { tls: [{ match: [{ port: 443, sniHosts: ["a"] }, { port: 8443, sniHosts: ["a"] }] }, tls(443, "a")] }).tls).toEqual([1]);
  });

  it("TCP: the only route when none is selected; by its single port otherwise (no port = 0)", () => {
    expect(argoWrittenRoutes(ref(), [], { tcp: [tcp()] }).tcp).toEqual([0]);
    expect(argoWrittenRoutes(ref({ tcpRoutes: [{ port: 5000 }] }), [], { tcp: [tcp(5000, 6000), tcp(5000), tcp(5000, 5000)] }).tcp).toEqual([1, 2]);
    expect(argoWrittenRoutes(ref({ tcpRoutes: [{ port: null }] }), [], { tcp: [tcp(7), {}] }).tcp).toEqual([1]);
  });

  it("writes nothing but its managed routes where Argo refuses the VirtualService", () => {
    expect(argoWrittenRoutes(ref({ routes: ["missing"] }), [], { http: http("a") }).error).toMatch(/'missing' is not found/);
    expect(argoWrittenRoutes(ref(), ["header"], { http: http("header", "a", "b") })).toMatchObject({ http: [0], tls: [], tcp: [], error: expect.stringMatching(/exactly one route/) });
    expect(argoWrittenRoutes(ref({ routes: ["a"] }), [], { http: http("a"), tls: [tls(443, "x"), tls(443, "y")] })).toMatchObject({ http: [], error: expect.stringMatching(/spec.tls/) });
    expect(argoWrittenRoutes(ref({ tcpRoutes: [{ port: 1 }] }), [], { tcp: [tcp(2)] }).error).toMatch(/No matching TCP routes/);
  });

  it("skips a section the VirtualService does not have", () => {
    expect(argoWrittenRoutes(ref({ tlsRoutes: [{ port: 443, sniHosts: ["a"] }], routes: [] }), [], {})).toEqual({ http: [], tls: [], tcp: [], error: null });
  });

  it("weights the managed mirror routes as well (appended to the named routes)", () => {
    const spec = { http: [{ name: "mirror-route", mirror: { host: "c" } }, { name: "primary" }] };
    expect(argoWrittenRoutes(ref({ routes: ["primary"] }), ["mirror-route"], spec).http).toEqual([0, 1]);
  });
});
