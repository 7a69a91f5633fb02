/** Seedable random numbers and the distributions the simulator draws from. */

/** Uniform in [0, 1). */
export type Rng = () => number;

/** sfc32 seeded through splitmix32: fast, good quality, reproducible. */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const next32 = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = next32();
  let b = next32();
  let c = next32();
  let d = next32();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

/** Standard normal via Box-Muller (one value per call; simplicity over speed). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Poisson-distributed count: Knuth for small means, a rounded normal above 30. */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

/** z-score of the 99th percentile of the standard normal. */
const Z99 = 2.326347874;

export interface LogNormal {
  readonly mu: number;
  readonly sigma: number;
}

/** Log-normal with the given median and 99th percentile (p99 ≥ median). */
export function fitLogNormal(median: number, p99: number): LogNormal {
  const m = Math.max(median, 1e-6);
  return { mu: Math.log(m), sigma: Math.max(0, Math.log(Math.max(p99, m) / m) / Z99) };
}

export function sampleLogNormal(rng: Rng, d: LogNormal): number {
  return d.sigma === 0 ? Math.exp(d.mu) : Math.exp(d.mu + d.sigma * normal(rng));
}
