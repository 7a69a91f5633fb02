import { describe, expect, it } from "vitest";
import { ClusterStore } from "../model/store";
import { ListWatcher } from "./list-watch";
import { resolveServed } from "./resources";
import type { KubeTransport, ListPage, WatchEventType, WatchHandle } from "./transport";

function svc(name: string, rv: string): unknown {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace: "ns", resourceVersion: rv }, spec: { selector: { app: name }, ports: [{ port: 80 }] } };
}

type Script = (emit: (type: WatchEventType, obj: unknown) => void, rv: string) => Promise<unknown>;

/** A scripted API server: list pages and a queue of watch sessions. */
class FakeTransport implements KubeTransport {
  lists = 0;
  watchRvs: string[] = [];
  constructor(
    private readonly pages: () => ListPage[],
    private readonly sessions: Script[],
  ) {}
  async servedVersions(): Promise<Map<string, string[]>> {
    return new Map([["networking.istio.io", ["v1alpha3", "v1beta1", "v1"]]]);
  }
  async list(_r: unknown, token: string): Promise<ListPage> {
    if (token === "") this.lists++;
    const pages = this.pages();
    const i = token === "" ? 0 : Number(token);
    const page = pages[i];
    if (!page) throw new Error("no page");
    return page;
  }
  watch(_r: unknown, rv: string, onEvent: (type: WatchEventType, obj: unknown) => void): WatchHandle {
    this.watchRvs.push(rv);
    const script = this.sessions.shift();
    let abort: () => void = () => {};
    const done = script ? script(onEvent, rv) : new Promise<unknown>((resolve) => (abort = () => resolve(null)));
    return { done, abort: () => abort() };
  }
}

const services = resolveServed(new Map()).resources.find((r) => r.store === "services");
if (!services) throw new Error("services not resolved");

async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe("ListWatcher", () => {
  it("lists all pages, watches from the list's resourceVersion and applies events", async () => {
    const store = new ClusterStore();
    const t = new FakeTransport(
      () => [
        { items: [svc("a", "5")], resourceVersion: "10", continueToken: "1" },
        { items: [svc("b", "6")], resourceVersion: "10", continueToken: "" },
      ],
      [
        async (emit) => {
          emit("ADDED", svc("c", "11"));
          emit("DELETED", svc("a", "12"));
          emit("BOOKMARK", { metadata: { resourceVersion: "20" } });
          return null; // normal close: resume from the last resourceVersion
        },
      ],
    );
    const w = new ListWatcher(t, services, store, () => {}, { initialMs: 1, maxMs: 5 });
    w.start();
    await w.synced;
    await eventually(() => t.watchRvs.length === 2);
    w.stop();
    expect(t.watchRvs).toEqual(["10", "20"]);
    expect(store.snapshot().services.map((s) => s.meta.name).sort()).toEqual(["b", "c"]);
  });

  it("relists on 410 Gone (ERROR event) and replaces the kind", async () => {
    const store = new ClusterStore();
    let generation = 0;
    const t = new FakeTransport(
      () => [{ items: generation++ === 0 ? [svc("old", "1")] : [svc("new", "30")], resourceVersion: generation === 1 ? "1" : "30", continueToken: "" }],
      [async (emit) => (emit("ERROR", { kind: "Status", code: 410, reason: "Expired" }), null)],
    );
    const w = new ListWatcher(t, services, store, () => {}, { initialMs: 1, maxMs: 5 });
    w.start();
    await eventually(() => t.lists === 2 && t.watchRvs.length === 2);
    w.stop();
    expect(t.watchRvs).toEqual(["1", "30"]);
    expect(store.snapshot().services.map((s) => s.meta.name)).toEqual(["new"]);
  });

  it("backs off on errors and relists after repeated watch failures", async () => {
    const store = new ClusterStore();
    const logs: string[] = [];
    const failing: Script = async () => Object.assign(new Error("boom"), { statusCode: 500 });
    const t = new FakeTransport(() => [{ items: [], resourceVersion: "7", continueToken: "" }], [failing, failing, failing]);
    const w = new ListWatcher(t, services, store, (m) => logs.push(m), { initialMs: 1, maxMs: 5 });
    w.start();
    await eventually(() => t.lists >= 2);
    w.stop();
    expect(logs.some((l) => l.includes("HTTP 500"))).toBe(true);
  });
});

describe("served versions", () => {
  it("prefers v1 for Istio and skips Gateway API when not served", () => {
    const { resources, missing } = resolveServed(new Map([["networking.istio.io", ["v1alpha3", "v1beta1", "v1"]]]));
    expect(resources.find((r) => r.store === "virtualServices")?.path).toBe("/apis/networking.istio.io/v1/virtualservices");
    expect(resources.find((r) => r.store === "pods")?.path).toBe("/api/v1/pods");
    expect(missing.map((m) => m.store).sort()).toEqual(["httpRoutes", "k8sGateways"]);
    const old = resolveServed(new Map([["networking.istio.io", ["v1alpha3"]]]));
    expect(old.resources.find((r) => r.store === "gateways")?.apiVersion).toBe("networking.istio.io/v1alpha3");
  });
});
