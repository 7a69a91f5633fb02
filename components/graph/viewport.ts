/**
 * The pan/zoom transform: screen = world · k + (x, y), in CSS pixels.
 */
export interface View {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export interface Rect {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 4;

export const clampZoom = (k: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

/** The view that shows `bounds` centred in a width × height viewport (never zooming in past 1.5). */
export function fitView(bounds: Rect, width: number, height: number, padding = 40): View {
  const bw = Math.max(1, bounds.maxX - bounds.minX);
  const bh = Math.max(1, bounds.maxY - bounds.minY);
  const k = clampZoom(Math.min((width - 2 * padding) / bw, (height - 2 * padding) / bh, 1.5));
  return { k, x: width / 2 - ((bounds.minX + bounds.maxX) / 2) * k, y: height / 2 - ((bounds.minY + bounds.maxY) / 2) * k };
}

/** Zoom by `factor` keeping the world point under (sx, sy) in place. */
export function zoomAt(v: View, sx: number, sy: number, factor: number): View {
  const k = clampZoom(v.k * factor);
  const f = k / v.k;
  return { k, x: sx - (sx - v.x) * f, y: sy - (sy - v.y) * f };
}

export function toWorld(v: View, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - v.x) / v.k, y: (sy - v.y) / v.k };
}

/** The world rectangle visible in a width × height viewport, grown by `margin` screen pixels. */
export function visibleWorld(v: View, width: number, height: number, margin = 0): Rect {
  return { minX: (-margin - v.x) / v.k, minY: (-margin - v.y) / v.k, maxX: (width + margin - v.x) / v.k, maxY: (height + margin - v.y) / v.k };
}

/** The smallest pan that brings world point (wx, wy) into the viewport with `margin` to spare. */
export function panToShow(v: View, wx: number, wy: number, width: number, height: number, margin = 60): View {
  const sx = wx * v.k + v.x;
  const sy = wy * v.k + v.y;
  let dx = 0;
  let dy = 0;
  if (sx < margin) dx = margin - sx;
  else if (sx > width - margin) dx = width - margin - sx;
  if (sy < margin) dy = margin - sy;
  else if (sy > height - margin) dy = height - margin - sy;
  return dx === 0 && dy === 0 ? v : { ...v, x: v.x + dx, y: v.y + dy };
}

/** The view with world point (wx, wy) at the centre of a width × height viewport, zoom kept. */
export function centerOn(v: View, wx: number, wy: number, width: number, height: number): View {
  return { k: v.k, x: width / 2 - wx * v.k, y: height / 2 - wy * v.k };
}
