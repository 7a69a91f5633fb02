import { expect, test, type Locator, type Page } from "@playwright/test";
import { requireBaseUrl } from "./helpers/overview";
import { destinationRow, expectConfigured, HOST_SPLIT, setHostSplitWeights, splitTable, vsCard } from "./helpers/traffic";

// Traffic actions through the UI against the lab. Every test restores what it
// changes (and the global setup re-applies the demo world on each run).

test.describe.configure({ mode: "serial" });

const SERVICE_PAGE = `/services/${HOST_SPLIT.namespace}/${HOST_SPLIT.a}`;

function overviewSplit(page: Page): Locator {
  return splitTable(vsCard(page, HOST_SPLIT.vs), HOST_SPLIT.vs);
}

async function openWeights(page: Page, url = SERVICE_PAGE): Promise<Locator> {
  await page.goto(url);
  await page.getByRole("button", { name: "Adjust weights" }).click();
  const slider = page.getByRole("slider", { name: new RegExp(HOST_SPLIT.a) });
  await expect(slider).toHaveValue("50");
  return slider;
}

/** "Drags" a range input with the keyboard (arrow keys move it one step at a time). */
async function dragBy(slider: Locator, steps: number): Promise<void> {
  await slider.focus();
  for (let i = 0; i < Math.abs(steps); i++) await slider.press(steps > 0 ? "ArrowRight" : "ArrowLeft");
}

function observedShare(text: string, destination: string): number | null {
  const m = new RegExp(`${destination}\\s*(\\d+)%`).exec(text);
  return m ? Number(m[1]) : null;
}

test.beforeEach(async ({ baseURL, request }) => {
  requireBaseUrl(baseURL);
  await setHostSplitWeights(request, 50, 50);
});

test.afterAll(async ({ request }) => {
  await setHostSplitWeights(request, 50, 50);
});

