/**
 * @module sensors/swerling
 * Detection probability after non-coherent integration of N square-law pulses for the Swerling 0–4 target models,
 * the SNR a (Pd, Pfa, N, case) needs, and the monostatic radar range equation in physical units with its inverse.
 * The noise-only sum of N normalised square-law samples is Gamma(N, 1), so the threshold T comes from
 * Pfa = Q(N, T) (regularised upper incomplete gamma). Swerling 1 and 2 use the closed forms of Mahafza and Richards;
 * Swerling 0, 3 and 4 use Shnidman's exact mixture series (a Poisson or negative-binomial mixture of Gamma(N + k, 1)
 * laws), which is also the independent check on the closed forms. SNR in dB at the edges, linear power ratio inside.
 */
import { fromDb, toDb } from './detection.js';

/** Swerling target-fluctuation case: 0 non-fluctuating, 1/3 scan-to-scan, 2/4 pulse-to-pulse; 1/2 χ² 2 dof, 3/4 χ² 4 dof. */
export type SwerlingCase = 0 | 1 | 2 | 3 | 4;

/** Inputs of `detectionProbability`. */
export interface DetectionProbabilityInputs {
  /** Mean SNR per pulse, dB (−∞ allowed: Pd = Pfa). */
  readonly snr_dB: number;
  /** False-alarm probability per cell, in (0, 1). */
  readonly pfa: number;
  /** Swerling case 0–4. */
  readonly swerling: SwerlingCase;
  /** Number of non-coherently integrated pulses, integer ≥ 1 (1 when omitted). */
  readonly pulses?: number;
}

/** Inputs of `requiredSnr_dB`. */
export interface RequiredSnrInputs {
  /** Detection probability wanted, in (pfa, 1). */
  readonly pd: number;
  /** False-alarm probability per cell, in (0, 1). */
  readonly pfa: number;
  /** Swerling case 0–4. */
  readonly swerling: SwerlingCase;
  /** Number of non-coherently integrated pulses, integer ≥ 1 (1 when omitted). */
  readonly pulses?: number;
}

/** Monostatic radar parameters of the range equation (matched filter, B·τ = 1). */
export interface RadarEquationParams {
  /** Peak transmit power, W. */
  readonly peakPower_W: number;
  /** Pulse width, s. */
  readonly pulseWidth_s: number;
  /** Antenna gain (same on transmit and receive), dB. */
  readonly gain_dB: number;
  /** Wavelength, m. */
  readonly wavelength_m: number;
  /** Target radar cross-section, m². */
  readonly rcs_m2: number;
  /** System noise temperature, K. */
  readonly systemTemperature_K: number;
  /** Total system losses, dB (≥ 0 is a loss). */
  readonly losses_dB: number;
}

/** Boltzmann constant, J/K (SI 2019 exact value). */
export const BOLTZMANN_J_PER_K = 1.380649e-23;

/** Iteration cap of the incomplete-gamma series and continued fraction (Numerical Recipes §6.2 uses 100; we allow more for large a). */
const GAMMA_MAX_ITERATIONS = 10_000;
/** Relative convergence tolerance of the incomplete-gamma series and continued fraction. */
const GAMMA_EPSILON = 1e-16;
/** Smallest representable magnitude guard of the modified Lentz continued fraction. */
const LENTZ_TINY = 1e-300;

/** Lanczos coefficients (g = 7, n = 9), as in the widely used Godfrey set; relative error < 1e-15. */
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
/** Lanczos g parameter matching `LANCZOS_COEFFICIENTS`. */
const LANCZOS_G = 7;

/**
 * Natural logarithm of the gamma function, ln Γ(a), for a > 0 (Lanczos approximation, g = 7, n = 9; Numerical Recipes
 * 3rd ed. §6.1). Relative error below 1e-15.
 * @param a argument, > 0
 * @returns ln Γ(a)
 */
