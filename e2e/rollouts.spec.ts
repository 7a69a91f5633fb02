import { expect, test } from "@playwright/test";
import { kubeAs, uniqueNamespace } from "../tests/integration/test-lab";
import { CANARY, pausedCanaryCopy } from "./helpers/canary";

// Promote from the detail page and watch the step advance and the weights
// change, pushed by the `rollouts` SSE topic (the page is never reloaded).

test("the demo's canaries and its blue-green preview wait for a promotion", async ({ page }) => {
  await page.goto("/rollouts");
  for (const [ns, name] of [
    ["demo-canary", "payments"],
    ["demo-argo-subset", "inventory"],
    ["demo-argo-mirror", "search"],
    ["demo-argo-header", "profile"],
    ["demo-argo-bluegreen", "orders"],
  ]) {
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) }).filter({ hasText: ns });
    await expect(row).toContainText("Paused");
    await expect(row).toContainText("promotion pending");
  }
});

test("the blue-green Rollout shows what its active and preview Services select", async ({ page }) => {
  await page.goto("/rollouts/demo-argo-bluegreen/orders");
  const active = page.getByTestId("bluegreen-active");
  const preview = page.getByTestId("bluegreen-preview");
  await expect(active).toContainText("orders-active");
  await expect(active).toContainText("ghcr.io/meshdeck-demo/orders:5.0");
  await expect(active).toContainText("2/2 pods ready");
  await expect(preview).toContainText("orders-preview");
  await expect(preview).toContainText("ghcr.io/meshdeck-demo/orders:5.1");
  await expect(preview).toContainText("1/1 pods ready");
  await expect(page.getByTestId("bluegreen-promotion")).toHaveText("Waits for a promote (auto-promotion off)");
  await expect(page.getByTestId("pause-condition")).toContainText("BlueGreenPause");
  await page.screenshot({ path: test.info().outputPath("bluegreen.png"), fullPage: true });
});

test("promote advances the step and shifts the weights live", async ({ page }) => {
  test.setTimeout(240_000);
  const admin = kubeAs("admin");
  const ns = uniqueNamespace("e2e-ro");
  try {
    await pausedCanaryCopy(admin, ns);

    await page.goto(`/rollouts/${ns}/${CANARY}`);
    // A marker on the document: still there at the end means no reload ("framenavigated"
    // also fires for same-document history updates, which Next.js makes after hydration).
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await expect(page.getByTestId("rollout-step").nth(1)).toHaveAttribute("data-state", "current");
    await expect(page.getByTestId("managed-weight").filter({ hasText: /^payments-canary=5$/ })).toBeVisible();
    // Promote: on to setWeight 50 and the next pause.
    await page.getByRole("button", { name: "Promote", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Promote" }).click();
    await expect(page.getByTestId("managed-weight").filter({ hasText: /^payments-canary=50$/ })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("rollout-step").nth(1)).toHaveAttribute("data-state", "done");
    await expect(page.getByTestId("rollout-step").nth(3)).toHaveAttribute("data-state", "current");
    // Promote full: the canary becomes stable.
    await page.getByRole("button", { name: "Promote full", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Promote full" }).click();
    await expect(page.getByTestId("managed-weight").filter({ hasText: /^payments-canary=0$/ })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText("Healthy", { exact: true }).first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true)).toBe(true);
  } finally {
    await admin.delete("v1", "Namespace", undefined, ns).catch(() => undefined);
  }
});
