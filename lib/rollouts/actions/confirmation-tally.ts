import type { ActionOutcome, ConfirmedAction } from "./action-outcome";
import type { Confirmation } from "./confirm";

/** The follow-up counts a tally tells apart; more than the last are counted with it (bounded label values). */
export const FOLLOW_UP_LABELS = ["0", "1", "2", "3+"] as const;
export type FollowUpLabel = (typeof FOLLOW_UP_LABELS)[number];

/** Labels of one confirmed status action: which action, what the controller did with it, how many follow-ups it needed. */
export interface ConfirmationLabels {
  action: ConfirmedAction;
  outcome: ActionOutcome;
  follow_ups: FollowUpLabel;
}

export interface ConfirmationCount {
  labels: ConfirmationLabels;
  count: number;
}

/** Confirmations counted by their labels (at most 4 actions × 3 outcomes × 4 follow-up labels). */
export type ConfirmationTally = ReadonlyMap<string, ConfirmationCount>;

export function followUpLabel(followUps: number): FollowUpLabel {
  return FOLLOW_UP_LABELS[Math.max(0, Math.min(Math.floor(followUps), FOLLOW_UP_LABELS.length - 1))] ?? "3+";
}

export function confirmationLabels(action: ConfirmedAction, confirmation: Confirmation): ConfirmationLabels {
  return { action, outcome: confirmation.outcome, follow_ups: followUpLabel(confirmation.followUps) };
}

/** The tally with one more confirmation counted (a new map; `tally` is left alone). */
export function addConfirmation(tally: ConfirmationTally, labels: ConfirmationLabels): ConfirmationTally {
  const key = `${labels.action}|${labels.outcome}|${labels.follow_ups}`;
  const next = new Map(tally);
  next.set(key, { labels, count: (tally.get(key)?.count ?? 0) + 1 });
  return next;
}
