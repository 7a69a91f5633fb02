import { describe, expect, it } from "vitest";
import { fakeStore } from "../testing/fake-cluster";
import { send, tally } from "../testing/harness";
import { RoutingTable } from "./table";

const ns = "shop";

function deployment(name: string, labels: Record<string, string>): unknown {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: ns },
    spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "c" }] } } },
  };
}

function service(name: string, selector: Record<string, string>): unknown {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace: ns }, spec: { selector, ports: [{ name: "http", port: 8080 }] } };
}

function route(name: string, spec: Record<string, unknown>, created = "2024-01-01T00:00:00Z"): unknown {
  return { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name, namespace: ns, creationTimestamp: created }, spec };
}

const base = (): unknown[] => [
  { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
  deployment("web-gateway-istio", { "gateway.networking.k8s.io/gateway-name": "web-gateway" }),
  deployment("client", { app: "client" }),
  deployment("cart-v1", { app: "cart", version: "v1" }),
  deployment("cart-v2", { app: "cart", version: "v2" }),
  deployment("shop-ui", { app: "ui" }),
  service("cart-v1", { app: "cart", version: "v1" }),
  service("cart-v2", { app: "cart", version: "v2" }),
  service("cart", { app: "cart" }),
  service("ui", { app: "ui" }),
  {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "Gateway",
    metadata: { name: "web-gateway", namespace: ns },
    spec: { gatewayClassName: "istio", listeners: [{ name: "http", port: 80, protocol: "HTTP", hostname: "*.shop.example" }] },
  },
];

const GW = `${ns}/web-gateway-istio`;

describe("Gateway API HTTPRoute", () => {
  const objects = [
    ...base(),
    route("ui", { parentRefs: [{ name: "web-gateway" }], hostnames: ["www.shop.example"], rules: [{ backendRefs: [{ name: "ui", port: 8080 }] }] }),
    route("cart", {
      parentRefs: [{ name: "web-gateway", sectionName: "http" }],
      hostnames: ["www.shop.example"],
      rules: [
        { matches: [{ path: { type: "PathPrefix", value: "/cart" }, headers: [{ name: "X-Canary", value: "yes" }] }], backendRefs: [{ name: "cart-v2", port: 8080 }] },
        { matches: [{ path: { type: "PathPrefix", value: "/cart" } }], backendRefs: [{ name: "cart-v1", port: 8080, weight: 90 }, { name: "cart-v2", port: 8080, weight: 10 }] },
        { matches: [{ path: { type: "Exact", value: "/cart/zero" } }], backendRefs: [{ name: "cart-v1", port: 8080, weight: 0 }] },
      ],
    }),
    route("mesh-cart", { parentRefs: [{ group: "", kind: "Service", name: "cart", port: 8080 }], rules: [{ backendRefs: [{ name: "cart-v2", port: 8080 }] }] }),
  ];
  const table = new RoutingTable(fakeStore(objects).snapshot());

  it("orders rules across routes by precedence (longest prefix, header matches)", () => {
    expect(tally(send(table, { from: GW, host: "www.shop.example", port: 80, path: "/", n: 10 }))).toEqual({ "shop-ui": 10 });
    expect(tally(send(table, { from: GW, host: "www.shop.example", port: 80, path: "/cart/items", n: 10, headers: { "x-canary": "yes" } }))).toEqual({ "cart-v2": 10 });
    const split = tally(send(table, { from: GW, host: "www.shop.example", port: 80, path: "/cart", n: 2000 }));
    expect(Math.abs((split["cart-v2"] ?? 0) - 200)).toBeLessThanOrEqual(60);
    // PathPrefix matches whole segments only.
    expect(tally(send(table, { from: GW, host: "www.shop.example", port: 80, path: "/cartography" }))).toEqual({ "shop-ui": 1 });
    // Exact beats prefix; all-zero weights answer 500.
    expect(tally(send(table, { from: GW, host: "www.shop.example", port: 80, path: "/cart/zero" }))).toEqual({ "500 -": 1 });
  });

  it("applies the listener hostname and answers 404 NR elsewhere", () => {
    expect(tally(send(table, { from: GW, host: "www.other.example", port: 80 }))).toEqual({ "404 NR": 1 });
    expect(tally(send(table, { from: GW, host: "www.shop.example", port: 8080 }))).toEqual({ "404 NR": 1 });
  });

  it("routes mesh traffic with GAMMA routes bound to a Service", () => {
    expect(tally(send(table, { from: `${ns}/client`, host: "cart", port: 8080, n: 20 }))).toEqual({ "cart-v2": 20 });
    const byPods = tally(send(table, { from: `${ns}/client`, host: "ui", port: 8080, n: 4 }));
    expect(byPods).toEqual({ "shop-ui": 4 });
  });
});

describe("VirtualService tcp routes", () => {
  it("routes TCP connections by port with weights", () => {
    const vs = {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "cart-tcp", namespace: ns },
      spec: {
        hosts: ["cart"],
        tcp: [{ match: [{ port: 8080 }], route: [{ destination: { host: "cart-v1" }, weight: 25 }, { destination: { host: "cart-v2" }, weight: 75 }] }],
      },
    };
    const table = new RoutingTable(fakeStore([...base(), vs]).snapshot());
    const source = table.endpoints.workload(`${ns}/client`)[0];
    if (!source) throw new Error("no client");
    const host = table.resolveMeshHost("cart", ns);
    let rng = 0;
    const counts: Record<string, number> = {};
    for (let i = 0; i < 400; i++) {
      const r = table.routeTcp(source, host, 8080, () => ((rng = (rng + 0.618034) % 1)));
      const w = r.endpoint?.identity?.workload ?? `${r.code}`;
      counts[w] = (counts[w] ?? 0) + 1;
    }
    expect(Math.abs((counts["cart-v2"] ?? 0) - 300)).toBeLessThanOrEqual(20);
    expect(table.routeTcp(source, host, 9999, () => 0.5)).toMatchObject({ code: 404, flags: "NR" });
  });
});
