import type { RouteDestination } from "@/lib/api/virtual-services";
import { destinationLabel, segmentColor, segmentWidths } from "./traffic-shares";

/** Decorative stacked bar; the numbers are in the destination list next to it. */
export function WeightBar({ destinations }: { destinations: RouteDestination[] }) {
  const widths = segmentWidths(destinations);
  return (
    <div aria-hidden="true" className="flex h-2 w-full overflow-hidden rounded-full bg-slate-100">
      {destinations.map((d, i) => {
        const width = widths[i] ?? 0;
        return width > 0 ? (
          <div
            key={`${i}-${destinationLabel(d)}`}
            className={`${segmentColor(i)} h-full border-r border-white last:border-r-0`}
            style={{ width: `${width}%` }}
            title={`${destinationLabel(d)}: ${d.weight}%`}
          />
        ) : null;
      })}
    </div>
  );
}
