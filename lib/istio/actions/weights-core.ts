import { ActionError } from "./errors";

/** A route entry with a weight: Istio `route[]` items and Gateway API `backendRefs[]`. */
export interface WeightedEntry {
  weight?: number | undefined;
}

export interface WeightRequest<I> {
  input: I;
  weight: number;
}

export interface ApplyWeightsOptions<E extends WeightedEntry, I> {
  entries: readonly E[];
  requests: readonly WeightRequest<I>[];
  /** Index of the entry matching the request, -1 when none (throws when ambiguous). */
  find: (input: I, field: string) => number;
  describeEntry: (entry: E) => string;
  describeInput: (input: I) => string;
  create: (input: I, weight: number) => E;
  allowAdd: boolean;
  allowRemove: boolean;
  routeLabel: string;
}

function withWeight<E extends WeightedEntry>(entry: E, weight: number): E {
  return entry.weight === weight ? entry : { ...entry, weight };
}

/**
 * New entries with the requested weights. Existing entries keep their order and
 * every other field; entries not requested are an error unless `allowRemove`;
 * unknown destinations are an error unless `allowAdd` (then appended). A lone
 * destination without a weight keeps having none (it gets all traffic anyway).
 */
export function applyWeights<E extends WeightedEntry, I>(options: ApplyWeightsOptions<E, I>): E[] {
  const { entries, requests } = options;
  const assigned = new Map<number, number>();
  const additions: E[] = [];
  requests.forEach((request, k) => {
    const field = `weights.${k}`;
    const index = options.find(request.input, field);
    if (index < 0) {
      if (!options.allowAdd) {
        const message = `${options.describeInput(request.input)} is not a destination of ${options.routeLabel}; set allowAdd to add it`;
        throw new ActionError("Unprocessable", message, { [field]: [message] });
      }
      additions.push(options.create(request.input, request.weight));
      return;
    }
    if (assigned.has(index)) {
      const message = `${options.describeInput(request.input)} is listed twice`;
      throw new ActionError("Unprocessable", message, { [field]: [message] });
    }
    assigned.set(index, request.weight);
  });
  const missing = entries.filter((_, index) => !assigned.has(index));
  if (missing.length > 0 && !options.allowRemove) {
    const message = `${options.routeLabel} also sends to ${missing.map(options.describeEntry).join(", ")}: list every destination (weight 0 keeps one without traffic) or set allowRemove`;
    throw new ActionError("Unprocessable", message, { weights: [message] });
  }
  const next = [
    ...entries.flatMap((entry, index) => {
      const weight = assigned.get(index);
      return weight === undefined ? [] : [{ entry, weight }];
    }),
    ...additions.map((entry) => ({ entry, weight: entry.weight ?? 0 })),
  ];
  if (next.length === 1 && next[0] && next[0].entry.weight === undefined) return [next[0].entry];
  return next.map(({ entry, weight }) => withWeight(entry, weight));
}

/** `a 90, b 10` */
export function describeWeights<I>(requests: readonly WeightRequest<I>[], describe: (input: I) => string): string {
  return requests.map((r) => `${describe(r.input)} ${r.weight}%`).join(", ");
}
