import { defineConfig } from "vitest/config";
import path from "node:path";
import { IntegrationOrder } from "./tests/integration/order";

const alias = { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") };

/** A project whose files share one lab: run one at a time, in a process each, with lab-sized timeouts. */
function labProject(name: string, include: string, globalSetup: string) {
  return {
    resolve: { alias },
    test: { name, include: [include], environment: "node" as const, globalSetup: [globalSetup], testTimeout: 180_000, hookTimeout: 600_000, fileParallelism: false, pool: "forks" as const },
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
          include: ["lib/**/*.test.ts", "lab/**/*.test.ts", "components/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      // Against the demo world (lab/demo), on any clone.
      labProject("integration", "tests/integration/**/*.int.test.ts", "tests/integration/global-setup.ts"),
      // Against the original walkthroughs of ../shared/scenarios, where they exist (CI).
      labProject("acceptance", "tests/acceptance/**/*.acc.test.ts", "tests/acceptance/global-setup.ts"),
    ],
  },
});
