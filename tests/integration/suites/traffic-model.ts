import { describe, expect, it } from "vitest";
import type { TrafficView } from "@/lib/api/traffic";
import { eventually } from "../test-lab.js";
import type { World } from "../worlds/world.js";

export type TrafficFetch = (query?: string) => Promise<TrafficView>;

const vs = (view: TrafficView, ns: string, name: string) => {
  const found = view.virtualServices.find((v) => v.namespace === ns && v.name === name);
  if (!found) throw new Error(`no VirtualService ${ns}/${name}`);
  return found;
};

/** GET /api/traffic on a world: each split resolved to services, subsets and pods, and observed next to configured in Prometheus. */
export function trafficModelSuite(world: World, traffic: TrafficFetch): void {
  const { hostSplit, staged, shop, blueGreen, canary } = world;

  describe(`GET /api/traffic on ${world.label}`, () => {
    it("shows each split with its destinations resolved to services, subsets and ready pods with sidecars", async () => {
      const view = await eventually("the world in the model", async () => {
        const v = await traffic();
        const has = (ns: string, name: string) => v.virtualServices.some((x) => x.namespace === ns && x.name === name);
        return has(staged.namespace, staged.vs) && has(shop.namespace, shop.reviews.service) && has(canary.namespace, canary.vs) ? v : undefined;
      });
      const host = vs(view, hostSplit.namespace, hostSplit.vs);
      expect(host.http[0]?.destinations.map((d) => [d.host.service?.name, d.share])).toEqual(hostSplit.services.map((s) => [s, 0.5]));
      expect(host.owner.weightsLocked).toBe(false);
      expect(vs(view, staged.namespace, staged.vs).http[0]?.destinations.map((d) => [d.subset?.name, d.share, d.backends?.ready, d.backends?.withSidecar])).toEqual(
        staged.subsets.map((s) => [s.name, s.share, s.ready, s.ready]),
      );
      expect(vs(view, shop.namespace, shop.reviews.service).http[0]?.destinations.map((d) => [d.subset?.name, d.share, d.backends?.workloads.map((w) => w.name)])).toEqual(
        Object.entries(shop.reviews.split).map(([v, share]) => [v, share, [`${shop.reviews.app}-${v}`]]),
      );
      const bg = vs(view, blueGreen.namespace, blueGreen.vs);
      expect(bg.http[0]?.testRoute).toBe(true);
      expect(bg.http[0]?.destinations[0]?.subset?.name).toBe(blueGreen.subsets.test);
      const argo = vs(view, canary.namespace, canary.vs);
      expect(argo.owner.kind).toBe("argo-rollouts");
      expect(argo.owner.weightsLocked).toBe(true);
      // Other tests leave objects of their own behind; the world must be clean.
      expect(view.validations.filter((v) => v.severity === "error" && world.namespaces.includes(v.object.namespace))).toEqual([]);
      expect(view.namespaces.find((n) => n.name === shop.namespace)).toMatchObject({ injection: "enabled", podsWithoutSidecar: 0 });
    });

    it("puts the observed split next to the configured one, within tolerance once traffic flows", async () => {
      const routes = await eventually(
        "observed splits with enough traffic",
        async () => {
          const v = await traffic("?window=1m");
          if (v.observed.status !== "ok") return undefined;
          const observed = v.observed.routes;
          const get = (ns: string, name: string) => observed.find((r) => r.object.namespace === ns && r.object.name === name);
          const found = [get(hostSplit.namespace, hostSplit.vs), get(staged.namespace, staged.vs), get(shop.namespace, shop.reviews.service)];
          // Earlier tests may have moved weights: wait for windows that saw only the current config.
          return found.every((r) => r?.drift.enoughTraffic && !r.drift.drifting) ? found.flatMap((r) => (r ? [r] : [])) : undefined;
        },
        300_000,
        2000,
      );
      for (const route of routes) {
        expect(route.drift.drifting, JSON.stringify(route.drift)).toBe(false);
        for (const d of route.drift.destinations) expect(Math.abs((d.observedShare ?? 0) - d.configuredShare)).toBeLessThan(0.15);
      }
      expect(routes[2]?.drift.lagSeconds).toBeGreaterThanOrEqual(60);
    }, 330_000);
  });
}
