import { ownedBy } from "../model/revisions";
import { REVISION_ANNOTATION, type ReplicaSetWire, type RolloutWire } from "../wire";

/** undo.go's revision(): 0 without the annotation, null when it is not an integer (the ReplicaSet is skipped). */
function revisionOrNull(rs: ReplicaSetWire): number | null {
  const v = rs.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v) ? Number(v) : null;
}

export type RevisionLookup = { ok: true; replicaSet: ReplicaSetWire; revision: number } | { ok: false; reason: "no-previous" | "not-found"; message: string };

/**
 * The ReplicaSet `kubectl argo rollouts undo` rolls back to (undo.go
 * rolloutRevision): among the ReplicaSets the Rollout controls, the one of
 * `toRevision`, or for 0 the second-highest revision, walking them in the
 * order given (the API's list order) exactly as the CLI does.
 */
export function findUndoReplicaSet(ro: RolloutWire, replicaSets: readonly ReplicaSetWire[], toRevision = 0): RevisionLookup {
  let latest = -1;
  let previous = -1;
  let latestRs: ReplicaSetWire | null = null;
  let previousRs: ReplicaSetWire | null = null;
  for (const rs of replicaSets) {
    if (!ownedBy(rs, ro, { controllerOnly: true })) continue;
    const v = revisionOrNull(rs);
    if (v === null) continue;
    if (toRevision === 0) {
      if (latest < v) {
        previous = latest;
        previousRs = latestRs;
        latest = v;
        latestRs = rs;
      } else if (previous < v) {
        previous = v;
        previousRs = rs;
      }
    } else if (toRevision === v) {
      return { ok: true, replicaSet: rs, revision: v };
    }
  }
  if (toRevision > 0) return { ok: false, reason: "not-found", message: `unable to find specified revision ${toRevision} in history` };
  if (!previousRs) return { ok: false, reason: "no-previous", message: `no revision found for rollout "${ro.metadata.name}"` };
  return { ok: true, replicaSet: previousRs, revision: previous };
}
