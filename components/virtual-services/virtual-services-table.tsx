import type { VirtualServiceSummary } from "@/lib/api/virtual-services";
import { RouteTraffic } from "./route-traffic";

function TagList({ values, label, empty }: { values: string[]; label: string; empty: string }) {
  if (values.length === 0) return <span className="text-xs text-slate-500 italic">{empty}</span>;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1">
      {values.map((value) => (
        <li key={value} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs wrap-anywhere text-slate-700">
          {value}
        </li>
      ))}
    </ul>
  );
}

function RouteCounts({ counts }: { counts: VirtualServiceSummary["routeCounts"] }) {
  const parts = (["http", "tcp", "tls"] as const).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k.toUpperCase()}`);
  if (parts.length === 0) return <span className="text-xs text-slate-500 italic">none</span>;
  return (
    <span className="flex flex-col">
      {parts.map((part) => (
        <span key={part} className="whitespace-nowrap">
          {part}
        </span>
      ))}
    </span>
  );
}

interface VirtualServicesTableProps {
  namespace: string;
  items: VirtualServiceSummary[];
}

/** VirtualServices of one namespace; each row is headed by the VirtualService name. */
export function VirtualServicesTable({ namespace, items }: VirtualServicesTableProps) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[52rem] table-fixed text-sm">
        <caption className="sr-only">VirtualServices in {namespace}</caption>
        <colgroup>
          <col className="w-[20%]" />
          <col className="w-[20%]" />
          <col className="w-[20%]" />
          <col className="w-[8%]" />
          <col />
        </colgroup>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs tracking-wide text-slate-500 uppercase">
            <th scope="col" className="py-2 pr-4 font-medium">Name</th>
            <th scope="col" className="py-2 pr-4 font-medium">Hosts</th>
            <th scope="col" className="py-2 pr-4 font-medium">Gateways</th>
            <th scope="col" className="py-2 pr-4 font-medium">Routes</th>
            <th scope="col" className="py-2 font-medium">HTTP traffic</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {items.map((vs) => (
            <tr key={`${vs.namespace}/${vs.name}`}>
              <th scope="row" className="py-3 pr-4 text-left font-mono text-[13px] font-medium wrap-anywhere text-slate-900">
                {vs.name}
              </th>
              <td className="py-3 pr-4">
                <TagList values={vs.hosts} label={`Hosts of ${vs.name}`} empty="none" />
              </td>
              <td className="py-3 pr-4">
                <TagList values={vs.gateways} label={`Gateways of ${vs.name}`} empty="mesh (default)" />
              </td>
              <td className="py-3 pr-4 text-slate-700">
                <RouteCounts counts={vs.routeCounts} />
              </td>
              <td className="py-3">
                {vs.httpRoutes.length > 0 ? (
                  <div className="space-y-3">
                    {vs.httpRoutes.map((route) => (
                      <RouteTraffic key={route.index} route={route} />
                    ))}
                  </div>
                ) : (
                  <span className="text-xs text-slate-500 italic">No HTTP routes</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
