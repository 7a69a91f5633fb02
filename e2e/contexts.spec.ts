import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { startDashboard } from "../lab/core/dashboard";
import { labState, testLab, twoContextKubeconfig } from "../tests/integration/test-lab";

// The header's context menu (kubeconfig mode): a dashboard of its own whose
// kubeconfig has two contexts on the lab, "lab-admin" (current) and
// "lab-viewer". Picking lab-viewer makes this browser session read and write
// as the viewer; another session is not affected.

const port = testLab.basePort + 57;
const base = `http://127.0.0.1:${port}`;
const SERVICE = "/services/demo-hosts/greeter-r1";
const DENIED = "Read-only: You may not patch virtualservices.networking.istio.io in demo-hosts";
let dashboard: ChildProcess | undefined;
let kubeconfig: ReturnType<typeof twoContextKubeconfig> | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  kubeconfig = twoContextKubeconfig();
  const state = labState();
  dashboard = await startDashboard(state, port, path.join(state.dir, "logs", "dashboard-contexts.log"), { MESHDECK_KUBECONFIG: kubeconfig.file, MESHDECK_AUTH_MODE: "kubeconfig" });
});

test.afterAll(() => {
  dashboard?.kill("SIGTERM");
  kubeconfig?.remove();
});

test("the context menu switches this session to the viewer context; another session stays admin", async ({ browser }) => {
  test.setTimeout(120_000);
  const mine = await browser.newContext({ baseURL: base });
  const page = await mine.newPage();
  await page.goto(SERVICE);
  const menu = page.getByRole("combobox", { name: "Context" });
  await expect(menu).toHaveValue("lab-admin");
  await expect(menu.getByRole("option")).toHaveText(["lab-admin (default)", "lab-viewer"]);
  await expect(page.getByRole("heading", { level: 1, name: "Service greeter-r1" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Adjust weights" })).toBeVisible();
  await expect(page.getByText(DENIED)).toHaveCount(0);

  await menu.selectOption("lab-viewer");
  // The page reloads in the new context: reads work, writes are refused by RBAC.
  await expect(page.getByRole("combobox", { name: "Context" })).toHaveValue("lab-viewer");
  await expect(page.getByText(DENIED)).toBeVisible();
  await expect(page.getByRole("table", { name: "Destinations of route #1 in greeter" })).toBeVisible();

  const other = await browser.newContext({ baseURL: base });
  const otherPage = await other.newPage();
  await otherPage.goto(SERVICE);
  await expect(otherPage.getByRole("combobox", { name: "Context" })).toHaveValue("lab-admin");
  await expect(otherPage.getByRole("button", { name: "Adjust weights" })).toBeVisible();
  await expect(otherPage.getByText(DENIED)).toHaveCount(0);

  // Back to the default: the cookie is cleared.
  await page.getByRole("combobox", { name: "Context" }).selectOption("lab-admin");
  await expect(page.getByRole("combobox", { name: "Context" })).toHaveValue("lab-admin");
  await expect.poll(async () => (await mine.cookies()).filter((c) => c.name === "meshdeck_context").length).toBe(0);
  await mine.close();
  await other.close();
});
