import { parseReplicaSet, parseRollout, type ReplicaSetWire, type RolloutWire } from "./wire";

// Small hand-made objects for unit tests (the captured fixtures cover the real shapes).

type Obj = Record<string, unknown>;

function merge(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = v && typeof v === "object" && !Array.isArray(v) && b && typeof b === "object" && !Array.isArray(b) ? merge(b as Obj, v as Obj) : v;
  }
  return out;
}

/** A canary Rollout (steps setWeight 20, pause, setWeight 50, pause 30s), deep-merged with `over`. */
export function testRollout(over: Obj = {}): RolloutWire {
  const base: Obj = {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: { name: "app", namespace: "ns", uid: "ro-uid", generation: 1, creationTimestamp: "2025-01-01T00:00:00Z" },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "app" } },
      template: { metadata: { labels: { app: "app" } }, spec: { containers: [{ name: "app", image: "app:1" }] } },
      strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: "30s" } }] } },
    },
    status: { observedGeneration: "1" },
  };
  return parseRollout(merge(base, over));
}

export function testReplicaSet(name: string, revision: number | null, hash: string, over: Obj = {}): ReplicaSetWire {
  const base: Obj = {
    metadata: {
      name,
      namespace: "ns",
      generation: 1,
      labels: { app: "app", "rollouts-pod-template-hash": hash },
      annotations: revision === null ? {} : { "rollout.argoproj.io/revision": String(revision) },
      ownerReferences: [{ apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: "app", uid: "ro-uid", controller: true }],
    },
    spec: { replicas: 1, template: { metadata: { labels: { app: "app", "rollouts-pod-template-hash": hash } }, spec: { containers: [{ name: "app", image: `app:${revision ?? 0}` }] } } },
    status: { replicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 },
  };
  return parseReplicaSet(merge(base, over));
}
