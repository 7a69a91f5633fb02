/**
 * Discovers which versions of the watched resources are served, then runs one
 * ListWatcher per resource into the store.
 */
import type { ClusterStore } from "../model/store";
import { ListWatcher } from "./list-watch";
import { resolveServed, type ServedResource, type WatchedResource } from "./resources";
import type { KubeTransport } from "./transport";

export interface SyncStatus {
  readonly synced: boolean;
  readonly watching: readonly string[];
  readonly notServed: readonly string[];
}

export class ClusterSync {
  private watchers: ListWatcher[] = [];
  private served: ServedResource[] = [];
  private missing: WatchedResource[] = [];
  private isSynced = false;
  private stopped = false;

  constructor(
    private readonly transport: KubeTransport,
    private readonly store: ClusterStore,
    private readonly log: (message: string) => void,
  ) {}

  /** Starts watching; resolves once every served resource has been listed. Retries discovery until it works. */
  async start(): Promise<void> {
    let delay = 500;
    for (;;) {
      if (this.stopped) return;
      try {
        const { resources, missing } = resolveServed(await this.transport.servedVersions());
        this.served = resources;
        this.missing = missing;
        break;
      } catch (err) {
        this.log(`API discovery failed (${err instanceof Error ? err.message : String(err)}); retrying in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 10_000);
      }
    }
    for (const r of this.missing) {
      if (!r.optional) throw new Error(`${r.kind} (${r.group || "core"}) is not served`);
      this.log(`${r.kind}.${r.group} is not served; skipping`);
    }
    for (const r of this.served) this.log(`watching ${r.path}`);
    this.watchers = this.served.map((r) => new ListWatcher(this.transport, r, this.store, this.log));
    for (const w of this.watchers) w.start();
    await Promise.all(this.watchers.map((w) => w.synced));
    this.isSynced = true;
  }

  stop(): void {
    this.stopped = true;
    for (const w of this.watchers) w.stop();
  }

  status(): SyncStatus {
    return {
      synced: this.isSynced,
      watching: this.served.map((r) => `${r.kind}.${r.apiVersion}`),
      notServed: this.missing.map((r) => `${r.kind}.${r.group}`),
    };
  }
}
