import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { startDashboard } from "../lab/core/dashboard";
import { portOffsets } from "../lab/core/options";
import { kubeAs, labState, testLab, uniqueNamespace } from "../tests/integration/test-lab";
import { CANARY, pausedCanaryCopy, RO } from "./helpers/canary";

// The wall display (/wall): kiosk chrome, clock and "data as of", rotation on
// the configured interval, the alert of a Degraded Rollout, and reconnecting
// after the dashboard server restarts, all without a reload.

/**
 * Marks the loaded document; `reloaded()` tells whether it was replaced since
 * (a reload or navigation wipes the mark; Next's same-document history updates do not).
 */
async function markDocument(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    (window as unknown as { __wallMark?: number }).__wallMark = 1;
  });
  return async () => (await page.evaluate(() => (window as unknown as { __wallMark?: number }).__wallMark)) !== 1;
}

test("kiosk layout: no navigation chrome, a ticking clock, data as of, live", async ({ page }) => {
  await page.goto("/wall?views=rollouts,splits&interval=30");
  const wall = page.getByTestId("wall");
  await expect(wall).toBeVisible();
  await expect(page.locator("nav")).toHaveCount(0);
  await expect(page.getByRole("link")).toHaveCount(0);
  await expect(page.getByText("Istio traffic & progressive delivery")).toHaveCount(0);

  const clock = page.getByTestId("wall-clock");
  await expect(clock).toHaveText(/^\d\d:\d\d:\d\d$/);
  const first = await clock.textContent();
  await expect(clock).not.toHaveText(first ?? "", { timeout: 5_000 });
  await expect(page.getByTestId("wall-connection")).toHaveAttribute("data-state", "open");
  await expect(page.getByTestId("wall-as-of")).toHaveText(/data as of \d\d:\d\d:\d\d/);
  // Large type: the clock is readable from across a room.
  const clockPx = await clock.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(clockPx).toBeGreaterThanOrEqual(32);
  // Dark theme.
  expect(await wall.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(0, 0, 0)");
});

test("a wrong wall URL says what to fix", async ({ page }) => {
  await page.goto("/wall?views=rollouts,charts&interval=0");
  const error = page.getByTestId("wall-config-error");
  await expect(error).toContainText('unknown view "charts"');
  await expect(error).toContainText("interval:");
  await expect(page.getByTestId("wall")).toHaveCount(0);
});

test("rotates through the configured views by itself, its progress bar running for the interval", async ({ page }) => {
  await page.goto("/wall?views=rollouts:demo-canary,splits:demo-shop&interval=3");
  const view = page.getByTestId("wall-view");
  await expect(view).toHaveAttribute("data-view", "rollouts:demo-canary");
  const reloaded = await markDocument(page);
  await expect(page.getByTestId("wall-title")).toHaveText(/Rollouts in progress · demo-canary/);
  // Record every change of the view shown (the gap between changes is a figure of bench/wall-soak.ts, not a bound here).
  await page.evaluate(() => {
    const w = window as unknown as { __rotations: (string | null)[] };
    w.__rotations = [];
    const el = document.querySelector("[data-testid=wall-view]");
    if (!el) throw new Error("no wall view");
    new MutationObserver(() => w.__rotations.push(el.getAttribute("data-view"))).observe(el, { attributes: true, attributeFilter: ["data-view"] });
  });
  await expect(view).toHaveAttribute("data-view", "splits:demo-shop", { timeout: 30_000 });
  await expect(page.getByTestId("wall-split").first()).toBeVisible();
  await expect(page.getByTestId("wall-title")).toHaveText(/Traffic splits · demo-shop/);
  await page.waitForFunction(() => (window as unknown as { __rotations: unknown[] }).__rotations.length >= 4, null, { timeout: 60_000 });
  const rotations = await page.evaluate(() => (window as unknown as { __rotations: (string | null)[] }).__rotations);
  expect(rotations.slice(0, 4)).toEqual(["splits:demo-shop", "rollouts:demo-canary", "splits:demo-shop", "rollouts:demo-canary"]);
  // The bar that fills until the next view runs for the configured interval (restarted at each move).
  await expect(page.locator(".wall-progress")).toHaveCSS("animation-duration", "3s");
  expect(await reloaded()).toBe(false);
});

/** Pixels painted in the dark palette's label colour (#f8fafc) on a canvas. */
function countLightLabelPixels(canvas: HTMLCanvasElement): number {
  const ctx = canvas.getContext("2d");
  if (!ctx) return 0;
  const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if ((d[i + 3] ?? 0) > 200 && Math.abs((d[i] ?? 0) - 248) <= 4 && Math.abs((d[i + 1] ?? 0) - 250) <= 4 && Math.abs((d[i + 2] ?? 0) - 252) <= 4) n++;
  }
  return n;
}

