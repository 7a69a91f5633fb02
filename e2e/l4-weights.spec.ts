import { expect, test, type APIRequestContext } from "@playwright/test";
import { requireBaseUrl } from "./helpers/overview";

// TCP route weights (the demo world's demo-tcp cache, 80/20 by subsets): shown on the
// overview and the wall, edited on the service page's TCP route card.

const VS_PATH = "/api/namespaces/demo-tcp/virtualservices/cache";
const CSRF = { "X-Meshdeck-Csrf": "1" };

test.describe.configure({ mode: "serial" });
test.beforeEach(({ baseURL }) => requireBaseUrl(baseURL));

/** Puts the demo's 80/20 back (tcp routes are addressed by index: pinned to the current resourceVersion). */
async function restore(request: APIRequestContext): Promise<void> {
  const { resourceVersion } = (await (await request.get(`${VS_PATH}/history`)).json()) as { resourceVersion: string };
  const weights = [
    { host: "cache", subset: "v1", port: 6379, weight: 80 },
    { host: "cache", subset: "v2", port: 6379, weight: 20 },
  ];
  const r = await request.put(`${VS_PATH}/tcp/0/weights`, { headers: CSRF, data: { weights, resourceVersion } });
  expect(r.status()).toBe(200);
}

test("the overview and the wall show the TCP route with its weights", async ({ page }) => {
  await page.goto("/?namespace=demo-tcp");
  const route = page.getByTestId("overview-tcp-route");
  await expect(route).toContainText("TCP #1");
  await expect(route).toContainText("cache · v1 · :6379 80%");
  await expect(route).toContainText("cache · v2 · :6379 20%");
  await expect(route.getByRole("link", { name: "Adjust weights of TCP route #1 in cache" })).toBeVisible();

  await page.goto("/wall?views=splits:demo-tcp&interval=30");
  const card = page.locator('[data-split="demo-tcp/cache#tcp:0"]');
  await expect(card).toContainText("route TCP #1");
  await expect(card).toContainText("TLS / TCP: configured split only");
});

test("sets TCP weights on the service page: preview the diff, apply, the card follows", async ({ page, request }) => {
  try {
    await page.goto("/services/demo-tcp/cache");
    await page.getByRole("button", { name: "Adjust weights of TCP route #1 in cache" }).click();
    await page.getByRole("spinbutton", { name: "cache · v1 · :6379 weight in percent" }).fill("60");
    await expect(page.getByRole("spinbutton", { name: "cache · v2 · :6379 weight in percent" })).toHaveValue("40");
    await page.getByRole("button", { name: "Preview weights of TCP route #1" }).click();
    const diff = page.getByLabel("Diff of weights of TCP route #1");
    await expect(diff).toContainText("+    weight: 60");
    await expect(diff).toContainText("+    weight: 40");
    await page.getByRole("button", { name: "Apply weights of TCP route #1" }).click();
    await page.getByRole("dialog", { name: "Apply new weights to TCP route #1?" }).getByRole("button", { name: "Apply weights" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Applied: Set weights of tcp route #1" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Destinations of TCP route #1 in cache" })).toContainText("60");
  } finally {
    await restore(request);
  }
});
