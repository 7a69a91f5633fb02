import type { ConfirmationLabels } from "@/lib/rollouts/actions/confirmation-tally";

/** How many confirmations `meshdeck_rollout_action_confirmations` counted with exactly these labels (0 when absent). */
export type ConfirmationCounts = (labels: ConfirmationLabels) => number;

/** A snapshot of `meshdeck_rollout_action_confirmations` as served by this process's /api/metrics. */
export async function confirmationCounts(): Promise<ConfirmationCounts> {
  const { GET } = await import("@/app/api/metrics/route");
  const res = await GET(new Request("http://meshdeck.test/api/metrics"));
  if (res.status !== 200) throw new Error(`/api/metrics answered ${res.status}`);
  const lines = (await res.text()).split("\n");
  return (labels) => {
    const series = `meshdeck_rollout_action_confirmations{action="${labels.action}",outcome="${labels.outcome}",follow_ups="${labels.follow_ups}"} `;
    const line = lines.find((l) => l.startsWith(series));
    return line ? Number(line.slice(series.length)) : 0;
  };
}
