import { describe, expect, it } from "vitest";
import { addConfirmation, confirmationLabels, followUpLabel, type ConfirmationTally } from "./confirmation-tally";

describe("confirmation tally", () => {
  it("labels follow-ups 0, 1, 2, then 3+ for any more (bounded label values)", () => {
    expect([0, 1, 2, 3, 4, 17].map(followUpLabel)).toEqual(["0", "1", "2", "3+", "3+", "3+"]);
    expect(followUpLabel(-1)).toBe("0");
  });

  it("labels a confirmation by action, outcome and follow-ups", () => {
    expect(confirmationLabels("promote", { followUps: 0, outcome: "taken" })).toEqual({ action: "promote", outcome: "taken", follow_ups: "0" });
    expect(confirmationLabels("abort", { followUps: 5, outcome: "pending" })).toEqual({ action: "abort", outcome: "pending", follow_ups: "3+" });
  });

  it("counts confirmations with the same labels together and others apart, leaving the given tally alone", () => {
    const empty: ConfirmationTally = new Map();
    const once = addConfirmation(empty, confirmationLabels("promote", { followUps: 0, outcome: "taken" }));
    const twice = addConfirmation(once, confirmationLabels("promote", { followUps: 0, outcome: "taken" }));
    const mixed = addConfirmation(twice, confirmationLabels("promote", { followUps: 1, outcome: "taken" }));
    expect(empty.size).toBe(0);
    expect([...once.values()]).toEqual([{ labels: { action: "promote", outcome: "taken", follow_ups: "0" }, count: 1 }]);
    expect([...mixed.values()].map((c) => [c.labels.follow_ups, c.count])).toEqual([
      ["0", 2],
      ["1", 1],
    ]);
  });
});
