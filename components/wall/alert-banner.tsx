import type { WallAlert } from "@/lib/wall/alerts";

const SHOWN = 3;

/**
 * Stays on screen above every view while something is wrong: a Degraded or
 * aborted Rollout, a failing analysis, a canary over its error threshold.
 */
export function AlertBanner({ alerts }: { alerts: readonly WallAlert[] }) {
  if (alerts.length === 0) return null;
  const rest = alerts.length - SHOWN;
  return (
    <section role="alert" aria-label="Alerts" data-testid="wall-alert" data-count={alerts.length} className="border-y-[0.2em] border-red-300 bg-red-700 px-[1em] py-[0.4em] text-white">
      <ul className="space-y-[0.15em]">
        {alerts.slice(0, SHOWN).map((a) => (
          <li key={a.id} data-alert-kind={a.kind} className="flex min-w-0 items-baseline gap-[0.5em]">
            <span aria-hidden="true" className="animate-pulse text-[1.6em] leading-none font-black">
              ⚠
            </span>
            <span className="shrink-0 text-[1.6em] leading-tight font-extrabold">{a.title}</span>
            <span className="min-w-0 truncate text-[1.1em] text-red-50">{a.detail}</span>
          </li>
        ))}
      </ul>
      {rest > 0 ? <p className="mt-[0.2em] text-[1.1em] font-bold">+ {rest} more</p> : null}
    </section>
  );
}
