export interface WeightSplit {
  effective: number[];
  total: number;
  /** effective / total; all 0 when total is 0. */
  shares: number[];
  /** Several destinations and nothing to send to. */
  allZero: boolean;
}

export interface WeightRules {
  /** Istio VirtualService: a lone destination takes all traffic whatever its weight. Gateway API: it does not. */
  loneTakesAll: boolean;
  /** Weight of an entry that sets none: 0 in an Istio route with several destinations, 1 in Gateway API. */
  defaultWeight: number;
}

export const istioWeightRules: WeightRules = { loneTakesAll: true, defaultWeight: 0 };
export const gatewayApiWeightRules: WeightRules = { loneTakesAll: false, defaultWeight: 1 };

/**
 * Relative weights as the proxy applies them. Istio no longer
 * requires weights to sum to 100: Envoy divides each by their sum. Negative
 * or non-finite weights (rejected by validation) count as 0.
 */
export function splitWeights(weights: readonly (number | null | undefined)[], rules: WeightRules): WeightSplit {
  const sane = (w: number | null | undefined) => (w === null || w === undefined ? rules.defaultWeight : Number.isFinite(w) && w > 0 ? w : 0);
  const effective = weights.length === 1 && rules.loneTakesAll ? [100] : weights.map(sane);
  const total = effective.reduce((a, b) => a + b, 0);
  return {
    effective,
    total,
    shares: effective.map((w) => (total > 0 ? w / total : 0)),
    allZero: weights.length > 1 && total === 0,
  };
}
