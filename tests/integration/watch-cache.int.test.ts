import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import { loadKubeConfig } from "@/lib/k8s/kube-config";
import { ClusterCache, getClusterCache, stopClusterCaches } from "@/lib/k8s/cache/cluster-cache";
import { DEFAULT_KINDS, type KindSpec } from "@/lib/k8s/cache/kinds";
import { cacheStats } from "@/lib/k8s/cache/stats";
import { getObject, objectsOf, type CacheChange, type CacheSnapshot } from "@/lib/k8s/cache/store";
import { accessStats, canI, clearAccessCache, listableNamespaces } from "@/lib/k8s/identity/access";
import { filterSnapshotForUser } from "@/lib/k8s/identity/filter-snapshot";
import type { UserContext } from "@/lib/k8s/identity/user-context";
import { isAppError } from "@/lib/errors/app-error";

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
const adminConfig = loadKubeConfig({ kind: "file", paths: [lab.kubeconfigs.admin], from: "MESHDECK_KUBECONFIG" });
const admin = kubeAs("admin");
const VS = "networking.istio.io/v1";
const fast = { backoff: { baseMs: 100, maxMs: 2_000, factor: 2 }, missingRecheckMs: 300, forbiddenRecheckMs: 1_000 };

function virtualService(namespace: string, name: string, host = name): KubeObject {
  return {
    apiVersion: VS,
    kind: "VirtualService",
    metadata: { name, namespace },
    spec: { hosts: [host], http: [{ route: [{ destination: { host } }] }] },
  };
}

async function namespace(name: string): Promise<void> {
  await admin.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
}

/**
 * Polls `cache` every 10 ms until `check(snapshot)` holds (failing after the
 * safety timeout `ms`); returns the elapsed time, printed, never bounded here
 * (bench/sse-fanout.ts measures patch → watch cache).
 */
