/**
 * The imperative half of the graph view: two stacked canvases (the static
 * scene, redrawn only when something changed, and the traffic dots, redrawn
 * per animation frame) and one requestAnimationFrame loop that runs only
 * while there is something to do. Animation pauses while the tab is hidden
 * or the canvas is off screen, and the frame budget steps the dots down (or
 * off) when frames get slow.
 */
import { drawScene, type DrawState } from "./draw-scene";
import { FrameBudget, type FrameBudgetOptions } from "./frame-budget";
import type { Scene } from "./scene";
import { LIGHT_PALETTE, type GraphPalette } from "./theme";
import { EMPTY_PLAN, drawDots, planDots, type DotPlan } from "./traffic-dots";
import { fitView, visibleWorld, type View } from "./viewport";

export interface GraphRenderStats {
  /** Animation frames in the last second (0 when not animating). */
  readonly fps: number;
  /** Dots drawn in the last frame. */
  readonly dots: number;
  /** Frame budget level: 0 = full, higher = fewer dots; `animating` false when off. */
  readonly level: number;
  readonly animating: boolean;
  /** Last static-layer draw, ms. */
  readonly sceneMs: number;
  /** Smoothed dot-layer draw time, ms. */
  readonly dotsMs: number;
  /** Current zoom (1 = world units are CSS pixels). */
  readonly zoom: number;
}

export interface RendererOptions {
  readonly maxDots: number;
  readonly animate: boolean;
  readonly budget?: FrameBudgetOptions;
  readonly onStats?: (s: GraphRenderStats) => void;
  readonly onViewChange?: (v: View) => void;
  /** Colours and label sizes (default: the light palette). */
  readonly palette?: GraphPalette;
}

type Interaction = Pick<DrawState, "hover" | "selected" | "highlight" | "focused">;

export class GraphRenderer {
  private scene: Scene | null = null;
  private plan: DotPlan = EMPTY_PLAN;
  private view: View = { x: 0, y: 0, k: 1 };
  private width = 0;
  private height = 0;
  private dpr = 1;
  private interaction: Interaction = { hover: null, selected: null, highlight: null, focused: false };
  private dirty = true;
  private raf = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFrame = 0;
  private frames = 0;
  private statsAt = 0;
  private lastDots = 0;
  private dotsMs = 0;
  private sceneMs = 0;
  private dotsShown = false;
  private visible = true;
  private onScreen = true;
  private animate: boolean;
  private maxDots: number;
  private fitted = false;
  private readonly budget: FrameBudget;
  private palette: GraphPalette;
  private readonly staticCtx: CanvasRenderingContext2D;
  private readonly dotsCtx: CanvasRenderingContext2D;
  private readonly observer: IntersectionObserver | null;
  private readonly onVisibility = () => {
    this.visible = document.visibilityState === "visible";
    this.resumeOrPause();
  };

  constructor(
    private readonly staticCanvas: HTMLCanvasElement,
    private readonly dotsCanvas: HTMLCanvasElement,
    private readonly opts: RendererOptions,
  ) {
    const s = staticCanvas.getContext("2d");
    const d = dotsCanvas.getContext("2d");
    if (!s || !d) throw new Error("2D canvas is not available");
    this.staticCtx = s;
    this.dotsCtx = d;
    this.animate = opts.animate;
    this.maxDots = opts.maxDots;
    this.budget = new FrameBudget(opts.budget);
    this.palette = opts.palette ?? LIGHT_PALETTE;
    document.addEventListener("visibilitychange", this.onVisibility);
    this.visible = document.visibilityState === "visible";
    this.observer =
      typeof IntersectionObserver === "undefined"
        ? null
        : new IntersectionObserver((entries) => {
            this.onScreen = entries.some((e) => e.isIntersecting);
            this.resumeOrPause();
          });
    this.observer?.observe(staticCanvas);
  }

  destroy(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.raf = 0;
    document.removeEventListener("visibilitychange", this.onVisibility);
    this.observer?.disconnect();
    this.scene = null;
  }

  getView(): View {
    return this.view;
  }

  getSize(): { width: number; height: number } {
    return { width: this.width, height: this.height };
  }

  setSize(width: number, height: number, dpr: number): void {
    const d = Math.min(2, Math.max(1, dpr));
    if (width === this.width && height === this.height && d === this.dpr) return;
    this.width = width;
    this.height = height;
    this.dpr = d;
    for (const c of [this.staticCanvas, this.dotsCanvas]) {
      c.width = Math.max(1, Math.round(width * d));
      c.height = Math.max(1, Math.round(height * d));
    }
    if (!this.fitted && this.scene && this.scene.nodes.length > 0) this.fit();
    this.invalidate();
  }

