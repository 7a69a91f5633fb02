import { memo } from "react";
import type { SplitItem } from "./split-items";
import { WallBar, wallColor } from "./wall-bar";

const OBSERVED_NOTE: Record<Exclude<SplitItem["observed"], "ok">, string> = {
  "no-traffic": "no requests in the window",
  unmeasured: "not measurable from Istio's metrics",
  unavailable: "Prometheus unavailable",
  "not-configured": "no Prometheus configured",
  l4: "TLS / TCP: configured split only",
};

/** One weighted route: configured and observed split, in wall-sized type. */
export const SplitCard = memo(function SplitCard({ item, window }: { item: SplitItem; window: string }) {
  return (
    <article
      data-testid="wall-split"
      data-split={item.id}
      className={`flex min-h-0 min-w-0 flex-col gap-[0.3em] overflow-hidden rounded-lg border-[0.15em] p-[0.7em] ${item.drifting ? "border-amber-400 bg-amber-950" : "border-neutral-700 bg-neutral-900"}`}
    >
      <header className="flex min-w-0 items-baseline gap-[0.5em]">
        <h3 className="min-w-0 truncate text-[1.4em] leading-tight font-bold">{item.name}</h3>
        <span className="truncate text-neutral-400">
          {item.namespace} · route {item.route}
        </span>
        {item.drifting ? <span className="ml-auto shrink-0 rounded bg-amber-400 px-[0.4em] font-extrabold text-black">DRIFT</span> : null}
        {item.settling ? <span className="ml-auto shrink-0 text-amber-200">settling</span> : null}
      </header>
      <p className="truncate text-neutral-400">
        {item.matches.join(" or ")}
        {item.managedBy ? ` · managed by Rollout ${item.managedBy}` : ""}
      </p>
      <div className="grid grid-cols-[6.5em_minmax(0,1fr)] items-center gap-x-[0.5em] gap-y-[0.25em]">
        <span className="text-neutral-300">configured</span>
        <WallBar name={`Configured split of ${item.id}`} segments={item.rows.map((r) => ({ label: r.label, percent: r.configured, color: wallColor(r.index) }))} />
        <span className="text-neutral-300">observed</span>
        {item.observed === "ok" ? (
          <WallBar striped name={`Observed split of ${item.id}`} segments={item.rows.map((r) => ({ label: r.label, percent: r.observed ?? 0, color: wallColor(r.index) }))} />
        ) : (
          <span className="text-neutral-400">{OBSERVED_NOTE[item.observed]}</span>
        )}
      </div>
      <ul className="flex flex-wrap gap-x-[1em] text-neutral-200 tabular-nums">
        {item.rows.map((r) => (
          <li key={`${r.index}-${r.key}`} className={r.drifting ? "font-bold text-amber-300" : ""}>
            <span aria-hidden="true" className={`mr-[0.3em] inline-block size-[0.7em] rounded-sm ${wallColor(r.index)}`} />
            {r.label} {r.configured} %{r.observed !== null ? ` → ${r.observed} %` : ""}
          </li>
        ))}
        {item.requests !== null && item.requests > 0 ? <li className="text-neutral-400">{Math.round(item.requests)} requests in {window}</li> : null}
      </ul>
    </article>
  );
});
