import "server-only";
import { z } from "zod";
import { ApisApi, CoreV1Api, CustomObjectsApi, type KubeConfig } from "@kubernetes/client-node";
import type { PodMetrics, PodUsage } from "@/lib/api/metrics";
import { getClientSet, withTimeout } from "./client-set";
import { servedVersions, type ApiGroupListLike } from "./discovery";
import { toAppError } from "./map-error";

export const METRICS_GROUP = "metrics.k8s.io";
export const METRICS_VERSION = "v1beta1";
const RESOURCE = `pods.${METRICS_GROUP}`;
const DISCOVERY_TTL_MS = 60_000;

export const NOT_SERVED_REASON = `${METRICS_GROUP} is not served by this cluster`;

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A Kubernetes resource quantity ("250m", "12345n", "64Mi", "1e3") as a number, or null if malformed. */
export function parseQuantity(text: string): number | null {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei))?$/.exec(text.trim());
  if (!m) return null;
  const [, number, exponent, suffix] = m;
  const value = Number(`${number}${exponent ?? ""}`);
  const factor = SUFFIX[suffix ?? ""];
  return Number.isFinite(value) && factor !== undefined ? value * factor : null;
}

/**
 * The version a pod reports in Istio metrics: its `version` label
 * (destination_version), else its canonical revision
 * (service.istio.io/canonical-revision › app.kubernetes.io/version › "latest"),
 * the same fallback as the Prometheus queries.
 */
export function podVersion(labels: Record<string, string> | undefined): string {
  const l = labels ?? {};
  return l.version || l["service.istio.io/canonical-revision"] || l["app.kubernetes.io/version"] || "latest";
}

const podMetricsListWire = z.object({
  items: z
    .array(
      z.object({
        metadata: z.object({ name: z.string(), labels: z.record(z.string(), z.string()).optional() }),
        timestamp: z.string().optional(),
        window: z.string().optional(),
        containers: z.array(z.object({ name: z.string(), usage: z.record(z.string(), z.string()).optional() })).optional(),
      }),
    )
    .optional(),
});

function windowSeconds(text: string | undefined): number | null {
  const m = text ? /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text) : null;
  if (!m) return null;
  const unit = m[2] === "ms" ? 0.001 : m[2] === "m" ? 60 : m[2] === "h" ? 3600 : 1;
  return Number(m[1]) * unit;
}

/** A PodMetricsList (metrics.k8s.io/v1beta1) as per-pod and per-version usage. Pure; ignores malformed quantities. */
export function summarizePodMetrics(list: unknown): Extract<PodMetrics, { available: true }> {
  const parsed = podMetricsListWire.safeParse(list);
  const items = parsed.success ? (parsed.data.items ?? []) : [];
  const pods: PodUsage[] = items.map((item) => {
    let cpuCores = 0;
    let memoryBytes = 0;
    for (const c of item.containers ?? []) {
      cpuCores += parseQuantity(c.usage?.cpu ?? "0") ?? 0;
      memoryBytes += parseQuantity(c.usage?.memory ?? "0") ?? 0;
    }
    return {
      pod: item.metadata.name,
      version: podVersion(item.metadata.labels),
      cpuCores,
      memoryBytes,
      timestamp: item.timestamp ?? null,
      windowSeconds: windowSeconds(item.window),
    };
  });
  pods.sort((a, b) => a.version.localeCompare(b.version) || a.pod.localeCompare(b.pod));
  const byVersion = new Map<string, { version: string; pods: number; cpuCores: number; memoryBytes: number }>();
  for (const p of pods) {
    const v = byVersion.get(p.version) ?? { version: p.version, pods: 0, cpuCores: 0, memoryBytes: 0 };
    v.pods++;
    v.cpuCores += p.cpuCores;
    v.memoryBytes += p.memoryBytes;
    byVersion.set(p.version, v);
  }
  return { available: true, pods, versions: [...byVersion.values()] };
}

