import { diffLineKind } from "./diff-lines";

/** A unified diff with added and removed lines marked (by sign and colour). */
export function DiffView({ diff, label }: { diff: string; label: string }) {
  if (diff.trim() === "") return <p className="text-sm text-slate-600 italic">No change: the object already is as asked.</p>;
  const lines = diff.replace(/\n$/, "").split("\n");
  return (
    <pre aria-label={label} tabIndex={0} className="max-h-80 overflow-auto rounded-md border border-slate-200 bg-slate-950 py-2 text-xs leading-5 text-slate-200 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none">
      {lines.map((line, i) => {
        const kind = diffLineKind(line);
        const cls =
          kind === "add"
            ? "bg-emerald-900/50 text-emerald-200"
            : kind === "remove"
              ? "bg-red-900/50 text-red-200"
              : kind === "hunk"
                ? "text-sky-300"
                : kind === "header"
                  ? "text-slate-400"
                  : "";
        return (
          <span key={i} className={`block px-3 ${cls}`}>
            {line || " "}
          </span>
        );
      })}
    </pre>
  );
}
