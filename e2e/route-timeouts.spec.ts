import { expect, test, type APIRequestContext } from "@playwright/test";
import { requireBaseUrl } from "./helpers/overview";
import { HOST_SPLIT } from "./helpers/traffic";

// Timeout and retries controls of an http route on the service page, against the lab.

const SERVICE_PAGE = `/services/${HOST_SPLIT.namespace}/${HOST_SPLIT.a}`;
const VS_PATH = `/api/namespaces/${HOST_SPLIT.namespace}/virtualservices/${HOST_SPLIT.vs}`;
const CSRF = { "X-Meshdeck-Csrf": "1" };

test.describe.configure({ mode: "serial" });

/** Removes a setting of route #1 (addressed by index: pinned to the current resourceVersion). */
async function clearSetting(request: APIRequestContext, setting: "timeout" | "retries"): Promise<void> {
  const history = (await (await request.get(`${VS_PATH}/history`)).json()) as { resourceVersion: string };
  await request.delete(`${VS_PATH}/http/http:0/${setting}?resourceVersion=${history.resourceVersion}`, { headers: CSRF });
}

test.beforeEach(({ baseURL }) => requireBaseUrl(baseURL));

test("sets a route timeout after a flagged invalid value, previews the diff, then removes it", async ({ page, request }) => {
  try {
    await page.goto(SERVICE_PAGE);
    await page.getByRole("button", { name: "Timeout", exact: true }).click();
    const field = page.getByRole("textbox", { name: "Timeout" });
    await field.fill("2 seconds");
    await page.getByRole("button", { name: "Preview timeout of route #1" }).click();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await field.fill("2s");
    await page.getByRole("button", { name: "Preview timeout of route #1" }).click();
    await expect(page.getByLabel("Diff of timeout of route #1")).toContainText("timeout: 2s");
    await page.getByRole("button", { name: "Set the timeout of route #1" }).click();
    await page.getByRole("dialog", { name: "Time out route #1 after 2s?" }).getByRole("button", { name: "Set timeout" }).click();
    await expect(page.getByText("Current: 2s")).toBeVisible();

    await page.getByRole("button", { name: "Remove timeout: timeout of route #1" }).click();
    await page.getByRole("dialog", { name: "Remove timeout?" }).getByRole("button", { name: "Remove timeout" }).click();
    await expect(page.getByText("Current: none (Istio's default: no timeout)")).toBeVisible();
  } finally {
    await clearSetting(request, "timeout");
  }
});

test("flags an unknown retryOn condition before submit, then sets retries", async ({ page, request }) => {
  try {
    await page.goto(SERVICE_PAGE);
    await page.getByRole("button", { name: "Retries", exact: true }).click();
    const retryOn = page.getByRole("combobox", { name: "Retry on" });
    await retryOn.fill("5xx,sometimes");
    await page.getByRole("button", { name: "Preview retries of route #1" }).click();
    await expect(retryOn).toHaveAttribute("aria-invalid", "true");
    await expect(retryOn).toHaveAccessibleDescription(/unknown retryOn condition "sometimes"/);
    await retryOn.fill("5xx,503");
    await page.getByRole("button", { name: "Preview retries of route #1" }).click();
    await expect(page.getByLabel("Diff of retries of route #1")).toContainText("retryOn: 5xx,503");
    await page.getByRole("button", { name: "Set the retries of route #1" }).click();
    await page.getByRole("dialog", { name: "Set the retries of route #1?" }).getByRole("button", { name: "Set retries" }).click();
    await expect(page.getByText("Current: 3 retries on 5xx,503")).toBeVisible();
  } finally {
    await clearSetting(request, "retries");
  }
});
