import "server-only";
import type { RolloutTraffic, RolloutTrafficWindow, TrafficBucket, TrafficVersion } from "@/lib/api/rollouts";
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { UserContext } from "@/lib/k8s/identity/user-context";
import { getPrometheus } from "@/lib/metrics/client";
import { userRollouts } from "./load";
import { cachedOne } from "./snapshot";
import { BUCKET_SECONDS, isErrorCode, trafficPlan, trafficQuery, WINDOW_SECONDS } from "./traffic-query";

function vsHosts(snapshot: Parameters<typeof cachedOne>[0], resources: readonly { kind: string; namespace: string; name: string }[]): string[] {
  const hosts: string[] = [];
  for (const r of resources) {
    if (r.kind !== "VirtualService") continue;
    const vs = cachedOne(snapshot, "virtualservices", r.namespace, r.name) as { spec?: { http?: { route?: { destination?: { host?: string } }[] }[] } } | undefined;
    for (const h of vs?.spec?.http ?? []) for (const d of h.route ?? []) if (d.destination?.host) hosts.push(d.destination.host);
  }
  return hosts;
}

/**
 * GET /api/rollouts/{ns}/{name}/traffic: requests per second by version and
 * ok/error in buckets over the window, from one Prometheus range query
 * (aligned to the bucket so concurrent viewers share it). Sampled from
 * metrics, not real requests. Prometheus problems degrade to `state`.
 */
export async function rolloutTraffic(ctx: UserContext, namespace: string, name: string, window: RolloutTrafficWindow, now = Date.now()): Promise<RolloutTraffic> {
  const { snapshot, computed } = await userRollouts(ctx);
  const view = computed.byKey.get(`${namespace}/${name}`);
  if (!view) throw new AppError({ code: "NotFound", message: `Rollout ${namespace}/${name} not found (or not visible to you)`, verb: "get", resource: "rollouts.argoproj.io", namespace });
  const plan = trafficPlan(view, vsHosts(snapshot, view.trafficRouting?.resources ?? []));
  const bucketSeconds = BUCKET_SECONDS[window];
  const base: RolloutTraffic = { source: "prometheus", state: "ok", error: null, window, bucketSeconds, splitBy: plan.splitBy, services: plan.services, versions: plan.versions, buckets: [], query: null, note: null };
  if (plan.services.length === 0) return { ...base, note: "No Service carries this Rollout's traffic (no canary/stable Services and no VirtualService)." };
  const prom = getPrometheus();
  if (prom.state === "NotConfigured") return { ...base, state: "NotConfigured", error: { code: "Unavailable", message: prom.message } };
  try {
    const scrape = await prom.client.scrapeInterval();
    const rateSeconds = Math.max(4 * scrape, 2 * bucketSeconds, 10);
    const query = trafficQuery(namespace, plan.services, Math.ceil(rateSeconds));
    const end = Math.floor(now / 1000 / bucketSeconds) * bucketSeconds;
    const start = end - WINDOW_SECONDS[window];
    const series = await prom.client.range(query, { start, end, step: bucketSeconds });
    const byT = new Map<number, TrafficBucket>();
    const versions = new Map<string, TrafficVersion>(plan.versions.map((v) => [v.key, v]));
    for (const s of series) {
      const key = plan.splitBy === "service" ? s.metric.destination_service_name : s.metric.destination_canonical_revision;
      if (!key) continue;
      if (!versions.has(key)) versions.set(key, { key, role: "other", label: plan.splitBy === "revision" ? `revision ${key}` : key });
      const err = isErrorCode(s.metric.response_code);
      for (const [t, value] of s.values) {
        if (!Number.isFinite(value)) continue;
        const ms = t * 1000;
        let b = byT.get(ms);
        if (!b) byT.set(ms, (b = { t: ms, rates: {} }));
        const r = (b.rates[key] ??= { ok: 0, error: 0 });
        if (err) r.error += value;
        else r.ok += value;
      }
    }
    const list = [...versions.values()];
    const note =
      plan.splitBy === "revision" && list.length <= 1
        ? "All pods report the same canonical revision: label the pod template (e.g. version) to tell stable and canary apart in metrics."
        : null;
    return { ...base, versions: list, buckets: [...byT.values()].sort((a, b) => a.t - b.t), query, note };
  } catch (error) {
    const app = isAppError(error) ? error : new AppError({ code: "Unavailable", message: "Prometheus query failed" }, { cause: error });
    return { ...base, state: "error", error: app.detail };
  }
}
