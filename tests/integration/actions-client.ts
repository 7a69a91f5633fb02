import fs from "node:fs";
import { eventually, labState } from "./test-lab.js";
import { promQuery } from "./traffic-helpers.js";

/**
 * Calls Meshdeck's action route handlers in-process, as Next.js would: the
 * handler exported for the method, with the decoded path segments as params.
 * The dashboard's own credentials are the lab's admin (MESHDECK_KUBECONFIG).
 */
export function useLabAdminKubeconfig(): void {
  process.env.MESHDECK_KUBECONFIG = labState().kubeconfigs.admin;
}

export function viewerToken(): string {
  const token = /token: (\S+)/.exec(fs.readFileSync(labState().kubeconfigs.viewer, "utf8"))?.[1];
  if (!token) throw new Error("no token in the viewer kubeconfig");
  return token;
}

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;
type Module = Partial<Record<"GET" | "POST" | "PUT" | "DELETE", Handler>>;

const VS = "/api/namespaces/:namespace/virtualservices/:name";
const HR = "/api/namespaces/:namespace/httproutes/:name";
const DR = "/api/namespaces/:namespace/destinationrules/:name";
const table: { pattern: string; load: () => Promise<Module> }[] = [
  { pattern: `${VS}/http/:route/weights`, load: () => import("@/app/api/namespaces/[namespace]/virtualservices/[name]/http/[route]/weights/route") },
  { pattern: `${VS}/http/:route/switch`, load: () => import("@/app/api/namespaces/[namespace]/virtualservices/[name]/http/[route]/switch/route") },
  { pattern: `${VS}/http/:route/promote`, load: () => import("@/app/api/namespaces/[namespace]/virtualservices/[name]/http/[route]/promote/route") },
  { pattern: `${VS}/http/:route/fault`, load: () => import("@/app/api/namespaces/[namespace]/virtualservices/[name]/http/[route]/fault/route") },
  { pattern: `${VS}/http/:route/mirror`, load: () => import("@/app/api/namespaces/[namespace]/virtualservices/[name]/http/[route]/mirror/route") },
  { pattern: `${VS}/http/:route/timeout`, load: () => import("@/app/api/namespaces/[namespace]/virtualservices/[name]/http/[route]/timeout/route") },
  { pattern: `${VS}/http/:route/retries`, load: () => import("@/app/api/namespaces/[namespace]/virtualservices/[name]/http/[route]/retries/route") },
  { pattern: `${VS}/tls/:route/weights`, load: () => import("@/app/api/namespaces/[namespace]/virtualservices/[name]/tls/[route]/weights/route") },
  { pattern: `${VS}/tcp/:route/weights`, load: () => import("@/app/api/namespaces/[namespace]/virtualservices/[name]/tcp/[route]/weights/route") },
  { pattern: `${VS}/test-routes`, load: () => import("@/app/api/namespaces/[namespace]/virtualservices/[name]/test-routes/route") },
  { pattern: `${VS}/test-routes/:routeName`, load: () => import("@/app/api/namespaces/[namespace]/virtualservices/[name]/test-routes/[routeName]/route") },
  { pattern: `${VS}/undo`, load: () => import("@/app/api/namespaces/[namespace]/virtualservices/[name]/undo/route") },
  { pattern: `${VS}/history`, load: () => import("@/app/api/namespaces/[namespace]/virtualservices/[name]/history/route") },
  { pattern: `${HR}/rules/:rule/weights`, load: () => import("@/app/api/namespaces/[namespace]/httproutes/[name]/rules/[rule]/weights/route") },
  { pattern: `${HR}/undo`, load: () => import("@/app/api/namespaces/[namespace]/httproutes/[name]/undo/route") },
  { pattern: `${HR}/history`, load: () => import("@/app/api/namespaces/[namespace]/httproutes/[name]/history/route") },
  { pattern: `${DR}/policy`, load: () => import("@/app/api/namespaces/[namespace]/destinationrules/[name]/policy/route") },
  { pattern: `${DR}/subsets/:subset/policy`, load: () => import("@/app/api/namespaces/[namespace]/destinationrules/[name]/subsets/[subset]/policy/route") },
  { pattern: `${DR}/undo`, load: () => import("@/app/api/namespaces/[namespace]/destinationrules/[name]/undo/route") },
  { pattern: `${DR}/history`, load: () => import("@/app/api/namespaces/[namespace]/destinationrules/[name]/history/route") },
  { pattern: "/api/namespaces/:namespace/services/:name/subsets", load: () => import("@/app/api/namespaces/[namespace]/services/[name]/subsets/route") },
];

