import fs from "node:fs";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { readState } from "../../lab/core/state";
import { kubeAs, testLab } from "../../tests/integration/test-lab";

/** A VirtualService card of the overview (its article is named after its heading). */
export function vsCard(page: Page, name: string): Locator {
  return page.getByRole("article", { name: `VirtualService ${name}`, exact: true });
}

/** The configured-vs-observed table of one route of a VirtualService. */
export function splitTable(scope: Page | Locator, vsName: string, route = "#1"): Locator {
  return scope.getByRole("table", { name: `Traffic split of route ${route} in ${vsName}`, exact: true });
}

/** The row of one destination in a split or destinations table. */
export function destinationRow(table: Locator, destination: string): Locator {
  return table.getByRole("row").filter({ has: table.page().getByRole("rowheader", { name: destination, exact: true }) });
}

/** Asserts the configured share of `destination` in a split table. */
export async function expectConfigured(table: Locator, destination: string, percent: number, timeout?: number): Promise<void> {
  await expect(destinationRow(table, destination).locator('[data-col="configured"]')).toHaveText(`${percent}%`, timeout !== undefined ? { timeout } : {});
}

/** The demo world's host-level split: two releases of greeter behind one host, 50/50 (lab/demo/world/hosts.yaml). */
export const HOST_SPLIT = { namespace: "demo-hosts", vs: "greeter", a: "greeter-r1", b: "greeter-r2" } as const;

/**
 * Sets the host-level split through the action API (test setup and cleanup).
 * The route is addressed by index, so the write carries the resourceVersion
 * it was planned on (428 without one).
 */
export async function setHostSplitWeights(request: APIRequestContext, a: number, b: number): Promise<void> {
  const current = await kubeAs("admin").get("networking.istio.io/v1", "VirtualService", HOST_SPLIT.namespace, HOST_SPLIT.vs);
  const response = await request.put(`/api/namespaces/${HOST_SPLIT.namespace}/virtualservices/${HOST_SPLIT.vs}/http/http:0/weights`, {
    headers: { "X-Meshdeck-Csrf": "1" },
    data: { weights: [{ host: HOST_SPLIT.a, weight: a }, { host: HOST_SPLIT.b, weight: b }], resourceVersion: current.metadata.resourceVersion },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** The bearer token of the lab's read-only "viewer" user. */
export function viewerToken(): string {
  const state = readState(testLab.name);
  if (!state) throw new Error(`test lab ${testLab.name} is not running`);
  const token = /token: (\S+)/.exec(fs.readFileSync(state.kubeconfigs.viewer, "utf8"))?.[1];
  if (!token) throw new Error("no token in the viewer kubeconfig");
  return token;
}
