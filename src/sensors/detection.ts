/**
 * @module sensors/detection
 * Detection theory for the radar model, as pure functions of SNR and false-alarm probability: the normalised radar
 * range equation, single-dwell detection probability for Swerling-1 and non-fluctuating targets (square-law detector,
 * complex Gaussian noise), and Albersheim's closed-form estimate of the SNR a given (Pd, Pfa, N) needs. SNR in dB at the
 * edges, linear power ratio inside; every equation names its textbook source.
 */
import type { RadarType } from '../scenario/types.js';

/** Power ratio → dB: 10 log10(x). */
export function toDb(ratio: number): number {
  return 10 * Math.log10(ratio);
}

/** dB → power ratio: 10^(x/10). */
export function fromDb(value_dB: number): number {
  return 10 ** (value_dB / 10);
}

/**
 * Signal-to-noise ratio of a target from the radar range equation in normalised form, dB:
 *
 *   SNR = SNR_ref + 10 log10(σ / σ_ref) + 40 log10(R_ref / R)
 *
 * This is the monostatic range equation SNR = Pt G² λ² σ / ((4π)³ k T0 B F L R⁴) (Skolnik, *Radar Handbook*,
 * 3rd ed., ch. 1; Richards, *Fundamentals of Radar Signal Processing*, 2nd ed., ch. 2) with every
 * constant folded into the catalogue's reference point (`referenceSnr_dB` on `referenceRcs_m2` at `referenceRange_m`).
 * SNR therefore falls 40 dB per decade of range and rises 10 dB per decade of RCS.
 * @param type radar type holding the reference point
 * @param range_m slant range, m (> 0)
 * @param rcs_m2 radar cross-section, m² (> 0; mean value for fluctuating targets)
 * @returns SNR, dB (+∞ at zero range, −∞ at zero RCS)
 * @example
 * ```ts
 * import { loadScenario, snrFromRangeEquation } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const snr_dB = snrFromRangeEquation(scenario.units[0].radar.type, 80_000, 0.1); // 0.1 m² at 80 km
 * ```
 */
export function snrFromRangeEquation(type: RadarType, range_m: number, rcs_m2: number): number {
  return (
    type.referenceSnr_dB +
    10 * Math.log10(rcs_m2 / type.referenceRcs_m2) +
    40 * Math.log10(type.referenceRange_m / range_m)
  );
}

/**
 * Single-dwell detection probability of a Swerling-1 target with a square-law detector:
 *
 *   Pd = Pfa^(1 / (1 + SNR))
 *
 * (Richards, *Fundamentals of Radar Signal Processing*, 2nd ed., ch. 6, Swerling 1 with N = 1; Mahafza, *Radar
 * Systems Analysis and Design Using MATLAB*, Swerling I, n_p = 1: Pd = exp(−V_T / (1 + SNR)) with V_T = −ln Pfa). `snr_linear` is the mean SNR averaged over the exponential RCS fluctuation.
 * @param snr_linear mean SNR, power ratio (≥ 0)
 * @param pfa false-alarm probability per cell, in (0, 1)
 * @returns Pd in [pfa, 1]
 * @example
 * ```ts
 * import { pdSwerling1 } from 'aspis';
 * const pd = pdSwerling1(10 ** (15 / 10), 1e-6); // SNR 15 dB, Pfa 1e-6
 * ```
 */
export function pdSwerling1(snr_linear: number, pfa: number): number {
  if (!(snr_linear >= 0)) return pfa;
  if (snr_linear === Number.POSITIVE_INFINITY) return 1;
  return pfa ** (1 / (1 + snr_linear));
}

/**
 * Mean single-dwell SNR a Swerling-1 target needs for a given Pd, dB — the exact inverse of `pdSwerling1`:
 *
 *   SNR = ln(Pfa) / ln(Pd) − 1
 *
 * (the Swerling-1 single-pulse expression above solved for SNR). For Pd = 0.9,
 * Pfa = 1e-6 it is 21.14 dB.
 * @param pd detection probability, in (pfa, 1)
 * @param pfa false-alarm probability per cell, in (0, 1)
 * @returns SNR, dB
 * @example
 * ```ts
 * import { requiredSnrSwerling1_dB } from 'aspis';
 * const snr_dB = requiredSnrSwerling1_dB(0.9, 1e-6); // ≈ 21 dB
 * ```
 */
export function requiredSnrSwerling1_dB(pd: number, pfa: number): number {
  return toDb(Math.log(pfa) / Math.log(pd) - 1);
}

