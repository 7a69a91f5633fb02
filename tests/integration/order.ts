import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { labLockMode } from "../lab-lock/modes.js";

/**
 * Integration files share one lab and run several at once, each holding the
 * lab in its mode (tests/lab-lock/modes): files that stop parts of the lab
 * first (they run alone), then the files of the demo world (one at a time per part of it)
 * spread evenly among the files that work in namespaces of their own, so a
 * worker waiting for its turn at the demo world leaves the others busy.
 * Within each kind, alphabetical order of the names: deterministic (vitest's
 * own order follows cached durations), so a failure reproduces, and nothing
 * else. No file relies on its place: each works in namespaces it creates, or
 * puts back what it changed in the demo world and waits for the Prometheus
 * condition it judges (samples after the world was restored).
 */
function alternate<T>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]!);
    if (i < b.length) out.push(b[i]!);
  }
  return out;
}

export function integrationOrder<T>(files: readonly T[], nameOf: (f: T) => string): T[] {
  const byName = [...files].sort((a, b) => path.basename(nameOf(a)).localeCompare(path.basename(nameOf(b))));
  const of = (mode: string) => byName.filter((f) => labLockMode(nameOf(f)) === mode);
  const own = of("namespace");
  // The two parts of the demo world alternate, so they overlap too.
  const demo = alternate(of("demo-routing"), of("demo-rollouts"));
  const out = of("lab");
  const every = demo.length > 0 ? Math.max(1, Math.floor(own.length / demo.length)) : own.length;
  for (let i = 0, d = 0; i < own.length || d < demo.length; i++) {
    if (i % every === 0 && d < demo.length) out.push(demo[d++]!);
    if (i < own.length) out.push(own[i]!);
  }
  return out;
}

export class IntegrationOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const integration = sorted.filter((f) => f.project.name === "integration");
    return [...sorted.filter((f) => f.project.name !== "integration"), ...integrationOrder(integration, (f) => f.moduleId)];
  }
}
