import "server-only";
import type { ConfirmedAction } from "@/lib/rollouts/actions/action-outcome";
import type { Confirmation } from "@/lib/rollouts/actions/confirm";
import { addConfirmation, confirmationLabels, type ConfirmationCount, type ConfirmationTally } from "@/lib/rollouts/actions/confirmation-tally";

const holder = globalThis as typeof globalThis & { __meshdeckConfirmationTally?: ConfirmationTally };

/** Counts one confirmed Rollout status action (process-wide, for self-metrics). */
export function recordConfirmation(action: ConfirmedAction, confirmation: Confirmation): void {
  holder.__meshdeckConfirmationTally = addConfirmation(holder.__meshdeckConfirmationTally ?? new Map(), confirmationLabels(action, confirmation));
}

/** The confirmations counted since the process started, by action, outcome and follow-ups. */
export function confirmationStats(): ConfirmationCount[] {
  return [...(holder.__meshdeckConfirmationTally ?? new Map<string, ConfirmationCount>()).values()];
}
