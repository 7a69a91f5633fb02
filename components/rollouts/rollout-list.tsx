"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { memo, useEffect, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { formatSeconds } from "@/components/ui/format";
import type { RolloutSummary } from "@/lib/api/rollouts";
import { useRolloutList } from "@/lib/hooks/use-rollouts";
import { applyFilter, filterFromParams, filterToQuery, PAGE_SIZE, PHASES, type ListFilter } from "./list-filter";
import { PhaseBadge } from "./phase-badge";

function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

function tag(image: string | undefined): string {
  if (!image) return "–";
  const at = image.lastIndexOf("/");
  return image.slice(at + 1);
}

const Row = memo(function Row({ r, now }: { r: RolloutSummary; now: number }) {
  const since = r.pause?.since ? Date.parse(r.pause.since) : null;
  return (
    <tr className={r.promotionPending ? "bg-amber-50/60" : ""} data-testid="rollout-row">
      <td className="px-3 py-2">
        <Link className="font-medium text-sky-700 hover:underline" href={`/rollouts/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}`}>
          {r.name}
        </Link>
        <div className="text-xs text-slate-500">{r.namespace}</div>
      </td>
      <td className="px-3 py-2">
        <PhaseBadge phase={r.phase} aborted={r.aborted} title={r.message} />
        {r.promotionPending ? <Badge tone="amber" className="ml-1">promotion pending</Badge> : null}
      </td>
      <td className="px-3 py-2 text-sm">{r.strategy}</td>
      <td className="px-3 py-2 text-sm tabular-nums">{r.step ? `${r.step.index}/${r.step.count}` : "–"}</td>
      <td className="px-3 py-2 text-sm tabular-nums" title="set weight / actual weight">
        {r.setWeight === null ? "–" : `${r.setWeight}% / ${r.actualWeight ?? "–"}%`}
      </td>
      <td className="px-3 py-2 font-mono text-xs">{tag(r.images.stable[0])}</td>
      <td className="px-3 py-2 font-mono text-xs">{tag(r.images.canary[0])}</td>
      <td className="px-3 py-2 text-sm tabular-nums">{since ? formatSeconds((now - since) / 1000) : "–"}</td>
    </tr>
  );
});

/** All Rollouts (filter, search and page in the URL), pending promotions first, live from the `rollouts` topic. */
export function RolloutList() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter = useMemo(() => filterFromParams(new URLSearchParams(params.toString())), [params]);
  const { data, error, stream } = useRolloutList(filter.namespace || undefined);
  const now = useNow();
  const rows = useMemo(() => applyFilter(data?.items ?? [], filter), [data, filter]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const visible = useMemo(() => rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), [rows, page]);
  const set = (patch: Partial<ListFilter>) => router.replace(`${pathname}${filterToQuery({ ...filter, page: 1, ...patch })}`, { scroll: false });

  return (
    <section aria-labelledby="rollouts-heading" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-5 py-4">
        <h1 id="rollouts-heading" className="text-lg font-semibold">
          Rollouts
        </h1>
        <span className="text-xs text-slate-500">{stream.state === "open" ? "live" : stream.state}</span>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <input
            aria-label="Search rollouts"
            placeholder="Search name, namespace, image"
            defaultValue={filter.q}
            onChange={(e) => set({ q: e.target.value })}
            className="w-64 rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
          <select aria-label="Phase" value={filter.phase} onChange={(e) => set({ phase: e.target.value as ListFilter["phase"] })} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
            <option value="">All phases</option>
            <option value="pending">Promotion pending ({data?.counts.promotionPending ?? 0})</option>
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {p} ({data?.counts[p] ?? 0})
              </option>
            ))}
          </select>
        </div>
      </div>
      {data?.degraded ? (
        <p role="status" className="px-5 py-4 text-sm text-amber-800">
          {data.degraded.code === "CrdMissing" ? "Argo Rollouts is not installed: " : ""}
          {data.degraded.message}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="px-5 py-4 text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left">
          <thead className="bg-slate-50 text-xs text-slate-500 uppercase">
            <tr>
              <th className="px-3 py-2">Rollout</th>
              <th className="px-3 py-2">Phase</th>
              <th className="px-3 py-2">Strategy</th>
              <th className="px-3 py-2">Step</th>
              <th className="px-3 py-2">Weight set / actual</th>
              <th className="px-3 py-2">Stable image</th>
              <th className="px-3 py-2">Canary image</th>
              <th className="px-3 py-2">Paused for</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {visible.map((r) => (
              <Row key={r.key} r={r} now={r.pause ? now : 0} />
            ))}
          </tbody>
        </table>
        {data && rows.length === 0 ? <p className="px-5 py-6 text-sm text-slate-500">No rollouts match.</p> : null}
      </div>
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex items-center gap-2 border-t border-slate-200 px-5 py-3 text-sm">
          <button type="button" disabled={page <= 1} onClick={() => set({ page: page - 1 })} className="rounded border px-2 py-0.5 disabled:opacity-40">
            Previous
          </button>
          <span>
            Page {page} of {pages} ({rows.length} rollouts)
          </span>
          <button type="button" disabled={page >= pages} onClick={() => set({ page: page + 1 })} className="rounded border px-2 py-0.5 disabled:opacity-40">
            Next
          </button>
        </nav>
      ) : null}
    </section>
  );
}
