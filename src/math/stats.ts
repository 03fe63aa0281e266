/**
 * @module math/stats
 * Interval estimates for Monte Carlo output: the Wilson score interval for a proportion (PRA, fate frequencies) and
 * the Student-t / normal interval for a mean (leakers, interceptors fired, cost-exchange). Pure functions over plain
 * arrays plus a Welford accumulator; no rounding anywhere, so aggregates stay byte-identical across worker counts.
 */

/** Two-sided 95 % standard normal quantile z₀.₉₇₅. */
export const Z95 = 1.959963984540054;

/** Above this many samples `meanInterval` uses the normal quantile instead of Student t. */
export const NORMAL_ABOVE_N = 30;

/** A proportion with its interval; all three in [0, 1]. */
export interface ProportionInterval {
  /** Point estimate successes / n (0 when n = 0). */
  readonly p: number;
  readonly lo: number;
  readonly hi: number;
}

/** A sample mean with its standard deviation and interval. */
export interface MeanInterval {
  readonly mean: number;
  /** Sample standard deviation (n − 1 denominator; 0 for n < 2). */
  readonly sd: number;
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998, Stat. Med. 17:857, method 3):
 * centre (p̂ + z²/2n)/(1 + z²/n), half-width z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n). Unlike the Wald interval it stays
 * inside [0, 1] and keeps near-nominal coverage at p̂ = 0 or 1, which is where PRA often sits.
 * @param successes count of successes, 0 ≤ successes ≤ n
 * @param n trials; n = 0 gives the uninformative {p: 0, lo: 0, hi: 1}
 * @param z standard normal quantile (default 95 % two-sided)
 * @example
 * ```ts
 * import { wilsonInterval } from 'aspis';
 * const { p, lo, hi } = wilsonInterval(17, 20); // 17 successes in 20 trials, 95 % Wilson
 * ```
 */
export function wilsonInterval(successes: number, n: number, z: number = Z95): ProportionInterval {
  if (!(n >= 0) || !(successes >= 0) || successes > n)
    throw new RangeError(`wilsonInterval: need 0 ≤ successes ≤ n, got ${successes}/${n}`);
  if (n === 0) return { p: 0, lo: 0, hi: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // the exact end points at 0 and n are 0 and 1; clamp rounding noise
  const lo = successes === 0 ? 0 : Math.max(0, centre - half);
  const hi = successes === n ? 1 : Math.min(1, centre + half);
  return { p, lo, hi };
}

/** Two-sided 95 % Student t quantiles t₀.₉₇₅,ν for ν = 1…30 (NIST/SEMATECH e-Handbook 1.3.6.7.2 to 3 decimals; full precision from the inverse t CDF). */
const T975: readonly number[] = [
  12.706204736174694, 4.302652729749462, 3.1824463052837078, 2.7764451051977934, 2.5705818356363146,
  2.4469118511449786, 2.364624251592784, 2.306004135204166, 2.262157162798205, 2.228138851986274,
  2.200985160091639, 2.1788128296672284, 2.1603686564627913, 2.144786687917804, 2.131449545559776,
  2.1199052992212546, 2.1098155778333156, 2.1009220402410382, 2.0930240544083087, 2.085963447265864,
  2.0796138447276795, 2.0738730679040254, 2.0686576104190486, 2.0638985616280245, 2.0595385527532972,
  2.0555294386428735, 2.0518305164802846, 2.0484071417952454, 2.045229642132703, 2.0422724563012378,
];

/**
 * The 95 % two-sided quantile used for a mean of `n` samples: Student t with n − 1 degrees of freedom for
 * n ≤ 30 (table), the normal z₀.₉₇₅ above (t₃₀ = 2.042 vs 1.960: the difference is < 4 % of the half-width and
 * shrinks as 1/n, and Monte Carlo runs are hundreds to thousands of replications).
 */
export function quantile95(n: number): number {
  if (n < 2) return Number.POSITIVE_INFINITY;
  if (n <= NORMAL_ABOVE_N) return T975[n - 2];
  return Z95;
}

/**
 * Sample mean, standard deviation and 95 % interval mean ± q·sd/√n (q from `quantile95`). For n < 2 the
 * interval is the point itself (lo = hi = mean; n = 0 gives mean 0) — callers report n alongside.
 * Summation is in array order, so the same values in the same order give bit-identical results.
 * @example
 * ```ts
 * import { meanInterval } from 'aspis';
 * const { mean, lo, hi } = meanInterval([3, 4, 4, 5, 6]); // Student-t 95 % interval
 * ```
 */
export function meanInterval(values: readonly number[]): MeanInterval {
  const acc = new MeanAccumulator();
  for (const v of values) acc.push(v);
  return acc.interval();
}

/**
 * Welford's online mean/variance accumulator (Welford 1962; Knuth TAOCP vol. 2 §4.2.2). Numerically stable for
 * long runs; `interval()` gives the same result as `meanInterval` of the pushed values.
 */
export class MeanAccumulator {
  private count = 0;
  private mean = 0;
  private m2 = 0;

  /** Adds one sample. */
  push(x: number): void {
    this.count++;
    const delta = x - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (x - this.mean);
  }

  get n(): number {
    return this.count;
  }

  /** 95 % interval of the mean of the samples so far. */
  interval(): MeanInterval {
    const n = this.count;
    if (n === 0) return { mean: 0, sd: 0, lo: 0, hi: 0, n };
    if (n === 1) return { mean: this.mean, sd: 0, lo: this.mean, hi: this.mean, n };
    const sd = Math.sqrt(this.m2 / (n - 1));
    const half = (quantile95(n) * sd) / Math.sqrt(n);
    return { mean: this.mean, sd, lo: this.mean - half, hi: this.mean + half, n };
  }
}

/** Half-width (hi − lo)/2 of an interval. */
export function halfWidth(interval: { readonly lo: number; readonly hi: number }): number {
  return (interval.hi - interval.lo) / 2;
}

/**
 * Ranks of `values` (1 = smallest), ties given the mean of the ranks they span ("fractional ranking", as Spearman's
 * coefficient needs for tied data; Kendall & Gibbons, *Rank Correlation Methods*, 5th ed., §3.8).
 */
export function fractionalRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].v === order[start].v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k].i] = rank;
    start = end + 1;
  }
  return ranks;
}

/**
 * Spearman's rank correlation ρ: the Pearson correlation of the fractional ranks (exact with ties, where the
 * 1 − 6Σd²/(n(n²−1)) shortcut is not). NaN when n < 2 or when either sample is constant (ρ undefined).
 * @throws RangeError when the two samples differ in length
 */
export function spearmanRho(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw new RangeError(`spearmanRho: lengths differ (${x.length} vs ${y.length})`);
  const n = x.length;
  if (n < 2) return Number.NaN;
  const rx = fractionalRanks(x);
  const ry = fractionalRanks(y);
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i] - mean;
    const dy = ry[i] - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  return sxy / Math.sqrt(sxx * syy);
}