export function logGamma(a: number): number {
  if (a < 0.5) {
    // reflection formula: Γ(a) Γ(1 − a) = π / sin(πa)
    return Math.log(Math.PI / Math.sin(Math.PI * a)) - logGamma(1 - a);
  }
  const x = a - 1;
  let sum = LANCZOS_COEFFICIENTS[0] as number;
  const t = x + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) {
    sum += (LANCZOS_COEFFICIENTS[i] as number) / (x + i);
  }
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** P(a, x) by its power series, valid and fast for x < a + 1 (Numerical Recipes §6.2, `gser`). */
function lowerGammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < GAMMA_MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * GAMMA_EPSILON) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Q(a, x) by its continued fraction (modified Lentz), valid for x ≥ a + 1 (Numerical Recipes §6.2, `gcf`). */
function upperGammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / LENTZ_TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < GAMMA_MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
    c = b + an / c;
    if (Math.abs(c) < LENTZ_TINY) c = LENTZ_TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < GAMMA_EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/**
 * Regularised lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a) — Mahafza's Γ_I(x, a) — for a > 0, x ≥ 0
 * (series for x < a + 1, continued fraction for the complement otherwise; Numerical Recipes 3rd ed. §6.2).
 * @param a shape, > 0
 * @param x upper limit, ≥ 0
 * @returns P(a, x) in [0, 1]
 */
export function regularizedLowerGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x < a + 1) return lowerGammaSeries(a, x);
  return 1 - upperGammaContinuedFraction(a, x);
}

/**
 * Regularised upper incomplete gamma function Q(a, x) = 1 − P(a, x), computed without cancellation for large x so that
 * tiny tail probabilities (Pfa down to 1e-300) keep full relative accuracy (Numerical Recipes 3rd ed. §6.2).
 * @param a shape, > 0
 * @param x lower limit, ≥ 0
 * @returns Q(a, x) in [0, 1]
 */
export function regularizedUpperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x < a + 1) return 1 - lowerGammaSeries(a, x);
  return upperGammaContinuedFraction(a, x);
}

/**
 * Detection threshold T of a square-law detector integrating N pulses of unit-power noise, from
 * Pfa = Q(N, T) = 1 − Γ_I(T, N) (Richards, *Fundamentals of Radar Signal Processing*, 2nd ed., §6.3; Mahafza,
 * *Radar Systems Analysis and Design Using MATLAB*, ch. 2, V_T = Γ_I⁻¹(1 − Pfa, N)). Solved on ln Q by Newton steps
 * (dQ/dT = −T^(N−1) e^(−T) / Γ(N)) kept inside a shrinking bisection bracket.
 * @param pfa false-alarm probability, in (0, 1)
 * @param pulses number of integrated pulses, ≥ 1
 * @returns threshold T, in units of the single-pulse noise power
 * @example
 * ```ts
 * import { detectionThreshold } from 'aspis';
 * const threshold = detectionThreshold(1e-6, 10); // non-coherent sum of 10 pulses
 * ```
 */
export function detectionThreshold(pfa: number, pulses: number): number {
  const logPfa = Math.log(pfa);
  if (pulses === 1) return -logPfa;
  // bracket: Q(N, 0) = 1 > pfa; grow the upper end until Q(N, hi) < pfa
  let lo = 0;
  let hi = pulses - logPfa + 10 * Math.sqrt(pulses - logPfa) + 10;
  while (regularizedUpperGamma(pulses, hi) > pfa) hi *= 2;
  let t = Math.max(pulses - 1 - logPfa, 0.5 * hi);
  for (let i = 0; i < 200; i++) {
    const q = regularizedUpperGamma(pulses, t);
    if (q > pfa) lo = t;
    else hi = t;
    // newton step on f(T) = ln Q(N, T) − ln Pfa, f'(T) = −T^(N−1) e^(−T) / (Γ(N) Q)
    const logDensity = (pulses - 1) * Math.log(t) - t - logGamma(pulses);
    const slope = -Math.exp(logDensity) / q;
    let next = t - (Math.log(q) - logPfa) / slope;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 1e-14 * t || hi - lo <= 1e-14 * hi) return next;
    t = next;
  }
  return t;
}

/** Highest Gamma shape N + k kept in a mixture series: P(N + k, T) beyond it is < 1e-17 (Poisson tail of T). */
function mixtureCutoff(threshold: number): number {
  return Math.ceil(threshold + 12 * Math.sqrt(threshold) + 40);
}

