/**
 * The API server access the watchers need — discovery, a paginated list and
 * a watch stream — behind a small interface so the watch logic can be tested
 * against a fake. The real implementation uses @kubernetes/client-node.
 */
import { ApisApi, KubeConfig, KubernetesObjectApi, Watch } from "@kubernetes/client-node";
import { z } from "zod";
import type { ServedResource } from "./resources";

export interface ListPage {
  readonly items: readonly unknown[];
  readonly resourceVersion: string;
  /** Continue token of the next page, "" when this was the last. */
  readonly continueToken: string;
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

export interface WatchHandle {
  /** Settles when the stream ends: null for a normal close, else the error. */
  readonly done: Promise<unknown>;
  abort(): void;
}

export interface KubeTransport {
  /** group → served versions (the core group is implied). */
  servedVersions(): Promise<Map<string, string[]>>;
  list(resource: ServedResource, continueToken: string, limit: number): Promise<ListPage>;
  watch(resource: ServedResource, resourceVersion: string, onEvent: (type: WatchEventType, object: unknown) => void): WatchHandle;
}

/** HTTP status of an error from client-node (ApiException.code or Watch's statusCode), if any. */
export function errorStatus(err: unknown): number | null {
  if (typeof err !== "object" || err === null) return null;
  const e = err as { code?: unknown; statusCode?: unknown };
  if (typeof e.code === "number") return e.code;
  if (typeof e.statusCode === "number") return e.statusCode;
  return null;
}

const listMetaSchema = z.object({
  metadata: z
    .object({ resourceVersion: z.string().nullish(), _continue: z.string().nullish(), continue: z.string().nullish() })
    .nullish(),
  items: z.array(z.unknown()).nullish(),
});

const groupListSchema = z.object({
  groups: z.array(z.object({ name: z.string(), versions: z.array(z.object({ version: z.string() })) })),
});

const WATCH_TIMEOUT_S = 300;

export class ClientNodeTransport implements KubeTransport {
  private readonly objects: KubernetesObjectApi;
  private readonly apis: ApisApi;
  private readonly watcher: Watch;

  constructor(kc: KubeConfig) {
    this.objects = KubernetesObjectApi.makeApiClient(kc);
    this.apis = kc.makeApiClient(ApisApi);
    this.watcher = new Watch(kc);
  }

  static fromFile(kubeconfig: string): ClientNodeTransport {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    return new ClientNodeTransport(kc);
  }

  async servedVersions(): Promise<Map<string, string[]>> {
    const list = groupListSchema.parse(await this.apis.getAPIVersions());
    return new Map(list.groups.map((g) => [g.name, g.versions.map((v) => v.version)]));
  }

  async list(resource: ServedResource, continueToken: string, limit: number): Promise<ListPage> {
    const raw: unknown = await this.objects.list(
      resource.apiVersion,
      resource.kind,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      limit,
      continueToken || undefined,
    );
    const page = listMetaSchema.parse(raw);
    return {
      // client-node turns built-in kinds into models with Date fields; the store reads API JSON.
      items: (page.items ?? []).map((item) => JSON.parse(JSON.stringify(item)) as unknown),
      resourceVersion: page.metadata?.resourceVersion ?? "",
      continueToken: page.metadata?._continue ?? page.metadata?.continue ?? "",
    };
  }

  watch(resource: ServedResource, resourceVersion: string, onEvent: (type: WatchEventType, object: unknown) => void): WatchHandle {
    let controller: AbortController | null = null;
    let aborted = false;
    const done = new Promise<unknown>((resolve) => {
      this.watcher
        .watch(
          resource.path,
          { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: WATCH_TIMEOUT_S },
          (type: string, object: unknown) => onEvent(type as WatchEventType, object),
          (err: unknown) => resolve(err ?? null),
        )
        .then(
          (c) => {
            controller = c;
            if (aborted) c.abort();
          },
          (err: unknown) => resolve(err),
        );
    });
    return {
      done,
      abort: () => {
        aborted = true;
        controller?.abort();
      },
    };
  }
}
