import type { Validation } from "@/lib/istio/validate/schema";
import { Panel } from "@/components/ui/panel";
import { bySeverity, severityCounts } from "@/components/traffic/share-math";
import { ValidationItem } from "@/components/traffic/validation-summary";

/** Validation findings about the Service's objects (as the object or a related one). */
export function ValidationsPanel({ validations }: { validations: readonly Validation[] }) {
  const c = severityCounts(validations);
  return (
    <Panel
      id="validations"
      title="Validations"
      description={validations.length === 0 ? "Checks of the routes, subsets and gateways involved." : `${c.error} errors · ${c.warning} warnings · ${c.info} info`}
    >
      {validations.length === 0 ? (
        <p className="text-sm text-emerald-700">No findings for these objects.</p>
      ) : (
        <ul aria-label="Validation findings" className="divide-y divide-slate-100">
          {bySeverity(validations).map((v, i) => (
            <ValidationItem key={`${v.code}-${v.object.name}-${v.path}-${i}`} v={v} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
