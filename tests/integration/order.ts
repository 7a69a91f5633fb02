import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Integration files share one lab and run one at a time, in alphabetical
 * order of their names: deterministic (vitest's own order follows cached
 * durations), so a failure reproduces, and nothing else. No file relies on
 * its place: each works in namespaces it creates, or puts back what it
 * changed in the demo world and waits for the Prometheus condition it judges
 * (samples after the world was restored) rather than for running first.
 */
export class IntegrationOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const integration = sorted.filter((f) => f.project.name === "integration").sort((a, b) => path.basename(a.moduleId).localeCompare(path.basename(b.moduleId)));
    return [...sorted.filter((f) => f.project.name !== "integration"), ...integration];
  }
}
