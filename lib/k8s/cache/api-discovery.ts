import "server-only";
import { isKubeHttpError, type KubeHttp } from "../identity/kube-http";
import { servedVersions, type ApiGroupListLike } from "../discovery";
import type { KindSpec } from "./kinds";
import { counters } from "./stats";

interface ResourceListLike {
  resources?: Array<{ name?: string }>;
}

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

/**
 * Which version of a kind the cluster serves, from /apis and the group-version
 * resource lists. Answers are shared by all reflectors of a cache for `ttlMs`
 * (concurrent callers share one request).
 */
export class ApiDiscovery {
  private readonly entries = new Map<string, Entry<unknown>>();

  constructor(
    private readonly http: KubeHttp,
    private readonly ttlMs = 10_000,
    private readonly signal?: AbortSignal,
  ) {}

  private cached<T>(path: string, refresh: boolean, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(path) as Entry<T> | undefined;
    const now = Date.now();
    // A refresh still reuses an answer younger than a second (many reflectors refresh together).
    if (hit && now - hit.at < (refresh ? 1_000 : this.ttlMs)) return hit.value;
    const value = load();
    this.entries.set(path, { at: now, value });
    value.catch(() => {
      if (this.entries.get(path)?.value === value) this.entries.delete(path);
    });
    return value;
  }

  private get<T>(path: string, refresh: boolean): Promise<T | null> {
    return this.cached(path, refresh, async () => {
      counters.discoveryCalls += 1;
      try {
        return await this.http.json<T>({ path, signal: this.signal, timeoutMs: 15_000 });
      } catch (error) {
        if (isKubeHttpError(error) && error.code === 404) return null;
        throw error;
      }
    });
  }

  /** The most preferred version in `spec.versions` serving `spec.resource`, or null. */
  async resolve(spec: KindSpec, refresh = false): Promise<string | null> {
    let candidates: readonly string[];
    if (spec.group === "") {
      candidates = spec.versions;
    } else {
      const groups = await this.get<ApiGroupListLike>("/apis", refresh);
      const served = groups ? servedVersions(groups, spec.group) : [];
      candidates = spec.versions.filter((v) => served.includes(v));
    }
    for (const version of candidates) {
      const path = spec.group === "" ? `/api/${version}` : `/apis/${spec.group}/${version}`;
      const list = await this.get<ResourceListLike>(path, refresh);
      if (list?.resources?.some((r) => r.name === spec.resource)) return version;
    }
    return null;
  }
}
