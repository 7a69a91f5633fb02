/**
 * Messages between the renderer (main thread) and the layout worker. Kept to
 * structured-clone-friendly arrays; positions come back in a transferable
 * Float64Array so nothing large is copied on the main thread.
 */

export interface LayoutRequest {
  readonly type: "layout";
  /** Echoed back: the renderer ignores answers to superseded requests. */
  readonly seq: number;
  readonly ids: readonly string[];
  /** width, height per node, in `ids` order. */
  readonly sizes: Float64Array;
  /** Edges as index pairs into `ids`: [s0, t0, s1, t1, …]. */
  readonly edges: Uint32Array;
  /** Positions to keep: ids and x, y pairs. */
  readonly fixedIds: readonly string[];
  readonly fixedXY: Float64Array;
  /** Former positions of nodes that had gone and came back: reused when still free. */
  readonly hintIds: readonly string[];
  readonly hintXY: Float64Array;
  /** Gap between layers and between nodes of a layer (world units). */
  readonly rankSep?: number;
  readonly nodeSep?: number;
  /** Re-layout everything (ignore `fixed*`). */
  readonly full: boolean;
}

export interface LayoutResponse {
  readonly type: "layout";
  readonly seq: number;
  /** x, y per node in the request's `ids` order. */
  readonly xy: Float64Array;
  readonly mode: "full" | "incremental" | "unchanged";
  readonly placed: number;
  /** Time spent in the worker, ms. */
  readonly ms: number;
}

export interface LayoutError {
  readonly type: "error";
  readonly seq: number;
  readonly message: string;
}

export type LayoutReply = LayoutResponse | LayoutError;