/** Terms kept in the series of `pdNonFluctuating` beyond the threshold: the Poisson tail beyond it is < 1e-17. */
function seriesLength(threshold: number): number {
  return Math.ceil(threshold + 12 * Math.sqrt(threshold) + 40);
}

/**
 * Single-dwell detection probability of a non-fluctuating (Swerling 0/5) target with a square-law detector in complex
 * Gaussian noise: Pd = Q₁(√(2 SNR), √(2 T)) with threshold T = −ln Pfa (Marcum Q function; Richards, *Fundamentals of
 * Radar Signal Processing*, 2nd ed., ch. 6). Evaluated as the Poisson mixture of the non-central χ² with two degrees
 * of freedom (Shnidman, "The calculation of the probability of detection and the generalized Marcum Q-function",
 * IEEE Trans. IT-35, 1989):
 *
 *   1 − Pd = Σₖ e^(−SNR) SNRᵏ/k! · P(Poisson(T) > k)
 *
 * which is a sum of positive terms whose tail vanishes once k passes T by a few standard deviations, so its length
 * depends on Pfa only, never on SNR.
 * @param snr_linear SNR, power ratio (≥ 0)
 * @param pfa false-alarm probability per cell, in (0, 1)
 * @returns Pd in [pfa, 1]
 */
export function pdNonFluctuating(snr_linear: number, pfa: number): number {
  if (!(snr_linear > 0)) return pfa;
  if (snr_linear === Number.POSITIVE_INFINITY) return 1;
  const threshold = -Math.log(pfa);
  const logSnr = Math.log(snr_linear);
  const terms = seriesLength(threshold);
  // noiseCdf = P(Poisson(T) ≤ k), built up term by term; logWeight = ln(e^(−SNR) SNRᵏ / k!)
  let noiseTerm = Math.exp(-threshold);
  let noiseCdf = noiseTerm;
  let logWeight = -snr_linear;
  let missProbability = 0;
  for (let k = 0; k <= terms; k++) {
    if (k > 0) {
      logWeight += logSnr - Math.log(k);
      noiseTerm *= threshold / k;
      noiseCdf += noiseTerm;
    }
    const tail = Math.max(0, 1 - noiseCdf);
    missProbability += Math.exp(logWeight) * tail;
  }
  return Math.min(1, Math.max(pfa, 1 - missProbability));
}

/**
 * Albersheim's closed-form estimate of the single-pulse SNR needed to reach `pd` at `pfa` after non-coherent
 * integration of `nPulses` pulses of a non-fluctuating target with a linear detector, dB (Albersheim, "A closed-form
 * approximation to Robertson's detection characteristics", Proc. IEEE 69(7), 1981; Richards, *Fundamentals of Radar
 * Signal Processing*, 2nd ed., eq. 6.79):
 *
 *   A = ln(0.62 / Pfa),  B = ln(Pd / (1 − Pd))
 *   SNR_dB = −5 log10 N + (6.2 + 4.54 / √(N + 0.44)) · log10(A + 0.12 A B + 1.7 B)
 *
 * Quoted accuracy ±0.2 dB for 0.1 ≤ Pd ≤ 0.9, 1e-7 ≤ Pfa ≤ 1e-3, 1 ≤ N ≤ 8096. Pd = 0.9, Pfa = 1e-6, N = 1 gives
 * 13.11 dB (the exact square-law value is 13.18 dB). At N = 1 it is within 0.1 dB of the exact detector for
 * Pd ≥ 0.5 but low by about 0.9 dB at Pd = 0.1, Pfa = 1e-6 (tested against `pdNonFluctuating`).
 * @param pd detection probability, in (0, 1)
 * @param pfa false-alarm probability, in (0, 1)
 * @param nPulses number of non-coherently integrated pulses (≥ 1; 1 when omitted)
 * @returns SNR per pulse, dB
 * @example
 * ```ts
 * import { albersheimSnr_dB } from 'aspis';
 * const snr_dB = albersheimSnr_dB(0.9, 1e-6); // ≈ 13.1 dB for one pulse, steady target
 * ```
 */
export function albersheimSnr_dB(pd: number, pfa: number, nPulses = 1): number {
  const a = Math.log(0.62 / pfa);
  const b = Math.log(pd / (1 - pd));
  return (
    -5 * Math.log10(nPulses) +
    (6.2 + 4.54 / Math.sqrt(nPulses + 0.44)) * Math.log10(a + 0.12 * a * b + 1.7 * b)
  );
}