/**
 * Pd of a detector whose signal-plus-noise sum is the mixture Σₖ wₖ Gamma(N + k, 1), given ln wₖ term by term:
 * 1 − Pd = Σₖ wₖ P(N + k, T) (Shnidman, "The calculation of the probability of detection and the generalized Marcum
 * Q-function", IEEE Trans. IT-35, 1989). P(N + k, T) is built downward from the cutoff by the stable recurrence
 * P(a, x) = P(a + 1, x) + x^a e^(−x) / Γ(a + 1), so every term is a sum of positives.
 */
function mixtureDetectionProbability(
  pulses: number,
  threshold: number,
  pfa: number,
  logWeight: (k: number) => number,
): number {
  const lastShape = Math.max(pulses, mixtureCutoff(threshold));
  const lastK = lastShape - pulses;
  const logT = Math.log(threshold);
  let lowerGamma = regularizedLowerGamma(lastShape + 1, threshold);
  let missProbability = 0;
  for (let k = lastK; k >= 0; k--) {
    const shape = pulses + k;
    lowerGamma += Math.exp(shape * logT - threshold - logGamma(shape + 1));
    missProbability += Math.exp(logWeight(k)) * Math.min(1, lowerGamma);
  }
  return Math.min(1, Math.max(pfa, 1 - missProbability));
}

/** ln of the negative-binomial weight C(k + r − 1, k) qᵏ (1 − q)^r written with the mean m = r q / (1 − q). */
function negativeBinomialLogWeight(k: number, r: number, mean: number): number {
  const logQ = Math.log(mean) - Math.log(r + mean);
  const log1mQ = Math.log(r) - Math.log(r + mean);
  return logGamma(k + r) - logGamma(k + 1) - logGamma(r) + k * logQ + r * log1mQ;
}

/**
 * Swerling 1 with N pulses, closed form (Mahafza, ch. 2, Swerling I; Richards, §6.3, eq. for case 1):
 *
 *   Pd = 1 − Γ_I(T, N − 1) + (1 + 1/(N S))^(N−1) Γ_I(T / (1 + 1/(N S)), N − 1) e^(−T / (1 + N S))
 *
 * evaluated in logs, with 1 − Γ_I taken as the upper incomplete gamma; N = 1 reduces to e^(−T/(1+S)).
 */
function pdSwerling1Pulses(snr: number, pulses: number, threshold: number): number {
  if (pulses === 1) return Math.exp(-threshold / (1 + snr));
  const inverseTotal = 1 / (pulses * snr);
  const logScale = (pulses - 1) * Math.log1p(inverseTotal);
  const lowerGamma = regularizedLowerGamma(pulses - 1, threshold / (1 + inverseTotal));
  const fluctuationTerm = Math.exp(logScale + Math.log(lowerGamma) - threshold / (1 + pulses * snr));
  return regularizedUpperGamma(pulses - 1, threshold) + fluctuationTerm;
}

/**
 * Detection probability after non-coherent integration of `pulses` square-law pulses (Richards, *Fundamentals of
 * Radar Signal Processing*, 2nd ed., §6.3; Mahafza, *Radar Systems Analysis and Design Using MATLAB*, ch. 2), with
 * the threshold from Pfa = 1 − Γ_I(T, N):
 * - Swerling 0 (non-fluctuating): generalised Marcum Q, Pd = Q_N(√(2NS), √(2T)), as the Poisson(N S) mixture of
 *   Gamma(N + k) laws (Shnidman 1989); N = 1 equals `pdNonFluctuating`.
 * - Swerling 1: Mahafza's closed form (see `pdSwerling1Pulses`); N = 1 equals `pdSwerling1`.
 * - Swerling 2: Pd = 1 − Γ_I(T / (1 + S), N).
 * - Swerling 3: negative-binomial mixture of shapes, r = 2, mean N S (RCS χ² 4 dof held over the dwell).
 * - Swerling 4: negative-binomial mixture of shapes, r = 2N, mean N S (RCS χ² 4 dof drawn per pulse).
 * @param inputs SNR per pulse (dB), Pfa, Swerling case, pulse count
 * @returns Pd in [pfa, 1]
 * @throws RangeError when pfa is outside (0, 1), pulses is not an integer ≥ 1 or swerling is not 0–4
 * @example
 * ```ts
 * import { detectionProbability } from 'aspis';
 * const pd = detectionProbability({ snr_dB: 15, pfa: 1e-6, swerling: 1, pulses: 1 });
 * ```
 */
