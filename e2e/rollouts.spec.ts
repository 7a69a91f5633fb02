import { expect, test } from "@playwright/test";
import { applyObjects, readManifests } from "../lab/core/manifests";
import { scenarioPath } from "../lab/core/scenarios";
import { eventually, kubeAs, uniqueNamespace } from "../tests/integration/test-lab";

// Promote from the detail page and watch the step advance and the weights
// change, pushed by the `rollouts` SSE topic (the page is never reloaded).

const RO = ["argoproj.io/v1alpha1", "Rollout"] as const;
interface Ro {
  status?: { phase?: string; currentStepIndex?: number };
}

test("promote advances the step and shifts the weights live", async ({ page }) => {
  test.setTimeout(240_000);
  const admin = kubeAs("admin");
  const ns = uniqueNamespace("e2e-ro");
  await applyObjects(admin, readManifests(scenarioPath("seeds/rollouts-demo.yaml")), { namespace: ns, forceNamespace: true, namespaceLabels: { "istio-injection": "enabled" } });
  try {
    await eventually("Healthy", async () => (await admin.get<Ro>(RO[0], RO[1], ns, "rollouts-demo")).status?.phase === "Healthy", 120_000);
    await admin.patch(RO[0], RO[1], ns, "rollouts-demo", [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: "argoproj/rollouts-demo:yellow" }], "json");
    await eventually("Paused", async () => (await admin.get<Ro>(RO[0], RO[1], ns, "rollouts-demo")).status?.phase === "Paused", 120_000);

    await page.goto(`/rollouts/${ns}/rollouts-demo`);
    // A marker on the document: still there at the end means no reload ("framenavigated"
    // also fires for same-document history updates, which Next.js makes after hydration).
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await expect(page.getByTestId("rollout-step").nth(1)).toHaveAttribute("data-state", "current");
    await expect(page.getByTestId("managed-weight").filter({ hasText: "canary=5" })).toBeVisible();
    await page.getByRole("button", { name: "Promote", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Promote" }).click();
    await expect(page.getByTestId("managed-weight").filter({ hasText: "canary=0" })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("rollout-step").nth(1)).toHaveAttribute("data-state", "done");
    await expect(page.getByText("Healthy", { exact: true }).first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true)).toBe(true);
  } finally {
    await admin.delete("v1", "Namespace", undefined, ns).catch(() => undefined);
  }
});
