/** Destination colours by position: Tailwind class for bars, hex for charts. */
export const DESTINATION_COLORS = [
  { bg: "bg-sky-500", hex: "#0ea5e9" },
  { bg: "bg-violet-500", hex: "#8b5cf6" },
  { bg: "bg-amber-500", hex: "#f59e0b" },
  { bg: "bg-emerald-500", hex: "#10b981" },
  { bg: "bg-rose-500", hex: "#f43f5e" },
  { bg: "bg-cyan-600", hex: "#0891b2" },
  { bg: "bg-slate-500", hex: "#64748b" },
] as const;

export function destinationColor(index: number): { bg: string; hex: string } {
  return DESTINATION_COLORS[((index % DESTINATION_COLORS.length) + DESTINATION_COLORS.length) % DESTINATION_COLORS.length] ?? DESTINATION_COLORS[0];
}