  /** `refit`: frame the whole graph (after a full layout); otherwise the view stays where the user left it. */
  setScene(scene: Scene, refit = false): void {
    this.scene = scene;
    if (refit) this.fitted = false;
    this.replan();
    if (!this.fitted && scene.nodes.length > 0 && this.width > 0) this.fit();
    this.invalidate();
  }

  setInteraction(next: Partial<Interaction>): void {
    const cur = this.interaction;
    if (
      (next.hover === undefined || next.hover === cur.hover) &&
      (next.selected === undefined || next.selected === cur.selected) &&
      (next.highlight === undefined || next.highlight === cur.highlight) &&
      (next.focused === undefined || next.focused === cur.focused)
    ) {
      return;
    }
    this.interaction = { ...cur, ...next };
    this.invalidate();
  }

  setPalette(palette: GraphPalette): void {
    if (palette === this.palette) return;
    this.palette = palette;
    this.invalidate();
  }

  setView(view: View): void {
    this.view = view;
    this.opts.onViewChange?.(view);
    this.invalidate();
  }

  fit(): void {
    if (!this.scene || this.width === 0) return;
    this.fitted = true;
    this.setView(fitView(this.scene.bounds, this.width, this.height, this.palette.fitPadding));
  }

  setAnimation(animate: boolean, maxDots: number): void {
    if (animate === this.animate && maxDots === this.maxDots) return;
    this.animate = animate;
    this.maxDots = maxDots;
    this.replan();
    this.resumeOrPause();
  }

  private replan(): void {
    this.plan = this.scene && this.animating() ? planDots(this.scene, this.maxDots * this.budget.fraction) : EMPTY_PLAN;
  }

  private animating(): boolean {
    return this.animate && this.visible && this.onScreen && !this.budget.off && this.maxDots > 0;
  }

  private invalidate(): void {
    this.dirty = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.raf === 0 && (this.dirty || this.animating() || this.dotsShown)) this.raf = requestAnimationFrame(this.frame);
  }

  private resumeOrPause(): void {
    this.lastFrame = 0;
    this.budget.reset();
    this.replan();
    this.schedule();
    if (!this.animating()) this.frames = 0;
    this.emitStats(0);
  }

  private emitStats(fps: number): void {
    const animating = this.animating();
    this.opts.onStats?.({ fps, dots: animating ? this.lastDots : 0, level: this.budget.level, animating, sceneMs: this.sceneMs, dotsMs: this.dotsMs, zoom: this.view.k });
  }

  private readonly frame = (ts: number): void => {
    this.raf = 0;
    const scene = this.scene;
    if (!scene) return;
    if (this.dirty) {
      const t0 = performance.now();
      drawScene(this.staticCtx, scene, { ...this.interaction, view: this.view, width: this.width, height: this.height, dpr: this.dpr, palette: this.palette }, visibleWorld(this.view, this.width, this.height, 20));
      this.sceneMs = performance.now() - t0;
      this.dirty = false;
    }
    const ctx = this.dotsCtx;
    if (this.animating() && this.plan.total > 0) {
      const t0 = performance.now();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, this.dotsCanvas.width, this.dotsCanvas.height);
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      this.lastDots = drawDots(ctx, scene, this.plan, this.view, visibleWorld(this.view, this.width, this.height, 10), ts / 1000, { ok: this.palette.dotOk, error: this.palette.dotError }, this.interaction.highlight?.edges ?? null);
      this.dotsShown = true;
      const drawMs = performance.now() - t0;
      this.dotsMs += 0.1 * (drawMs - this.dotsMs);
      if (this.lastFrame > 0 && this.budget.frame(ts, ts - this.lastFrame, drawMs)) this.onBudgetChange();
      this.lastFrame = ts;
      this.frames++;
    } else if (this.dotsShown) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, this.dotsCanvas.width, this.dotsCanvas.height);
      this.dotsShown = false;
      this.lastDots = 0;
    }
    if (ts - this.statsAt >= 1000) {
      const fps = this.statsAt > 0 ? (this.frames * 1000) / (ts - this.statsAt) : 0;
      this.statsAt = ts;
      this.frames = 0;
      this.emitStats(fps);
    }
    this.schedule();
  };

  private onBudgetChange(): void {
    this.replan();
    this.emitStats(0);
    if (this.budget.off) {
      // Off: clear the dots and try again after the back-off.
      this.schedule();
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (this.budget.retry(performance.now())) this.resumeOrPause();
        else this.onBudgetChange();
      }, Math.min(this.budget.retryIn(performance.now()) + 50, 600_000));
    }
  }
}
