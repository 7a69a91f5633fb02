import "server-only";
import type { CacheSnapshot } from "@/lib/k8s/cache/store";
import { buildMeshModel } from "@/lib/istio/model/build-model";
import type { MeshModel } from "@/lib/istio/model/schema";
import { validateMesh } from "@/lib/istio/validate/validate-mesh";
import type { Validation } from "@/lib/istio/validate/schema";
import type { DegradedKind } from "@/lib/api/traffic";
import { toMeshInput, type InvalidObject } from "./mesh-snapshot";

export interface ComputedMesh {
  revision: number;
  at: number;
  model: MeshModel;
  validations: Validation[];
  invalid: InvalidObject[];
  degraded: DegradedKind[];
  /** How long the computation took, for metrics. */
  millis: number;
}

const holder = globalThis as typeof globalThis & { __meshdeckMeshMemo?: Map<string, ComputedMesh>; __meshdeckMeshStats?: { computations: number } };
const memo = (holder.__meshdeckMeshMemo ??= new Map());
const stats = (holder.__meshdeckMeshStats ??= { computations: 0 });
const MAX_ENTRIES = 32;

/** How many times a model was computed (tests prove it does not grow with clients). */
export function meshComputations(): number {
  return stats.computations;
}

/**
 * The mesh model and its validations for one cache snapshot, computed once per
 * (visibility, revision) and shared by every request and SSE client that sees
 * the same objects. `visibilityKey` identifies what the snapshot was filtered
 * to (the server's credentials, or one user's RBAC view).
 */
export function computeMesh(snapshot: CacheSnapshot, visibilityKey: string): ComputedMesh {
  const key = `${visibilityKey}@${snapshot.cluster}#${snapshot.revision}`;
  const hit = memo.get(key);
  if (hit) {
    memo.delete(key);
    memo.set(key, hit);
    return hit;
  }
  const t0 = performance.now();
  const input = toMeshInput(snapshot);
  const model = buildMeshModel(input.snapshot);
  const computed: ComputedMesh = {
    revision: snapshot.revision,
    at: snapshot.at,
    model,
    validations: validateMesh(model),
    invalid: input.invalid,
    degraded: input.degraded,
    millis: performance.now() - t0,
  };
  stats.computations++;
  memo.set(key, computed);
  while (memo.size > MAX_ENTRIES) {
    const oldest = memo.keys().next().value;
    if (oldest === undefined) break;
    memo.delete(oldest);
  }
  return computed;
}
