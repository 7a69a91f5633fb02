import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { isKubeHttpError, KubeHttpError, type KubeHttp, type KubeStream } from "../identity/kube-http";
import { toAppError } from "../map-error";
import type { ApiDiscovery } from "./api-discovery";
import { backoffDelay, DEFAULT_BACKOFF, randomBetween, type BackoffPolicy } from "./backoff";
import { LineDecoder } from "./json-lines";
import { collectionPath, qualifiedResource, type KindSpec } from "./kinds";
import { counters } from "./stats";
import {
  applyEvents,
  replaceObjects,
  toCachedObject,
  withStatus,
  type CachedObject,
  type KindError,
  type ObjectEvent,
  type SnapshotStore,
} from "./store";

export interface ReflectorOptions {
  /** LIST page size (limit). */
  pageSize: number;
  /** Watch timeoutSeconds is drawn from this range, so watches do not all end together. */
  watchTimeoutSeconds: readonly [number, number];
  backoff: BackoffPolicy;
  /** How often a kind whose CRD is not served is looked up again. */
  missingRecheckMs: number;
  /** How often a forbidden kind is tried again. */
  forbiddenRecheckMs: number;
  /** A watch silent this long beyond its timeoutSeconds is considered dead. */
  inactivityGraceMs: number;
  /** A watch that ends sooner than this counts as a failure (backoff applies). */
  minHealthyWatchMs: number;
  random: () => number;
}

export const DEFAULT_REFLECTOR_OPTIONS: ReflectorOptions = {
  pageSize: 500,
  watchTimeoutSeconds: [300, 600],
  backoff: DEFAULT_BACKOFF,
  missingRecheckMs: 60_000,
  forbiddenRecheckMs: 60_000,
  inactivityGraceMs: 60_000,
  minHealthyWatchMs: 1_000,
  random: Math.random,
};

interface ListBody {
  apiVersion?: string;
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string };
  items?: unknown[];
}

interface WatchLine {
  type?: string;
  object?: { metadata?: { resourceVersion?: string }; code?: number; reason?: string; message?: string };
}

/** Thrown inside the loop when the API server says our resourceVersion is gone. */
class ExpiredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExpiredError";
  }
}

function isExpired(error: unknown): boolean {
  if (error instanceof ExpiredError) return true;
  return isKubeHttpError(error) && (error.code === 410 || /too old resource version/i.test(error.message));
}

/** An ERROR watch event (a Status object) meaning "relist". */
function expiredStatus(status: WatchLine["object"]): boolean {
  return status?.code === 410 || status?.reason === "Expired" || status?.reason === "Gone" || /too old resource version/i.test(status?.message ?? "");
}

/** Why the current watch is being cut short by the cache itself. */
type Interrupt = "expire" | "drop" | null;

/**
 * LIST + WATCH for one kind, writing into the shared store. Runs until
 * stopped; never throws. Status transitions:
 * syncing → synced | missing | forbidden | error, and back to synced on recovery.
 */
export class Reflector {
  private readonly stopController = new AbortController();
  private watchController: AbortController | null = null;
  private currentStream: KubeStream | null = null;
  private resourceVersion: string | null = null;
  private version: string | null = null;
  private needList = true;
  private failures = 0;
  private notFoundStreak = 0;
  private watchesOpened = 0;
  private interrupt: Interrupt = null;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private readonly op;

  constructor(
    private readonly spec: KindSpec,
    private readonly http: KubeHttp,
    private readonly discovery: ApiDiscovery,
    private readonly store: SnapshotStore,
    private readonly options: ReflectorOptions,
    private readonly onSettled: (key: string) => void,
  ) {
    this.op = { verb: "list", resource: qualifiedResource(spec) };
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    this.wake?.();
    await this.loop;
  }

  private get stopped(): boolean {
    return this.stopController.signal.aborted;
  }

  // ---- test hooks ----------------------------------------------------------

  /** Watch again from a resourceVersion the server has long compacted (forces 410 → relist). */
  expireResourceVersion(): void {
    this.resourceVersion = "1";
    this.interrupt = "expire";
    this.watchController?.abort(new Error("resourceVersion expired by test hook"));
  }

  /** Destroys the watch connection as a network failure would. */
  dropWatch(): void {
    this.interrupt = "drop";
    this.currentStream?.response.destroy(new Error("watch connection dropped by test hook"));
  }