/** The params of `path` for `pattern` (`:name` segments), or null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(":")) {
      if (g === "") return null;
      params[w.slice(1)] = decodeURIComponent(g);
    } else if (w !== g) return null;
  }
  return params;
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text (overrides `body`). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Send X-Meshdeck-Csrf: 1 (default true). */
  csrf?: boolean;
  bearer?: string;
}

export interface CallResult {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  body: any;
}

export const ORIGIN = "http://127.0.0.1:3000";

/** `path` may carry a query string; path segments are percent-decoded like Next.js does. */
export async function call(method: "GET" | "POST" | "PUT" | "DELETE", path: string, options: CallOptions = {}): Promise<CallResult> {
  const url = new URL(path, ORIGIN);
  const route = table.map((r) => ({ r, params: match(r.pattern, url.pathname) })).find((x) => x.params);
  if (!route?.params) return { status: 404, body: { error: { code: "NotFound", message: "no such route" } } };
  const handler = (await route.r.load())[method];
  if (!handler) return { status: 405, body: null };
  const headers: Record<string, string> = { ...options.headers };
  if (options.csrf !== false) headers["x-meshdeck-csrf"] = "1";
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  const text = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (text !== undefined) headers["content-type"] ??= "application/json";
  const request = new Request(url, { method, headers, ...(text !== undefined && method !== "GET" ? { body: text } : {}) });
  const response = await handler(request, { params: Promise.resolve(route.params) });
  const body: unknown = await response.json();
  return { status: response.status, body };
}

/**
 * `call`, pinned to the object's current resourceVersion (read first through
 * its history endpoint, as the UI plans on the version it shows): what a write
 * addressing a route or rule by index needs (428 without).
 */
export async function callAtCurrent(method: "POST" | "PUT" | "DELETE", path: string, options: CallOptions = {}): Promise<CallResult> {
  const object = /^(\/api\/namespaces\/[^/]+\/(?:virtualservices|httproutes)\/[^/?]+)/.exec(path)?.[1];
  if (!object) throw new Error(`not an action path: ${path}`);
  const history = await call("GET", `${object}/history`, options.bearer ? { bearer: options.bearer } : {});
  if (history.status !== 200) return history;
  const url = new URL(path, ORIGIN);
  url.searchParams.set("resourceVersion", history.body.resourceVersion as string);
  return call(method, `${url.pathname}${url.search}`, options);
}

export const vsPath = (ns: string, name: string) => `/api/namespaces/${ns}/virtualservices/${name}`;
export const hrPath = (ns: string, name: string) => `/api/namespaces/${ns}/httproutes/${name}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The lab's Prometheus job scraping the simulated data plane (lab/core/components.ts). */
const MESH_JOB = "istio-mesh-simulated";

/** Waits until Prometheus holds a scrape of the simulated data plane taken after `since` (ms since the epoch). */
export async function scrapedAfter(since: number): Promise<void> {
  await eventually("a scrape of the data plane after the change", async () => ((await promQuery(`max(timestamp(up{job="${MESH_JOB}"}))`))[0]?.value ?? 0) * 1000 > since, 60_000, 500);
}

export async function promCounts(selector: string, by: string, metric = "istio_requests_total"): Promise<Record<string, number>> {
  const rows = await promQuery(`sum by (${by}) (${metric}{${selector}})`);
  return Object.fromEntries(rows.map((r) => [r.metric[by] ?? "", r.value]));
}

/**
 * What Prometheus counted (`metric`, istio_requests_total by default, matching `selector`, summed by
 * `by`) while `drive` ran: waits for a scrape taken after the call first (so
 * the baseline post-dates the change), then until the counted total reaches `atLeast`.
 */
export async function promDelta(
  selector: string,
  by: string,
  drive: () => Promise<unknown>,
  atLeast: number,
  metric = "istio_requests_total",
): Promise<Record<string, number>> {
  await scrapedAfter(Date.now());
  const before = await promCounts(selector, by, metric);
  await drive();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const after = await promCounts(selector, by, metric);
    const delta: Record<string, number> = {};
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const d = Math.round((after[key] ?? 0) - (before[key] ?? 0));
      if (d > 0) delta[key] = d;
    }
    if (Object.values(delta).reduce((a, b) => a + b, 0) >= atLeast) return delta;
    if (Date.now() > deadline) throw new Error(`Prometheus counted ${JSON.stringify(delta)} for ${selector}, expected ≥ ${atLeast}`);
    await sleep(1000);
  }
}

export function shareOf(counts: Record<string, number>, key: string, among?: string[]): number {
  const keys = among ?? Object.keys(counts);
  const total = keys.reduce((a, k) => a + (counts[k] ?? 0), 0);
  return total > 0 ? (counts[key] ?? 0) / total : 0;
}
