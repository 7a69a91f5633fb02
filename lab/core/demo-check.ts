import { demoWorldObjects } from "./demo-world.js";
import { readMotion } from "./demo-motion.js";
import { request, waitFor } from "./http.js";

// `npm run demo -- --check`: what a newcomer would see, checked through the
// dashboard's own API: ready, the demo world's routes listed, the canaries
// of the motion paused and waiting for a promotion, the one whose analysis
// fails aborted by the controller.

interface Named {
  namespace: string;
  name: string;
}

interface TrafficBody {
  virtualServices?: Named[];
  httpRoutes?: Named[];
}

interface RolloutsBody {
  items?: (Named & { phase?: string; promotionPending?: boolean; aborted?: boolean })[];
}

const CHECK_MS = 90_000;

async function getJson<T>(url: string): Promise<{ status: number; body: T | null }> {
  const r = await request(url, { timeoutMs: 15_000 });
  try {
    return { status: r.status, body: JSON.parse(r.body) as T };
  } catch {
    return { status: r.status, body: null };
  }
}

/** Polls `probe` until it returns no problem; throws the last problem otherwise. */
async function until(what: string, probe: () => Promise<string | null>): Promise<void> {
  let last: string | null = "not checked";
  try {
    await waitFor(what, async () => (last = await probe()) === null, CHECK_MS, 1_000);
  } catch {
    throw new Error(last ?? what);
  }
}

async function ready(url: string): Promise<string | null> {
  const r = await getJson<{ status?: string }>(`${url}/api/readyz`);
  return r.status === 200 && r.body?.status === "ready" ? null : `/api/readyz answers ${r.status} ${JSON.stringify(r.body)}`;
}

async function routesListed(url: string): Promise<string | null> {
  const r = await getJson<TrafficBody>(`${url}/api/traffic`);
  if (r.status !== 200 || !r.body) return `/api/traffic answers ${r.status}`;
  const listed = new Set([...(r.body.virtualServices ?? []), ...(r.body.httpRoutes ?? [])].map((o) => `${o.namespace}/${o.name}`));
  const want = demoWorldObjects()
    .filter((o) => o.kind === "VirtualService" || o.kind === "HTTPRoute")
    .map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
  const missing = want.filter((k) => !listed.has(k));
  return missing.length === 0 ? null : `/api/traffic lacks the demo world's routes ${missing.join(", ")}`;
}

async function canariesPending(url: string): Promise<string | null> {
  const r = await getJson<RolloutsBody>(`${url}/api/rollouts`);
  if (r.status !== 200 || !r.body) return `/api/rollouts answers ${r.status}`;
  const items = r.body.items ?? [];
  const problems = readMotion().rollouts.flatMap((m) => {
    const item = items.find((i) => i.namespace === m.namespace && i.name === m.name);
    if (!item) return [`${m.namespace}/${m.name} is not listed`];
    const there = m.until === "aborted" ? item.phase === "Degraded" && item.aborted : item.phase === "Paused" && item.promotionPending;
    return there ? [] : [`${m.namespace}/${m.name} is ${item.phase}, promotion pending: ${item.promotionPending}, aborted: ${item.aborted}`];
  });
  return problems.length === 0 ? null : `/api/rollouts: ${problems.join("; ")}`;
}

const checks: [string, (url: string) => Promise<string | null>][] = [
  ["/api/readyz is ready", ready],
  ["/api/traffic lists every route of the demo world", routesListed],
  ["/api/rollouts lists the paused canaries as pending promotion, the failing one as aborted", canariesPending],
];

/** Runs every check against the dashboard at `url`; returns what failed (empty: all passed). */
export async function runDemoCheck(url: string, log: (m: string) => void): Promise<string[]> {
  const failures: string[] = [];
  for (const [what, probe] of checks) {
    try {
      await until(what, () => probe(url));
      log(`✓ ${what}`);
    } catch (e) {
      failures.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return failures;
}
