/**
 * The stream's liveness contract, shared by the server hub and the browser's
 * event-stream manager: the hub sends a `ping` event every HEARTBEAT_MS to
 * every client; a client that hears nothing (no event, no ping) for
 * STALE_AFTER_MS treats the connection as dead and reconnects — a half-open
 * TCP connection (a sleeping laptop, a proxy that dropped it silently) never
 * fires EventSource's `error`.
 */
export const HEARTBEAT_EVENT = "ping";
export const HEARTBEAT_MS = 15_000;
export const STALE_AFTER_MS = 3 * HEARTBEAT_MS;
