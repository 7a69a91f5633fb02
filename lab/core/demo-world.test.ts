import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadTrafficConfig } from "../traffic/config/load";
import { arrived, readMotion } from "./demo-motion";
import { retryDue } from "./demo-retry";
import { demoDir, demoNamespaces, demoTrafficConfig, demoTrafficFile, demoWorldObjects, labValues, withLabValues } from "./demo-world";
import { readManifests } from "./manifests";

const world = demoWorldObjects();

describe("the demo world (lab/demo)", () => {
  it("declares its namespaces, each labelled for injection, and keeps every object in one of them", () => {
    const namespaces = world.filter((o) => o.kind === "Namespace");
    expect(namespaces.length).toBeGreaterThanOrEqual(10);
    for (const ns of namespaces) {
      expect(ns.metadata.name).toMatch(/^demo-/);
      expect(ns.metadata.labels).toMatchObject({ "istio-injection": "enabled" });
    }
    const names = demoNamespaces();
    for (const o of world.filter((x) => x.kind !== "Namespace")) expect(names).toContain(o.metadata.namespace);
  });

  it("has one Argo Rollout per kind of canary the product shows", () => {
    const rollouts = world.filter((o) => o.kind === "Rollout").map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(rollouts.sort()).toEqual(["demo-argo-analysis/billing", "demo-argo-bluegreen/orders", "demo-argo-header/profile", "demo-argo-mirror/search", "demo-argo-subset/inventory", "demo-canary/payments"]);
  });

  it("fills in the lab's Prometheus for the analysis canary when applied, and nothing else changes", () => {
    const template = (objects: typeof world) => objects.find((o) => o.kind === "AnalysisTemplate" && o.metadata.namespace === "demo-argo-analysis");
    const address = (o: ReturnType<typeof template>) => (o?.spec as { metrics: { provider: { prometheus: { address: string } } }[] }).metrics[0]?.provider.prometheus.address;
    expect(address(template(world))).toBe("${lab.prometheus.url}");
    const filled = demoWorldObjects(labValues({ prometheus: { url: "http://127.0.0.1:27408" } }));
    expect(address(template(filled))).toBe("http://127.0.0.1:27408");
    expect(filled.filter((o) => o.kind !== "AnalysisTemplate")).toEqual(world.filter((o) => o.kind !== "AnalysisTemplate"));
    expect(JSON.stringify(filled)).not.toContain("${lab.");
    expect(() => labValues({})).toThrow(/Prometheus/);
    expect(() => withLabValues(world, {})).toThrow(/no lab value \$\{lab\.prometheus\.url\}/);
  });

  it("takes the analysis canary to an abort and retries it while the demo runs; every other Rollout to a pause", () => {
    const motion = readMotion().rollouts;
    const failing = motion.filter((m) => m.until === "aborted");
    expect(failing.map((m) => `${m.namespace}/${m.name}`)).toEqual(["demo-argo-analysis/billing"]);
    expect(failing[0]?.annotations["meshdeck.dev/error-rate"]).toBe("0.5");
    expect(failing[0]?.retryAfterSeconds).toBeGreaterThan(0);
    expect(motion.filter((m) => m.retryAfterSeconds !== undefined)).toEqual(failing);
    const status = { phase: "Degraded", abort: true, stableRS: "a", currentPodHash: "b" };
    expect(arrived({ until: "aborted" }, status)).toBe(true);
    expect(arrived({ until: "paused" }, status)).toBe(false);
    expect(arrived({ until: "aborted" }, { ...status, currentPodHash: "a" })).toBe(false);
    expect(arrived({ until: "aborted" }, { ...status, abort: false })).toBe(false);
    expect(arrived({ until: "paused" }, { ...status, phase: "Paused", abort: false })).toBe(true);
    expect(arrived({ until: "paused" }, null)).toBe(false);
  });

  it("retries an abort once it is old enough, never one not seen", () => {
    expect(retryDue(undefined, 1_000_000, 60)).toBe(false);
    expect(retryDue(1_000_000, 1_059_999, 60)).toBe(false);
    expect(retryDue(1_000_000, 1_060_000, 60)).toBe(true);
  });

  it("moves only Rollouts of the world, each to a new image", () => {
    for (const m of readMotion().rollouts) {
      const rollout = world.find((o) => o.kind === "Rollout" && o.metadata.namespace === m.namespace && o.metadata.name === m.name);
      expect(rollout, `${m.namespace}/${m.name}`).toBeDefined();
      expect(JSON.stringify(rollout?.spec)).not.toContain(m.image);
    }
  });

  it("sends traffic through gateways and from workloads that exist", () => {
    const traffic = loadTrafficConfig(demoTrafficFile);
    const workloads = new Set(world.filter((o) => o.kind === "Deployment").map((o) => `${o.metadata.namespace}/${o.metadata.name}`));
    for (const f of traffic.flows) {
      if (f.gateway?.includes("/")) expect(workloads).toContain(f.gateway);
      else expect(["istio-ingressgateway", "lab-clients/traffic-client"]).toContain(f.gateway ?? f.from);
    }
    const hosts = world.flatMap((o) => ((o.spec as { hosts?: string[]; hostnames?: string[] } | undefined)?.hosts ?? (o.spec as { hostnames?: string[] } | undefined)?.hostnames ?? []));
    for (const f of traffic.flows.filter((x) => x.gateway)) expect(hosts).toContain(f.host);
  });

  it("adds its flows and calls to the walkthroughs' model, or replaces it", () => {
    const demo = loadTrafficConfig(demoTrafficFile);
    const added = demoTrafficConfig("add");
    expect(added.flows.length).toBeGreaterThan(demo.flows.length);
    expect(added.flows.map((f) => f.name)).toEqual(expect.arrayContaining(demo.flows.map((f) => f.name)));
    expect(demoTrafficConfig("replace").flows.map((f) => f.name)).toEqual(demo.flows.map((f) => f.name));
  });

  it("offers shop variants that only touch the shop's VirtualServices", () => {
    const dir = path.join(demoDir, "shop-variants");
    const files = fs.readdirSync(dir);
    expect(files.sort()).toEqual(["abort-fault.yaml", "all-v1.yaml", "delay-fault.yaml", "shift-50-50.yaml", "shift-80-20.yaml", "user-route.yaml"]);
    for (const f of files) {
      for (const o of readManifests(path.join(dir, f))) expect([o.kind, o.metadata.namespace]).toEqual(["VirtualService", "demo-shop"]);
    }
  });
});
