import { expect, test, type Page } from "@playwright/test";
import { kubeAs } from "../tests/integration/test-lab";
import { analysisCanary, experimentCanary, inOwnNamespace, RO } from "./helpers/analysis";

// The Rollout page while the real Argo Rollouts controller runs an experiment
// step, and while the controller's analysis on the lab's Prometheus fails a
// canary answering 50 % 500s (live, then aborted), with the wall's alerts.
// Each test works in a namespace of its own, on a host only its requests use.

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test("the Rollout page during an experiment: phase, template, its ReplicaSet and pod, its share of the traffic", async ({ page }) => {
  test.setTimeout(300_000);
  const admin = kubeAs("admin");
  await inOwnNamespace(admin, "e2e-exp", { path: "/pay", method: "POST" }, async (ns, host) => {
    await experimentCanary(admin, ns, host);
    await page.goto(`/rollouts/${ns}/payments`);
    await admin.patch(RO[0], RO[1], ns, "payments", [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: "ghcr.io/meshdeck-demo/payments:1.1" }], "json");

    const experiment = page.getByTestId("experiment");
    await expect(experiment).toHaveAttribute("data-phase", "Running", { timeout: 120_000 });
    await expect(experiment).toContainText("current step");
    await expect(page.getByTestId("rollout-step").nth(1)).toHaveAttribute("data-state", "current");
    await expect(page.getByTestId("rollout-step").nth(1)).toContainText("Experiment preview");
    const template = experiment.getByTestId("experiment-template");
    await expect(template).toContainText("preview");
    await expect(template).toContainText("1/1");
    await expect(template).toContainText("(1 pods ready)");
    await expect(template).toContainText("10 %");
    await expect(template).toContainText("ghcr.io/meshdeck-demo/payments:1.1");
    const name = (await experiment.getByTestId("experiment-name").textContent()) ?? "";
    await expect(template).toContainText(`${name}-preview`);
    // Argo routes 10 % to the template's own Service: in the route it writes, and in the live traffic.
    const weight = page.getByTestId("managed-weight").filter({ hasText: /=10$/ });
    await expect(weight).toBeVisible({ timeout: 60_000 });
    const service = ((await weight.textContent()) ?? "").replace(/=10$/, "");
    await expect(template).toContainText(service);
    await expect(page.getByTestId("managed-weight").filter({ hasText: /^payments-stable=70$/ })).toBeVisible();
    await expect(page.getByTestId("managed-weight").filter({ hasText: /^payments-canary=20$/ })).toBeVisible();
    const share = page.getByTestId("traffic-version").filter({ hasText: `experiment preview (${service})` });
    await expect(share).toContainText(/\d+\.\d req\/s/, { timeout: 120_000 });
    await shot(page, "experiment");
  });
});

test("the Rollout page during a failing analysis: measurements live, conditions, counts, the query; then aborted, and the wall's alerts", async ({ page }) => {
  test.setTimeout(300_000);
  const admin = kubeAs("admin");
  await inOwnNamespace(admin, "e2e-an", { path: "/invoices", method: "POST" }, async (ns, host) => {
    // Three failed measurements allowed: the run stays Running, failing, for a while.
    await analysisCanary(admin, ns, host, 3);
    await page.goto(`/rollouts/${ns}/billing`);
    await admin.patch(RO[0], RO[1], ns, "billing", [
      { op: "add", path: "/spec/template/metadata/annotations/meshdeck.dev~1error-rate", value: "0.5" },
      { op: "replace", path: "/spec/template/spec/containers/0/image", value: "ghcr.io/meshdeck-demo/billing:2.1" },
    ], "json");

    const run = page.getByTestId("analysis-run").filter({ hasText: "Background" });
    const metric = run.getByTestId("analysis-metric");
    // Live: the run is still Running with failed measurements on the chart.
    await expect(run.getByTestId("analysis-run-phase")).toHaveText("Running", { timeout: 120_000 });
    await expect(metric.getByTestId("metric-counts")).toContainText(/✗[1-3]\b/, { timeout: 120_000 });
    await expect(run.getByTestId("analysis-run-phase")).toHaveText("Running");
    await expect(metric).toContainText("success-rate");
    await expect(metric).toContainText("prometheus");
    await expect(metric).toContainText("success if len(result) == 0 || result[0] >= 0.95");
    await expect(metric).toContainText("failure if len(result) > 0 && result[0] < 0.95");
    await expect(metric).toContainText("failure limit 3");
    await expect(metric.locator("pre")).toContainText(`destination_service_namespace="${ns}",destination_service_name="billing-canary"`);
    await expect(run.locator("circle.analysis-measurement[data-phase=Failed]").first()).toBeVisible();
    await shot(page, "analysis-failing");

    // The controller fails the run and aborts the update by itself.
    await expect(run.getByTestId("analysis-run-phase")).toHaveText("Failed", { timeout: 120_000 });
    await expect(metric.getByTestId("metric-counts")).toContainText("✗4");
    await expect(page.getByTestId("rollout-phase")).toContainText("Aborted", { timeout: 60_000 });
    await expect(page.getByText(/RolloutAborted: .*Background analysis phase error\/failed/)).toBeVisible();
    await shot(page, "analysis-failed");

    await page.goto(`/wall?views=rollouts:${ns}&interval=30`);
    const alerts = page.getByTestId("wall-alert").locator("li");
    await expect(alerts.filter({ hasText: `Rollout ${ns}/billing aborted` })).toBeVisible({ timeout: 60_000 });
    await expect(alerts.filter({ hasText: `Canary ${ns}/billing: analysis failed` })).toContainText("success-rate");
    await expect(page).toHaveTitle(/⚠ \d+ alerts/);
    await shot(page, "analysis-wall");
  });
});

test("the demo world's analysis canary is listed aborted, its page showing the failed run on the lab's Prometheus", async ({ page }) => {
  await page.goto("/rollouts");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "billing", exact: true }) }).filter({ hasText: "demo-argo-analysis" });
  await expect(row).toContainText("Aborted");
  await page.goto("/rollouts/demo-argo-analysis/billing");
  await expect(page.getByTestId("rollout-phase")).toHaveText("Aborted");
  const run = page.getByTestId("analysis-run").first();
  await expect(run.getByTestId("analysis-run-phase")).toHaveText("Failed");
  await expect(run).toContainText("Background");
  await expect(run.getByTestId("analysis-metric").locator("pre")).toContainText('destination_service_namespace="demo-argo-analysis",destination_service_name="billing-canary"');
  await expect(run.locator("circle.analysis-measurement[data-phase=Failed]")).toHaveCount(2);
});
