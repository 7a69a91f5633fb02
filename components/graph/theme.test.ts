import { describe, expect, it } from "vitest";
import { DARK_BACKDROP, DARK_PALETTE, LIGHT_PALETTE, paletteFor, type GraphPalette } from "./theme";

/** WCAG 2 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not #rrggbb: ${hex}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h ?? "0", 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const WALL_BACKDROP = DARK_BACKDROP;

describe("graph palettes", () => {
  it("gives the wall display AAA-contrast labels on its dark backdrop", () => {
    expect(contrast(DARK_PALETTE.label, WALL_BACKDROP)).toBeGreaterThanOrEqual(7);
    expect(contrast(DARK_PALETTE.mutedLabel, WALL_BACKDROP)).toBeGreaterThanOrEqual(7);
  });

  it("draws the wall's health rings and traffic so they stand out from the backdrop (≥ 3:1, non-text)", () => {
    for (const health of ["healthy", "degraded", "failing"] as const) {
      expect(contrast(DARK_PALETTE.health[health], WALL_BACKDROP), health).toBeGreaterThanOrEqual(3);
      expect(contrast(DARK_PALETTE.edge[health], WALL_BACKDROP), health).toBeGreaterThanOrEqual(3);
    }
    expect(contrast(DARK_PALETTE.dotOk, WALL_BACKDROP)).toBeGreaterThanOrEqual(3);
    expect(contrast(DARK_PALETTE.dotError, WALL_BACKDROP)).toBeGreaterThanOrEqual(3);
  });

  it("keeps each health ring distinguishable from its node's fill", () => {
    const check = (p: GraphPalette) => {
      for (const fill of Object.values(p.kindFill)) {
        for (const health of ["healthy", "degraded", "failing"] as const) expect(contrast(p.health[health], fill)).toBeGreaterThanOrEqual(1.5);
      }
    };
    check(DARK_PALETTE);
    check(LIGHT_PALETTE);
  });

  it("sizes the wall's labels larger than the app's, on the canvas and on screen", () => {
    expect(DARK_PALETTE.labelWorldPx).toBeGreaterThan(LIGHT_PALETTE.labelWorldPx);
    expect(DARK_PALETTE.labelMinScreenPx).toBeGreaterThanOrEqual(14);
  });

  it("picks the palette by theme", () => {
    expect(paletteFor("dark")).toBe(DARK_PALETTE);
    expect(paletteFor("light")).toBe(LIGHT_PALETTE);
  });
});
