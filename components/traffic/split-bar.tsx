import { destinationColor } from "./colors";

export interface SplitSegment {
  label: string;
  /** Whole percent. */
  percent: number;
  colorIndex: number;
}

interface SplitBarProps {
  /** What the bar shows, e.g. "Configured" — part of its accessible name. */
  name: string;
  segments: readonly SplitSegment[];
  /** Striped, lighter: for observed traffic. */
  observed?: boolean;
}

/** A stacked 100% bar; its accessible name lists every share. */
export function SplitBar({ name, segments, observed = false }: SplitBarProps) {
  const total = segments.reduce((a, s) => a + Math.max(0, s.percent), 0);
  const summary = `${name}: ${segments.map((s) => `${s.label} ${s.percent}%`).join(", ")}`;
  return (
    <div role="img" aria-label={summary} title={summary} className="flex h-5 w-full overflow-hidden rounded bg-slate-100">
      {total > 0
        ? segments.map((s, i) =>
            s.percent > 0 ? (
              <div
                key={`${i}-${s.label}`}
                className={`${destinationColor(s.colorIndex).bg} flex h-full items-center justify-center border-r border-white text-[11px] font-semibold text-white tabular-nums last:border-r-0 ${observed ? "opacity-80 [background-image:repeating-linear-gradient(135deg,rgba(255,255,255,.18)_0_4px,transparent_4px_8px)]" : ""}`}
                style={{ width: `${(s.percent / total) * 100}%` }}
              >
                {s.percent >= 9 ? `${s.percent}%` : null}
              </div>
            ) : null,
          )
        : null}
    </div>
  );
}
