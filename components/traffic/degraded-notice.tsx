import type { DegradedKind } from "@/lib/api/traffic";
import { WarningIcon } from "@/components/ui/icons";

/** Kinds each overview panel depends on: a degraded kind shows in its own panel only. */
export const HEALTH_KINDS = ["namespaces", "pods", "services", "deployments", "replicasets"] as const;
export const ROUTING_KINDS = ["virtualservices", "destinationrules", "istiogateways", "serviceentries", "httproutes", "gateways", "rollouts"] as const;

export function degradedOf(degraded: readonly DegradedKind[] | undefined, kinds: readonly string[]): DegradedKind[] {
  return (degraded ?? []).filter((d) => kinds.includes(d.kind));
}

/** "VirtualService is not readable with your permissions" — one line per degraded kind. */
export function DegradedNotice({ items }: { items: readonly DegradedKind[] }) {
  if (items.length === 0) return null;
  return (
    <div role="status" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <ul className="space-y-1">
        {items.map((d) => (
          <li key={d.kind} className="flex gap-2">
            <WarningIcon className="mt-0.5 size-4 shrink-0" />
            <span>
              <span className="font-mono text-xs">{d.status}</span> {d.message}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
