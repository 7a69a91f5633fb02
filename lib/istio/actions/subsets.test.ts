import { describe, expect, it } from "vitest";
import { readUndo } from "./audit";
import { planSubsetsFromVersions, subsetNameFor } from "./subsets";
import { ctx, loadDr, loadService, podsOf } from "./test-support/fixtures";
import { checkPlan, expectActionError } from "./test-support/plan-checks";
import { planUndo } from "./undo";

const BOOKINFO = "bookinfo/bookinfo.yaml";

describe("planSubsetsFromVersions", () => {
  it("creates Bookinfo's reviews DestinationRule from the pods' version label", () => {
    const service = loadService(BOOKINFO, "reviews");
    const pods = [...podsOf(BOOKINFO, ["reviews-v3", "reviews-v1", "reviews-v2", "ratings-v1"], "default")].map((p) => ({ ...p, metadata: { ...p.metadata, namespace: service.metadata.namespace } }));
    const plan = planSubsetsFromVersions(service, pods, undefined, ctx);
    expect(plan.kind).toBe("create");
    const expected = loadDr("bookinfo/networking/destination-rule-all.yaml", "reviews");
    expect(plan.result.spec).toEqual(expected.spec);
    expect(plan.result.kind).toBe("DestinationRule");
    expect(plan.result.metadata.name).toBe("reviews");
    expect(readUndo(plan.result.metadata.annotations)?.section).toBe("subsets");
  });

  it("patches an existing DestinationRule with only the missing versions (blue-green)", () => {
    const file = "seeds/blue-green.yaml";
    const service = loadService(file, "nginx");
    const pods = podsOf(file, ["nginx-blue", "nginx-green"], "sample-ns");
    const dr = loadDr(file, "nginx");
    const noop = planSubsetsFromVersions(service, pods, dr, ctx);
    expect(noop.changed).toBe(false);
    const partial = { ...dr, spec: { ...dr.spec, subsets: dr.spec.subsets?.slice(0, 1) } };
    const plan = planSubsetsFromVersions(service, pods, partial, ctx);
    if (plan.kind !== "patch") throw new Error("expected a patch");
    expect(checkPlan(partial, plan).spec.subsets).toEqual(dr.spec.subsets);
    expect(checkPlan(plan.result, planUndo(plan.result, ctx)).spec).toEqual(partial.spec);
  });

  it("turns versions that are not DNS labels into valid subset names", () => {
    const file = "seeds/helm-canary.yaml";
    const service = { ...loadService(file, "foolish-penguin-sample"), spec: { selector: { app: "sample" } } };
    const pods = podsOf(file, ["foolish-penguin-sample", "peeking-rabbit-sample"], "default");
    const plan = planSubsetsFromVersions(service, pods, undefined, ctx);
    expect(plan.result.spec.subsets).toEqual([
      { name: "1-0-1", labels: { version: "1.0.1" } },
      { name: "1-1-0", labels: { version: "1.1.0" } },
    ]);
    expect(subsetNameFor("V2_beta", new Set(["v2-beta"]))).toBe("v2-beta-2");
  });

  it("refuses a Service with one version, no selector, or a DestinationRule for another host", () => {
    const file = "seeds/blue-green.yaml";
    const service = loadService(file, "nginx");
    const pods = podsOf(file, ["nginx-blue", "nginx-green"], "sample-ns");
    expectActionError(() => planSubsetsFromVersions(service, pods.slice(0, 1), undefined, ctx), "Unprocessable", /at least two versions/);
    expectActionError(() => planSubsetsFromVersions({ ...service, spec: {} }, pods, undefined, ctx), "Unprocessable", /no selector/);
    const dr = loadDr("bookinfo/networking/destination-rule-all.yaml", "reviews");
    expectActionError(() => planSubsetsFromVersions(service, pods, dr, ctx), "Unprocessable", /host reviews/);
    const done = pods.map((p) => ({ ...p, status: { phase: "Succeeded" } }));
    expectActionError(() => planSubsetsFromVersions(service, done, undefined, ctx), "Unprocessable");
  });
});