  /** Ends a pending wait (missing/forbidden re-check, backoff) now. */
  wakeUp(): void {
    this.wake?.();
  }

  // ---- loop ------------------------------------------------------------------

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private kindError(code: KindError["code"], message: string): KindError {
    return Object.freeze({ code, message, at: Date.now() });
  }

  private settle(): void {
    this.onSettled(this.spec.key);
  }

  private clear(status: "missing" | "forbidden", lastError: KindError): void {
    this.resourceVersion = null;
    this.needList = true;
    const current = this.store.kind(this.spec.key);
    // Still missing/forbidden on a re-check: nothing to publish.
    if (current.status === status && current.count === 0) return;
    this.store.update(this.spec.key, (prev) => {
      const cleared = replaceObjects(prev, [], null);
      const restarts = prev.status === "syncing" ? prev.restarts : prev.restarts + 1;
      const { next } = withStatus(cleared.next, { status, lastError, restarts, version: status === "missing" ? null : prev.version });
      return { next, namespaces: cleared.namespaces, statusChanged: true };
    });
    this.settle();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!this.version) {
          const refresh = this.store.kind(this.spec.key).status !== "syncing";
          this.version = await this.discovery.resolve(this.spec, refresh);
          if (!this.version) {
            this.clear("missing", this.kindError("CrdMissing", `The cluster does not serve ${qualifiedResource(this.spec)} (${this.spec.versions.join(", ")})`));
            await this.sleep(this.options.missingRecheckMs);
            continue;
          }
          this.store.setStatus(this.spec.key, { version: this.version });
          this.needList = true;
        }
        if (this.needList) await this.list(this.version);
        const started = Date.now();
        await this.watch(this.version);
        // The server ended the watch (its timeoutSeconds): watch again at once unless it was suspiciously short.
        if (Date.now() - started < this.options.minHealthyWatchMs) {
          this.failures += 1;
          await this.sleep(backoffDelay(this.failures, this.options.backoff, this.options.random));
        } else {
          this.failures = 0;
        }
      } catch (error) {
        if (this.stopped) break;
        await this.recover(error);
      }
    }
  }

  private async recover(error: unknown): Promise<void> {
    const interrupt = this.interrupt;
    this.interrupt = null;
    if (isExpired(error)) {
      counters.relists += 1;
      this.needList = true;
      this.resourceVersion = null;
      this.store.setStatus(this.spec.key, { restarts: this.store.kind(this.spec.key).restarts + 1 });
      return;
    }
    if (interrupt === "expire") return; // the hook aborted the watch; the next one uses the expired RV
    const mapped = toAppError(error, this.op);
    const status = isKubeHttpError(error) ? error.code : 0;
    counters.errors += 1;
    if (status === 404) {
      // The CRD went away or its version changed: look it up again (at once the first time).
      this.notFoundStreak += 1;
      this.version = null;
      this.clear("missing", this.kindError("CrdMissing", mapped.message));
      await this.sleep(this.notFoundStreak === 1 ? backoffDelay(1, this.options.backoff, this.options.random) : this.options.missingRecheckMs);
      return;
    }
    if (status === 401 || status === 403) {
      this.clear("forbidden", this.kindError("Forbidden", mapped.message));
      await this.sleep(this.options.forbiddenRecheckMs);
      return;
    }
    this.failures += 1;
    const prev = this.store.kind(this.spec.key);
    // One failed watch of a synced kind is routine (a proxy closed it); report it from the second in a row.
    const degrade = prev.status !== "synced" || this.failures >= 2 || this.needList;
    this.store.setStatus(this.spec.key, {
      status: degrade ? "error" : prev.status,
      lastError: this.kindError(mapped.code, mapped.message),
      restarts: prev.restarts + 1,
    });
    if (degrade) this.settle();
    await this.sleep(backoffDelay(this.failures, this.options.backoff, this.options.random));
  }

  private async list(version: string): Promise<void> {
    counters.lists += 1;
    const path = collectionPath(this.spec, version);
    const items: CachedObject[] = [];
    let resourceVersion: string | null = null;
    let next: string | undefined;
    do {
      const page: ListBody = await this.http.json<ListBody>({
        path,
        query: { limit: this.options.pageSize, continue: next },
        signal: this.stopController.signal,
        timeoutMs: 60_000,
      });
      counters.listPages += 1;
      const defaults = { apiVersion: page.apiVersion, kind: page.kind?.replace(/List$/, "") };
      for (const raw of page.items ?? []) {
        const object = toCachedObject(raw, defaults);
        if (object) items.push(object);
      }
      resourceVersion ??= page.metadata?.resourceVersion ?? null;
      next = page.metadata?.continue || undefined;
    } while (next);
    this.store.update(this.spec.key, (prev) => {
      const replaced = replaceObjects(prev, items, resourceVersion);
      const { next: synced, changed } = withStatus(replaced.next, { status: "synced", syncedAt: Date.now(), version });
      return { next: synced, namespaces: replaced.namespaces, statusChanged: changed };
    });
    this.resourceVersion = resourceVersion;
    this.needList = false;
    this.failures = 0;
    this.notFoundStreak = 0;
    this.settle();
  }

  private async watch(version: string): Promise<void> {
    const timeoutSeconds = randomBetween(this.options.watchTimeoutSeconds[0], this.options.watchTimeoutSeconds[1], this.options.random);
    const controller = new AbortController();
    this.watchController = controller;
    counters.watchesOpened += 1;
    if (this.watchesOpened > 0) counters.watchRestarts += 1;
    this.watchesOpened += 1;
    const defaults = { apiVersion: this.spec.group ? `${this.spec.group}/${version}` : version };
    let stream: KubeStream | null = null;
    let inactivity: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(inactivity);
      inactivity = setTimeout(
        () => controller.abort(new Error("watch silent for too long")),
        timeoutSeconds * 1000 + this.options.inactivityGraceMs,
      );
      inactivity.unref();
    };
    try {
      stream = await this.http.stream({
        path: collectionPath(this.spec, version),
        query: {
          watch: "true",
          resourceVersion: this.resourceVersion ?? undefined,
          allowWatchBookmarks: "true",
          timeoutSeconds,
        },
        signal: AbortSignal.any([this.stopController.signal, controller.signal]),
        timeoutMs: 30_000,
      });
      this.currentStream = stream;
      arm();
      const prev = this.store.kind(this.spec.key);
      if (prev.status === "error") this.store.setStatus(this.spec.key, { status: "synced" });
      const decoder = new LineDecoder();
      for await (const chunk of stream.response) {
        arm();
        this.apply(decoder.push(chunk as Buffer), defaults);
      }
      this.apply(decoder.end(), defaults);
    } finally {
      clearTimeout(inactivity);
      stream?.close();
      this.currentStream = null;
      if (this.watchController === controller) this.watchController = null;
    }
  }

  /** Applies the events of one chunk as one batch (one new snapshot). */
  private apply(lines: readonly string[], defaults: { apiVersion: string }): void {
    if (lines.length === 0) return;
    const events: ObjectEvent[] = [];
    let failure: Error | null = null;
    for (const line of lines) {
      let event: WatchLine;
      try {
        event = JSON.parse(line) as WatchLine;
      } catch {
        failure = new AppError({ code: "Internal", message: `Unparseable watch event for ${qualifiedResource(this.spec)}` });
        break;
      }
      const type = event.type;
      if (type === "ADDED" || type === "MODIFIED" || type === "DELETED") {
        const object = toCachedObject(event.object, defaults);
        if (object) events.push({ type, object });
      } else if (type === "BOOKMARK") {
        this.resourceVersion = event.object?.metadata?.resourceVersion ?? this.resourceVersion;
      } else if (type === "ERROR") {
        failure = expiredStatus(event.object)
          ? new ExpiredError(event.object?.message ?? "resourceVersion expired")
          : new KubeHttpError(event.object?.code ?? 500, JSON.stringify(event.object ?? {}), `watch ${qualifiedResource(this.spec)}`);
        break;
      }
    }
    if (events.length > 0) {
      counters.watchEvents += events.length;
      this.store.update(this.spec.key, (prev) => applyEvents(prev, events));
      this.resourceVersion = events[events.length - 1]?.object.metadata.resourceVersion ?? this.resourceVersion;
      this.failures = 0;
    }
    if (failure) throw failure;
  }
}
