const TONES = { neutral: "text-neutral-200", green: "text-emerald-300", amber: "text-amber-300", red: "text-red-300" } as const;

/** A view's whole-screen message: empty, loading, degraded. */
export function WallMessage({ title, detail, tone = "neutral" }: { title: string; detail?: string; tone?: keyof typeof TONES }) {
  return (
    <div data-testid="wall-message" className="flex h-full flex-col items-center justify-center gap-[0.4em] text-center">
      <p className={`text-[2.4em] font-bold ${TONES[tone]}`}>{title}</p>
      {detail ? <p className="max-w-[40em] text-[1.3em] text-neutral-300">{detail}</p> : null}
    </div>
  );
}
