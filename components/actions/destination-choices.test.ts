import { describe, expect, it } from "vitest";
import type { VirtualServiceModel } from "@/lib/istio/model/schema";
import { destinationChoices } from "./destination-choices";
import { checkForm, numberOrNaN } from "./form-validation";
import { faultInputSchema } from "@/lib/istio/actions/fault";

const host = (raw: string) => ({ raw, fqdn: raw, port: null, kind: "service" as const, service: { namespace: "bookinfo", name: raw }, serviceEntry: null, aliasOf: null });

describe("destinationChoices", () => {
  it("offers the route's destinations, the hosts' subsets and the namespace's Services, once each", () => {
    const vs = {
      namespace: "bookinfo",
      http: [
        {
          destinations: [
            { host: host("reviews"), subset: { name: "v1", status: "found" as const, destinationRule: null, labels: null }, port: null },
            { host: host("reviews"), subset: { name: "v2", status: "found" as const, destinationRule: null, labels: null }, port: null },
          ],
        },
      ],
    } as unknown as Pick<VirtualServiceModel, "namespace" | "http">;
    const services = [
      { namespace: "bookinfo", name: "reviews", destinationRules: [{ namespace: "bookinfo", name: "reviews", hostMatch: "exact" as const, subsets: ["v1", "v2", "v3"], hasWorkloadSelector: false }] },
      { namespace: "bookinfo", name: "ratings", destinationRules: [] },
    ];
    const drs = [{ namespace: "bookinfo", name: "reviews", subsets: ["v1", "v2", "v3"].map((name) => ({ name, labels: { version: name }, backends: null, rollout: null, trafficPolicy: null })) }];
    expect(destinationChoices(vs, services, drs).map((c) => c.label)).toEqual(["reviews · v1", "reviews · v2", "reviews · v3", "reviews", "ratings"]);
  });
});

describe("checkForm", () => {
  it("returns the schema's messages by field path", () => {
    const bad = checkForm(faultInputSchema, { delay: { fixedDelay: "5 seconds", percentage: 100 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors)).toContain("delay.fixedDelay");
    const good = checkForm(faultInputSchema, { abort: { httpStatus: 503, percentage: numberOrNaN("10") } });
    expect(good.ok).toBe(true);
    expect(Number.isNaN(numberOrNaN(" "))).toBe(true);
  });
});
