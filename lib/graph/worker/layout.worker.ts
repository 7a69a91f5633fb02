/**
 * Layout Web Worker entry: answers each LayoutRequest with positions. Create
 * it with `new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" })`.
 */
import { computeLayout } from "./compute";
import type { LayoutReply, LayoutRequest } from "./protocol";

const scope = globalThis as unknown as {
  onmessage: ((ev: MessageEvent<LayoutRequest>) => void) | null;
  postMessage: (message: LayoutReply, options?: StructuredSerializeOptions) => void;
};

scope.onmessage = (ev) => {
  const req = ev.data;
  try {
    const res = computeLayout(req);
    scope.postMessage(res, { transfer: [res.xy.buffer] });
  } catch (err) {
    scope.postMessage({ type: "error", seq: req.seq, message: err instanceof Error ? err.message : String(err) });
  }
};
