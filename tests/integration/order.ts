import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Integration files share one lab, run one at a time, in this order:
 * first those that only touch namespaces of their own, then the Prometheus
 * checks of the demo world's steady traffic (by then their rate windows are
 * full: `npm test` applies the demo world when it starts the lab), and last
 * the files that change the demo world's routing or stop lab components.
 * Deterministic, so a failure that depends on order reproduces.
 */
const STEADY_TRAFFIC = ["metrics.int.test.ts"];
const DISTURBING = ["graph-api.int.test.ts", "traffic.int.test.ts", "actions-demo.int.test.ts", "resilience-lab.int.test.ts"];

export function integrationRank(file: string): number {
  const name = path.basename(file);
  if (STEADY_TRAFFIC.includes(name)) return 1;
  const i = DISTURBING.indexOf(name);
  return i < 0 ? 0 : 2 + i;
}

export class IntegrationOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const integration = sorted
      .filter((f) => f.project.name === "integration")
      .sort((a, b) => integrationRank(a.moduleId) - integrationRank(b.moduleId) || path.basename(a.moduleId).localeCompare(path.basename(b.moduleId)));
    return [...sorted.filter((f) => f.project.name !== "integration"), ...integration];
  }
}
