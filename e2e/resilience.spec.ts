import { expect, test, type Page } from "@playwright/test";
import { readState } from "../lab/core/state";
import { eventually, kubeAs, testLab, uniqueNamespace } from "../tests/integration/test-lab";
import { requireBaseUrl } from "./helpers/overview";
import { destinationRow, expectConfigured, splitTable, vsCard } from "./helpers/traffic";

// The open UI against a disturbed lab, never reloaded: the API server killed
// (the lab's supervisor restarts it), Prometheus frozen. Runs last-ish and
// serially: the whole lab is affected while it runs.

test.describe.configure({ mode: "serial" });

const ns = uniqueNamespace("e2e-resil");
const VS = "resil-split";

function lab() {
  const state = readState(testLab.name);
  if (!state) throw new Error(`test lab ${testLab.name} is not running`);
  return state;
}

function componentPid(name: string): number {
  const pid = lab().components[name]?.pid;
  if (!pid) throw new Error(`no pid for ${name}`);
  return pid;
}

function splitVs(a: number, b: number) {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: VS, namespace: ns },
    spec: { hosts: ["resil-a"], http: [{ route: [{ destination: { host: "resil-a" }, weight: a }, { destination: { host: "resil-b" }, weight: b }] }] },
  };
}

/** Marks the document; still marked later means the page was never reloaded. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
}

async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);
}

test.beforeAll(async () => {
  const admin = kubeAs("admin");
  await admin.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  for (const name of ["resil-a", "resil-b"]) {
    await admin.apply({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: ns }, spec: { selector: { app: name }, ports: [{ port: 80, name: "http" }] } });
  }
  await admin.apply(splitVs(80, 20));
});

test.afterAll(async () => {
  await kubeAs("admin").delete("v1", "Namespace", undefined, ns).catch(() => undefined);
});

test.beforeEach(({ baseURL }) => {
  requireBaseUrl(baseURL);
});

test("kube-apiserver killed: the open overview says so, keeps its data, and is live again once it is back", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`/?namespace=${ns}`);
  const table = splitTable(vsCard(page, VS), VS);
  await expectConfigured(table, "resil-a", 80);
  await expect(page.getByTestId("live-state")).toHaveText("Live");
  await markDocument(page);

  // Hold the lab's supervisor while the API server is down, so the outage lasts long
  // enough to be seen (it restarts a dead component within a second or two).
  const supervisor = lab().supervisorPid;
  const apiserver = componentPid("kube-apiserver");
  process.kill(supervisor, "SIGSTOP");
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.kill(supervisor, "SIGCONT");
  };
  try {
    process.kill(apiserver, "SIGKILL");
    const banner = page.getByTestId("cluster-health");
    await expect(banner).toContainText(/Kubernetes API unreachable|fails/, { timeout: 30_000 });
    // Degraded, not broken: the page and its last known data stay.
    await expect(page.getByRole("heading", { level: 1, name: "Traffic overview" })).toBeVisible();
    await expectConfigured(table, "resil-a", 80);
    await expect(page.getByTestId("live-state")).toHaveText("Live");
  } finally {
    release();
  }

  const admin = kubeAs("admin");
  await eventually("a new, ready kube-apiserver", async () => {
    const now = lab().components["kube-apiserver"]?.pid;
    return !!now && now !== apiserver && (await admin.raw("GET", "/readyz")).status === 200;
  }, 120_000, 500);
  await expect(page.getByTestId("cluster-health")).toHaveCount(0, { timeout: 30_000 });

  // Live again: a change made after the restart shows up without a reload.
  await admin.apply(splitVs(30, 70));
  await expectConfigured(table, "resil-a", 30, 15_000);
  await expectConfigured(table, "resil-b", 70);
  expect(await sameDocument(page)).toBe(true);
});

test("Prometheus frozen: only the metric panels degrade, and they recover without a reload", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("/services/demo-shop/reviews?window=5m");
  const requests = page.getByRole("figure", { name: "Request rate (req/s)" });
  await expect(requests.locator(".recharts-line").first()).toBeAttached({ timeout: 60_000 });
  const destinations = page.getByRole("table", { name: "Destinations of route #1 in reviews" });
  await expect(destinationRow(destinations, "reviews · v1")).toContainText("80%");
  await markDocument(page);

  // SIGSTOP rather than a kill: the supervisor restarts a killed Prometheus too fast to observe.
  const prometheus = componentPid("prometheus");
  process.kill(prometheus, "SIGSTOP");
  let frozen = true;
  const thaw = () => {
    if (!frozen) return;
    frozen = false;
    process.kill(prometheus, "SIGCONT");
  };
  try {
    const metrics = page.getByRole("region", { name: "Traffic by version" });
    await expect(metrics.getByRole("alert").filter({ hasText: "Prometheus unavailable" }).first()).toBeVisible({ timeout: 90_000 });
    await expect(requests).toHaveCount(0);
    // Configuration views do not depend on Prometheus.
    await expect(destinationRow(destinations, "reviews · v1")).toContainText("80%");
    await expect(page.getByRole("heading", { level: 1, name: "Service reviews" })).toBeVisible();
    await expect(page.getByTestId("cluster-health")).toHaveCount(0);
  } finally {
    thaw();
  }
  await expect(requests.locator(".recharts-line").first()).toBeAttached({ timeout: 90_000 });
  expect(await sameDocument(page)).toBe(true);
});
