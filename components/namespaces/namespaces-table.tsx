import type { NamespaceSummary } from "@/lib/api/namespaces";
import { InjectionBadge, RevisionBadge } from "./injection-badge";

export function NamespacesTable({ items }: { items: NamespaceSummary[] }) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Namespaces and their Istio sidecar injection state</caption>
      <thead>
        <tr className="text-left text-xs tracking-wide text-slate-500 uppercase">
          <th scope="col" className="pb-2 font-medium">
            Name
          </th>
          <th scope="col" className="pb-2 text-right font-medium">
            Injection
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((ns) => (
          <tr key={ns.name}>
            <th scope="row" className="py-2 pr-2 text-left font-mono text-[13px] font-normal wrap-anywhere text-slate-800">
              {ns.name}
            </th>
            <td className="py-2 text-right whitespace-nowrap">
              <span className="inline-flex flex-wrap justify-end gap-1">
                <InjectionBadge state={ns.injection} />
                {ns.revision ? <RevisionBadge revision={ns.revision} /> : null}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
