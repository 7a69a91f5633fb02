import { describe, expect, it } from "vitest";
import { analysisRunWire } from "../wire";
import { analysisRunView, resolveArgs } from "./analysis";

describe("analysis queries", () => {
  it("resolve {{args.x}} with the run's values and leave unknown or secret arguments alone", () => {
    const args = new Map([
      ["service", "web-canary"],
      ["namespace", "shop"],
    ]);
    expect(resolveArgs('x{svc="{{args.service}}",ns="{{ args.namespace }}",k="{{args.api-key}}"}', args)).toBe('x{svc="web-canary",ns="shop",k="{{args.api-key}}"}');
  });

  it("show the provider and the query the controller sends", () => {
    const run = analysisRunWire.parse({
      metadata: { name: "r" },
      spec: {
        args: [{ name: "service", value: "web-canary" }, { name: "token", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }],
        metrics: [{ name: "success-rate", provider: { prometheus: { address: "http://p", query: ' sum(rate(x{svc="{{args.service}}"}[1m])) ' } } }, { name: "job", provider: { job: { spec: {} } } }],
      },
    });
    const view = analysisRunView(run);
    expect(view.metrics.map((m) => [m.name, m.provider, m.query])).toEqual([
      ["success-rate", "prometheus", 'sum(rate(x{svc="web-canary"}[1m]))'],
      ["job", "job", null],
    ]);
  });
});
