import type { RequestTarget } from "./plan";

/** What the API server answered to one request of a plan (the object as stored, or as it would be on a dry run). */
export interface SentObject {
  target: RequestTarget;
  subresource: "status" | null;
  object: Record<string, unknown>;
}

export function targetKey(target: RequestTarget): string {
  return `${target.apiVersion}/${target.kind}/${target.namespace}/${target.name}`;
}

/**
 * The object an action leaves behind: that of the last request's target (the
 * Rollout, or the workload its workloadRef names). Each answer of a dry run
 * shows only its own request applied to the stored object, so the status a
 * status-subresource request would set is laid over the main resource's
 * answer; for real writes the last answer is the latest state.
 */
export function resultingObject(sent: readonly SentObject[], dryRun: boolean): SentObject | null {
  const last = sent.at(-1);
  if (!last) return null;
  if (!dryRun) return last;
  const mine = sent.filter((s) => targetKey(s.target) === targetKey(last.target));
  const main = mine.findLast((s) => s.subresource === null);
  const status = mine.findLast((s) => s.subresource === "status");
  if (!main || !status) return last;
  return { ...main, object: { ...main.object, status: status.object.status } };
}
