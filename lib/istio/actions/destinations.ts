import type { DestinationWire } from "@/lib/istio/wire";
import { ActionError } from "./errors";
import type { DestinationInput } from "./schemas";

/** `reviews/v2`, `nginx:40001/green`, `foolish-penguin-sample`. */
export function describeDestination(d: { host: string; subset?: string | undefined; port?: number | { number?: number | undefined } | undefined }): string {
  const port = typeof d.port === "number" ? d.port : d.port?.number;
  return `${d.host}${port !== undefined ? `:${port}` : ""}${d.subset ? `/${d.subset}` : ""}`;
}

/** Same host and subset; the port only counts when the input names one. */
export function destinationMatches(input: DestinationInput, wire: DestinationWire): boolean {
  if (input.host !== wire.host || (input.subset ?? "") !== (wire.subset ?? "")) return false;
  return input.port === undefined || wire.port?.number === input.port;
}

/** Same destination, field by field (host, subset, port). */
export function sameDestination(a: DestinationWire, b: DestinationWire): boolean {
  return a.host === b.host && (a.subset ?? "") === (b.subset ?? "") && a.port?.number === b.port?.number;
}

/** Index of the entry whose destination matches `input`; -1 when none; throws when ambiguous. */
export function findDestination<E extends { destination: DestinationWire }>(entries: readonly E[], input: DestinationInput, field: string): number {
  const hits = entries.flatMap((entry, index) => (destinationMatches(input, entry.destination) ? [index] : []));
  if (hits.length > 1) {
    const message = `${describeDestination(input)} matches ${hits.length} destinations of the route; give its port`;
    throw new ActionError("Unprocessable", message, { [field]: [message] });
  }
  return hits[0] ?? -1;
}

export function toWireDestination(input: DestinationInput): DestinationWire {
  return {
    host: input.host,
    ...(input.subset !== undefined ? { subset: input.subset } : {}),
    ...(input.port !== undefined ? { port: { number: input.port } } : {}),
  };
}

/** Effective share of an entry: its weight, or 100 for a lone destination without one. */
export function effectiveWeight(entry: { weight?: number | undefined }, count: number): number {
  return entry.weight ?? (count === 1 ? 100 : 0);
}
