/**
 * The recorded lab fixtures (lib/graph/fixtures/*.json), validated.
 */
import bookinfoLatency from "../fixtures/bookinfo.latency.json";
import bookinfoRequests from "../fixtures/bookinfo.requests.json";
import edgeLatency from "../fixtures/edge-cases.latency.json";
import edgeRequests from "../fixtures/edge-cases.requests.json";
import labLatency from "../fixtures/lab.latency.json";
import labRequests from "../fixtures/lab.requests.json";
import shopLatency from "../fixtures/shop.latency.json";
import shopRequests from "../fixtures/shop.requests.json";
import type { BuildGraphInput } from "../build-graph";
import { parsePromVector } from "../prom";

export interface Fixture extends BuildGraphInput {
  readonly namespaces: readonly string[];
}

/** Bookinfo (namespace bookinfo) with the ratings abort fault for end-user jason. */
export const bookinfoFixture: Fixture = {
  requests: parsePromVector(bookinfoRequests),
  latency: parsePromVector(bookinfoLatency),
  namespaces: ["bookinfo"],
};

/** The demo world's shop (namespace demo-shop, lab/demo): reviews 80/20 v1/v2, v2 calling ratings, 10 % of visitors as user alex. */
export const shopFixture: Fixture = {
  requests: parsePromVector(shopRequests),
  latency: parsePromVector(shopLatency),
  namespaces: ["demo-shop"],
};

/** No route at the gateway, a namespace without sidecars, a caller without a sidecar. */
export const edgeCasesFixture: Fixture = {
  requests: parsePromVector(edgeRequests),
  latency: parsePromVector(edgeLatency),
  namespaces: ["istio-system", "graph-plain", "lab-clients", "sample-ns"],
};

/** Every scenario of the lab, no namespace filter. */
export const labFixture: Fixture = {
  requests: parsePromVector(labRequests),
  latency: parsePromVector(labLatency),
  namespaces: [],
};
