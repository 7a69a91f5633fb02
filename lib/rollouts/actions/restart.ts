import { formatRfc3339, goDurationMillis } from "../model/durations";
import type { ReplicaSetWire, RolloutWire } from "../wire";
import { assertAvailable } from "./availability";
import { RolloutActionError } from "./errors";
import { mergePatch, type RolloutActionPlan } from "./plan";

export interface RestartOptions {
  /** `--in`: a Go duration ("30s", "5m", "1h") after which the restart starts; default now. */
  in?: string;
}

/**
 * `kubectl argo rollouts restart [--in D]`: a merge patch of the main resource
 * setting spec.restartAt to now (+ D), in UTC to whole seconds (RFC 3339). The
 * controller then evicts, a few at a time, the pods created before that time.
 * Conflict while an earlier restart is still pending; Unprocessable for a bad or
 * negative duration (the CLI panics on a bad one).
 */
export function planRestart(ro: RolloutWire, replicaSets: readonly ReplicaSetWire[], now: number, opts: RestartOptions = {}): RolloutActionPlan {
  let delay = 0;
  if (opts.in !== undefined && opts.in !== "") {
    const ms = goDurationMillis(opts.in);
    if (ms === null) throw new RolloutActionError("Unprocessable", `invalid duration "${opts.in}": use a number and a unit, e.g. 30s, 5m, 1h`, { action: "restart", field: "in" });
    if (ms < 0) throw new RolloutActionError("Unprocessable", "the restart cannot be in the past", { action: "restart", field: "in" });
    delay = ms;
  }
  assertAvailable("restart", ro, replicaSets, now);
  const restartAt = formatRfc3339(now + delay);
  return {
    action: "restart",
    namespace: ro.metadata.namespace ?? "default",
    name: ro.metadata.name,
    requests: [mergePatch(ro, { spec: { restartAt } })],
    message: `rollout '${ro.metadata.name}' restarts in ${opts.in || "0s"}`,
  };
}
