import type { ApiError } from "@/lib/errors/api-error";
import { errorTitle } from "./error-text";

interface ErrorStateProps {
  error: ApiError;
  /** Compact one-line variant, shown above stale data. */
  compact?: boolean;
}

/** Names the typed code; a Forbidden error names the refused verb and resource. */
export function ErrorState({ error, compact = false }: ErrorStateProps) {
  const tone = error.code === "Forbidden" || error.code === "CrdMissing" ? "amber" : "red";
  const box =
    tone === "amber" ? "border-amber-200 bg-amber-50 text-amber-900" : "border-red-200 bg-red-50 text-red-900";
  const chip = tone === "amber" ? "bg-amber-100 text-amber-800" : "bg-red-100 text-red-800";
  return (
    <div role="alert" className={`rounded-md border px-4 ${compact ? "mb-3 py-2" : "py-4"} ${box}`}>
      <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
        <span className={`rounded px-1.5 py-0.5 font-mono text-xs ${chip}`}>{error.code}</span>
        <span>{errorTitle(error)}</span>
        {compact ? <span className="font-normal opacity-80">(showing last known data)</span> : null}
      </p>
      {!compact ? <p className="mt-2 text-sm break-words opacity-90">{error.message}</p> : null}
      {!compact && error.issues?.length ? (
        <ul className="mt-2 list-disc pl-5 text-sm">
          {error.issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code>{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
