import { expect, test } from "@playwright/test";
import { expectDestination, requireBaseUrl, routeDestinations, virtualServiceRow, virtualServicesTable } from "./helpers/overview";

// Runs against the real lab cluster started by the e2e globalSetup; the
// VirtualServices come from the shared scenarios (bookinfo, seeds).

test.beforeEach(async ({ page, baseURL }) => {
  requireBaseUrl(baseURL);
  await page.goto("/");
});

test("shows the product header and the overview heading", async ({ page }) => {
  await expect(page.getByRole("banner")).toContainText("Meshdeck");
  await expect(page.getByRole("heading", { level: 1, name: "Traffic overview" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Namespaces" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "VirtualServices" })).toBeVisible();
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
});

test("lists the bookinfo VirtualServices", async ({ page }) => {
  const bookinfo = virtualServiceRow(page, "bookinfo", "bookinfo");
  await expect(bookinfo).toBeVisible();
  await expect(bookinfo.getByRole("list", { name: "Hosts of bookinfo" }).getByRole("listitem")).toHaveText(["*"]);
  await expect(bookinfo.getByRole("list", { name: "Gateways of bookinfo" }).getByRole("listitem")).toHaveText(["bookinfo-gateway"]);
  await expect(routeDestinations(bookinfo, "#1")).toContainText("productpage");

  await expect(virtualServiceRow(page, "bookinfo", "reviews")).toBeVisible();
});

test("shows the 50/50 helm canary split in default", async ({ page }) => {
  const row = virtualServiceRow(page, "default", "exciting-lemur-sample-gateway");
  await expect(row).toBeVisible();
  const destinations = routeDestinations(row, "#1");
  await expect(destinations.getByRole("listitem")).toHaveCount(2);
  await expectDestination(destinations, "foolish-penguin-sample", 50);
  await expectDestination(destinations, "peeking-rabbit-sample", 50);
});

test("lists the seeded VirtualServices of the other scenarios", async ({ page }) => {
  await expect(virtualServiceRow(page, "sample-ns", "nginx")).toBeVisible();

  const rollout = virtualServiceRow(page, "argo-apl", "rollouts-demo-vsvc");
  await expect(rollout).toBeVisible();
  const primary = routeDestinations(rollout, "primary");
  await expect(primary).toContainText("rollouts-demo-stable");
  await expect(primary).toContainText("rollouts-demo-canary");

  const foobar = virtualServiceRow(page, "default-265db573", "foobar");
  await expect(foobar).toBeVisible();
  await expect(foobar.getByRole("list", { name: "Gateways of foobar" }).getByRole("listitem")).toHaveText(["mesh", "rio-gateway"]);
});

test("filters VirtualServices by namespace", async ({ page }) => {
  await expect(virtualServicesTable(page, "default")).toBeVisible();
  await page.getByRole("combobox", { name: "Namespace" }).selectOption("bookinfo");
  await expect(virtualServiceRow(page, "bookinfo", "reviews")).toBeVisible();
  await expect(virtualServicesTable(page, "default")).toHaveCount(0);
});

test("rejects a bad namespace parameter with a typed 400", async ({ request }) => {
  const response = await request.get("/api/virtualservices?namespace=Not_A_Namespace");
  expect(response.status()).toBe(400);
  expect(await response.json()).toMatchObject({ error: { code: "BadRequest" } });
});
