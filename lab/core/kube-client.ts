import fs from "node:fs";
import { request, type HttpResult } from "./http.js";

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}

export class KubeError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

interface ResourceInfo {
  name: string;
  namespaced: boolean;
}

/**
 * A small JSON client for the lab's own tooling (loader, set-up, tests of API
 * semantics). The dashboard itself talks to Kubernetes only through lib/k8s.
 */
export class LabKube {
  private readonly ca: Buffer;
  private readonly discovery = new Map<string, Map<string, ResourceInfo>>();

  constructor(
    readonly server: string,
    caFile: string,
    private readonly token: string,
  ) {
    this.ca = fs.readFileSync(caFile);
  }

  async raw(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<HttpResult> {
    return request(this.server + path, {
      method,
      ca: this.ca,
      timeoutMs: 30_000,
      headers: {
        Authorization: `Bearer ${this.token}`,
        Accept: "application/json",
        ...(body !== undefined ? { "Content-Type": contentType } : {}),
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  }

  async json<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const r = await this.raw(method, path, body, contentType);
    if (r.status >= 300) {
      let reason = "Unknown";
      let message = r.body;
      try {
        const s = JSON.parse(r.body) as { reason?: string; message?: string };
        reason = s.reason ?? reason;
        message = s.message ?? message;
      } catch {
        /* not a Status object */
      }
      throw new KubeError(r.status, reason, `${method} ${path}: ${r.status} ${message}`);
    }
    return JSON.parse(r.body) as T;
  }

  forget(): void {
    this.discovery.clear();
  }

  private async resources(apiVersion: string): Promise<Map<string, ResourceInfo>> {
    const hit = this.discovery.get(apiVersion);
    if (hit) return hit;
    const base = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const list = await this.json<{ resources: { name: string; kind: string; namespaced: boolean }[] }>("GET", base);
    const map = new Map<string, ResourceInfo>();
    for (const r of list.resources) if (!r.name.includes("/")) map.set(r.kind, { name: r.name, namespaced: r.namespaced });
    this.discovery.set(apiVersion, map);
    return map;
  }

  /** The REST path of an object (or of its collection when name is omitted). */
  async pathFor(apiVersion: string, kind: string, namespace?: string, name?: string): Promise<string> {
    const info = (await this.resources(apiVersion)).get(kind);
    if (!info) throw new KubeError(404, "NotFound", `${kind} is not served by ${apiVersion}`);
    const base = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const ns = info.namespaced ? `/namespaces/${namespace ?? "default"}` : "";
    return `${base}${ns}/${info.name}${name ? `/${name}` : ""}`;
  }

  /** Server-side apply, as `kubectl apply --server-side --force-conflicts` does. */
  async apply(obj: KubeObject, fieldManager = "meshdeck-lab"): Promise<KubeObject> {
    const path = await this.pathFor(obj.apiVersion, obj.kind, obj.metadata.namespace, obj.metadata.name);
    return this.json<KubeObject>("PATCH", `${path}?fieldManager=${fieldManager}&force=true`, obj, "application/apply-patch+yaml");
  }

  async get<T = KubeObject>(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<T> {
    return this.json<T>("GET", await this.pathFor(apiVersion, kind, namespace, name));
  }

  async list<T = KubeObject>(apiVersion: string, kind: string, namespace?: string, query = ""): Promise<{ items: T[]; metadata: { resourceVersion: string } }> {
    const info = (await this.resources(apiVersion)).get(kind);
    const path = namespace || !info?.namespaced ? await this.pathFor(apiVersion, kind, namespace) : (await this.pathFor(apiVersion, kind, "x")).replace("/namespaces/x", "");
    return this.json("GET", path + (query ? `?${query}` : ""));
  }

  async patch<T = KubeObject>(apiVersion: string, kind: string, namespace: string | undefined, name: string, patch: unknown, type: "merge" | "json" | "strategic" = "merge", subresource = ""): Promise<T> {
    const ct = { merge: "application/merge-patch+json", json: "application/json-patch+json", strategic: "application/strategic-merge-patch+json" }[type];
    const path = (await this.pathFor(apiVersion, kind, namespace, name)) + (subresource ? `/${subresource}` : "");
    return this.json<T>("PATCH", path, patch, ct);
  }

  async delete(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<void> {
    const r = await this.raw("DELETE", await this.pathFor(apiVersion, kind, namespace, name));
    if (r.status >= 300 && r.status !== 404) throw new KubeError(r.status, "DeleteFailed", r.body);
  }
}