async function until(cache: ClusterCache, ms: number, what: string, check: (s: CacheSnapshot) => boolean): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if (check(cache.snapshot())) return performance.now() - t0;
    if (performance.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const created: string[] = [];
let cache: ClusterCache;

beforeAll(async () => {
  cache = new ClusterCache(adminConfig, { key: "watch-cache-test", ...fast });
  await cache.ready();
});

afterAll(async () => {
  await cache?.stop();
  await stopClusterCaches();
  for (const ns of created) await admin.delete("v1", "Namespace", undefined, ns).catch(() => {});
});

describe("shared watch cache on the lab", () => {
  it("syncs every kind and matches what the API server lists", async () => {
    const snapshot = await cache.ready();
    for (const spec of DEFAULT_KINDS) expect(snapshot.kinds.get(spec.key)?.status, spec.key).toBe("synced");
    expect(snapshot.kinds.get("virtualservices")?.version).toBe("v1");
    expect(snapshot.kinds.get("rollouts")?.version).toBe("v1alpha1");
    const checks: Array<[string, string, string]> = [
      ["namespaces", "v1", "Namespace"],
      ["virtualservices", VS, "VirtualService"],
      ["destinationrules", VS, "DestinationRule"],
      ["istiogateways", VS, "Gateway"],
      ["rollouts", "argoproj.io/v1alpha1", "Rollout"],
      ["deployments", "apps/v1", "Deployment"],
    ];
    for (const [key, apiVersion, kind] of checks) {
      await eventually(`${key} count`, async () => {
        const listed = await admin.list(apiVersion, kind);
        const names = (s: string[]) => s.sort().join(" ");
        const fromApi = names(listed.items.map((o) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`));
        const fromCache = names(objectsOf(cache.snapshot(), key).map((o) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`));
        return fromApi === fromCache;
      }, 10_000);
    }
    // Core list items carry apiVersion/kind; managedFields keep only who manages the object.
    const pod = objectsOf(snapshot, "pods")[0];
    expect(pod).toMatchObject({ apiVersion: "v1", kind: "Pod" });
    const managed = objectsOf(snapshot, "virtualservices").flatMap((o) => o.metadata.managedFields ?? []);
    expect(managed.length).toBeGreaterThan(0);
    for (const entry of managed) expect(Object.keys(entry).every((k) => ["manager", "operation", "time"].includes(k))).toBe(true);
    expect(Object.isFrozen(pod)).toBe(true);
  });

  it("shows a VirtualService patch and drops a deleted one", async () => {
    const ns = uniqueNamespace("wc");
    created.push(ns);
    await namespace(ns);
    await admin.apply(virtualService(ns, "reviews"));
    await until(cache, 30_000, "created VS", (s) => getObject(s, "virtualservices", ns, "reviews") !== undefined);
    const changes: CacheChange[] = [];
    const off = cache.subscribe((c) => changes.push(c));
    const before = cache.snapshot();
    await admin.patch(VS, "VirtualService", ns, "reviews", { metadata: { labels: { step: "patched" } } });
    const patchMs = await until(cache, 30_000, "patched VS", (s) => getObject(s, "virtualservices", ns, "reviews")?.metadata.labels?.step === "patched");
    // The earlier snapshot is untouched.
    expect(getObject(before, "virtualservices", ns, "reviews")?.metadata.labels?.step).toBeUndefined();
    await admin.delete(VS, "VirtualService", ns, "reviews");
    const deleteMs = await until(cache, 30_000, "deleted VS", (s) => getObject(s, "virtualservices", ns, "reviews") === undefined);
    await eventually("change notification", async () => changes.some((c) => c.changed.some((x) => x.kind === "virtualservices" && x.namespace === ns)), 2_000, 20);
    off();
    console.log(`[watch-cache] patch visible after ${patchMs.toFixed(0)} ms, delete after ${deleteMs.toFixed(0)} ms`);
  });

  it("relists after a 410 for an expired resourceVersion and converges", async () => {
    const ns = uniqueNamespace("wc-410");
    created.push(ns);
    await namespace(ns);
    await admin.apply(virtualService(ns, "ratings"));
    await until(cache, 30_000, "created VS", (s) => getObject(s, "virtualservices", ns, "ratings") !== undefined);
    const stats0 = cacheStats();
    const restarts0 = cache.snapshot().kinds.get("virtualservices")?.restarts ?? 0;
    cache.testing.expireResourceVersion("virtualservices");
    await admin.patch(VS, "VirtualService", ns, "ratings", { metadata: { labels: { step: "after-expiry" } } });
    await admin.apply(virtualService(ns, "details"));
    await until(cache, 30_000, "converged after relist", (s) =>
      getObject(s, "virtualservices", ns, "ratings")?.metadata.labels?.step === "after-expiry" && getObject(s, "virtualservices", ns, "details") !== undefined,
    );
    const stats1 = cacheStats();
    expect(stats1.relists - stats0.relists).toBeGreaterThanOrEqual(1);
    expect(stats1.lists - stats0.lists).toBeGreaterThanOrEqual(1);
    const vs = cache.snapshot().kinds.get("virtualservices");
    expect(vs?.status).toBe("synced");
    expect(vs?.restarts).toBeGreaterThan(restarts0);
    await admin.patch(VS, "VirtualService", ns, "ratings", { metadata: { labels: { step: "watching-again" } } });
    await until(cache, 30_000, "watch resumed", (s) => getObject(s, "virtualservices", ns, "ratings")?.metadata.labels?.step === "watching-again");
  });

  it("reconnects a killed watch from its resourceVersion without relisting", async () => {
    const ns = uniqueNamespace("wc-drop");
    created.push(ns);
    await namespace(ns);
    await admin.apply(virtualService(ns, "productpage"));
    await until(cache, 30_000, "created VS", (s) => getObject(s, "virtualservices", ns, "productpage") !== undefined);
    const stats0 = cacheStats();
    cache.testing.dropWatches("virtualservices");
    // Written while the watch is down: delivered by the resumed watch.
    await admin.patch(VS, "VirtualService", ns, "productpage", { metadata: { labels: { step: "while-down" } } });
    await until(cache, 30_000, "change made while disconnected", (s) => getObject(s, "virtualservices", ns, "productpage")?.metadata.labels?.step === "while-down");
    const stats1 = cacheStats();
    expect(stats1.watchRestarts - stats0.watchRestarts).toBeGreaterThanOrEqual(1);
    expect(stats1.lists - stats0.lists).toBe(0);
    expect(cache.snapshot().kinds.get("virtualservices")?.status).toBe("synced");
  });

  it("reports a kind whose CRD is not served as missing, and picks it up once installed", async () => {
    const group = `g${Date.now().toString(36)}.meshdeck.test`;
    const widgets: KindSpec = { key: "widgets", group, versions: ["v1"], resource: "widgets", namespaced: true };
    const crdName = `widgets.${group}`;
    const local = new ClusterCache(adminConfig, {
      key: "missing-kind-test",
      kinds: [DEFAULT_KINDS[0], DEFAULT_KINDS[5], widgets],
      ...fast,
    });
    const ns = uniqueNamespace("wc-crd");
    created.push(ns);
    try {
      const ready = await local.ready();
      expect(ready.kinds.get("widgets")).toMatchObject({ status: "missing", version: null, count: 0 });
      expect(ready.kinds.get("widgets")?.lastError?.code).toBe("CrdMissing");
      expect(ready.kinds.get("virtualservices")?.status).toBe("synced");
      expect(ready.kinds.get("namespaces")?.status).toBe("synced");

      await admin.apply({
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        metadata: { name: crdName },
        spec: {
          group,
          scope: "Namespaced",
          names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
          versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } }],
        },
      });
      await until(local, 20_000, "widgets synced after CRD install", (s) => s.kinds.get("widgets")?.status === "synced");
      await namespace(ns);
      await eventually("widget create", async () => {
        admin.forget();
        await admin.apply({ apiVersion: `${group}/v1`, kind: "Widget", metadata: { name: "w1", namespace: ns } });
        return true;
      }, 20_000);
      await until(local, 30_000, "widget in cache", (s) => getObject(s, "widgets", ns, "w1") !== undefined);

      await admin.delete("apiextensions.k8s.io/v1", "CustomResourceDefinition", undefined, crdName);
      await until(local, 30_000, "widgets missing after CRD removal", (s) => s.kinds.get("widgets")?.status === "missing" && s.kinds.get("widgets")?.count === 0);
      expect(local.snapshot().kinds.get("virtualservices")?.status).toBe("synced");
    } finally {
      await local.stop();
      await admin.delete("apiextensions.k8s.io/v1", "CustomResourceDefinition", undefined, crdName).catch(() => {});
    }
  });

  it("is one lazily started cache per cluster", async () => {
    const a = getClusterCache(adminConfig);
    const b = getClusterCache(loadKubeConfig({ kind: "file", paths: [lab.kubeconfigs.admin], from: "MESHDECK_KUBECONFIG" }));
    expect(b).toBe(a);
    const snapshot = await a.ready();
    expect([...snapshot.kinds.values()].every((k) => k.status !== "syncing")).toBe(true);
  });
});

