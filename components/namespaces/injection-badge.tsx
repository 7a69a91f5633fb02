import type { InjectionState } from "@/lib/api/namespaces";

const styles: Record<InjectionState, string> = {
  enabled: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  disabled: "bg-rose-50 text-rose-700 ring-rose-600/20",
  unset: "bg-slate-50 text-slate-500 ring-slate-500/20",
};

export function InjectionBadge({ state }: { state: InjectionState }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[state]}`}>
      {state}
    </span>
  );
}

export function RevisionBadge({ revision }: { revision: string }) {
  return (
    <span className="inline-flex items-center rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700 ring-1 ring-indigo-600/20 ring-inset">
      <span className="sr-only">revision </span>rev {revision}
    </span>
  );
}