export function detectionProbability(inputs: DetectionProbabilityInputs): number {
  const pulses = inputs.pulses ?? 1;
  checkCommon(inputs.pfa, pulses, inputs.swerling);
  if (Number.isNaN(inputs.snr_dB)) throw new RangeError('snr_dB is NaN: pass the SNR per pulse in dB');
  return pdForThreshold(
    fromDb(inputs.snr_dB),
    inputs.pfa,
    inputs.swerling,
    pulses,
    detectionThreshold(inputs.pfa, pulses),
  );
}

/** Pd at linear SNR per pulse for an already-solved threshold (shared by `detectionProbability` and `requiredSnr_dB`). */
function pdForThreshold(
  snr: number,
  pfa: number,
  swerling: SwerlingCase,
  pulses: number,
  threshold: number,
): number {
  if (!(snr > 0)) return pfa;
  if (snr === Number.POSITIVE_INFINITY) return 1;
  const totalSnr = pulses * snr;
  switch (swerling) {
    case 0: {
      const logMean = Math.log(totalSnr);
      return mixtureDetectionProbability(
        pulses,
        threshold,
        pfa,
        (k) => -totalSnr + k * logMean - logGamma(k + 1),
      );
    }
    case 1:
      return clampPd(pdSwerling1Pulses(snr, pulses, threshold), pfa);
    case 2:
      return clampPd(regularizedUpperGamma(pulses, threshold / (1 + snr)), pfa);
    case 3:
      return mixtureDetectionProbability(pulses, threshold, pfa, (k) =>
        negativeBinomialLogWeight(k, 2, totalSnr),
      );
    case 4:
      return mixtureDetectionProbability(pulses, threshold, pfa, (k) =>
        negativeBinomialLogWeight(k, 2 * pulses, totalSnr),
      );
  }
}

/** Clamp a closed-form Pd to its physical range [pfa, 1]. */
function clampPd(pd: number, pfa: number): number {
  return Math.min(1, Math.max(pfa, pd));
}

/** Domain checks shared by the public entry points. */
function checkCommon(pfa: number, pulses: number, swerling: number): void {
  if (!(pfa > 0 && pfa < 1)) throw new RangeError(`pfa must lie in (0, 1), got ${pfa}`);
  if (!(Number.isInteger(pulses) && pulses >= 1)) {
    throw new RangeError(`pulses must be an integer ≥ 1, got ${pulses}`);
  }
  if (![0, 1, 2, 3, 4].includes(swerling))
    throw new RangeError(`swerling must be 0, 1, 2, 3 or 4, got ${swerling}`);
}

/** Lower end of the SNR bracket searched by `requiredSnr_dB`, dB. */
const SNR_SEARCH_MIN_DB = -60;
/** Upper end of the SNR bracket searched by `requiredSnr_dB`, dB (doubled in width until Pd exceeds the target). */
const SNR_SEARCH_MAX_DB = 60;
/** Bisection width at which `requiredSnr_dB` stops, dB. */
const SNR_TOLERANCE_DB = 1e-9;

/**
 * SNR per pulse needed to reach `pd` at `pfa` after non-coherent integration of `pulses` square-law pulses of a
 * Swerling 0–4 target, dB: bisection on `detectionProbability`, which is increasing in SNR. Pd = 0.9, Pfa = 1e-6,
 * N = 1 gives 13.18 dB (Swerling 0) and 21.14 dB (Swerling 1).
 * @param inputs wanted Pd, Pfa, Swerling case, pulse count
 * @returns SNR per pulse, dB (to 1e-9 dB)
 * @throws RangeError when pd is outside (pfa, 1) or the other inputs are out of domain
 * @example
 * ```ts
 * import { requiredSnr_dB } from 'aspis';
 * const snr_dB = requiredSnr_dB({ pd: 0.9, pfa: 1e-6, swerling: 1 });
 * ```
 */
