import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { HttpRouteWire, VirtualServiceWire } from "@/lib/istio/wire";
import { readUndo } from "./audit";
import { effectiveWeight } from "./destinations";
import { planClearFault, planSetFault } from "./fault";
import { planSetMirror } from "./mirror";
import { planSetRetries, planSetTimeout } from "./timeouts";
import type { ActionPlan } from "./plan";
import { planPromote } from "./promote";
import { largestRemainder } from "./rebalance";
import { planSwitch } from "./switch";
import { planAddTestRoute } from "./test-routes";
import { allDemoVs, ctx, laterCtx, seeds } from "./test-support/fixtures";
import { afterApply, checkPlan, expectActionError } from "./test-support/plan-checks";
import { planUndo } from "./undo";
import { planSetWeights } from "./weights";

// Every planner on every VirtualService of the demo world, with generated input:
// patch ≡ result, untouched rules stay deep-equal, re-planning is a no-op,
// undo restores the spec byte for byte.

type Planner = (vs: VirtualServiceWire) => ActionPlan<VirtualServiceWire>;
interface Case {
  name: string;
  vs: VirtualServiceWire;
  plan: Planner;
  /** Rule indexes of the result that are new (inserted) — the others must equal the original's, in order. */
  touched: { kind: "in-place"; section: "http" | "tcp"; index: number } | { kind: "inserted"; index: number };
}

const fixtures = allDemoVs();
const routed = (vs: VirtualServiceWire): number[] => (vs.spec.http ?? []).flatMap((rule, i) => (rule.route?.length ? [i] : []));

const caseArb: fc.Arbitrary<Case> = fc
  .record({ vsIndex: fc.nat(fixtures.length - 1), pick: fc.nat(), raw: fc.array(fc.nat(100), { minLength: 8, maxLength: 8 }) })
  .chain(({ vsIndex, pick, raw }) => {
    const vs = fixtures[vsIndex] as VirtualServiceWire;
    const indexes = routed(vs);
    const index = indexes[pick % indexes.length] ?? 0;
    const rule = vs.spec.http?.[index] as HttpRouteWire;
    const entries = rule.route ?? [];
    const destination = (k: number) => {
      const d = entries[k % entries.length]?.destination ?? { host: "x" };
      return { host: d.host, ...(d.subset ? { subset: d.subset } : {}), ...(d.port?.number ? { port: d.port.number } : {}) };
    };
    const weights = largestRemainder(100, entries.map((_, k) => raw[k] ?? 0));
    const header = fc.record({
      name: fc.constantFrom("x-version", "end-user", "x-canary"),
      match: fc.constantFrom("exact" as const, "prefix" as const, "regex" as const),
      value: fc.stringMatching(/^[a-z0-9]{1,8}$/),
    });
    // Fault headers the demo routes do not match on (a conflicting one is refused by design).
    const faultHeader = header.map((h) => ({ ...h, name: h.name === "end-user" ? "x-chaos" : `${h.name}-chaos` }));
    return fc.oneof(
      fc.constant<Case>({
        name: "set-weights",
        vs,
        plan: (v) => planSetWeights(v, index, { weights: entries.map((_, k) => ({ ...destination(k), weight: weights[k] ?? 0 })) }, ctx),
        touched: { kind: "in-place", section: "http", index },
      }),
      fc.nat(7).map<Case>((k) => ({ name: "promote", vs, plan: (v) => planPromote(v, index, { destination: destination(k) }, ctx), touched: { kind: "in-place", section: "http", index } })),
      fc.record({ ms: fc.integer({ min: 1, max: 10_000 }), pct: fc.double({ min: 0, max: 100, noNaN: true }), status: fc.integer({ min: 200, max: 599 }) }).map<Case>(({ ms, pct, status }) => ({
        name: "set-fault",
        vs,
        plan: (v) => planSetFault(v, index, { delay: { fixedDelay: `${ms}ms`, percentage: pct }, abort: { httpStatus: status, percentage: 100 - pct } }, ctx),
        touched: { kind: "in-place", section: "http", index },
      })),
      fc.tuple(faultHeader, fc.integer({ min: 1, max: 60 })).map<Case>(([h, s]) => ({
        name: "set-fault (header)",
        vs,
        plan: (v) => planSetFault(v, index, { delay: { fixedDelay: `${s}s` }, onlyForHeader: h }, ctx),
        touched: { kind: "inserted", index },
      })),
      fc.tuple(fc.nat(7), fc.double({ min: 0, max: 100, noNaN: true })).map<Case>(([k, pct]) => ({
        name: "set-mirror",
        vs,
        plan: (v) => planSetMirror(v, index, { destination: destination(k), percentage: pct }, ctx),
        touched: { kind: "in-place", section: "http", index },
      })),
      fc.integer({ min: 1, max: 600_000 }).map<Case>((ms) => ({
        name: "set-timeout",
        vs,
        plan: (v) => planSetTimeout(v, index, { timeout: `${ms}ms` }, ctx),
        touched: { kind: "in-place", section: "http", index },
      })),
      fc
        .record({ attempts: fc.nat(10), per: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }), on: fc.subarray(["5xx", "gateway-error", "connect-failure", "503", "unavailable"]) })
        .map<Case>(({ attempts, per, on }) => ({
          name: "set-retries",
          vs,
          plan: (v) => planSetRetries(v, index, { attempts, ...(per ? { perTryTimeout: `${per}s` } : {}), ...(on.length ? { retryOn: on.join(",") } : {}) }, ctx),
          touched: { kind: "in-place", section: "http", index },
        })),
      fc.tuple(header, fc.nat(7)).map<Case>(([h, k]) => ({
        name: "add-test-route",
        vs,
        plan: (v) => planAddTestRoute(v, { header: h, destination: destination(k) }, ctx),
        touched: { kind: "inserted", index: 0 },
      })),
    );
  });

