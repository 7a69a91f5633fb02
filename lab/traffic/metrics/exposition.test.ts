import { describe, expect, it } from "vitest";
import { SHOP_CALLS, config, runtimeWith, shopObjects } from "../testing/shop-lab";
import { runProbe } from "../sim/probe";
import { ISTIO_LABELS } from "./istio-labels";
import { BYTES_BUCKETS, DURATION_BUCKETS } from "./registry";

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** A small parser of the Prometheus text format (what the tests need of it). */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1] ?? "", type[2] ?? "");
      continue;
    }
    if (line.startsWith("# HELP ")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`unparseable line: ${line}`);
    const labels: Record<string, string> = {};
    const body = m[2] ?? "";
    const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/gy;
    let consumed = 0;
    for (const l of body.matchAll(re)) {
      labels[l[1] ?? ""] = (l[2] ?? "").replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
      consumed += l[0].length;
    }
    if (consumed !== body.length) throw new Error(`bad labels: ${body}`);
    const value = Number(m[3]);
    if (Number.isNaN(value) && m[3] !== "NaN") throw new Error(`bad value in ${line}`);
    samples.push({ name: m[1] ?? "", labels, value });
  }
  return { samples, types };
}

describe("/metrics exposition", () => {
  const rt = runtimeWith(shopObjects(), config(`seed: 1\n${SHOP_CALLS}`));
  runProbe(rt.simulator, { host: "shop.demo.local", port: 80, path: "/", method: "GET", headers: {}, n: 25, gateway: "istio-ingressgateway" });
  runProbe(rt.simulator, { host: "nowhere.local", port: 8080, path: "/", method: "GET", headers: {}, n: 5, gateway: "istio-ingressgateway" });
  const scrape = rt.scrape();
  const text = Buffer.concat(scrape.chunks).toString("utf8");
  const { samples, types } = parseExposition(text);

  it("declares Istio's metric names and types", () => {
    expect(types.get("istio_requests_total")).toBe("counter");
    expect(types.get("istio_request_duration_milliseconds")).toBe("histogram");
    expect(types.get("istio_request_bytes")).toBe("histogram");
    expect(types.get("istio_response_bytes")).toBe("histogram");
    expect(scrape.bytes).toBe(Buffer.byteLength(text));
  });

  it("labels every series with exactly Istio's label set", () => {
    const istio = samples.filter((s) => s.name.startsWith("istio_"));
    expect(istio.length).toBeGreaterThan(0);
    for (const s of istio) {
      const expected = s.name.endsWith("_bucket") ? [...ISTIO_LABELS, "le"] : [...ISTIO_LABELS];
      expect(Object.keys(s.labels).sort()).toEqual(expected.sort());
    }
  });

  it("uses the exact bucket boundaries, cumulative, ending in +Inf = _count", () => {
    const check = (name: string, bounds: readonly number[]): void => {
      const buckets = samples.filter((s) => s.name === `${name}_bucket`);
      const series = new Map<string, Sample[]>();
      for (const b of buckets) {
        const { le: _le, ...rest } = b.labels;
        const key = JSON.stringify(rest);
        series.set(key, [...(series.get(key) ?? []), b]);
      }
      for (const [key, list] of series) {
        expect(list.map((b) => b.labels["le"])).toEqual([...bounds.map(String), "+Inf"]);
        const values = list.map((b) => b.value);
        expect(values).toEqual([...values].sort((a, b) => a - b));
        const count = samples.find((s) => s.name === `${name}_count` && JSON.stringify(s.labels) === key);
        expect(count?.value).toBe(values[values.length - 1]);
      }
    };
    check("istio_request_duration_milliseconds", DURATION_BUCKETS);
    check("istio_request_bytes", BYTES_BUCKETS);
    check("istio_response_bytes", BYTES_BUCKETS);
  });

  it("counts the probe's requests per reporter with Istio's label values", () => {
    const total = (want: Record<string, string>): number =>
      samples
        .filter((s) => s.name === "istio_requests_total" && Object.entries(want).every(([k, v]) => s.labels[k] === v))
        .reduce((a, s) => a + s.value, 0);
    expect(total({ reporter: "source", source_workload: "istio-ingressgateway", destination_service: "front.demo-shop.svc.cluster.local" })).toBe(25);
    const dst = samples.find((s) => s.name === "istio_requests_total" && s.labels["reporter"] === "destination" && s.labels["destination_workload"] === "front-v1");
    expect(dst?.labels).toMatchObject({
      source_workload: "istio-ingressgateway",
      source_workload_namespace: "istio-system",
      source_principal: "spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account",
      source_app: "istio-ingressgateway",
      source_version: "unknown",
      source_canonical_service: "istio-ingressgateway",
      source_canonical_revision: "latest",
      source_cluster: "Kubernetes",
      destination_workload_namespace: "demo-shop",
      destination_principal: "spiffe://cluster.local/ns/demo-shop/sa/shop-front",
      destination_app: "front",
      destination_version: "v1",
      destination_service: "front.demo-shop.svc.cluster.local",
      destination_service_name: "front",
      destination_service_namespace: "demo-shop",
      destination_canonical_service: "front",
      destination_canonical_revision: "v1",
      destination_cluster: "Kubernetes",
      request_protocol: "http",
      response_code: "200",
      grpc_response_status: "",
      response_flags: "-",
      connection_security_policy: "mutual_tls",
    });
    expect(dst?.value).toBe(25);
    const nr = samples.find((s) => s.name === "istio_requests_total" && s.labels["response_flags"] === "NR");
    expect(nr?.labels).toMatchObject({ reporter: "source", response_code: "404", destination_service: "unknown", destination_workload: "unknown", connection_security_policy: "unknown" });
    expect(nr?.value).toBe(5);
  });
});
