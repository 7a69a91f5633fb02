import { routeLabel, type HttpRouteSummary } from "@/lib/api/virtual-services";
import { destinationLabel, segmentColor } from "./traffic-shares";
import { WeightBar } from "./weight-bar";

/** One HTTP route: its label, a stacked weight bar and the weighted destinations. */
export function RouteTraffic({ route }: { route: HttpRouteSummary }) {
  const label = routeLabel(route);
  return (
    <div className="min-w-56">
      <div className="mb-1 flex items-center gap-2">
        <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{label}</span>
        {route.destinations.length > 0 ? (
          <div className="flex-1">
            <WeightBar destinations={route.destinations} />
          </div>
        ) : null}
      </div>
      {route.destinations.length > 0 ? (
        <ul aria-label={`Destinations of route ${label}`} className="space-y-0.5">
          {route.destinations.map((d, i) => (
            <li key={`${i}-${destinationLabel(d)}`} className="flex items-center gap-2 text-xs text-slate-700">
              <span aria-hidden="true" className={`size-2 shrink-0 rounded-sm ${segmentColor(i)}`} />
              <span className="min-w-0 flex-1 truncate font-mono" title={destinationLabel(d)}>
                {destinationLabel(d)}
              </span>
              <span className="tabular-nums font-medium text-slate-900" title={d.weightSpecified ? undefined : "weight not set in spec"}>
                {d.weight}%
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-slate-500 italic">No destinations (redirect or direct response)</p>
      )}
    </div>
  );
}
