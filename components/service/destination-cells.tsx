import type { WeightedDestination } from "@/lib/istio/model/schema";
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
