import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { draftMap, EMPTY_MAP, sealMap } from "../cache/immutable";
import type { CacheSnapshot, CachedObject, KindSnapshot } from "../cache/store";
import { canISafe, mapLimit } from "./access";
import type { UserContext } from "./user-context";

const PARALLEL = 16;

function restrict(kind: KindSnapshot, allowed: ReadonlySet<string>): KindSnapshot {
  const objects = draftMap<string, ReadonlyMap<string, CachedObject>>();
  let count = 0;
  for (const [ns, inner] of kind.objects) {
    if (!allowed.has(ns)) continue;
    objects.set(ns, inner);
    count += inner.size;
  }
  // Nothing listable where objects exist: the user may not see this kind at all.
  const status = allowed.size === 0 && kind.objects.size > 0 ? "forbidden" : kind.status;
  return Object.freeze({ ...kind, status, objects: sealMap(objects), count });
}

function forbidden(kind: KindSnapshot): KindSnapshot {
  return Object.freeze({ ...kind, status: kind.status === "missing" ? kind.status : "forbidden", objects: EMPTY_MAP, count: 0 });
}

/**
 * The part of a (server-credential) cache snapshot that `ctx` may list:
 * cluster-scoped kinds only with cluster-wide list permission, namespaced
 * kinds only in namespaces where a SelfSubjectAccessReview allows `list`.
 * Review failures count as "no" (fail closed). Same revision, new frozen
 * object; the input snapshot is not changed. Kinds the user cannot list in
 * any namespace that holds objects get status "forbidden".
 */
export async function filterSnapshotForUser(ctx: UserContext, snapshot: CacheSnapshot, base?: KubeConfig): Promise<CacheSnapshot> {
  if (ctx.kind === "server") return snapshot;
  const kinds = [...snapshot.kinds.values()];
  const clusterWide = await mapLimit(kinds, PARALLEL, (kind) =>
    canISafe(ctx, { verb: "list", group: kind.group, resource: kind.resource }, base),
  );
  const pairs: Array<{ kind: KindSnapshot; namespace: string }> = [];
  kinds.forEach((kind, i) => {
    if (clusterWide[i] || !kind.namespaced) return;
    for (const namespace of kind.objects.keys()) pairs.push({ kind, namespace });
  });
  const allowed = await mapLimit(pairs, PARALLEL, ({ kind, namespace }) =>
    canISafe(ctx, { verb: "list", group: kind.group, resource: kind.resource, namespace }, base),
  );
  const allowedByKind = new Map<string, Set<string>>();
  pairs.forEach(({ kind, namespace }, i) => {
    if (!allowed[i]) return;
    let set = allowedByKind.get(kind.key);
    if (!set) allowedByKind.set(kind.key, (set = new Set()));
    set.add(namespace);
  });
  const out = draftMap<string, KindSnapshot>();
  kinds.forEach((kind, i) => {
    if (clusterWide[i]) out.set(kind.key, kind);
    else if (!kind.namespaced) out.set(kind.key, forbidden(kind));
    else out.set(kind.key, restrict(kind, allowedByKind.get(kind.key) ?? new Set()));
  });
  return Object.freeze({ ...snapshot, kinds: sealMap(out) });
}
