import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOTIONAL_PAC2_GEM, NOTIONAL_PAC3_MSE } from '../../test/support/weaponFixtures.js';
import {
  expectedKillProbability,
  fragmentationFactor,
  GAO_EXCURSION_FRAGMENTATION_FLOOR,
  HIT_TO_KILL_REFERENCE_SPEED_mps,
  hitToKillSpeedFactor,
  type KillMechanism,
  killProbability,
  LETHAL_REACH_PK_FRACTION,
  lethalReach_m,
} from './lethality.js';

const HTK = { ...NOTIONAL_PAC3_MSE, killMechanism: 'hit-to-kill' as const };
const FRAG = { ...NOTIONAL_PAC2_GEM, killMechanism: 'blast-fragmentation' as const };
const speed = fc.double({ min: 0, max: 1e4, noNaN: true });
const threatKind = fc.constantFrom('ballistic' as const, 'rocket' as const, 'drone' as const);

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

  it('the 2-argument form is the mechanism-free Gaussian, and ignores any conditions when no mechanism is set', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        speed,
        threatKind,
        (miss_m, pkMax, lethalSigma_m, closingSpeed_mps, kind) => {
          const type = { pkMax, lethalSigma_m };
          const legacy = pkMax * Math.exp(-0.5 * (miss_m / lethalSigma_m) ** 2);
          expect(killProbability(type, miss_m)).toBe(legacy);
          expect(killProbability(type, miss_m, { closingSpeed_mps, threatKind: kind })).toBe(legacy);
        },
      ),
    );
    // a mechanism without conditions is its curve at the reference conditions (factors 1)
    expect(killProbability(FRAG, 12)).toBe(killProbability(NOTIONAL_PAC2_GEM, 12));
    expect(killProbability(HTK, 0)).toBe(HTK.pkMax);
    expect(killProbability(HTK, HTK.lethalSigma_m)).toBeCloseTo(HTK.pkMax * Math.exp(-0.5), 12);
  });

  it('is monotone non-increasing in the miss distance for every mechanism and endgame', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        fc.constantFrom<KillMechanism | undefined>('hit-to-kill', 'blast-fragmentation', undefined),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.option(speed, { nil: undefined }),
        fc.option(threatKind, { nil: undefined }),
        (a, b, killMechanism, pkMax, lethalSigma_m, closingSpeed_mps, kind) => {
          const type = { pkMax, lethalSigma_m, killMechanism };
          const conditions = { closingSpeed_mps, threatKind: kind };
          const [near, far] = a <= b ? [a, b] : [b, a];
          const pNear = killProbability(type, near, conditions);
          const pFar = killProbability(type, far, conditions);
          expect(pFar).toBeLessThanOrEqual(pNear);
          expect(pNear).toBeLessThanOrEqual(pkMax);
          expect(pFar).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('hit-to-kill is steeper than blast-fragmentation: same σ, higher inside it, lower beyond it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.double({ min: 0.01, max: 4, noNaN: true }),
        (lethalSigma_m, z) => {
          const htk = { pkMax: 1, lethalSigma_m, killMechanism: 'hit-to-kill' as const };
          const frag = { pkMax: 1, lethalSigma_m, killMechanism: 'blast-fragmentation' as const };
          const pH = killProbability(htk, z * lethalSigma_m);
          const pF = killProbability(frag, z * lethalSigma_m);
          if (z < 0.999) expect(pH).toBeGreaterThanOrEqual(pF);
          if (z > 1.001) expect(pH).toBeLessThanOrEqual(pF);
        },
      ),
    );
    // with the notional catalog numbers: metres for hit-to-kill, tens of metres for blast-fragmentation
    expect(killProbability(HTK, 3, { closingSpeed_mps: 2500 })).toBeLessThan(1e-3);
    expect(killProbability(FRAG, 15, { closingSpeed_mps: 1500, threatKind: 'drone' })).toBeCloseTo(
      0.8 * Math.exp(-0.5),
      12,
    );
  });

  it('hit-to-kill Pk rises with closing speed and saturates: K = 1 − exp(−(v/v_K)²)', () => {
    fc.assert(
      fc.property(speed, speed, fc.double({ min: 0, max: 5, noNaN: true }), (a, b, miss_m) => {
        const [slow, fast] = a <= b ? [a, b] : [b, a];
        expect(killProbability(HTK, miss_m, { closingSpeed_mps: fast })).toBeGreaterThanOrEqual(
          killProbability(HTK, miss_m, { closingSpeed_mps: slow }),
        );
      }),
    );
    expect(hitToKillSpeedFactor(0)).toBe(0);
    expect(hitToKillSpeedFactor(HIT_TO_KILL_REFERENCE_SPEED_mps)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(hitToKillSpeedFactor(2 * HIT_TO_KILL_REFERENCE_SPEED_mps)).toBeGreaterThan(0.98);
    expect(hitToKillSpeedFactor(undefined)).toBe(1);
    // the threat class does not matter to hit-to-kill
    for (const kind of ['ballistic', 'rocket', 'drone'] as const)
      expect(killProbability(HTK, 1, { closingSpeed_mps: 2000, threatKind: kind })).toBe(
        killProbability(HTK, 1, { closingSpeed_mps: 2000 }),
      );
  });

  it('blast-fragmentation is not degraded by default (no hardTargetFragmentationFloor: F ≡ 1)', () => {
    for (const v of [0, 1000, 2500, 4000])
      expect(killProbability(FRAG, 5, { closingSpeed_mps: v, threatKind: 'ballistic' })).toBe(
        killProbability(FRAG, 5),
      );
    expect(fragmentationFactor(3000, 'ballistic')).toBe(1);
  });

  it('the GAO excursion (F∞ = 0.5) degrades against ballistic re-entry bodies as closing speed grows, not against others', () => {
    const EXC = { ...FRAG, hardTargetFragmentationFloor: GAO_EXCURSION_FRAGMENTATION_FLOOR };
    fc.assert(
      fc.property(speed, speed, fc.double({ min: 0, max: 60, noNaN: true }), (a, b, miss_m) => {
        const [slow, fast] = a <= b ? [a, b] : [b, a];
        const at = (v: number, kind: 'ballistic' | 'drone' | 'rocket') =>
          killProbability(EXC, miss_m, { closingSpeed_mps: v, threatKind: kind });
        expect(at(fast, 'ballistic')).toBeLessThanOrEqual(at(slow, 'ballistic'));
        expect(at(fast, 'ballistic')).toBeGreaterThanOrEqual(
          GAO_EXCURSION_FRAGMENTATION_FLOOR * killProbability(EXC, miss_m) - 1e-15,
        );
        expect(at(fast, 'drone')).toBe(killProbability(EXC, miss_m));
        expect(at(fast, 'rocket')).toBe(killProbability(EXC, miss_m));
      }),
    );
    const f = (v: number) => fragmentationFactor(v, 'ballistic', GAO_EXCURSION_FRAGMENTATION_FLOOR);
    expect(f(0)).toBe(1);
    expect(f(1000)).toBeCloseTo(0.5 + 0.5 * Math.exp(-0.16), 12);
    // the doc comment's @example: F(v_F) = F∞ + (1 − F∞)/e
    expect(f(2500)).toBeCloseTo(0.5 + 0.5 / Math.E, 12);
    expect(f(3000)).toBeLessThan(0.65);
    expect(fragmentationFactor(3000, 'drone', GAO_EXCURSION_FRAGMENTATION_FLOOR)).toBe(1);
  });

  it('a negative or NaN miss or closing speed gives 0', () => {
    expect(killProbability(FRAG, -1)).toBe(0);
    expect(killProbability(HTK, Number.NaN)).toBe(0);
    expect(killProbability(HTK, 0, { closingSpeed_mps: -5 })).toBe(0);
    expect(killProbability(FRAG, 0, { closingSpeed_mps: Number.NaN, threatKind: 'ballistic' })).toBe(0);
  });
});