export function requiredSnr_dB(inputs: RequiredSnrInputs): number {
  const pulses = inputs.pulses ?? 1;
  checkCommon(inputs.pfa, pulses, inputs.swerling);
  if (!(inputs.pd > inputs.pfa && inputs.pd < 1)) {
    throw new RangeError(`pd must lie in (pfa, 1) = (${inputs.pfa}, 1), got ${inputs.pd}`);
  }
  const threshold = detectionThreshold(inputs.pfa, pulses);
  const pdAt = (snr_dB: number): number =>
    pdForThreshold(fromDb(snr_dB), inputs.pfa, inputs.swerling, pulses, threshold);
  let lo = SNR_SEARCH_MIN_DB;
  let hi = SNR_SEARCH_MAX_DB;
  while (pdAt(lo) > inputs.pd) lo -= SNR_SEARCH_MAX_DB;
  while (pdAt(hi) < inputs.pd) hi += SNR_SEARCH_MAX_DB;
  while (hi - lo > SNR_TOLERANCE_DB) {
    const mid = 0.5 * (lo + hi);
    if (pdAt(mid) < inputs.pd) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Numerator-over-denominator of the range equation without the R⁴ factor, linear (SNR · R⁴), m⁴. */
function snrTimesRange4(params: RadarEquationParams): number {
  const gain = fromDb(params.gain_dB);
  const losses = fromDb(params.losses_dB);
  const numerator =
    params.peakPower_W * params.pulseWidth_s * gain * gain * params.wavelength_m ** 2 * params.rcs_m2;
  const denominator = (4 * Math.PI) ** 3 * BOLTZMANN_J_PER_K * params.systemTemperature_K * losses;
  return numerator / denominator;
}

/**
 * Single-pulse SNR of a monostatic radar with a matched filter (noise bandwidth B = 1/τ), dB:
 *
 *   SNR = Pt τ G² λ² σ / ((4π)³ k Ts L R⁴)
 *
 * (Richards, *Fundamentals of Radar Signal Processing*, 2nd ed., eq. 2.30 with B τ = 1; MathWorks `radareqsnr`).
 * MathWorks' example — 1 GHz, 1 MW, 0.2 µs, 20 dB gain, 1 m², 290 K, 50 km — gives 5.5868 dB.
 * @param params radar and target parameters (SI, gain and losses in dB)
 * @param range_m slant range to the target, m (> 0)
 * @returns SNR, dB
 * @example
 * ```ts
 * import { radarSnr_dB } from 'aspis';
 * const radar = { peakPower_W: 1e6, pulseWidth_s: 1e-5, gain_dB: 40, wavelength_m: 0.055, rcs_m2: 1, systemTemperature_K: 500, losses_dB: 6 };
 * const snr_dB = radarSnr_dB({ ...radar, range_m: 100_000 });
 * ```
 */
export function radarSnr_dB(params: RadarEquationParams & { readonly range_m: number }): number {
  return toDb(snrTimesRange4(params) / params.range_m ** 4);
}

/**
 * Range at which the monostatic range equation (see `radarSnr_dB`) gives exactly `snr_dB`, m:
 *
 *   R = (Pt τ G² λ² σ / ((4π)³ k Ts L SNR))^(1/4)
 *
 * (MathWorks `radareqrng`: 10 GHz, 1 MW, 10 µs, 20 dB gain, 1 m², 290 K, 6 dB gives 41 057 m).
 * @param params radar and target parameters plus the required SNR, dB
 * @returns maximum detection range, m
 * @example
 * ```ts
 * import { radarMaxRange_m } from 'aspis';
 * const radar = { peakPower_W: 1e6, pulseWidth_s: 1e-5, gain_dB: 40, wavelength_m: 0.055, rcs_m2: 1, systemTemperature_K: 500, losses_dB: 6 };
 * const range_m = radarMaxRange_m({ ...radar, snr_dB: 13 });
 * ```
 */
export function radarMaxRange_m(params: RadarEquationParams & { readonly snr_dB: number }): number {
  return (snrTimesRange4(params) / fromDb(params.snr_dB)) ** 0.25;
}
