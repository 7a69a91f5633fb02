import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadTrafficConfig } from "../traffic/config/load";
import { readMotion } from "./demo-motion";
import { demoDir, demoNamespaces, demoTrafficConfig, demoTrafficFile, demoWorldObjects } from "./demo-world";
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
    expect(rollouts.sort()).toEqual(["demo-argo-bluegreen/orders", "demo-argo-header/profile", "demo-argo-mirror/search", "demo-argo-subset/inventory", "demo-canary/payments"]);
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
