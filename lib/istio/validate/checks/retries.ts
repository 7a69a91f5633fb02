import type { MeshModel } from "@/lib/istio/model/schema";
import { durationMs } from "@/lib/istio/semantics/duration";
import { retryOnError } from "@/lib/istio/semantics/retry";
import { finding, vsRef } from "../finding";
import type { Validation } from "../schema";

/**
 * Retry policies that cannot work as written: a retryOn condition neither Envoy
 * nor istiod knows (istiod's webhook refuses it; without the webhook the proxy
 * config is rejected), and a per-try timeout that leaves no time for a retry
 * within the route timeout.
 */
export function checkRetries(model: MeshModel): Validation[] {
  return model.virtualServices.flatMap((vs) =>
    vs.http.flatMap((rule) => {
      const retries = rule.retries;
      if (!retries?.attempts) return [];
      const path = `spec.http[${rule.index}].retries`;
      const out: Validation[] = [];
      const retryOn = retries.retryOn ? retryOnError(retries.retryOn) : null;
      if (retryOn) out.push(finding("VS_RETRY_ON_UNKNOWN", vsRef(vs), `${path}.retryOn`, `${retryOn}.`));
      const perTry = durationMs(retries.perTryTimeout ?? undefined);
      const timeout = durationMs(rule.timeout ?? undefined);
      if (perTry !== null && timeout !== null && perTry >= timeout) {
        out.push(
          finding("VS_PER_TRY_TIMEOUT_NOT_BELOW_TIMEOUT", vsRef(vs), `${path}.perTryTimeout`, `perTryTimeout ${retries.perTryTimeout} is not below the route timeout ${rule.timeout}: a slow first try uses the whole timeout and is never retried.`),
        );
      }
      return out;
    }),
  );
}
