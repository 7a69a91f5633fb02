import { expect, test } from "@playwright/test";
import { requireBaseUrl } from "./helpers/overview";
import { expectConfigured, HOST_SPLIT, splitTable, vsCard } from "./helpers/traffic";

// Runs against the real lab cluster started by the e2e globalSetup; the
// routes come from the demo world (lab/demo), with simulated traffic and
// Prometheus.

test.beforeEach(async ({ page, baseURL }) => {
  requireBaseUrl(baseURL);
  await page.goto("/");
});

test("shows the product header, the overview heading and its panels", async ({ page }) => {
  await expect(page.getByRole("banner")).toContainText("Meshdeck");
  await expect(page.getByRole("heading", { level: 1, name: "Traffic overview" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Namespaces" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Traffic splits" })).toBeVisible();
  await expect(page.getByTestId("live-state")).toHaveText("Live");
  await expect(page.getByText(/data as of \d\d:\d\d:\d\d/)).toBeVisible();
});

test("lists namespaces with their injection state", async ({ page }) => {
  const namespaces = page.getByRole("table", { name: /Namespaces and their Istio sidecar injection state/ });
  const demo = ["demo-hosts", "demo-bluegreen", "demo-canary", "demo-staged", "demo-shop", "demo-argo-subset", "demo-argo-mirror", "demo-argo-header", "demo-argo-analysis", "demo-argo-bluegreen", "demo-gateway-api", "demo-tcp"];
  for (const name of demo) {
    await expect(namespaces.getByRole("rowheader", { name, exact: true })).toBeVisible();
  }
  for (const name of demo) {
    const row = namespaces.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
    await expect(row).toContainText("enabled");
  }
  await expect(page.getByRole("heading", { name: "Pods without sidecar" })).toBeVisible();
});

test("shows the host-level 50/50 split as configured, and an observed bar once traffic flows", async ({ page }) => {
  const card = vsCard(page, HOST_SPLIT.vs);
  await expect(card).toBeVisible();
  const table = splitTable(card, HOST_SPLIT.vs);
  await expectConfigured(table, HOST_SPLIT.a, 50);
  await expectConfigured(table, HOST_SPLIT.b, 50);
  await expect(card.getByRole("img", { name: /^Configured split of route #1: greeter-r1 50%, greeter-r2 50%$/ })).toBeVisible();
  // The lab's simulated traffic reaches Prometheus within a scrape or two.
  await expect(card.getByRole("img", { name: /^Observed split of route #1: greeter-r1 \d+%, greeter-r2 \d+%$/ })).toBeVisible({ timeout: 90_000 });
  await expect(card.getByText(/observed over the last 1m \(\d+ requests\), lags config by ~\d+ s/)).toBeVisible();
  await expect(card.getByText("owner manual")).toBeVisible();
});

test("shows the shop's reviews 80/20 split and the shop's other routes", async ({ page }) => {
  // Filtered to the shop: other worlds in the lab (the acceptance walkthroughs' Bookinfo) have a "reviews" too.
  await page.goto("/?namespace=demo-shop");
  const reviews = vsCard(page, "reviews");
  await expectConfigured(splitTable(reviews, "reviews"), "reviews · v1", 80);
  await expectConfigured(splitTable(reviews, "reviews"), "reviews · v2", 20);
  const shop = vsCard(page, "shop");
  await expect(shop).toContainText("demo-shop/shop-gateway");
  await expect(shop.getByRole("list", { name: "Other routes of shop" })).toContainText("uri prefix /assets");
  await expect(shop.getByRole("list", { name: "Other routes of shop" })).toContainText("front");
});

test("shows the staged 70/30 revision split and the Gateway API split", async ({ page }) => {
  const api = vsCard(page, "api");
  await expectConfigured(splitTable(api, "api"), "api · v1", 70);
  await expectConfigured(splitTable(api, "api"), "api · v2", 30);
  const web = page.getByRole("article", { name: "HTTPRoute web", exact: true });
  await expect(web).toContainText("web-v1");
  await expect(web).toContainText("90%");
});

test("marks controller-owned weights with the owner and a lock", async ({ page }) => {
  const rollout = vsCard(page, "payments");
  await expect(rollout).toContainText("Argo Rollouts");
  await expect(rollout.getByText("weights locked by Argo Rollouts")).toBeAttached();
  await expect(rollout.getByText("managed by Rollout payments")).toBeVisible();
  // The demo's paused canary: 5 % on the new version.
  await expectConfigured(splitTable(rollout, "payments", "primary"), "payments-canary", 5);
  await expect(vsCard(page, "api")).toContainText("mesh, demo-staged/api-gateway");
  await expect(vsCard(page, "checkout")).toContainText("header x-version = green");
});

test("keeps the namespace filter and window in the URL", async ({ page }) => {
  await expect(vsCard(page, HOST_SPLIT.vs)).toBeVisible();
  await page.getByRole("combobox", { name: "Namespace" }).selectOption("demo-shop");
  await expect(page).toHaveURL(/\?namespace=demo-shop$/);
  // Filtered first (a strict locator fails at once while other namespaces' "reviews" still show).
  await expect(vsCard(page, HOST_SPLIT.vs)).toHaveCount(0);
  await expect(vsCard(page, "reviews")).toBeVisible();
  await page.getByRole("combobox", { name: "Observed window" }).selectOption("5m");
  await expect(page).toHaveURL(/\?namespace=demo-shop&window=5m$/);
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Namespace" })).toHaveValue("demo-shop");
  await expect(page.getByRole("combobox", { name: "Observed window" })).toHaveValue("5m");
  await expect(vsCard(page, HOST_SPLIT.vs)).toHaveCount(0);
  await expect(vsCard(page, "reviews")).toBeVisible();
});

test("links a weighted route to its service page", async ({ page }) => {
  await vsCard(page, HOST_SPLIT.vs).getByRole("link", { name: /Adjust weights/ }).click();
  await expect(page).toHaveURL(/\/services\/demo-hosts\/greeter-r1#route-greeter-0$/);
  await expect(page.getByRole("slider", { name: /greeter-r1/ })).toBeVisible();
});

test("rejects a bad namespace parameter with a typed 400", async ({ request }) => {
  for (const url of ["/api/virtualservices?namespace=Not_A_Namespace", "/api/traffic?namespace=Not_A_Namespace"]) {
    const response = await request.get(url);
    expect(response.status()).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "BadRequest" } });
  }
});
