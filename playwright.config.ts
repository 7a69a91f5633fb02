import { defineConfig } from "@playwright/test";

// e2e/global-setup.ts starts the tests' lab and serves the dashboard on the
// lab's dashboard port (base + 10). Browsers are Debian's Chromium; never run
// `npx playwright install`.
const testLabBasePort = Number(process.env.MESHDECK_TEST_LAB_BASE_PORT ?? 26400);
const baseURL = process.env.MESHDECK_E2E_BASE_URL ?? `http://127.0.0.1:${testLabBasePort + 10}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        viewport: { width: 1400, height: 900 },
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
});
