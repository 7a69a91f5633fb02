import path from "node:path";

/**
 * How an integration file shares the one test lab with files running beside
 * it (vitest runs several at once):
 * - "namespace": works only in namespaces it creates (uniqueNamespace); runs
 *   beside any file but a "lab" one.
 * - "demo-routing" / "demo-rollouts": changes a part of the demo world (its
 *   routing namespaces; its Rollouts), or judges its traffic; runs beside
 *   "namespace" files and the other part, never beside a file of its part.
 * - "walkthroughs": an acceptance file, on the original walkthroughs (their
 *   own namespaces); the acceptance stage runs beside the integration stage.
 * - "lab": stops or restarts parts of the lab itself; runs alone.
 */
export const LAB_LOCK_MODES = ["namespace", "demo-routing", "demo-rollouts", "walkthroughs", "lab"] as const;
export type LabLockMode = (typeof LAB_LOCK_MODES)[number];

export function isLabLockMode(s: string): s is LabLockMode {
  return (LAB_LOCK_MODES as readonly string[]).includes(s);
}

const MODES: Readonly<Record<string, LabLockMode>> = {
  "resilience-lab.int.test.ts": "lab",
  // The shop, hosts, blue/green and staged namespaces of the demo world.
  "actions-concurrency.int.test.ts": "demo-routing",
  "actions-csrf.int.test.ts": "demo-routing",
  "actions-demo.int.test.ts": "demo-routing",
  "actions-rbac.int.test.ts": "demo-routing",
  "graph-api.int.test.ts": "demo-routing",
  "metrics.int.test.ts": "demo-routing",
  "traffic-api.int.test.ts": "demo-routing",
  "traffic.int.test.ts": "demo-routing",
  // The demo world's Rollouts.
  "actions-locked.int.test.ts": "demo-rollouts",
  "rollouts-api.int.test.ts": "demo-rollouts",
  "rollouts-confirmations.int.test.ts": "demo-rollouts",
  "rollouts-demo.int.test.ts": "demo-rollouts",
  "rollouts-demo-analysis.int.test.ts": "demo-rollouts",
  "rollouts-dry-run.int.test.ts": "demo-rollouts",
};

/** The mode of a test file (by its base name): "walkthroughs" for an acceptance file, else "namespace" unless listed. */
export function labLockMode(file: string): LabLockMode {
  const name = path.basename(file);
  return MODES[name] ?? (name.endsWith(".acc.test.ts") ? "walkthroughs" : "namespace");
}

/** Where `npm test` serves one lock for the integration and acceptance stages running at once. */
export const LAB_LOCK_PORT_ENV = "MESHDECK_LAB_LOCK_PORT";

/** Whether a holder in mode `a` may run while one in mode `b` holds the lab. */
export function compatible(a: LabLockMode, b: LabLockMode): boolean {
  if (a === "lab" || b === "lab") return false;
  return a === "namespace" || b === "namespace" || a !== b;
}
