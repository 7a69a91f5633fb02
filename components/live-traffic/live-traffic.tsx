"use client";

import { useEffect, useRef, useState } from "react";
import type { RolloutTraffic, RolloutTrafficWindow, TrafficBucket, TrafficVersion } from "@/lib/api/rollouts";
import { useRolloutTraffic } from "@/lib/hooks/use-rollouts";
import { dotsDue, expire, latestRates, MAX_BARS, MAX_DOTS, mergeBuckets, pushBounded, sampleDot, type Dot } from "./sampler";

const PALETTE: Record<TrafficVersion["role"], string[]> = { stable: ["#0284c7"], canary: ["#f59e0b"], other: ["#8b5cf6", "#10b981", "#ec4899", "#64748b"] };
const ERROR = "#dc2626";
const DOT_LIFE_MS = 4_000;

function colours(versions: readonly TrafficVersion[]): Map<string, string> {
  const out = new Map<string, string>();
  let other = 0;
  for (const v of versions) {
    const list = PALETTE[v.role];
    out.set(v.key, v.role === "other" ? (list[other++ % list.length] ?? "#64748b") : (list[0] ?? "#64748b"));
  }
  return out;
}

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const on = () => setVisible(document.visibilityState !== "hidden");
    on();
    document.addEventListener("visibilitychange", on);
    return () => document.removeEventListener("visibilitychange", on);
  }, []);
  return visible;
}

function draw(ctx: CanvasRenderingContext2D, w: number, h: number, dots: readonly Dot[], bars: readonly TrafficBucket[], palette: Map<string, string>, keys: readonly string[], now: number) {
  ctx.clearRect(0, 0, w, h);
  const dotsH = h * 0.45;
  // Dots: a sampled request crosses from left to right.
  for (const d of dots) {
    const x = ((now - d.born) / DOT_LIFE_MS) * w;
    const y = 8 + d.lane * (dotsH - 16);
    ctx.beginPath();
    ctx.fillStyle = palette.get(d.version) ?? "#64748b";
    ctx.arc(x, y, d.error ? 5 : 4, 0, Math.PI * 2);
    ctx.fill();
    if (d.error) {
      ctx.strokeStyle = ERROR;
      ctx.lineWidth = 2;
      ctx.stroke();
    }
  }
  // Bars: one per bucket, stacked by version (ok), errors on top in red.
  const top = dotsH + 10;
  const barsH = h - top - 4;
  let max = 0;
  for (const b of bars) {
    let s = 0;
    for (const r of Object.values(b.rates)) s += r.ok + r.error;
    max = Math.max(max, s);
  }
  if (max <= 0) return;
  const bw = w / MAX_BARS;
  bars.forEach((b, i) => {
    const x = w - (bars.length - i) * bw;
    let y = h - 4;
    for (const k of keys) {
      const r = b.rates[k];
      if (!r) continue;
      const okH = (r.ok / max) * barsH;
      ctx.fillStyle = palette.get(k) ?? "#64748b";
      ctx.fillRect(x + 1, y - okH, bw - 2, okH);
      y -= okH;
      const errH = (r.error / max) * barsH;
      ctx.fillStyle = ERROR;
      ctx.fillRect(x + 1, y - errH, bw - 2, errH);
      y -= errH;
    }
  });
}

interface LiveTrafficProps {
  namespace: string;
  name: string;
  window?: RolloutTrafficWindow;
}

/**
 * rollouts-demo style live traffic for a Rollout: dots per sampled request
 * coloured by version (errors ringed red) and stacked bars per bucket by
 * version and ok/error. Sampled from Prometheus rates, not real requests.
 * One canvas, requestAnimationFrame, bounded buffers; stops (drawing and
 * polling) while the tab is hidden.
 */
export function LiveTraffic({ namespace, name, window = "1m" }: LiveTrafficProps) {
  const visible = usePageVisible();
  const { data, error } = useRolloutTraffic(namespace, name, window, !visible);
  const canvas = useRef<HTMLCanvasElement>(null);
  const state = useRef<{ dots: Dot[]; bars: TrafficBucket[]; data: RolloutTraffic | undefined }>({ dots: [], bars: [], data: undefined });

  useEffect(() => {
    if (!data) return;
    state.current.data = data;
    state.current.bars = mergeBuckets(state.current.bars, data.buckets);
  }, [data]);

  useEffect(() => {
    if (!visible) return;
    let frame = 0;
    let last = performance.now();
    let carry = 0;
    const tick = (t: number) => {
      const el = canvas.current;
      const ctx = el?.getContext("2d");
      const s = state.current;
      if (el && ctx && s.data) {
        const now = Date.now();
        const { rates, total } = latestRates(s.bars);
        const due = dotsDue(total, Math.min(t - last, 250), carry);
        carry = due.carry;
        const born: Dot[] = [];
        for (let i = 0; i < due.count; i++) {
          const d = sampleDot(rates, total, now, Math.random);
          if (d) born.push(d);
        }
        pushBounded(expire(s.dots, now, DOT_LIFE_MS), born, MAX_DOTS);
        const dpr = globalThis.devicePixelRatio || 1;
        const w = el.clientWidth;
        const h = el.clientHeight;
        if (el.width !== Math.round(w * dpr)) el.width = Math.round(w * dpr);
        if (el.height !== Math.round(h * dpr)) el.height = Math.round(h * dpr);
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        draw(ctx, w, h, s.dots, s.bars, colours(s.data.versions), s.data.versions.map((v) => v.key), now);
      }
      last = t;
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [visible]);

  const palette = colours(data?.versions ?? []);
  const { rates } = latestRates(data?.buckets ?? []);
  return (
    <figure className="space-y-2" aria-label="Live traffic by version">
      <canvas ref={canvas} className="h-56 w-full rounded border border-slate-200 bg-slate-50" role="img" aria-label="Sampled requests and requests per bucket by version" />
      <figcaption className="flex flex-wrap items-center gap-3 text-xs text-slate-600">
        {(data?.versions ?? []).map((v) => {
          const r = rates[v.key];
          return (
            <span key={v.key} className="inline-flex items-center gap-1" data-testid="traffic-version">
              <span aria-hidden="true" className="inline-block size-2.5 rounded-full" style={{ background: palette.get(v.key) }} />
              {v.label}: {r ? `${(r.ok + r.error).toFixed(1)} req/s${r.error > 0 ? `, ${r.error.toFixed(1)} errors/s` : ""}` : "no traffic"}
            </span>
          );
        })}
        <span className="ml-auto italic">Sampled from Prometheus request rates (istio_requests_total), not real requests{data ? `; ${data.bucketSeconds} s buckets` : ""}.</span>
      </figcaption>
      {data?.note ? <p className="text-xs text-amber-800">{data.note}</p> : null}
      {data?.state === "NotConfigured" || data?.state === "error" ? <p className="text-xs text-amber-800">{data.error?.message}</p> : null}
      {error ? <p className="text-xs text-red-700">{error.message}</p> : null}
    </figure>
  );
}
