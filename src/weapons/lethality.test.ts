import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOTIONAL_PAC2_GEM, NOTIONAL_PAC3_MSE } from './fixtures.js';
import { killProbability } from './lethality.js';

describe('killProbability', () => {
  it('is pkMax at zero miss and exp(−½) · pkMax at one lethal sigma', () => {
    expect(killProbability(NOTIONAL_PAC2_GEM, 0)).toBe(NOTIONAL_PAC2_GEM.pkMax);
    expect(killProbability(NOTIONAL_PAC3_MSE, NOTIONAL_PAC3_MSE.lethalSigma_m)).toBeCloseTo(
      NOTIONAL_PAC3_MSE.pkMax * Math.exp(-0.5),
      12,
    );
  });

  it('is monotone non-increasing in the miss distance and stays in [0, pkMax]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        (a, b, pkMax, lethalSigma_m) => {
          const type = { pkMax, lethalSigma_m };
          const [near, far] = a <= b ? [a, b] : [b, a];
          const pNear = killProbability(type, near);
          const pFar = killProbability(type, far);
          expect(pFar).toBeLessThanOrEqual(pNear);
          expect(pNear).toBeLessThanOrEqual(pkMax);
          expect(pFar).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('a hit-to-kill round needs metres, a blast-fragmentation round tolerates tens of metres', () => {
    expect(killProbability(NOTIONAL_PAC3_MSE, 5)).toBeLessThan(0.01);
    expect(killProbability(NOTIONAL_PAC2_GEM, 5)).toBeGreaterThan(0.7);
  });
});
