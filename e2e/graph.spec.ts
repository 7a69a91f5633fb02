import { expect, test } from "@playwright/test";
import { requireBaseUrl } from "./helpers/overview";

// The graph page against the lab: the demo shop with continuous simulated traffic,
// the graph pushed over the shared SSE stream (snapshot, then diffs).

test.beforeEach(({ baseURL }) => {
  requireBaseUrl(baseURL);
});

test("draws the shop's graph on a canvas, live, with a legend and the data's time", async ({ page }) => {
  await page.goto("/graph?namespaces=demo-shop");
  await expect(page.getByRole("heading", { level: 1, name: "Service graph" })).toBeVisible();
  const view = page.getByTestId("graph-view");
  await expect(view).toBeVisible({ timeout: 30_000 });
  await expect(view.locator("canvas").first()).toBeVisible();
  await expect.poll(async () => Number(await view.getAttribute("data-nodes")), { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
  await expect(page.getByTestId("graph-connection")).toHaveText("Live");
  await expect(page.getByTestId("graph-as-of")).toContainText("data as of");
  await expect(page.getByRole("region", { name: "Legend" })).toContainText("failing (5xx ≥ 10 %)");
  // The canvas actually has pixels drawn on it.
  const painted = await view.locator("canvas").first().evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext("2d");
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4 * 16) if ((data[i] ?? 0) > 0) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(100);
  // The header links here.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Graph" })).toHaveAttribute("href", "/graph");
});

test("find highlights matches and keeps the expression in the URL", async ({ page }) => {
  await page.goto("/graph?namespaces=demo-shop");
  await expect.poll(async () => Number(await page.getByTestId("graph-view").getAttribute("data-nodes")), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByLabel("Find").fill("name = reviews and kind = versionedApp");
  await expect(page.getByTestId("find-count")).toHaveText(/^[1-3] nodes, 0 edges found$/);
  await page.getByLabel("Find").fill("name = ratings");
  await expect(page.getByTestId("find-count")).toHaveText(/^2 nodes/);
  await page.getByLabel("Find").blur();
  await expect(page).toHaveURL(/find=name\+%3D\+ratings/);
  await page.getByLabel("Find").fill("colour = red");
  await expect(page.getByText('unknown field "colour"')).toBeVisible();
});

test("clicking a node opens the side panel with a link to its service page", async ({ page }) => {
  await page.goto("/graph?namespaces=demo-shop");
  const view = page.getByTestId("graph-view");
  await expect.poll(async () => Number(await view.getAttribute("data-nodes")), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByLabel("Find").fill("kind = service and name = reviews");
  await expect(page.getByTestId("find-count")).toHaveText(/^1 nodes/);
  const canvas = view.locator("canvas").first();
  const panel = page.getByTestId("graph-side-panel");
  // The node list arrives before the layout worker has placed the nodes; the first
  // (full) layout then re-frames the whole graph. Centre on the match only once every
  // node is placed: later layouts keep positions and the view.
  const placed = view.locator("[data-placed]");
  await expect.poll(async () => (await placed.getAttribute("data-placed")) === (await view.getAttribute("data-nodes")), { timeout: 30_000 }).toBe(true);
  await page.getByRole("button", { name: "Show first match" }).click();
  const box = await canvas.boundingBox();
  if (!box) throw new Error("canvas has no box");
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("heading", { level: 2, name: "reviews (demo-shop)" })).toBeVisible();
  const link = panel.getByRole("link", { name: "Traffic actions for reviews" });
  await expect(link).toHaveAttribute("href", "/services/demo-shop/reviews");
  await expect(panel.getByRole("region", { name: "Routing config" })).toContainText("VirtualService demo-shop/reviews");
  await link.click();
  await expect(page).toHaveURL(/\/services\/demo-shop\/reviews$/);
});