function expectUntouched(before: VirtualServiceWire, after: VirtualServiceWire, touched: Case["touched"]): void {
  if (touched.kind === "in-place") {
    const a = before.spec[touched.section] ?? [];
    const b = after.spec[touched.section] ?? [];
    expect(b).toHaveLength(a.length);
    a.forEach((rule, i) => {
      if (i !== touched.index) expect(JSON.stringify(b[i])).toBe(JSON.stringify(rule));
    });
  } else {
    const b = [...(after.spec.http ?? [])];
    if (b.length > (before.spec.http ?? []).length) b.splice(touched.index, 1);
    expect(JSON.stringify(b)).toBe(JSON.stringify(before.spec.http ?? []));
  }
  const { http: _h, tcp: _t, ...restBefore } = before.spec;
  const { http: _h2, tcp: _t2, ...restAfter } = after.spec;
  expect(restAfter).toEqual(restBefore);
}

describe("planner properties on the demo world's VirtualServices", { timeout: 30_000 }, () => {
  it("the patch applied to the object is the result; untouched rules stay byte-identical", () => {
    fc.assert(
      fc.property(caseArb, ({ vs, plan, touched }) => {
        const result = checkPlan(vs, plan(vs));
        expectUntouched(vs, result, touched);
      }),
      { numRuns: 150 },
    );
  });

  it("re-planning the same input on the result changes nothing", () => {
    fc.assert(
      fc.property(caseArb, ({ vs, plan }) => {
        const first = plan(vs);
        const again = plan(afterApply(first));
        expect(again.changed).toBe(false);
        expect(again.patch).toEqual({ metadata: { resourceVersion: afterApply(first).metadata.resourceVersion } });
      }),
      { numRuns: 150 },
    );
  });

  it("undo restores the spec exactly; undoing it again is a Conflict (never a redo)", () => {
    fc.assert(
      fc.property(caseArb, ({ vs, plan }) => {
        const first = plan(vs);
        if (!first.changed) return;
        const changed = afterApply(first, "a");
        const undone = checkPlan(changed, planUndo(changed, laterCtx));
        expect(JSON.stringify(undone.spec)).toBe(JSON.stringify(vs.spec));
        expectActionError(() => planUndo(afterApply({ ...first, result: undone }, "b"), laterCtx), "Conflict", /already undone/);
      }),
      { numRuns: 100 },
    );
  });

  it("weights always sum to 100 after set-weights and promote", () => {
    fc.assert(
      fc.property(caseArb, ({ name, vs, plan, touched }) => {
        if (name !== "set-weights" && name !== "promote") return;
        if (touched.kind !== "in-place") return;
        const entries = plan(vs).result.spec.http?.[touched.index]?.route ?? [];
        expect(entries.reduce((sum, e) => sum + effectiveWeight(e, entries.length), 0)).toBe(100);
      }),
      { numRuns: 100 },
    );
  });

  it("the undo record's hash matches the result spec, and a later edit makes undo a Conflict", () => {
    fc.assert(
      fc.property(caseArb, ({ vs, plan }) => {
        const first = plan(vs);
        if (!first.changed) return;
        const record = readUndo(first.result.metadata.annotations);
        expect(record?.previous).toEqual(vs.spec[record?.section === "tcp" ? "tcp" : "http"] ?? null);
        const edited = afterApply(first);
        edited.spec = { ...edited.spec, exportTo: ["."] };
        expect(() => planUndo(edited, ctx)).toThrowError(/changed after/);
      }),
      { numRuns: 100 },
    );
  });

  it("clearing a header-scoped fault restores the original spec", () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), fc.stringMatching(/^[a-z]{1,6}$/), (vs, value) => {
        const index = routed(vs).find((i) => vs.spec.http?.[i]?.fault === undefined);
        if (index === undefined) return;
        const faulty = afterApply(planSetFault(vs, index, { abort: { httpStatus: 503 }, onlyForHeader: { name: "x-chaos", match: "exact", value } }, ctx));
        expect(JSON.stringify(planClearFault(faulty, index + 1, ctx).result.spec)).toBe(JSON.stringify(vs.spec));
      }),
      { numRuns: 50 },
    );
  });
});

describe("switch ∘ switch = identity", () => {
  it("on the blue/green and the shop's alex routes, with any test header value", () => {
    fc.assert(
      fc.property(fc.constantFrom("blueGreen" as const, "reviewsUser" as const), fc.stringMatching(/^[a-z]{1,8}$/), (seed, value) => {
        const base = seeds[seed]();
        const withHeader = { ...base, spec: { ...base.spec, http: base.spec.http?.map((r, i) => (i === 0 ? { ...r, match: [{ headers: { "x-test": { exact: value } } }] } : r)) } };
        const once = planSwitch(withHeader, 1, {}, ctx);
        checkPlan(withHeader, once);
        const twice = planSwitch(afterApply(once), 1, {}, ctx);
        expect(JSON.stringify(twice.result.spec)).toBe(JSON.stringify(withHeader.spec));
      }),
      { numRuns: 30 },
    );
  });
});
