import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../math/rng.js';
import type { RadarType } from '../scenario/types.js';
import {
  albersheimSnr_dB,
  fromDb,
  pdNonFluctuating,
  pdSwerling1,
  requiredSnrSwerling1_dB,
  snrFromRangeEquation,
  toDb,
} from './detection.js';

const referenceType: RadarType = {
  id: 'test-radar',
  name: 'test radar',
  notional: true,
  source: 'unit test',
  referenceSnr_dB: 20,
  referenceRange_m: 100_000,
  referenceRcs_m2: 1,
  maxRange_m: 200_000,
  pfa: 1e-6,
  falseAlarmsPerScan: 0,
  scanInterval_s: 1,
  rangeSigma_m: 20,
  azimuthSigma_rad: 2e-3,
  elevationSigma_rad: 2e-3,
  sectorWidth_rad: (2 * Math.PI) / 3,
  minElevation_rad: 0,
  maxElevation_rad: 1.4,
  antennaHeight_m: 5,
};

/** Exact single-pulse non-fluctuating SNR for (pd, pfa), dB, by bisection on `pdNonFluctuating`. */
function exactNonFluctuatingSnr_dB(pd: number, pfa: number): number {
  let lo = -10;
  let hi = 40;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (pdNonFluctuating(fromDb(mid), pfa) < pd) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Runs 20,000 square-law detections (|I + jQ|² against the threshold −ln Pfa for unit-power noise) and checks the hit
 * count against `pd` within a 4σ binomial band.
 */
function expectSquareLawRate(
  rng: Rng,
  pfa: number,
  pd: number,
  sample: (rng: Rng) => readonly [number, number],
): void {
  const trials = 20_000;
  const threshold = -Math.log(pfa);
  let hits = 0;
  for (let i = 0; i < trials; i++) {
    const [inPhase, quadrature] = sample(rng);
    if (inPhase * inPhase + quadrature * quadrature > threshold) hits++;
  }
  expect(Math.abs(hits - trials * pd)).toBeLessThan(4 * Math.sqrt(trials * pd * (1 - pd)));
}

describe('radar range equation', () => {
  it('returns the reference SNR at the reference range and RCS', () => {
    expect(snrFromRangeEquation(referenceType, 100_000, 1)).toBeCloseTo(20, 12);
  });

  it('loses 40 dB per decade of range and gains 10 dB per decade of RCS', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 100, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-4, max: 100, noNaN: true }),
        (range_m, rcs_m2) => {
          const snr_dB = snrFromRangeEquation(referenceType, range_m, rcs_m2);
          expect(snrFromRangeEquation(referenceType, 10 * range_m, rcs_m2)).toBeCloseTo(snr_dB - 40, 9);
          expect(snrFromRangeEquation(referenceType, 2 * range_m, rcs_m2)).toBeCloseTo(
            snr_dB - 40 * Math.log10(2),
            9,
          );
          expect(snrFromRangeEquation(referenceType, range_m, 10 * rcs_m2)).toBeCloseTo(snr_dB + 10, 9);
        },
      ),
    );
  });
});

describe('Albersheim equation', () => {
  it('needs 13.11 dB for Pd 0.9, Pfa 1e-6, one pulse (published value 13.1 dB)', () => {
    expect(albersheimSnr_dB(0.9, 1e-6, 1)).toBeCloseTo(13.1145, 3);
    expect(albersheimSnr_dB(0.9, 1e-6)).toBeCloseTo(13.1145, 3);
  });

  it('needs 4.99 dB per pulse for Pd 0.9, Pfa 1e-6 after integrating 10 pulses', () => {
    expect(albersheimSnr_dB(0.9, 1e-6, 10)).toBeCloseTo(4.9904, 3);
  });

  it('stays within 0.1 dB of the exact single-pulse detector for Pd 0.5–0.9 over its Pfa range', () => {
    for (const pd of [0.5, 0.6, 0.7, 0.8, 0.9]) {
      for (const pfa of [1e-7, 1e-6, 1e-5, 1e-4, 1e-3]) {
        expect(Math.abs(albersheimSnr_dB(pd, pfa, 1) - exactNonFluctuatingSnr_dB(pd, pfa))).toBeLessThan(0.1);
      }
    }
  });

  it('underestimates the single-pulse SNR at low Pd (about 0.9 dB at Pd 0.1, Pfa 1e-6)', () => {
    const error_dB = albersheimSnr_dB(0.1, 1e-6, 1) - exactNonFluctuatingSnr_dB(0.1, 1e-6);
    expect(error_dB).toBeLessThan(-0.8);
    expect(error_dB).toBeGreaterThan(-1.0);
  });

  it('needs less SNR per pulse as more pulses are integrated', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4000 }), (n) => {
        expect(albersheimSnr_dB(0.8, 1e-6, n + 1)).toBeLessThan(albersheimSnr_dB(0.8, 1e-6, n));
      }),
    );
  });
});