test("a graph view shows the live graph; rotating keeps one stream open for every view", async ({ page }) => {
  const streams: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/stream") streams.push(r.url());
  });
  await page.goto("/wall?views=graph:demo-shop,rollouts,splits&interval=3");
  const graph = page.locator("[data-testid=wall-graph][data-view='graph:demo-shop']");
  await expect(graph).toBeVisible();
  await expect(graph.getByTestId("graph-view")).toHaveAttribute("data-nodes", /^[1-9]\d*$/, { timeout: 30_000 });
  await expect(page.getByTestId("wall-title")).toHaveText(/Service graph · demo-shop/);
  // The dark kiosk canvas: a near-black backdrop with light labels painted on it (not the app's light theme).
  await expect(graph.getByTestId("graph-view")).toHaveCSS("background-color", "rgb(2, 6, 23)");
  await expect
    .poll(() => graph.locator("canvas").first().evaluate(countLightLabelPixels), { timeout: 15_000 })
    .toBeGreaterThan(50);
  // Around the whole rotation and back to the graph.
  await expect(page.getByTestId("wall-view")).toHaveAttribute("data-view", "rollouts", { timeout: 30_000 });
  await expect(graph).toBeHidden();
  await expect(page.getByTestId("wall-view")).toHaveAttribute("data-view", "splits", { timeout: 30_000 });
  await expect(page.getByTestId("wall-view")).toHaveAttribute("data-view", "graph:demo-shop", { timeout: 30_000 });
  await expect(graph).toBeVisible();
  // One EventSource carried the graph, rollouts and traffic topics throughout.
  expect(streams).toHaveLength(1);
  const topics = new URL(streams[0] ?? "http://x").searchParams.get("topics")?.split(",") ?? [];
  expect(topics).toEqual(expect.arrayContaining(["rollouts", "traffic", expect.stringMatching(/^graph:va:1m:0:demo-shop$/)]));
});

test("the demo's failing canary raises the errors alert on arrival", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/wall?views=rollouts:demo-argo-header&interval=30");
  const card = page.locator("[data-testid=wall-rollout][data-rollout='demo-argo-header/profile']");
  await expect(card).toHaveAttribute("data-phase", "Paused");
  // Errors are judged once the canary has answered enough requests (a minute or so after the set-up).
  const alert = page.getByTestId("wall-alert").filter({ hasText: "Canary demo-argo-header/profile:" });
  await expect(alert).toContainText(/\d+(\.\d)? % errors/, { timeout: 150_000 });
  await expect(alert).toContainText("threshold");
});

test("a Degraded (aborted) Rollout raises an alert that stays on screen through the rotation", async ({ page }) => {
  test.setTimeout(300_000);
  const admin = kubeAs("admin");
  const ns = uniqueNamespace("e2e-wall");
  try {
    await pausedCanaryCopy(admin, ns);

    await page.goto(`/wall?views=rollouts:${ns},splits:${ns}&interval=4`);
    const card = page.locator(`[data-testid=wall-rollout][data-rollout="${ns}/${CANARY}"]`);
    await expect(card).toHaveAttribute("data-phase", "Paused");
    const reloaded = await markDocument(page);
    await expect(card).toContainText("Step 1/4");
    await expect(card).toContainText("canary weight set 5 %");
    await expect(page.getByTestId("wall-alert")).toHaveCount(0);

    // Abort, as `kubectl argo rollouts abort` does: the controller marks it Degraded.
    await admin.patch(RO[0], RO[1], ns, CANARY, { status: { abort: true } }, "merge", "status");
    const alert = page.getByTestId("wall-alert");
    await expect(alert).toBeVisible({ timeout: 60_000 });
    await expect(alert).toContainText(`Rollout ${ns}/${CANARY} aborted`);
    await expect(alert).toContainText("RolloutAborted");
    await expect(page).toHaveTitle(/⚠ 1 alert/);
    // The banner stays while the views rotate.
    for (const id of [`splits:${ns}`, `rollouts:${ns}`]) {
      await expect(page.getByTestId("wall-view")).toHaveAttribute("data-view", id, { timeout: 30_000 });
      await expect(alert).toBeVisible();
    }
    await expect(card).toHaveAttribute("data-phase", "Degraded");
    await expect(card).toContainText("Aborted");
    expect(await reloaded()).toBe(false);
  } finally {
    await admin.delete("v1", "Namespace", undefined, ns).catch(() => undefined);
  }
});

test("shows that it is reconnecting while the server is down and recovers without a reload", async ({ page }) => {
  test.setTimeout(300_000);
  const state = labState();
  // Our own dashboard process (the suite's shared one must keep running), on a port
  // of the lab's range that no lab component uses.
  const port = testLab.basePort + Math.max(...Object.values(portOffsets)) + 9;
  const logFile = path.join(state.dir, "logs", "dashboard-e2e-wall.log");
  let server: ChildProcess | null = await startDashboard(state, port, logFile);
  const stop = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  };
  try {
    await page.goto(`http://127.0.0.1:${port}/wall?views=rollouts,splits&interval=30`);
    const connection = page.getByTestId("wall-connection");
    const asOf = page.getByTestId("wall-as-of").locator("time");
    await expect(connection).toHaveAttribute("data-state", "open");
    await expect(asOf).toBeVisible();
    const reloaded = await markDocument(page);
    const before = await asOf.getAttribute("datetime");

    await stop(server);
    server = null;
    const downAt = Date.now();
    await expect(connection).toHaveAttribute("data-state", "reconnecting", { timeout: 15_000 });
    await expect(connection).toContainText(/Reconnecting… attempt \d+/);
    // What was shown stays shown, with its time.
    await expect(page.getByTestId("wall-view")).toBeVisible();
    expect(await asOf.getAttribute("datetime")).not.toBeNull();

    server = await startDashboard(state, port, logFile);
    await expect(connection).toHaveAttribute("data-state", "open", { timeout: 60_000 });
    await expect(connection).toContainText("Live");
    // Fresh data again: "data as of" moves past the moment the server went down.
    await expect
      .poll(async () => Date.parse((await asOf.getAttribute("datetime")) ?? "") > downAt, { timeout: 60_000 })
      .toBe(true);
    expect(await asOf.getAttribute("datetime")).not.toBe(before);
    expect(await reloaded()).toBe(false);
  } finally {
    if (server) await stop(server);
  }
});
