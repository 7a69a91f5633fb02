import { defineConfig } from "vitest/config";
import path from "node:path";
import { IntegrationOrder } from "./tests/integration/order";

const alias = { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") };

/**
 * Workers of the integration project: its files run at once, each holding the
 * lab in its mode (tests/lab-lock); MESHDECK_TEST_WORKERS=1 runs them one by one.
 */
const integrationWorkers = Math.max(1, Number(process.env.MESHDECK_TEST_WORKERS ?? 3) || 3);

/** A project whose files share one lab: a process each, with lab-sized timeouts; `workers` of them at once. */
function labProject(name: string, include: string, globalSetup: string, workers = 1) {
  const parallel = workers > 1 ? { fileParallelism: true, maxWorkers: workers } : { fileParallelism: false };
  return {
    resolve: { alias },
    test: { name, include: [include], environment: "node" as const, globalSetup: [globalSetup], setupFiles: ["tests/lab-lock/hold-per-file.ts"], testTimeout: 180_000, hookTimeout: 600_000, pool: "forks" as const, ...parallel },
  };
}

export default defineConfig({
  resolve: { alias },
  test: {
    sequence: { sequencer: IntegrationOrder },
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "lab/**/*.test.ts", "components/**/*.test.ts", "tests/lab-lock/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      // Against the demo world (lab/demo), on any clone.
      labProject("integration", "tests/integration/**/*.int.test.ts", "tests/integration/global-setup.ts", integrationWorkers),
      // Against the original walkthroughs of ../shared/scenarios, where they exist (CI).
      labProject("acceptance", "tests/acceptance/**/*.acc.test.ts", "tests/acceptance/global-setup.ts"),
    ],
  },
});
