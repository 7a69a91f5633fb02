import { expect, test } from "@playwright/test";
import { requireBaseUrl } from "./helpers/overview";

// The DestinationRule traffic policy control of the service page, against the lab's demo shop.

const SERVICE_PAGE = "/services/demo-shop/reviews";
const POLICY = "/api/namespaces/demo-shop/destinationrules/reviews/policy";
const SUBJECT = "traffic policy of DestinationRule reviews";

test.beforeEach(({ baseURL }) => requireBaseUrl(baseURL));

test("outlier detection: an invalid interval is flagged before submit, a valid one previews the diff and applies", async ({ page, request }) => {
  try {
    await page.goto(SERVICE_PAGE);
    await page.locator("summary", { hasText: "Traffic policy:" }).click();
    await page.getByRole("checkbox", { name: "Outlier detection (circuit breaking)" }).check();
    const interval = page.getByRole("textbox", { name: "Interval" });
    await interval.fill("soon");
    await page.getByRole("button", { name: `Preview ${SUBJECT}` }).click();
    await expect(interval).toHaveAttribute("aria-invalid", "true");
    await interval.fill("1s");
    await page.getByRole("textbox", { name: "Consecutive 5xx errors" }).fill("3");
    await page.getByRole("button", { name: `Preview ${SUBJECT}` }).click();
    await expect(page.getByLabel(`Diff of ${SUBJECT}`)).toContainText("consecutive5xxErrors: 3");
    await page.getByRole("button", { name: `Set the ${SUBJECT}` }).click();
    await page.getByRole("dialog", { name: `Set the ${SUBJECT}?` }).getByRole("button", { name: "Set policy" }).click();
    await expect(page.locator("summary", { hasText: "Traffic policy:" })).toContainText("outlierDetection");
  } finally {
    await request.delete(POLICY, { headers: { "X-Meshdeck-Csrf": "1" } });
  }
});
