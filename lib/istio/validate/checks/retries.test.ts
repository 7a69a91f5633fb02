import { describe, expect, it } from "vitest";
import { buildMeshModel } from "@/lib/istio/model/build-model";
import { emptySnapshot, parseMeshSnapshot } from "@/lib/istio/model/snapshot";
import { checkRetries } from "./retries";

const route = [{ destination: { host: "web" } }];

describe("checkRetries", () => {
  it("flags unknown retryOn conditions and per-try timeouts that leave no room for a retry", () => {
    const model = buildMeshModel(
      parseMeshSnapshot({
        ...emptySnapshot(),
        services: [{ metadata: { name: "web", namespace: "a" }, spec: { selector: { app: "web" } } }],
        virtualServices: [
          {
            metadata: { name: "web", namespace: "a" },
            spec: {
              hosts: ["web"],
              http: [
                { route, retries: { attempts: 2, retryOn: "5xx,sometimes" } },
                { route, timeout: "1s", retries: { attempts: 2, perTryTimeout: "1s", retryOn: "gateway-error,503" } },
                { route, timeout: "2s", retries: { attempts: 2, perTryTimeout: "500ms", retryOn: "cancelled" } },
                // attempts 0: no retries, nothing to check.
                { route, timeout: "1s", retries: { attempts: 0, perTryTimeout: "5s", retryOn: "bogus" } },
              ],
            },
          },
        ],
      }),
    );
    const found = checkRetries(model);
    expect(found.map((v) => `${v.severity} ${v.code} ${v.path}`)).toEqual([
      "error VS_RETRY_ON_UNKNOWN spec.http[0].retries.retryOn",
      "warning VS_PER_TRY_TIMEOUT_NOT_BELOW_TIMEOUT spec.http[1].retries.perTryTimeout",
    ]);
    expect(found[0]?.message).toContain('"sometimes"');
  });
});
