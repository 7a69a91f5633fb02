import { describe, expect, it } from "vitest";
import type { RolloutSummary } from "@/lib/api/rollouts";
import { applyFilter, filterFromParams, filterToQuery } from "./list-filter";

const row = (name: string, phase: RolloutSummary["phase"], pending = false, image = "app:1"): RolloutSummary => ({
  key: `ns/${name}`,
  namespace: "ns",
  name,
  createdAt: null,
  strategy: "canary",
  phase,
  message: "",
  aborted: false,
  pause: null,
  promotionPending: pending,
  step: null,
  setWeight: null,
  actualWeight: null,
  images: { stable: [image], canary: [] },
  replicas: { desired: 1, current: 1, updated: 1, ready: 1, available: 1 },
  routing: null,
  currentStepLabel: null,
});

describe("rollout list filter", () => {
  it("round-trips through the URL and ignores unknown phases", () => {
    const f = filterFromParams(new URLSearchParams("q=web&phase=Paused&page=3"));
    expect(f).toEqual({ q: "web", phase: "Paused", namespace: "", page: 3 });
    expect(filterToQuery(f)).toBe("?q=web&phase=Paused&page=3");
    expect(filterFromParams(new URLSearchParams("phase=Bogus&page=-1"))).toMatchObject({ phase: "", page: 1 });
  });
  it("filters by phase, pending promotion and words in name or image", () => {
    const items = [row("a", "Paused", true), row("b", "Healthy", false, "nginx:1.20"), row("c", "Degraded")];
    expect(applyFilter(items, { q: "", phase: "pending" }).map((r) => r.name)).toEqual(["a"]);
    expect(applyFilter(items, { q: "nginx", phase: "" }).map((r) => r.name)).toEqual(["b"]);
    expect(applyFilter(items, { q: "", phase: "Degraded" }).map((r) => r.name)).toEqual(["c"]);
  });
});
