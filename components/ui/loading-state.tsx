interface LoadingStateProps {
  label: string;
  rows?: number;
}

/** Skeleton rows announced politely to screen readers. */
export function LoadingState({ label, rows = 3 }: LoadingStateProps) {
  return (
    <div role="status" aria-live="polite" className="space-y-2">
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} aria-hidden="true" className="h-8 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
