import type { MatchBlock, WeightedDestination } from "@/lib/istio/model/schema";
import { formatMatches } from "@/components/traffic/match-format";
import { destinationColor } from "@/components/traffic/colors";
import { destinationLabel } from "@/components/traffic/share-math";

/** The first cells of a destination row: its colour swatch and name, then its share of the route in percent. */
export function DestinationCells({ d, i, percent }: { d: WeightedDestination; i: number; percent: number }) {
  return (
    <>
      <th scope="row" className="py-1 pr-2 text-left font-normal">
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className={`size-2.5 rounded-sm ${destinationColor(i).bg}`} />
          <span className="font-mono text-slate-800">{destinationLabel(d)}</span>
        </span>
      </th>
      <td className="py-1 pr-2 text-right font-medium tabular-nums">{percent}%</td>
    </>
  );
}

/** A route's match blocks, one per line, joined by "or". */
export function MatchList({ matches, label }: { matches: readonly MatchBlock[]; label: string }) {
  return (
    <ul className="mt-1 space-y-0.5" aria-label={label}>
      {formatMatches(matches).map((m, i) => (
        <li key={i} className="font-mono text-xs text-slate-800">
          {i > 0 ? <span className="font-sans text-slate-500">or </span> : null}
          {m}
        </li>
      ))}
    </ul>
  );
}
