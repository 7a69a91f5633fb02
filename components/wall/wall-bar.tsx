export interface WallBarSegment {
  readonly label: string;
  /** Whole percent. */
  readonly percent: number;
  /** Tailwind background class. */
  readonly color: string;
}

/** A thick stacked 100 % bar with the percentages written inside; its accessible name lists every share. */
export function WallBar({ name, segments, striped = false }: { name: string; segments: readonly WallBarSegment[]; striped?: boolean }) {
  const total = segments.reduce((a, s) => a + Math.max(0, s.percent), 0);
  const summary = `${name}: ${segments.map((s) => `${s.label} ${s.percent}%`).join(", ")}`;
  return (
    <div role="img" aria-label={summary} className="flex h-[1.6em] w-full overflow-hidden rounded bg-neutral-800">
      {total > 0
        ? segments.map((s, i) =>
            s.percent > 0 ? (
              <div
                key={`${i}-${s.label}`}
                className={`${s.color} flex h-full items-center justify-center border-r-2 border-black text-[1em] font-bold text-black tabular-nums last:border-r-0 ${striped ? "[background-image:repeating-linear-gradient(135deg,rgba(0,0,0,.22)_0_6px,transparent_6px_12px)]" : ""}`}
                style={{ width: `${(s.percent / total) * 100}%` }}
              >
                {s.percent >= 8 ? `${s.percent}%` : null}
              </div>
            ) : null,
          )
        : null}
    </div>
  );
}

/** High-contrast colours on black, by destination position. */
export const WALL_COLORS = ["bg-sky-400", "bg-amber-400", "bg-fuchsia-400", "bg-lime-400", "bg-orange-400", "bg-cyan-300", "bg-neutral-300"] as const;

export function wallColor(index: number): string {
  return WALL_COLORS[index % WALL_COLORS.length] ?? "bg-neutral-300";
}
