import { expect, test } from "@playwright/test";
import { requireBaseUrl } from "./helpers/overview";
import { destinationRow, viewerToken } from "./helpers/traffic";

// The service page against the lab: the demo shop's reviews (three versions,
// an 80/20 split over subsets v1/v2) with continuous simulated traffic.

test.beforeEach(({ baseURL }) => {
  requireBaseUrl(baseURL);
});

test("shows the reviews routes in order, with typed matches and destinations", async ({ page }) => {
  await page.goto("/services/demo-shop/reviews");
  await expect(page.getByRole("heading", { level: 1, name: "Service reviews" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "reviews route #1" })).toBeVisible();
  const destinations = page.getByRole("table", { name: "Destinations of route #1 in reviews" });
  await expect(destinationRow(destinations, "reviews · v1")).toContainText("80%");
  await expect(destinationRow(destinations, "reviews · v1")).toContainText("version=v1");
  await expect(destinationRow(destinations, "reviews · v2")).toContainText("20%");
  await expect(destinationRow(destinations, "reviews · v2")).toContainText("1/1 ready");
});

test("renders matches readably", async ({ page }) => {
  await page.goto("/services/demo-shop/front");
  const matches = page.getByRole("list", { name: "Matches of route pages in shop" }).getByRole("listitem");
  await expect(matches.first()).toHaveText("uri = /");
  await expect(matches.nth(1)).toHaveText("or uri prefix /products");
  await page.goto("/services/demo-bluegreen/checkout");
  await expect(page.getByRole("list", { name: "Matches of route green-testers in checkout" })).toHaveText("header x-version = green");
  await expect(page.getByRole("list", { name: "Matches of route live in checkout" })).toHaveText("any request");
});

test("shows the subsets and the pods behind them", async ({ page }) => {
  await page.goto("/services/demo-shop/reviews");
  for (const subset of ["v1", "v2", "v3"]) {
    const pods = page.getByRole("table", { name: `Pods of subset ${subset}` });
    await expect(pods.getByRole("rowheader")).toHaveCount(1);
    await expect(pods.getByRole("rowheader").first()).toHaveText(new RegExp(`^reviews-${subset}-`));
    await expect(pods).toContainText("istio-proxy");
    await expect(pods).toContainText("2/2 ready");
  }
  await expect(page.getByRole("table", { name: "Pods of Service reviews" }).getByRole("rowheader")).toHaveCount(3);
});

test("charts request rate, error rate and latency per version, and the observed split", async ({ page }) => {
  await page.goto("/services/demo-shop/reviews");
  for (const title of ["Request rate (req/s)", "Error rate (5xx, %)", "Latency p95 (ms)"]) {
    const figure = page.getByRole("figure", { name: title });
    await expect(figure).toBeVisible();
    await expect(figure.locator(".recharts-line").first()).toBeAttached({ timeout: 30_000 });
  }
  await expect(page.getByRole("figure", { name: "Request rate (req/s)" })).toContainText(/v1 \d+(\.\d+)? req\/s/);
  await page.getByRole("radio", { name: "p99" }).click();
  await expect(page.getByRole("figure", { name: "Latency p99 (ms)" })).toBeVisible();
  const split = page.getByRole("figure", { name: "Observed split of route #1 in reviews" });
  await expect(split.getByTestId("observed-now")).toContainText(/reviews · v1\s*\d+%\s*\(configured 80%\)/, { timeout: 60_000 });
});

test("keeps the metrics window in the URL", async ({ page }) => {
  await page.goto("/services/demo-shop/reviews");
  await page.getByRole("combobox", { name: "Window" }).selectOption("15m");
  await expect(page).toHaveURL(/\/services\/demo-shop\/reviews\?window=15m$/);
  await expect(page.getByText(/^Last 15m, \d+s resolution/)).toBeVisible();
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Window" })).toHaveValue("15m");
});

test("shows the YAML of each object, collapsible, with a copy button", async ({ page }) => {
  await page.goto("/services/demo-shop/reviews");
  const vs = page.locator("details").filter({ hasText: "VirtualService" }).filter({ hasText: "reviews" });
  await vs.locator("summary").click();
  const yaml = page.getByLabel("YAML of VirtualService reviews", { exact: true });
  await expect(yaml).toContainText("kind: VirtualService");
  await expect(yaml).toContainText("subset: v1");
  await expect(yaml).not.toContainText("managedFields");
  await expect(page.getByRole("button", { name: "Copy the YAML of VirtualService reviews" })).toBeVisible();
  // The object's own summary ("DestinationRule reviews"), not the policy controls' summaries inside the subsets panel.
  await page.locator("summary").filter({ hasText: /DestinationRule\s*reviews/ }).click();
  await expect(page.getByLabel("YAML of DestinationRule reviews", { exact: true })).toContainText("name: v3");
});

test("shows validations and the change history with Undo", async ({ page }) => {
  await page.goto("/services/demo-shop/reviews");
  await expect(page.getByRole("heading", { level: 2, name: "Validations" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Change history" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo last change of reviews" })).toBeVisible();
});

test("locks controller-owned weights and links to the Rollout", async ({ page }) => {
  await page.goto("/services/demo-canary/payments-stable");
  await page.getByRole("button", { name: "Adjust weights" }).click();
  await expect(page.getByRole("note")).toContainText("Weights are written by Argo Rollouts (payments)");
  await expect(page.getByRole("link", { name: "Open Rollout payments's actions" })).toHaveAttribute("href", "/rollouts/demo-canary/payments");
  await expect(page.getByRole("slider", { name: /payments-canary/ })).toBeDisabled();
  await expect(page.getByRole("button", { name: /^Apply weights/ })).toBeDisabled();
});

test("disables actions the user may not do, naming the verb and resource", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${viewerToken()}` } });
  const page = await context.newPage();
  await page.goto("/services/demo-hosts/greeter-r1");
  await expect(page.getByText("Read-only: You may not patch virtualservices.networking.istio.io in demo-hosts")).toBeVisible();
  await page.getByRole("button", { name: "Adjust weights" }).click();
  const apply = page.getByRole("button", { name: /^Apply weights/ });
  await expect(apply).toBeDisabled();
  await expect(apply).toHaveAttribute("title", "You may not patch virtualservices.networking.istio.io in demo-hosts");
  await expect(page.getByRole("slider", { name: /greeter-r1/ })).toBeDisabled();
  await context.close();
});

test("says when a Service does not exist", async ({ page }) => {
  await page.goto("/services/demo-shop/no-such-service");
  await expect(page.getByText("Service demo-shop/no-such-service not found")).toBeVisible();
});
