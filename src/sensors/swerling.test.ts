import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { albersheimSnr_dB, fromDb, pdNonFluctuating, pdSwerling1, toDb } from './detection.js';
import {
  detectionProbability,
  detectionThreshold,
  logGamma,
  type RadarEquationParams,
  radarMaxRange_m,
  radarSnr_dB,
  regularizedLowerGamma,
  regularizedUpperGamma,
  requiredSnr_dB,
  type SwerlingCase,
} from './swerling.js';

/** Speed of light used by MathWorks `physconst('LightSpeed')`, m/s. */
const SPEED_OF_LIGHT_MPS = 299_792_458;

/** Pd of a target whose RCS over the dwell is drawn from `density` (on x = σ/σ̄), by midpoint quadrature over Swerling 0. */
function averagedOverRcs(snr: number, pfa: number, pulses: number, density: (x: number) => number): number {
  const steps = 4000;
  const xMax = 40;
  const dx = xMax / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    const x = (i + 0.5) * dx;
    sum += density(x) * detectionProbability({ snr_dB: toDb(snr * x), pfa, swerling: 0, pulses }) * dx;
  }
  return sum;
}

describe('incomplete gamma', () => {
  it('logGamma matches factorials and Γ(½) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(11)).toBeCloseTo(Math.log(3_628_800), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  });

  it('P(1, x) = 1 − e^(−x) and P + Q = 1 on both sides of x = a + 1', () => {
    for (const x of [0.1, 1, 5, 30]) expect(regularizedLowerGamma(1, x)).toBeCloseTo(1 - Math.exp(-x), 14);
    for (const [a, x] of [
      [5, 2],
      [5, 20],
      [50.5, 40],
      [50.5, 70],
    ] as const) {
      expect(regularizedLowerGamma(a, x) + regularizedUpperGamma(a, x)).toBeCloseTo(1, 14);
    }
  });

  it('Q(N, x) for integer N is the Poisson CDF P(Poisson(x) < N): Q(3, 2) = 5 e^(−2)', () => {
    expect(regularizedUpperGamma(3, 2)).toBeCloseTo(5 * Math.exp(-2), 14);
  });

  it('threshold inverts Pfa = Q(N, T), also for tiny Pfa and many pulses', () => {
    for (const [pfa, n] of [
      [1e-6, 1],
      [1e-6, 10],
      [1e-12, 1000],
      [1e-3, 3],
    ] as const) {
      const t = detectionThreshold(pfa, n);
      expect(regularizedUpperGamma(n, t) / pfa).toBeCloseTo(1, 9);
    }
  });
});

describe('detectionProbability', () => {
  it('Swerling 0 with one pulse equals pdNonFluctuating (exact Marcum Q)', () => {
    for (const snr_dB of [-5, 0, 8, 13, 20]) {
      for (const pfa of [1e-3, 1e-6, 1e-9]) {
        expect(detectionProbability({ snr_dB, pfa, swerling: 0 })).toBeCloseTo(
          pdNonFluctuating(fromDb(snr_dB), pfa),
          12,
        );
      }
    }
  });

  it('Swerling 1 with one pulse equals pdSwerling1, and Swerling 2 equals Swerling 1 there', () => {
    for (const snr_dB of [-5, 0, 10, 21, 30]) {
      const expected = pdSwerling1(fromDb(snr_dB), 1e-6);
      expect(detectionProbability({ snr_dB, pfa: 1e-6, swerling: 1 })).toBeCloseTo(expected, 13);
      expect(detectionProbability({ snr_dB, pfa: 1e-6, swerling: 2 })).toBeCloseTo(expected, 13);
    }
  });

  it('Swerling 3 and 4 agree with one pulse and match the N = 1 closed form (Mahafza ch. 2)', () => {
    // Pd = e^(−T/(1+S/2)) (1 + 2/S)^(−1) (1 + T/(1+S/2) + 2/S), T = −ln Pfa
    const pfa = 1e-6;
    const t = -Math.log(pfa);
    for (const snr_dB of [0, 10, 17.3, 25]) {
      const s = fromDb(snr_dB);
      const closedForm = (Math.exp(-t / (1 + s / 2)) * (1 + t / (1 + s / 2) + 2 / s)) / (1 + 2 / s);
      expect(detectionProbability({ snr_dB, pfa, swerling: 3 })).toBeCloseTo(closedForm, 12);
      expect(detectionProbability({ snr_dB, pfa, swerling: 4 })).toBeCloseTo(closedForm, 12);
    }
  });

  it('Swerling 3 with two pulses matches the closed form e^(−T/(1+S)) (1 + T/(1+S)) (Mahafza ch. 2, n_p = 2)', () => {
    const pfa = 1e-6;
    const t = detectionThreshold(pfa, 2);
    for (const snr_dB of [0, 10, 15]) {
      const s = fromDb(snr_dB);
      const closedForm = Math.exp(-t / (1 + s)) * (1 + t / (1 + s));
      expect(detectionProbability({ snr_dB, pfa, swerling: 3, pulses: 2 })).toBeCloseTo(closedForm, 12);
    }
  });

  it('Swerling 1 closed form equals Swerling 0 averaged over an exponential RCS (N = 10)', () => {
    for (const snr_dB of [8, 13.5, 20]) {
      const direct = detectionProbability({ snr_dB, pfa: 1e-6, swerling: 1, pulses: 10 });
      const averaged = averagedOverRcs(fromDb(snr_dB), 1e-6, 10, (x) => Math.exp(-x));
      expect(direct).toBeCloseTo(averaged, 4);
    }
  });

  it('Swerling 3 series equals Swerling 0 averaged over a χ² 4-dof RCS (N = 5)', () => {
    for (const snr_dB of [5, 10, 15]) {
      const direct = detectionProbability({ snr_dB, pfa: 1e-4, swerling: 3, pulses: 5 });
      const averaged = averagedOverRcs(fromDb(snr_dB), 1e-4, 5, (x) => 4 * x * Math.exp(-2 * x));
      expect(direct).toBeCloseTo(averaged, 4);
    }
  });

  it('with 10 pulses, pulse-to-pulse decorrelation (2, 4) beats scan-to-scan (1, 3), and a dominant scatterer (3) beats none (1)', () => {
    const at = (swerling: SwerlingCase): number =>
      detectionProbability({ snr_dB: 10, pfa: 1e-6, swerling, pulses: 10 });
    expect(at(2)).toBeGreaterThan(at(1));
    expect(at(4)).toBeGreaterThan(at(3));
    expect(at(3)).toBeGreaterThan(at(1));
  });

  it('is monotone in SNR and in Pfa for every Swerling case (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<SwerlingCase>(0, 1, 2, 3, 4),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: -10, max: 25, noNaN: true }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.double({ min: -10, max: -2, noNaN: true }),
        (swerling, pulses, snr_dB, step_dB, log10Pfa) => {
          const pfa = 10 ** log10Pfa;
          const low = detectionProbability({ snr_dB, pfa, swerling, pulses });
          const higherSnr = detectionProbability({ snr_dB: snr_dB + step_dB, pfa, swerling, pulses });
          const higherPfa = detectionProbability({ snr_dB, pfa: pfa * 10, swerling, pulses });
          expect(low).toBeGreaterThanOrEqual(pfa);
          expect(low).toBeLessThanOrEqual(1);
          expect(higherSnr).toBeGreaterThanOrEqual(low - 1e-12);
          expect(higherPfa).toBeGreaterThanOrEqual(low - 1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives Pd = Pfa at zero SNR and rejects out-of-domain inputs', () => {
    expect(
      detectionProbability({ snr_dB: Number.NEGATIVE_INFINITY, pfa: 1e-6, swerling: 3, pulses: 4 }),
    ).toBe(1e-6);
    expect(() => detectionProbability({ snr_dB: 10, pfa: 0, swerling: 0 })).toThrow(RangeError);
    expect(() => detectionProbability({ snr_dB: 10, pfa: 1e-6, swerling: 0, pulses: 2.5 })).toThrow(
      RangeError,
    );
    expect(() => detectionProbability({ snr_dB: 10, pfa: 1e-6, swerling: 5 as SwerlingCase })).toThrow(
      RangeError,
    );
  });
});

describe('requiredSnr_dB', () => {
  it('matches the published single-pulse points at Pd 0.9, Pfa 1e-6: 13.18 dB non-fluctuating, 21.14 dB Swerling 1', () => {
    // Richards, Fundamentals of Radar Signal Processing, ch. 6; Swerling 1 exact: 10 log10(ln 1e-6 / ln 0.9 − 1)
    expect(requiredSnr_dB({ pd: 0.9, pfa: 1e-6, swerling: 0 })).toBeCloseTo(13.18, 2);
    expect(requiredSnr_dB({ pd: 0.9, pfa: 1e-6, swerling: 1 })).toBeCloseTo(21.14, 2);
    expect(requiredSnr_dB({ pd: 0.9, pfa: 1e-6, swerling: 2 })).toBeCloseTo(21.14, 2);
  });

  it('agrees with Albersheim for non-fluctuating targets within its quoted accuracy plus the detector-law difference', () => {
    // exact square law, Pd 0.9, Pfa 1e-6: N = 10 → 5.27 dB (Albersheim 4.99), N = 100 → −1.26 dB (Albersheim −1.26)
    for (const pulses of [10, 100]) {
      expect(
        Math.abs(
          requiredSnr_dB({ pd: 0.9, pfa: 1e-6, swerling: 0, pulses }) - albersheimSnr_dB(0.9, 1e-6, pulses),
        ),
      ).toBeLessThan(0.35);
    }
  });

  it('integration gain: more pulses need less SNR per pulse, and Swerling 3 with 2 pulses equals Swerling 2', () => {
    for (const swerling of [0, 1, 2, 3, 4] as const) {
      const one = requiredSnr_dB({ pd: 0.9, pfa: 1e-6, swerling, pulses: 1 });
      const ten = requiredSnr_dB({ pd: 0.9, pfa: 1e-6, swerling, pulses: 10 });
      expect(ten).toBeLessThan(one);
    }
    expect(requiredSnr_dB({ pd: 0.9, pfa: 1e-6, swerling: 3, pulses: 2 })).toBeCloseTo(
      requiredSnr_dB({ pd: 0.9, pfa: 1e-6, swerling: 2, pulses: 2 }),
      6,
    );
  });

  it('round-trips through detectionProbability (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<SwerlingCase>(0, 1, 2, 3, 4),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0.05, max: 0.99, noNaN: true }),
        fc.double({ min: -9, max: -3, noNaN: true }),
        (swerling, pulses, pd, log10Pfa) => {
          const pfa = 10 ** log10Pfa;
          const snr_dB = requiredSnr_dB({ pd, pfa, swerling, pulses });
          expect(detectionProbability({ snr_dB, pfa, swerling, pulses })).toBeCloseTo(pd, 7);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('rejects a Pd at or below Pfa', () => {
    expect(() => requiredSnr_dB({ pd: 1e-7, pfa: 1e-6, swerling: 1 })).toThrow(RangeError);
    expect(() => requiredSnr_dB({ pd: 1, pfa: 1e-6, swerling: 1 })).toThrow(RangeError);
  });
});

describe('radar range equation', () => {
  const lBand: RadarEquationParams = {
    peakPower_W: 1e6,
    pulseWidth_s: 0.2e-6,
    gain_dB: 20,
    wavelength_m: SPEED_OF_LIGHT_MPS / 1e9,
    rcs_m2: 1,
    systemTemperature_K: 290,
    losses_dB: 0,
  };

  it('reproduces the MathWorks radareqsnr examples: 5.5868 dB and 14.3778 dB', () => {
    // 1 GHz, 1 MW, 0.2 µs, 20 dB, 1 m², 290 K, 50 km
    expect(radarSnr_dB({ ...lBand, range_m: 50e3 })).toBeCloseTo(5.5868, 3);
    // 10 GHz, 1 MW, 1 µs, 40 dB, 0.5 m², 300 K, 3 dB loss, 100 km
    const xBand = {
      peakPower_W: 1e6,
      pulseWidth_s: 1e-6,
      gain_dB: 40,
      wavelength_m: SPEED_OF_LIGHT_MPS / 10e9,
      rcs_m2: 0.5,
      systemTemperature_K: 300,
      losses_dB: 3,
    };
    expect(radarSnr_dB({ ...xBand, range_m: 100e3 })).toBeCloseTo(14.3778, 3);
  });

  it('reproduces the MathWorks radareqrng examples: 4.1057e4 m and 1.9426e5 m at 6 dB', () => {
    const xBand = { ...lBand, pulseWidth_s: 10e-6, wavelength_m: SPEED_OF_LIGHT_MPS / 10e9, snr_dB: 6 };
    expect(radarMaxRange_m(xBand) / 4.1057e4).toBeCloseTo(1, 4);
    expect(radarMaxRange_m({ ...xBand, gain_dB: 40, rcs_m2: 0.1, losses_dB: 3 }) / 1.9426e5).toBeCloseTo(
      1,
      4,
    );
  });

  it('max range inverts the SNR, and SNR falls 12.04 dB per doubling of range', () => {
    fc.assert(
      fc.property(fc.double({ min: -20, max: 60, noNaN: true }), (snr_dB) => {
        const range_m = radarMaxRange_m({ ...lBand, snr_dB });
        expect(radarSnr_dB({ ...lBand, range_m })).toBeCloseTo(snr_dB, 9);
      }),
    );
    const near = radarSnr_dB({ ...lBand, range_m: 10e3 });
    const far = radarSnr_dB({ ...lBand, range_m: 20e3 });
    expect(near - far).toBeCloseTo(40 * Math.log10(2), 12);
  });
});