describe('expectedKillProbability (Rayleigh-averaged Pk)', () => {
  const legacy = { pkMax: 0.8, lethalSigma_m: 15, killMechanism: undefined };
  it('reproduces the closed form pkMax·s²/(s²+σ²) of the Gaussian curve', () => {
    for (const sigma of [0.5, 4, 15, 40]) {
      const closed = (0.8 * 15 ** 2) / (15 ** 2 + sigma ** 2);
      expect(expectedKillProbability(legacy, sigma)).toBeCloseTo(closed, 6);
    }
  });
  it('is P(0) for a perfect aim and falls as the aim error grows', () => {
    expect(expectedKillProbability(legacy, 0)).toBe(0.8);
    const h2k = { pkMax: 0.9, lethalSigma_m: 1.5, killMechanism: 'hit-to-kill' as const };
    const a = expectedKillProbability(h2k, 0.5, { closingSpeed_mps: 3000 });
    const b = expectedKillProbability(h2k, 2, { closingSpeed_mps: 3000 });
    expect(a).toBeGreaterThan(b);
    expect(a).toBeLessThanOrEqual(0.9);
  });
  it('scales the blast-fragmentation curve by F(v) against a ballistic body, exactly', () => {
    const frag = {
      pkMax: 0.8,
      lethalSigma_m: 15,
      killMechanism: 'blast-fragmentation' as const,
      hardTargetFragmentationFloor: GAO_EXCURSION_FRAGMENTATION_FLOOR,
    };
    const conditions = { closingSpeed_mps: 3100, threatKind: 'ballistic' as const };
    const f = fragmentationFactor(3100, 'ballistic', GAO_EXCURSION_FRAGMENTATION_FLOOR);
    expect(expectedKillProbability(frag, 4, conditions)).toBeCloseTo(
      (f * 0.8 * 15 ** 2) / (15 ** 2 + 4 ** 2),
      6,
    );
  });
});

describe('lethalReach_m', () => {
  it('is where P(kill) falls to 1 % of pkMax, for the Gaussian and the hit-to-kill curves', () => {
    for (const type of [NOTIONAL_PAC2_GEM, FRAG, HTK]) {
      const reach_m = lethalReach_m(type);
      expect(killProbability(type, reach_m) / type.pkMax).toBeCloseTo(LETHAL_REACH_PK_FRACTION, 12);
    }
    // hit-to-kill's steeper curve ends nearer its sigma than the Gaussian
    expect(lethalReach_m(HTK) / HTK.lethalSigma_m).toBeLessThan(lethalReach_m(FRAG) / FRAG.lethalSigma_m);
  });
});
