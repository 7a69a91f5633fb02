/**
 * Feeds the simulator's store from the dashboard's own LIST+WATCH cache
 * (lib/k8s/cache): one list-watch implementation for Meshdeck and its lab.
 * Each coalesced cache change is diffed against the previous snapshot and
 * applied to the store as upserts and deletes.
 */
import { ClusterCache } from "@/lib/k8s/cache/cluster-cache";
import { diffObjects } from "@/lib/k8s/cache/diff";
import { DEFAULT_KINDS } from "@/lib/k8s/cache/kinds";
import type { CacheSnapshot, KindSnapshot, ObjectsByNamespace } from "@/lib/k8s/cache/store";
import { loadKubeConfig } from "@/lib/k8s/kube-config";
import type { ClusterStore } from "../model/store";
import type { KindName } from "../model/parse";

export interface SyncStatus {
  readonly synced: boolean;
  readonly watching: readonly string[];
  readonly notServed: readonly string[];
}

/** Cache kind key → simulator store kind. Core kinds are required; the CRDs may be absent. */
const STORE_KINDS: ReadonlyMap<string, { readonly store: KindName; readonly required: boolean }> = new Map([
  ["namespaces", { store: "namespaces", required: true }],
  ["services", { store: "services", required: true }],
  ["pods", { store: "pods", required: true }],
  ["virtualservices", { store: "virtualServices", required: false }],
  ["destinationrules", { store: "destinationRules", required: false }],
  ["istiogateways", { store: "gateways", required: false }],
  ["serviceentries", { store: "serviceEntries", required: false }],
  ["httproutes", { store: "httpRoutes", required: false }],
  ["gateways", { store: "k8sGateways", required: false }],
]);

const WATCHED_KINDS = DEFAULT_KINDS.filter((k) => STORE_KINDS.has(k.key));

function requiredSynced(snapshot: CacheSnapshot): boolean {
  for (const [key, { required }] of STORE_KINDS) {
    if (required && snapshot.kinds.get(key)?.status !== "synced") return false;
  }
  return true;
}

function kindLabel(kind: KindSnapshot): string {
  return kind.group ? `${kind.resource}.${kind.group}/${kind.version ?? "?"}` : `${kind.resource}/${kind.version ?? "?"}`;
}

export class ClusterSync {
  private readonly cache: ClusterCache;
  private readonly seen = new Map<string, ObjectsByNamespace>();
  private readonly reported = new Map<string, string>();
  private unsubscribe: (() => void) | null = null;
  private isSynced = false;

  constructor(
    kubeconfigPath: string,
    private readonly store: ClusterStore,
    private readonly log: (message: string) => void,
  ) {
    const kubeConfig = loadKubeConfig({ kind: "file", paths: [kubeconfigPath], from: "MESHDECK_KUBECONFIG" });
    this.cache = new ClusterCache(kubeConfig, { kinds: WATCHED_KINDS, key: "lab-traffic" });
  }

  /** Starts watching; resolves once namespaces, services and pods are listed (the CRDs synced or found absent). */
  async start(): Promise<void> {
    let wake: () => void = () => {};
    this.unsubscribe = this.cache.subscribe(() => {
      this.pull();
      wake();
    });
    await this.cache.ready();
    this.pull();
    while (!requiredSynced(this.cache.snapshot())) {
      await new Promise<void>((resolve) => (wake = resolve));
    }
    this.pull();
    this.isSynced = true;
  }

  stop(): void {
    this.unsubscribe?.();
    void this.cache.stop();
  }

  status(): SyncStatus {
    const kinds = [...this.cache.snapshot().kinds.values()];
    return {
      synced: this.isSynced,
      watching: kinds.filter((k) => k.status === "synced").map(kindLabel),
      notServed: kinds.filter((k) => k.status === "missing").map((k) => (k.group ? `${k.resource}.${k.group}` : k.resource)),
    };
  }

  /** Applies what changed since the last pull to the store. */
  private pull(): void {
    const snapshot = this.cache.snapshot();
    for (const [key, { store }] of STORE_KINDS) {
      const kind = snapshot.kinds.get(key);
      if (!kind) continue;
      this.report(key, kind);
      const before = this.seen.get(key) ?? new Map<string, never>();
      if (before === kind.objects) continue;
      const { upserted, deleted } = diffObjects(before, kind.objects);
      this.seen.set(key, kind.objects);
      for (const object of deleted) this.store.delete(store, object);
      for (const object of upserted) this.store.upsert(store, object);
    }
  }

  /** Logs each kind's status when it changes (watching, not served, failing). */
  private report(key: string, kind: KindSnapshot): void {
    const line = kind.status === "synced" ? `watching ${kindLabel(kind)}` : kind.status === "syncing" ? "" : `${key}: ${kind.status}${kind.lastError ? ` (${kind.lastError.message})` : ""}`;
    if (line === "" || this.reported.get(key) === line) return;
    this.reported.set(key, line);
    this.log(line);
  }
}
