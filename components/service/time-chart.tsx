"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatClock } from "@/components/ui/format";
import type { ChartRow } from "./chart-data";

export interface ChartLine {
  key: string;
  name: string;
  color: string;
  dashed?: boolean;
}

interface TimeChartProps {
  rows: readonly ChartRow[];
  lines: readonly ChartLine[];
  /** Value formatter for the axis and tooltip. */
  format: (value: number) => string;
  height?: number;
  yDomain?: [number | "auto", number | "auto"];
  references?: readonly { y: number; color: string; label: string }[];
}

/** A time-series line chart (x: unix seconds). Decorative for screen readers: the numbers are in the summary next to it. */
export function TimeChart({ rows, lines, format, height = 200, yDomain = [0, "auto"], references = [] }: TimeChartProps) {
  return (
    <div aria-hidden="true" style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={[...rows]} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            domain={["dataMin", "dataMax"]}
            scale="time"
            tickFormatter={(t: number) => formatClock(t * 1000).slice(0, 5)}
            tick={{ fontSize: 11, fill: "#64748b" }}
            stroke="#cbd5e1"
            minTickGap={24}
          />
          <YAxis domain={yDomain} tickFormatter={(v: number) => format(v)} tick={{ fontSize: 11, fill: "#64748b" }} stroke="#cbd5e1" width={64} />
          <Tooltip
            labelFormatter={(t) => formatClock(Number(t) * 1000)}
            formatter={(value) => (typeof value === "number" ? format(value) : "–")}
            contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#cbd5e1" }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} iconType="plainline" />
          {references.map((r) => (
            <ReferenceLine key={r.label} y={r.y} stroke={r.color} strokeDasharray="4 4" ifOverflow="extendDomain" />
          ))}
          {lines.map((l) => (
            <Line
              key={l.key}
              dataKey={l.key}
              name={l.name}
              stroke={l.color}
              strokeWidth={2}
              strokeDasharray={l.dashed ? "5 4" : undefined}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