test("drag a weight slider on the host-level split: diff, apply, the overview follows within 1 s and the observed split follows", async ({ page, context }) => {
  test.setTimeout(180_000);
  const overview = await context.newPage();
  await overview.goto(`/?namespace=${HOST_SPLIT.namespace}`);
  await expectConfigured(overviewSplit(overview), HOST_SPLIT.a, 50);
  await expect(overview.getByTestId("live-state")).toHaveText("Live");
  await overview.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  const slider = await openWeights(page, `${SERVICE_PAGE}?window=1m`);
  await dragBy(slider, 30);
  await expect(slider).toHaveValue("80");
  await expect(page.getByRole("slider", { name: new RegExp(HOST_SPLIT.b) })).toHaveValue("20");
  await expect(page.getByText("Total 100% · changed")).toBeVisible();

  await page.getByRole("button", { name: "Preview weights of route #1" }).click();
  const diff = page.getByLabel("Diff of weights of route #1");
  await expect(diff).toContainText("-    weight: 50");
  await expect(diff).toContainText("+    weight: 80");
  await expect(diff).toContainText("+    weight: 20");

  await page.getByRole("button", { name: "Apply weights of route #1" }).click();
  const dialog = page.getByRole("dialog", { name: "Apply new weights to route #1?" });
  await expect(dialog.getByLabel("Change to weights of route #1")).toContainText("+    weight: 80");
  const written = page.waitForResponse((r) => r.request().method() === "PUT" && new URL(r.url()).pathname.endsWith("/weights") && !r.url().includes("dryRun"));
  await dialog.getByRole("button", { name: "Apply weights" }).click();
  expect((await written).status()).toBe(200);

  // Pushed to the other tab over SSE: no reload, within a second.
  await expectConfigured(overviewSplit(overview), HOST_SPLIT.a, 80, 1_000);
  await expectConfigured(overviewSplit(overview), HOST_SPLIT.b, 20, 1_000);
  expect(await overview.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(page.getByRole("status").filter({ hasText: "Applied: Set weights" })).toBeVisible();
  await expect(page.getByRole("table", { name: `Destinations of route #1 in ${HOST_SPLIT.vs}` })).toContainText("80%");

  // Prometheus follows within its windows (rate over 20 s, 5 s scrapes).
  const now = page.getByRole("figure", { name: `Observed split of route #1 in ${HOST_SPLIT.vs}` }).getByTestId("observed-now");
  await expect(now).toContainText("(configured 80%)");
  await expect
    .poll(async () => observedShare((await now.textContent()) ?? "", HOST_SPLIT.a), { timeout: 75_000, intervals: [2_000] })
    .toBeGreaterThanOrEqual(65);

  // Undo the change from the history.
  const undo = page.getByRole("button", { name: `Undo last change of ${HOST_SPLIT.vs}` });
  await expect(undo).toBeEnabled();
  await undo.click();
  const undoDialog = page.getByRole("dialog", { name: `Undo the last change to ${HOST_SPLIT.vs}?` });
  await expect(undoDialog.getByRole("button", { name: "Undo" })).toBeEnabled();
  await undoDialog.getByRole("button", { name: "Undo" }).click();
  await expectConfigured(overviewSplit(overview), HOST_SPLIT.a, 50, 2_000);
});

test("a concurrent change is refused, shows what changed and can be re-planned on the latest version", async ({ page, request }) => {
  const slider = await openWeights(page);
  await dragBy(slider, 20);
  await expect(slider).toHaveValue("70");

  // Someone else changes the split meanwhile.
  await setHostSplitWeights(request, 60, 40);
  await expect(page.getByText(/This object changed since you started/)).toBeVisible();

  await page.getByRole("button", { name: "Preview weights of route #1" }).click();
  const conflict = page.getByRole("alert").filter({ hasText: "Changed since you loaded it" });
  await expect(conflict).toContainText(`Route #1 now: ${HOST_SPLIT.a} 60%, ${HOST_SPLIT.b} 40%`);
  await conflict.getByRole("button", { name: "Re-plan on the latest version" }).click();
  const diff = page.getByLabel("Diff of weights of route #1");
  await expect(diff).toContainText("-    weight: 60");
  await expect(diff).toContainText("+    weight: 70");
  await expect(conflict).toHaveCount(0);
});

test("shows validation errors next to the fields", async ({ page }) => {
  await page.goto(SERVICE_PAGE);
  await page.getByRole("button", { name: "Fault injection" }).click();
  const delay = page.getByRole("textbox", { name: "Fixed delay" });
  await delay.fill("5 seconds");
  await page.getByRole("button", { name: "Preview fault injection on route #1" }).click();
  await expect(delay).toHaveAttribute("aria-invalid", "true");
  await expect(delay).toHaveAccessibleDescription(/e\.g\. 7s, 500ms/);
  await delay.fill("5s");
  await page.getByRole("button", { name: "Preview fault injection on route #1" }).click();
  await expect(delay).toHaveAttribute("aria-invalid", "false");
  await expect(page.getByLabel("Diff of fault injection on route #1")).toContainText("fixedDelay: 5s");
});

test("adds and removes a header test route", async ({ page, request }) => {
  const vsPath = `/api/namespaces/${HOST_SPLIT.namespace}/virtualservices/${HOST_SPLIT.vs}`;
  try {
    await page.goto(SERVICE_PAGE);
    await page.getByRole("button", { name: new RegExp(`Header / cookie test routes of ${HOST_SPLIT.vs}`) }).click();
    await expect(page.getByText("No test routes.")).toBeVisible();
    await page.getByRole("textbox", { name: "Header name" }).fill("x-canary");
    await page.getByRole("textbox", { name: "Value" }).fill("on");
    await page.getByRole("combobox", { name: "Destination" }).selectOption({ label: HOST_SPLIT.b });
    await page.getByRole("textbox", { name: "Route name (optional)" }).fill("e2e-canary");
    await page.getByRole("button", { name: `Add test route to ${HOST_SPLIT.vs}` }).click();
    const dialog = page.getByRole("dialog", { name: "Add this test route?" });
    await expect(dialog.getByLabel(/Change to/)).toContainText("x-canary");
    await dialog.getByRole("button", { name: "Add test route" }).click();

    const list = page.getByRole("table", { name: `Test routes of ${HOST_SPLIT.vs}` });
    const row = destinationRow(list, "e2e-canary");
    await expect(row).toContainText("header x-canary = on");
    await expect(row).toContainText(HOST_SPLIT.b);
    // The routes above update live: the new rule comes first.
    await expect(page.getByRole("heading", { name: `${HOST_SPLIT.vs} route e2e-canary` })).toBeVisible();

    await row.getByRole("button", { name: "Remove test route e2e-canary" }).click();
    await page.getByRole("dialog", { name: "Remove test route e2e-canary?" }).getByRole("button", { name: "Remove" }).click();
    await expect(page.getByText("No test routes.")).toBeVisible();
  } finally {
    await request.delete(`${vsPath}/test-routes/e2e-canary`, { headers: { "X-Meshdeck-Csrf": "1" } });
  }
});

test("switches blue/green with one confirmed click, and back", async ({ page, request }) => {
  let switched = 0;
  try {
    await page.goto("/services/demo-bluegreen/checkout");
    const table = page.getByRole("table", { name: "Destinations of route live in checkout" });
    await expect(destinationRow(table, "checkout · blue")).toContainText("100%");
    for (const [from, to] of [
      ["blue", "green"],
      ["green", "blue"],
    ] as const) {
      await page.getByRole("button", { name: "Switch blue/green on route live of checkout" }).click();
      const dialog = page.getByRole("dialog", { name: "Switch route live of checkout?" });
      // The live route's weights move; the test route now reaches the version that was live.
      await expect(dialog.getByLabel(/Change to/)).toContainText(new RegExp(`\\+\\s+subset: ${from}`));
      await dialog.getByRole("button", { name: "Switch now" }).click();
      switched++;
      await expect(destinationRow(table, `checkout · ${to}`)).toContainText("100%");
      await expect(destinationRow(page.getByRole("table", { name: "Destinations of route green-testers in checkout" }), `checkout · ${from}`)).toBeVisible();
    }
  } finally {
    if (switched % 2 === 1) {
      await request.post("/api/namespaces/demo-bluegreen/virtualservices/checkout/http/http:1/switch", { headers: { "X-Meshdeck-Csrf": "1" }, data: {} });
    }
  }
});
