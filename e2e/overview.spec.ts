import { expect, test } from "@playwright/test";
import { requireBaseUrl } from "./helpers/overview";
import { expectConfigured, HELM_CANARY, splitTable, vsCard } from "./helpers/traffic";

// Runs against the real lab cluster started by the e2e globalSetup; the
// routes come from the shared scenarios (bookinfo, seeds), with simulated
// traffic and Prometheus.

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
  for (const name of ["bookinfo", "default", "sample-ns", "argo-apl", "default-265db573"]) {
    await expect(namespaces.getByRole("rowheader", { name, exact: true })).toBeVisible();
  }
  for (const name of ["sample-ns", "argo-apl"]) {
    const row = namespaces.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
    await expect(row).toContainText("enabled");
  }
  await expect(page.getByRole("heading", { name: "Pods without sidecar" })).toBeVisible();
});

test("shows the helm-canary 50/50 split as configured, and an observed bar once traffic flows", async ({ page }) => {
  const card = vsCard(page, HELM_CANARY.vs);
  await expect(card).toBeVisible();
  const table = splitTable(card, HELM_CANARY.vs);
  await expectConfigured(table, HELM_CANARY.a, 50);
  await expectConfigured(table, HELM_CANARY.b, 50);
  await expect(card.getByRole("img", { name: /^Configured split of route #1: foolish-penguin-sample 50%, peeking-rabbit-sample 50%$/ })).toBeVisible();
  // The lab's simulated traffic reaches Prometheus within a scrape or two.
  await expect(card.getByRole("img", { name: /^Observed split of route #1: foolish-penguin-sample \d+%, peeking-rabbit-sample \d+%$/ })).toBeVisible({ timeout: 90_000 });
  await expect(card.getByText(/observed over the last 1m \(\d+ requests\), lags config by ~\d+ s/)).toBeVisible();
  await expect(card.getByText("owner manual")).toBeVisible();
});

test("shows the Bookinfo reviews 80/20 split and the other Bookinfo routes", async ({ page }) => {
  const reviews = vsCard(page, "reviews");
  await expectConfigured(splitTable(reviews, "reviews"), "reviews · v1", 80);
  await expectConfigured(splitTable(reviews, "reviews"), "reviews · v2", 20);
  const bookinfo = vsCard(page, "bookinfo");
  await expect(bookinfo).toContainText("bookinfo/bookinfo-gateway");
  await expect(bookinfo.getByRole("list", { name: "Other routes of bookinfo" })).toContainText("uri prefix /static");
  await expect(bookinfo.getByRole("list", { name: "Other routes of bookinfo" })).toContainText("productpage");
});

test("marks controller-owned weights with the owner and a lock", async ({ page }) => {
  const rollout = vsCard(page, "rollouts-demo-vsvc");
  await expect(rollout).toContainText("Argo Rollouts");
  await expect(rollout.getByText("weights locked by Argo Rollouts")).toBeAttached();
  await expect(rollout.getByText("managed by Rollout rollouts-demo")).toBeVisible();
  await expect(vsCard(page, "foobar")).toContainText("mesh, default-265db573/rio-gateway");
  await expect(vsCard(page, "nginx")).toContainText("header x-version = green");
});

test("keeps the namespace filter and window in the URL", async ({ page }) => {
  await expect(vsCard(page, HELM_CANARY.vs)).toBeVisible();
  await page.getByRole("combobox", { name: "Namespace" }).selectOption("bookinfo");
  await expect(page).toHaveURL(/\?namespace=bookinfo$/);
  await expect(vsCard(page, "reviews")).toBeVisible();
  await expect(vsCard(page, HELM_CANARY.vs)).toHaveCount(0);
  await page.getByRole("combobox", { name: "Observed window" }).selectOption("5m");
  await expect(page).toHaveURL(/\?namespace=bookinfo&window=5m$/);
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Namespace" })).toHaveValue("bookinfo");
  await expect(page.getByRole("combobox", { name: "Observed window" })).toHaveValue("5m");
  await expect(vsCard(page, "reviews")).toBeVisible();
});

test("links a weighted route to its service page", async ({ page }) => {
  await vsCard(page, HELM_CANARY.vs).getByRole("link", { name: /Adjust weights/ }).click();
  await expect(page).toHaveURL(/\/services\/default\/foolish-penguin-sample#route-exciting-lemur-sample-gateway-0$/);
  await expect(page.getByRole("slider", { name: /foolish-penguin-sample/ })).toBeVisible();
});

test("rejects a bad namespace parameter with a typed 400", async ({ request }) => {
  for (const url of ["/api/virtualservices?namespace=Not_A_Namespace", "/api/traffic?namespace=Not_A_Namespace"]) {
    const response = await request.get(url);
    expect(response.status()).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "BadRequest" } });
  }
});
