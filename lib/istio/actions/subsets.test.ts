import { describe, expect, it } from "vitest";
import { readUndo } from "./audit";
import { planSubsetsFromVersions, subsetNameFor } from "./subsets";
import { ctx, loadDr, loadService, podsOf } from "./test-support/fixtures";
import { checkPlan, expectActionError } from "./test-support/plan-checks";
import { planUndo } from "./undo";

const SHOP = "world/shop.yaml";
const BLUE_GREEN = "world/bluegreen.yaml";
const HOSTS = "world/hosts.yaml";

describe("planSubsetsFromVersions", () => {
  it("creates the shop's reviews DestinationRule from the pods' version label", () => {
    const service = loadService(SHOP, "reviews");
    const pods = podsOf(SHOP, ["reviews-v3", "reviews-v1", "reviews-v2", "ratings-v1"], "demo-shop");
    const plan = planSubsetsFromVersions(service, pods, undefined, ctx);
    expect(plan.kind).toBe("create");
    const expected = loadDr(SHOP, "reviews");
    expect(plan.result.spec).toEqual(expected.spec);
    expect(plan.result.kind).toBe("DestinationRule");
    expect(plan.result.metadata.name).toBe("reviews");
    expect(readUndo(plan.result.metadata.annotations)?.section).toBe("subsets");
  });

  it("patches an existing DestinationRule with only the missing versions (blue/green)", () => {
    const service = loadService(BLUE_GREEN, "checkout");
    const pods = podsOf(BLUE_GREEN, ["checkout-blue", "checkout-green"], "demo-bluegreen");
    const dr = loadDr(BLUE_GREEN, "checkout");
    const noop = planSubsetsFromVersions(service, pods, dr, ctx);
    expect(noop.changed).toBe(false);
    const partial = { ...dr, spec: { ...dr.spec, subsets: dr.spec.subsets?.slice(0, 1) } };
    const plan = planSubsetsFromVersions(service, pods, partial, ctx);
    if (plan.kind !== "patch") throw new Error("expected a patch");
    expect(checkPlan(partial, plan).spec.subsets).toEqual(dr.spec.subsets);
    expect(checkPlan(plan.result, planUndo(plan.result, ctx)).spec).toEqual(partial.spec);
  });

  it("turns versions that are not DNS labels into valid subset names (the releases' app.kubernetes.io/version)", () => {
    const service = { ...loadService(HOSTS, "greeter-r1"), spec: { selector: { "app.kubernetes.io/name": "greeter" } } };
    const pods = podsOf(HOSTS, ["greeter-r1", "greeter-r2"], "demo-hosts");
    const plan = planSubsetsFromVersions(service, pods, undefined, ctx, { label: "app.kubernetes.io/version" });
    expect(plan.result.spec.subsets).toEqual([
      { name: "1-4-0", labels: { "app.kubernetes.io/version": "1.4.0" } },
      { name: "1-5-0", labels: { "app.kubernetes.io/version": "1.5.0" } },
    ]);
    expect(subsetNameFor("V2_beta", new Set(["v2-beta"]))).toBe("v2-beta-2");
  });

  it("refuses a Service with one version, no selector, or a DestinationRule for another host", () => {
    const service = loadService(BLUE_GREEN, "checkout");
    const pods = podsOf(BLUE_GREEN, ["checkout-blue", "checkout-green"], "demo-bluegreen");
    expectActionError(() => planSubsetsFromVersions(service, pods.slice(0, 1), undefined, ctx), "Unprocessable", /at least two versions/);
    expectActionError(() => planSubsetsFromVersions({ ...service, spec: {} }, pods, undefined, ctx), "Unprocessable", /no selector/);
    const dr = loadDr(SHOP, "reviews");
    expectActionError(() => planSubsetsFromVersions(service, pods, dr, ctx), "Unprocessable", /host reviews/);
    const done = pods.map((p) => ({ ...p, status: { phase: "Succeeded" } }));
    expectActionError(() => planSubsetsFromVersions(service, done, undefined, ctx), "Unprocessable");
  });
});
