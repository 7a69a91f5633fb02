import { describe, expect, it } from "vitest";
import { ANNOTATION_UNDO, HISTORY_LIMIT, MAX_SUMMARY_LENGTH, readHistory, readLastChange, readUndo } from "./audit";
import { planSetFault } from "./fault";
import { planHttpRouteWeights } from "./http-route-weights";
import { ctx, laterCtx, seeds, webHttpRoute } from "./test-support/fixtures";
import { afterApply, checkPlan, expectActionError } from "./test-support/plan-checks";
import { planUndo, undoInputSchema } from "./undo";
import { planSetWeights } from "./weights";

describe("planUndo", () => {
  it("restores the previous spec exactly and records the undo", () => {
    const vs = seeds.ratingsV1();
    const changed = afterApply(planSetFault(vs, 0, { delay: { fixedDelay: "7s" }, onlyForHeader: { name: "end-user", match: "exact", value: "alex" } }, ctx));
    const undo = planUndo(changed, laterCtx);
    const result = checkPlan(changed, undo);
    expect(JSON.stringify(result.spec)).toBe(JSON.stringify(vs.spec));
    expect(readLastChange(result.metadata.annotations)).toMatchObject({ who: "bob@example.com", action: "undo" });
    expect(readHistory(result.metadata.annotations).map((h) => h.action)).toEqual(["set-fault", "undo"]);
    expect(undo.summary).toMatch(/^Undo "Inject delay 7s for 100% for requests with header end-user exact "alex"/);
  });

  it("is idempotent per change: a second undo (repeated or concurrent) is a Conflict, never a redo", () => {
    const vs = seeds.staged();
    const changed = afterApply(planSetWeights(vs, 0, { weights: [{ host: "api", subset: "v1", weight: 0 }, { host: "api", subset: "v2", weight: 100 }] }, ctx), "a");
    const id = readLastChange(changed.metadata.annotations)?.id;
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    const undone = afterApply(planUndo(changed, ctx, { changeId: id }), "b");
    expect(undone.spec).toEqual(vs.spec);
    expect(readLastChange(undone.metadata.annotations)).toMatchObject({ action: "undo", undoes: id });
    expectActionError(() => planUndo(undone, ctx, { changeId: id }), "Conflict", new RegExp(`change ${id} was already undone`));
    expectActionError(() => planUndo(undone, ctx), "Conflict", /already undone/);
  });

  it("with a changeId, only that change, and only while it is the last one", () => {
    const vs = seeds.staged();
    const first = afterApply(planSetWeights(vs, 0, { weights: [{ host: "api", subset: "v1", weight: 50 }, { host: "api", subset: "v2", weight: 50 }] }, ctx), "a");
    const firstId = readLastChange(first.metadata.annotations)?.id ?? "";
    const second = afterApply(planSetWeights(first, 0, { weights: [{ host: "api", subset: "v1", weight: 10 }, { host: "api", subset: "v2", weight: 90 }] }, laterCtx), "b");
    expectActionError(() => planUndo(second, ctx, { changeId: firstId }), "Conflict", /is not the last change/);
    expect(() => undoInputSchema.parse({ changeId: "not-an-id" })).toThrow();
  });

  it("bounds the audit records: summaries are cut, history keeps the last HISTORY_LIMIT entries", () => {
    let vs = seeds.staged();
    const long = "x".repeat(5000);
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) {
      const header = { name: "x-long", match: "exact" as const, value: `${long}${i}` };
      vs = afterApply(planSetFault(vs, 0, { abort: { httpStatus: 500 }, onlyForHeader: header }, ctx), `v${i}`);
    }
    const history = readHistory(vs.metadata.annotations);
    expect(history).toHaveLength(HISTORY_LIMIT);
    for (const entry of history) expect(entry.summary.length).toBeLessThanOrEqual(MAX_SUMMARY_LENGTH);
    expect(readUndo(vs.metadata.annotations)?.summary.length).toBeLessThanOrEqual(MAX_SUMMARY_LENGTH);
    const undone = afterApply(planUndo(vs, laterCtx), "u");
    expect(readLastChange(undone.metadata.annotations)?.summary.length).toBeLessThanOrEqual(MAX_SUMMARY_LENGTH);
  });

  it("refuses with Conflict when the spec changed since (someone else's edit is never lost)", () => {
    const vs = seeds.staged();
    const changed = afterApply(planSetWeights(vs, 0, { weights: [{ host: "api", subset: "v1", weight: 50 }, { host: "api", subset: "v2", weight: 50 }] }, ctx));
    const edited = { ...changed, spec: { ...changed.spec, hosts: [...(changed.spec.hosts ?? []), "extra"] } };
    const error = expectActionError(() => planUndo(edited, ctx), "Conflict", /changed after alice@example.com's "set-weights"/);
    expect(error.status).toBe(409);
  });

  it("key order of the spec does not matter for the hash", () => {
    const vs = seeds.staged();
    const changed = afterApply(planSetWeights(vs, 0, { weights: [{ host: "api", subset: "v1", weight: 50 }, { host: "api", subset: "v2", weight: 50 }] }, ctx));
    const reordered = { ...changed, spec: Object.fromEntries(Object.entries(changed.spec).reverse()) };
    expect(planUndo(reordered, ctx).changed).toBe(true);
  });

  it("NotFound without a recorded change; Unprocessable when the record is unreadable", () => {
    expectActionError(() => planUndo(seeds.staged(), ctx), "NotFound", /no Meshdeck change to undo/);
    const vs = seeds.staged();
    const broken = { ...vs, metadata: { ...vs.metadata, annotations: { [ANNOTATION_UNDO]: "{not json" } } };
    expectActionError(() => planUndo(broken, ctx), "Unprocessable", /unreadable/);
  });

  it("works on Gateway API HTTPRoutes", () => {
    const route = webHttpRoute();
    const changed = afterApply(planHttpRouteWeights(route, 0, { weights: [{ name: "web-v1", weight: 0 }, { name: "web-v2", weight: 100 }] }, ctx));
    expect(checkPlan(changed, planUndo(changed, ctx)).spec).toEqual(route.spec);
  });
});