describe('non-fluctuating detection probability', () => {
  // reference: scipy.stats.ncx2.sf(2T, 2, 2·SNR) = Pd with T = −ln Pfa, solved for SNR with brentq
  const marcumReference = [
    { pd: 0.1, pfa: 1e-6, snr_dB: 8.729462662 },
    { pd: 0.1, pfa: 1e-3, snr_dB: 4.07684049 },
    { pd: 0.5, pfa: 1e-6, snr_dB: 11.242553116 },
    { pd: 0.5, pfa: 1e-3, snr_dB: 8.062604428 },
    { pd: 0.9, pfa: 1e-6, snr_dB: 13.183490057 },
    { pd: 0.9, pfa: 1e-3, snr_dB: 10.758621306 },
  ];
  for (const { pd, pfa, snr_dB } of marcumReference) {
    it(`reaches Pd ${pd} at ${snr_dB.toFixed(3)} dB for Pfa ${pfa} (Marcum Q reference)`, () => {
      expect(pdNonFluctuating(fromDb(snr_dB), pfa)).toBeCloseTo(pd, 8);
    });
  }

  it('equals Pfa with no signal and tends to 1 with a strong one', () => {
    expect(pdNonFluctuating(0, 1e-6)).toBe(1e-6);
    expect(pdNonFluctuating(1e-9, 1e-6)).toBeCloseTo(1e-6, 12);
    expect(pdNonFluctuating(fromDb(30), 1e-6)).toBeCloseTo(1, 12);
    expect(pdNonFluctuating(fromDb(60), 1e-6)).toBe(1);
  });

  it('matches a Monte Carlo square-law detector of a constant signal in complex Gaussian noise', () => {
    const snr = fromDb(8);
    // unit-power complex noise: each quadrature has variance ½
    expectSquareLawRate(createRng(7), 1e-2, pdNonFluctuating(snr, 1e-2), (rng) => [
      Math.sqrt(snr) + Math.SQRT1_2 * rng.normal(),
      Math.SQRT1_2 * rng.normal(),
    ]);
  });
});

describe('Swerling 1 detection probability', () => {
  it('needs 21.14 dB for Pd 0.9 at Pfa 1e-6 (ln Pfa / ln Pd − 1 = 130.1)', () => {
    expect(requiredSnrSwerling1_dB(0.9, 1e-6)).toBeCloseTo(21.14, 2);
    expect(pdSwerling1(fromDb(requiredSnrSwerling1_dB(0.9, 1e-6)), 1e-6)).toBeCloseTo(0.9, 12);
  });

  it('costs about 8 dB more than a non-fluctuating target at Pd 0.9 (fluctuation loss)', () => {
    const loss_dB = requiredSnrSwerling1_dB(0.9, 1e-6) - exactNonFluctuatingSnr_dB(0.9, 1e-6);
    expect(loss_dB).toBeGreaterThan(7.5);
    expect(loss_dB).toBeLessThan(8.5);
  });

  it('matches a Monte Carlo square-law detector of a Rayleigh-fluctuating signal', () => {
    const snr = fromDb(10);
    // signal and noise are both circular complex Gaussian: total power per quadrature (1 + SNR) / 2
    const spread = Math.sqrt((1 + snr) / 2);
    expectSquareLawRate(createRng(11), 1e-3, pdSwerling1(snr, 1e-3), (rng) => [
      spread * rng.normal(),
      spread * rng.normal(),
    ]);
  });

  it('inverts exactly: Pd → required SNR → Pd', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 1e-10, max: 1e-2, noNaN: true }),
        (pd, pfa) => {
          expect(pdSwerling1(fromDb(requiredSnrSwerling1_dB(pd, pfa)), pfa)).toBeCloseTo(pd, 9);
        },
      ),
    );
  });
});

describe('detection probability monotonicity', () => {
  const snrPair = fc
    .tuple(fc.double({ min: -10, max: 40, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true }))
    .map(([low_dB, step_dB]) => [low_dB, low_dB + step_dB] as const);
  const pfaPair = fc
    .tuple(fc.double({ min: -10, max: -2, noNaN: true }), fc.double({ min: 0.1, max: 3, noNaN: true }))
    .map(([log10Pfa, step]) => [10 ** (log10Pfa - step), 10 ** log10Pfa] as const);

  for (const [name, pd] of [
    ['Swerling 1', pdSwerling1],
    ['non-fluctuating', pdNonFluctuating],
  ] as const) {
    it(`${name}: Pd grows with SNR and stays in [Pfa, 1]`, () => {
      fc.assert(
        fc.property(snrPair, fc.double({ min: 1e-10, max: 1e-2, noNaN: true }), ([low_dB, high_dB], pfa) => {
          const pdLow = pd(fromDb(low_dB), pfa);
          const pdHigh = pd(fromDb(high_dB), pfa);
          expect(pdHigh).toBeGreaterThanOrEqual(pdLow);
          expect(pdLow).toBeGreaterThanOrEqual(pfa);
          expect(pdHigh).toBeLessThanOrEqual(1);
        }),
      );
    });

    it(`${name}: Pd falls when Pfa is made smaller at the same SNR`, () => {
      fc.assert(
        fc.property(fc.double({ min: -5, max: 25, noNaN: true }), pfaPair, (snr_dB, [smallPfa, largePfa]) => {
          expect(pd(fromDb(snr_dB), smallPfa)).toBeLessThanOrEqual(pd(fromDb(snr_dB), largePfa));
        }),
      );
    });
  }
});

describe('dB helpers', () => {
  it('round-trip power ratios', () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 100, noNaN: true }), (value_dB) => {
        expect(toDb(fromDb(value_dB))).toBeCloseTo(value_dB, 9);
      }),
    );
  });
});
