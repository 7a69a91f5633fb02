import type { ReactNode } from "react";

export interface TableColumn {
  readonly label: ReactNode;
  /** Numbers are right-aligned. */
  readonly right?: boolean;
  /** Tooltip explaining the column. */
  readonly title?: string;
}

const sizes = {
  /** Dense tables inside cards. */
  small: { row: "text-[11px]", cell: "py-1" },
  /** Panel-level tables. */
  normal: { row: "text-xs", cell: "py-1" },
  /** Panel-level tables with a gap under the header. */
  spaced: { row: "text-xs", cell: "pb-2" },
} as const;

/** The header row every Meshdeck table uses: small caps, left-aligned, numbers right. */
export function TableHead({ columns, size = "small" }: { columns: readonly TableColumn[]; size?: keyof typeof sizes }) {
  const s = sizes[size];
  return (
    <thead>
      <tr className={`text-left ${s.row} tracking-wide text-slate-500 uppercase`}>
        {columns.map((c, i) => (
          <th key={i} scope="col" title={c.title} className={[s.cell, i < columns.length - 1 ? "pr-2" : "", c.right ? "text-right" : "", "font-medium"].filter(Boolean).join(" ")}>
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
