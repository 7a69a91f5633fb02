/**
 * List-then-watch of one resource into the store, the way informers do it:
 *  - paginated list, then replace the kind in the store (the first one marks
 *    the resource synced);
 *  - watch from the list's resourceVersion, following BOOKMARKs;
 *  - a watch that ends normally (server timeout) resumes from the last seen
 *    resourceVersion;
 *  - 410 Gone (as an HTTP status or an ERROR event) → relist;
 *  - other errors → exponential backoff with jitter, then resume / relist.
 */
import type { ClusterStore } from "../model/store";
import type { ServedResource } from "./resources";
import { errorStatus, type KubeTransport, type WatchHandle } from "./transport";

export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000 };
const PAGE_SIZE = 500;
/** Watch failures in a row after which the watcher relists instead of resuming. */
const RELIST_AFTER_FAILURES = 3;

type Log = (message: string) => void;

class Gone extends Error {}

function resourceVersionOf(obj: unknown): string | null {
  if (typeof obj !== "object" || obj === null) return null;
  const meta = (obj as { metadata?: { resourceVersion?: unknown } }).metadata;
  return typeof meta?.resourceVersion === "string" ? meta.resourceVersion : null;
}

export class ListWatcher {
  private stopped = false;
  private handle: WatchHandle | null = null;
  private wake: (() => void) | null = null;
  private failures = 0;
  private resolveSynced: () => void = () => {};
  /** Resolves after the first successful list. */
  readonly synced: Promise<void>;
  relists = 0;

  constructor(
    private readonly transport: KubeTransport,
    private readonly resource: ServedResource,
    private readonly store: ClusterStore,
    private readonly log: Log,
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
  ) {
    this.synced = new Promise((resolve) => (this.resolveSynced = resolve));
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.handle?.abort();
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let rv: string;
      try {
        rv = await this.list();
      } catch (err) {
        await this.fail(`list ${this.resource.path}`, err);
        continue;
      }
      try {
        await this.watchUntilGone(rv);
      } catch (err) {
        if (!(err instanceof Gone)) await this.fail(`watch ${this.resource.path}`, err);
      }
    }
  }

  private async list(): Promise<string> {
    const items: unknown[] = [];
    let token = "";
    let rv = "";
    do {
      const page = await this.transport.list(this.resource, token, PAGE_SIZE);
      items.push(...page.items);
      token = page.continueToken;
      rv = page.resourceVersion;
    } while (token !== "" && !this.stopped);
    this.store.replaceAll(this.resource.store, items);
    this.relists++;
    this.failures = 0;
    this.resolveSynced();
    return rv;
  }

  /** Watches (resuming after normal closes) until 410 Gone or repeated failures. */
  private async watchUntilGone(startRv: string): Promise<void> {
    let rv = startRv;
    while (!this.stopped) {
      let gone = false;
      this.handle = this.transport.watch(this.resource, rv, (type, obj) => {
        if (type === "ERROR") {
          if (errorStatus(obj) === 410) gone = true;
          return;
        }
        const next = resourceVersionOf(obj);
        if (next) rv = next;
        if (type === "ADDED" || type === "MODIFIED") this.store.upsert(this.resource.store, obj);
        else if (type === "DELETED") this.store.delete(this.resource.store, obj);
      });
      const err = await this.handle.done;
      this.handle = null;
      if (this.stopped) return;
      if (gone || errorStatus(err) === 410) throw new Gone();
      if (err === null || isIdleTimeout(err)) {
        this.failures = 0;
        continue;
      }
      if (this.failures + 1 >= RELIST_AFTER_FAILURES) throw err;
      await this.fail(`watch ${this.resource.path}`, err);
    }
  }

  private async fail(what: string, err: unknown): Promise<void> {
    const delay = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** Math.min(this.failures, 16));
    this.failures++;
    const jittered = delay * (0.75 + Math.random() * 0.5);
    this.log(`${what} failed (${describe(err)}); retrying in ${Math.round(jittered)} ms`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, jittered);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = null;
  }
}

/** client-node's Watch aborts a stream after 30 s without data; that is not an error here. */
function isIdleTimeout(err: unknown): boolean {
  return err instanceof Error && err.name === "TimeoutError";
}

function describe(err: unknown): string {
  const status = errorStatus(err);
  const msg = err instanceof Error ? err.message : String(err);
  return status ? `HTTP ${status}: ${msg.split("\n")[0]}` : (msg.split("\n")[0] ?? "");
}