describe("identity and RBAC filtering", () => {
  const user = `meshdeck-test-${Date.now().toString(36)}`;
  const allowedNs = uniqueNamespace("rbac-in");
  const otherNs = uniqueNamespace("rbac-out");
  const restricted: UserContext = { kind: "impersonate", user, groups: [] };
  const viewerToken = /token: (\S+)/.exec(fs.readFileSync(lab.kubeconfigs.viewer, "utf8"))?.[1] ?? "";
  const viewer: UserContext = { kind: "token", token: viewerToken };
  const vsRef = { group: "networking.istio.io", resource: "virtualservices" };

  beforeAll(async () => {
    created.push(allowedNs, otherNs);
    for (const ns of [allowedNs, otherNs]) {
      await namespace(ns);
      await admin.apply(virtualService(ns, "reviews"));
    }
    await admin.apply({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "vs-reader", namespace: allowedNs },
      rules: [
        { apiGroups: ["networking.istio.io"], resources: ["virtualservices"], verbs: ["get", "list", "watch"] },
        { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] },
      ],
    } as unknown as KubeObject);
    await admin.apply({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "vs-reader", namespace: allowedNs },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "vs-reader" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: user }],
    } as unknown as KubeObject);
    await until(cache, 30_000, "both VirtualServices cached", (s) =>
      getObject(s, "virtualservices", allowedNs, "reviews") !== undefined && getObject(s, "virtualservices", otherNs, "reviews") !== undefined,
    );
    clearAccessCache();
  });

  it("answers SelfSubjectAccessReviews for an impersonated user", async () => {
    expect(await canI(restricted, { verb: "list", ...vsRef, namespace: allowedNs }, adminConfig)).toBe(true);
    expect(await canI(restricted, { verb: "list", ...vsRef, namespace: otherNs }, adminConfig)).toBe(false);
    expect(await canI(restricted, { verb: "list", ...vsRef }, adminConfig)).toBe(false);
    expect(await canI(restricted, { verb: "patch", ...vsRef, namespace: allowedNs, name: "reviews" }, adminConfig)).toBe(false);
    const reviews = accessStats().reviews;
    expect(await canI(restricted, { verb: "list", ...vsRef, namespace: allowedNs }, adminConfig)).toBe(true);
    expect(accessStats().reviews).toBe(reviews); // cached
  });

  it("lists the namespaces a user may list in", async () => {
    const access = await listableNamespaces(restricted, vsRef, { namespaces: [allowedNs, otherNs, "default"], base: adminConfig });
    expect(access.all).toBe(false);
    if (!access.all) expect([...access.namespaces]).toEqual([allowedNs]);
    expect(await listableNamespaces(viewer, vsRef, { base: adminConfig })).toEqual({ all: true });
  });

  it("filters a snapshot down to what the user may list", async () => {
    const snapshot = cache.snapshot();
    const mine = await filterSnapshotForUser(restricted, snapshot, adminConfig);
    const vs = mine.kinds.get("virtualservices");
    expect([...(vs?.objects.keys() ?? [])]).toEqual([allowedNs]);
    expect(vs?.count).toBe(vs?.objects.get(allowedNs)?.size);
    expect(objectsOf(mine, "virtualservices").every((o) => o.metadata.namespace === allowedNs)).toBe(true);
    for (const key of ["namespaces", "destinationrules", "rollouts", "deployments"]) {
      expect(mine.kinds.get(key)?.count, key).toBe(0);
    }
    expect(mine.kinds.get("namespaces")?.status).toBe("forbidden");
    expect(mine.revision).toBe(snapshot.revision);
    // The cache's own snapshot is unchanged.
    expect(snapshot.kinds.get("virtualservices")?.objects.has(otherNs)).toBe(true);

    const viewed = await filterSnapshotForUser(viewer, snapshot, adminConfig);
    for (const [key, kind] of snapshot.kinds) expect(viewed.kinds.get(key)?.count, key).toBe(kind.count);
    expect(await canI(viewer, { verb: "patch", ...vsRef, namespace: allowedNs }, adminConfig)).toBe(false);
  });

  it("fails closed for credentials the API server rejects", async () => {
    const bogus: UserContext = { kind: "token", token: "not-a-valid-token" };
    const error = await canI(bogus, { verb: "list", ...vsRef }, adminConfig).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("Forbidden");
    expect(String(error)).not.toContain("not-a-valid-token");
    const nothing = await filterSnapshotForUser(bogus, cache.snapshot(), adminConfig);
    for (const kind of nothing.kinds.values()) expect(kind.count, kind.key).toBe(0);
  });
});