/** Whether discovery lists metrics.k8s.io/v1beta1. Pure. */
export function metricsApiServed(list: ApiGroupListLike): boolean {
  return servedVersions(list, METRICS_GROUP).includes(METRICS_VERSION);
}

/** `k=v,k2=v2` for a Service selector. */
export function labelSelector(selector: Record<string, string>): string {
  return Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

// Per cluster configuration (the dashboard's, or another context of its kubeconfig).
const discovered = new Map<string, { served: boolean; expires: number }>();

/** The generated clients for `kubeConfig` (the shared client set for the dashboard's own). */
function clientsOf(kubeConfig: KubeConfig | undefined): { core: CoreV1Api; customObjects: CustomObjectsApi; apis: ApisApi; key: string } {
  const set = getClientSet();
  if (!kubeConfig || kubeConfig === set.kubeConfig) return { ...set, key: "" };
  const key = `${kubeConfig.getCurrentContext()}@${kubeConfig.getCurrentCluster()?.server ?? "?"}`;
  return { key, core: kubeConfig.makeApiClient(CoreV1Api), customObjects: kubeConfig.makeApiClient(CustomObjectsApi), apis: kubeConfig.makeApiClient(ApisApi) };
}

async function isMetricsApiServed(kubeConfig?: KubeConfig): Promise<boolean> {
  const clients = clientsOf(kubeConfig);
  const hit = discovered.get(clients.key);
  if (hit && hit.expires > Date.now()) return hit.served;
  let list: ApiGroupListLike;
  try {
    list = await clients.apis.getAPIVersions({}, withTimeout());
  } catch (error) {
    throw toAppError(error, { verb: "get", resource: "apis (discovery)" });
  }
  const served = metricsApiServed(list);
  discovered.set(clients.key, { served, expires: Date.now() + DISCOVERY_TTL_MS });
  return served;
}

/** Forget the cached discovery answer. */
export function invalidatePodMetricsDiscovery(): void {
  discovered.clear();
}

/**
 * CPU and memory of the pods behind a Service, from metrics.k8s.io when the
 * cluster serves it (discovery, cached 1 min). Otherwise `{ available: false,
 * reason }` — never invented numbers. An APIService that is registered but
 * down answers 503: also reported as not available, with the server's reason.
 * Forbidden / unreachable API server / missing Service throw a typed AppError.
 * `kubeConfig`: another context of the dashboard's kubeconfig (a session's pick).
 */
export async function getServicePodMetrics(namespace: string, service: string, kubeConfig?: KubeConfig): Promise<PodMetrics> {
  if (!(await isMetricsApiServed(kubeConfig))) return { available: false, reason: NOT_SERVED_REASON };
  const { core, customObjects } = clientsOf(kubeConfig);
  let selector: Record<string, string> | undefined;
  try {
    const svc = await core.readNamespacedService({ namespace, name: service }, withTimeout());
    selector = svc.spec?.selector;
  } catch (error) {
    throw toAppError(error, { verb: "get", resource: "services", namespace });
  }
  if (!selector || Object.keys(selector).length === 0) return { available: true, pods: [], versions: [] };
  const labelSel = labelSelector(selector);
  let list: unknown;
  try {
    list = await customObjects.listNamespacedCustomObject(
      { group: METRICS_GROUP, version: METRICS_VERSION, namespace, plural: "pods", labelSelector: labelSel },
      withTimeout(),
    );
  } catch (error) {
    const mapped = toAppError(error, { verb: "list", resource: RESOURCE, namespace });
    const status = (error as { code?: unknown } | null)?.code;
    if (status === 503 || status === 404) {
      invalidatePodMetricsDiscovery();
      return { available: false, reason: `${METRICS_GROUP} is registered but not answering: ${mapped.message}` };
    }
    throw mapped;
  }
  // PodMetrics carry the pod's labels (metrics-server copies them); versions come from there.
  return summarizePodMetrics(list);
}
