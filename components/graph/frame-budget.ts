/**
 * The animation budget: watches frame intervals and the time the dots take to
 * draw, and steps the dot budget down (full → half → quarter → off) when
 * frames get slow, back up when they have been fast for a while. Once off,
 * it retries after a back-off (10 s, doubling, at most 5 min) so a wall screen
 * recovers by itself after a busy spell without flapping.
 */

export interface FrameBudgetOptions {
  /** Fractions of maxDots per level, highest first; the last must be 0 (off). */
  readonly levels?: readonly number[];
  /** Step down when smoothed frame intervals exceed this (ms; default 1000 / 24). */
  readonly slowFrameMs?: number;
  /** Step down when drawing the dots takes longer than this (ms, smoothed; default 8). */
  readonly slowDrawMs?: number;
  /** Step up after this long with fast frames (ms; default 5,000). */
  readonly recoverAfterMs?: number;
  /** First retry after going off (ms; default 10,000). */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

export class FrameBudget {
  readonly levels: readonly number[];
  private readonly slowFrameMs: number;
  private readonly slowDrawMs: number;
  private readonly recoverAfterMs: number;
  private readonly retryMs: number;
  private readonly maxRetryMs: number;
  private levelIndex = 0;
  private interval = 16.7;
  private draw = 0;
  private samples = 0;
  private fastSince = 0;
  private offSince = 0;
  private backoff: number;

  constructor(opts: FrameBudgetOptions = {}) {
    this.levels = opts.levels ?? [1, 0.5, 0.25, 0];
    this.slowFrameMs = opts.slowFrameMs ?? 1000 / 24;
    this.slowDrawMs = opts.slowDrawMs ?? 8;
    this.recoverAfterMs = opts.recoverAfterMs ?? 5000;
    this.retryMs = opts.retryMs ?? 10_000;
    this.maxRetryMs = opts.maxRetryMs ?? 300_000;
    this.backoff = this.retryMs;
  }

  /** Share of maxDots to draw now (0 = animation off). */
  get fraction(): number {
    return this.levels[this.levelIndex] ?? 0;
  }

  get level(): number {
    return this.levelIndex;
  }

  get off(): boolean {
    return this.fraction === 0;
  }

  /** Smoothed frame interval, ms. */
  get frameMs(): number {
    return this.interval;
  }

  /** Forget the history (after a pause: the first interval would be huge). */
  reset(): void {
    this.samples = 0;
    this.fastSince = 0;
  }

  /**
   * Records one animation frame; returns true when the level changed.
   * `now` is the frame's timestamp, `intervalMs` the time since the previous frame.
   */
  frame(now: number, intervalMs: number, drawMs: number): boolean {
    if (this.off) return false;
    const a = this.samples < 10 ? 0.3 : 0.08;
    this.interval += a * (Math.min(intervalMs, 250) - this.interval);
    this.draw += a * (drawMs - this.draw);
    this.samples++;
    if (this.samples < 20) return false;
    if (this.interval > this.slowFrameMs || this.draw > this.slowDrawMs) {
      this.levelIndex = Math.min(this.levels.length - 1, this.levelIndex + 1);
      this.samples = 0;
      this.fastSince = 0;
      if (this.off) this.offSince = now;
      return true;
    }
    if (this.levelIndex > 0 && this.interval < this.slowFrameMs * 0.6 && this.draw < this.slowDrawMs / 2) {
      if (this.fastSince === 0) this.fastSince = now;
      else if (now - this.fastSince > this.recoverAfterMs) {
        this.levelIndex--;
        this.fastSince = 0;
        this.samples = 0;
        return true;
      }
    } else this.fastSince = 0;
    if (this.levelIndex === 0 && now - this.offSince > this.maxRetryMs) this.backoff = this.retryMs;
    return false;
  }

  /** While off: whether it is time to try the lowest level again (then the level is set to it). */
  retry(now: number): boolean {
    if (!this.off || now - this.offSince < this.backoff) return false;
    this.levelIndex = Math.max(0, this.levels.length - 2);
    this.backoff = Math.min(this.maxRetryMs, this.backoff * 2);
    this.samples = 0;
    this.fastSince = 0;
    return true;
  }

  /** ms until retry() may succeed (Infinity when not off). */
  retryIn(now: number): number {
    return this.off ? Math.max(0, this.offSince + this.backoff - now) : Infinity;
  }
}
