import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type PlanarEngagementOptions,
  type PlanarGuidanceLaw,
  planarEngagement,
} from './planarEngagement.js';

const G = 9.80665;
const LAWS: PlanarGuidanceLaw[] = ['pure', 'true'];

/** Pursuer at the origin flying +x at 1000 m/s; target `range_m` down-range flying back at 300 m/s. */
function headOn(law: PlanarGuidanceLaw, range_m: number, extra: Partial<PlanarEngagementOptions> = {}) {
  return planarEngagement({
    law,
    navigationConstant: 4,
    pursuer: { pos_m: [0, 0], speed_mps: 1000, heading_rad: 0 },
    target: { pos_m: [range_m, 0], speed_mps: 300, heading_rad: Math.PI, lateralAccel_mps2: 0 },
    ...extra,
  });
}

describe('planarEngagement', () => {
  describe.each(LAWS)('%s PN', (law) => {
    it('hits a non-maneuvering head-on target at R0 / (Vm + Vt)', () => {
      const r = headOn(law, 10_000);
      expect(r.timedOut).toBe(false);
      expect(r.missDistance_m).toBeLessThan(0.01);
      expect(Math.abs(r.interceptTime_s - 10_000 / 1300) / (10_000 / 1300)).toBeLessThan(0.01);
    });

    it('hits a non-maneuvering crossing target', () => {
      const r = planarEngagement({
        law,
        navigationConstant: 4,
        pursuer: { pos_m: [0, 0], speed_mps: 1000, heading_rad: 0.3 },
        target: { pos_m: [8000, 5000], speed_mps: 300, heading_rad: -Math.PI / 2, lateralAccel_mps2: 0 },
      });
      expect(r.timedOut).toBe(false);
      expect(r.missDistance_m).toBeLessThan(0.01);
      // The target really crossed: it flew 300 m/s × t_f towards −y.
      const last = r.samples[r.samples.length - 1];
      expect(last.t_s).toBeCloseTo(r.interceptTime_s, 12);
      expect(last.target[1]).toBeCloseTo(5000 - 300 * r.interceptTime_s, 6);
      expect(Math.hypot(last.pursuer[0] - last.target[0], last.pursuer[1] - last.target[1])).toBeCloseTo(
        r.missDistance_m,
        6,
      );
    });

    it.each([2000, 3000, 5000])(
      'miss grows with target acceleration and with autopilot lag (R0 = %i m, N′ = 4, 30 g limit)',
      (range_m) => {
        const miss = (lag_s: number, g: number) =>
          planarEngagement({
            law,
            navigationConstant: 4,
            lag_s,
            accelLimit_mps2: 30 * G,
            pursuer: { pos_m: [0, 0], speed_mps: 1000, heading_rad: 0 },
            target: { pos_m: [range_m, 0], speed_mps: 300, heading_rad: Math.PI, lateralAccel_mps2: g * G },
          }).missDistance_m;
        const lag0g6 = miss(0, 6);
        const lag05g3 = miss(0.5, 3);
        const lag05g6 = miss(0.5, 6);
        expect(lag05g6).toBeGreaterThan(lag05g3);
        expect(lag05g6).toBeGreaterThan(lag0g6);
        expect(lag05g3).toBeGreaterThan(miss(0, 3));
      },
    );

    it('respects the acceleration limit in every sample, with and without lag', () => {
      for (const lag_s of [0, 0.2]) {
        const limit = 10 * G;
        const r = planarEngagement({
          law,
          navigationConstant: 4,
          lag_s,
          accelLimit_mps2: limit,
          pursuer: { pos_m: [0, 0], speed_mps: 1000, heading_rad: 0.4 },
          target: { pos_m: [3000, 0], speed_mps: 300, heading_rad: Math.PI, lateralAccel_mps2: 6 * G },
        });
        const peak = Math.max(...r.samples.map((s) => Math.abs(s.accel_mps2)));
        expect(peak).toBeLessThanOrEqual(limit * (1 + 1e-12));
        expect(peak).toBeGreaterThan(0.99 * limit); // the limit actually binds here
      }
    });

    it('keeps pure-PN pursuer speed constant', () => {
      if (law !== 'pure') return;
      const r = planarEngagement({
        law,
        navigationConstant: 4,
        pursuer: { pos_m: [0, 0], speed_mps: 1000, heading_rad: 0.5 },
        target: { pos_m: [4000, 0], speed_mps: 300, heading_rad: Math.PI, lateralAccel_mps2: 5 * G },
        sampleInterval_s: 0.001,
      });
      for (let i = 1; i < r.samples.length - 1; i++) {
        const a = r.samples[i - 1];
        const b = r.samples[i];
        if (b.t_s - a.t_s < 0.001 - 1e-9) continue;
        const v = Math.hypot(b.pursuer[0] - a.pursuer[0], b.pursuer[1] - a.pursuer[1]) / (b.t_s - a.t_s);
        expect(v).toBeCloseTo(1000, 0);
      }
    });
  });

  it('decimates samples to the requested interval and ends at closest approach', () => {
    const r = headOn('pure', 10_000);
    expect(r.samples[0].t_s).toBe(0);
    for (let i = 1; i < r.samples.length - 1; i++) {
      expect(r.samples[i].t_s - r.samples[i - 1].t_s).toBeCloseTo(0.05, 9);
    }
    expect(r.samples[r.samples.length - 1].t_s).toBe(r.interceptTime_s);
  });

  it('reports an opening geometry as a closest approach at t = 0', () => {
    const r = planarEngagement({
      law: 'true',
      navigationConstant: 4,
      pursuer: { pos_m: [0, 0], speed_mps: 100, heading_rad: 0 },
      target: { pos_m: [1000, 0], speed_mps: 300, heading_rad: 0, lateralAccel_mps2: 0 },
    });
    expect(r.interceptTime_s).toBe(0);
    expect(r.missDistance_m).toBe(1000);
  });

  it('times out with timedOut = true', () => {
    const r = headOn('pure', 10_000, { maxTime_s: 2 });
    expect(r.timedOut).toBe(true);
    expect(r.interceptTime_s).toBeCloseTo(2, 9);
    expect(r.missDistance_m).toBeCloseTo(10_000 - 1300 * 2, 3);
  });

  it('rejects bad inputs with E_USAGE', () => {
    expect(() => headOn('pure', 10_000, { step_s: 0 })).toThrow(/E_USAGE step_s/);
    expect(() => headOn('pure', 10_000, { lag_s: -1 })).toThrow(/E_USAGE lag_s/);
    expect(() => headOn('pure', Number.NaN)).toThrow(/E_USAGE target\.pos_m\[0\]/);
  });

  it('never returns a negative or non-finite miss (random geometries)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<PlanarGuidanceLaw>('pure', 'true'),
        fc.double({ min: 2, max: 6, noNaN: true }),
        fc.double({ min: 500, max: 6000, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        fc.double({ min: -0.6, max: 0.6, noNaN: true }),
        fc.double({ min: 0, max: 400, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        fc.double({ min: -8 * G, max: 8 * G, noNaN: true }),
        fc.constantFrom(0, 0.1, 0.5),
        fc.constantFrom(undefined, 20 * G),
        (law, nav, range_m, bearing, headingError, vt, targetHeading, at, lag_s, accelLimit_mps2) => {
          const r = planarEngagement({
            law,
            navigationConstant: nav,
            lag_s,
            accelLimit_mps2,
            maxTime_s: 20,
            pursuer: { pos_m: [0, 0], speed_mps: 900, heading_rad: bearing + headingError },
            target: {
              pos_m: [range_m * Math.cos(bearing), range_m * Math.sin(bearing)],
              speed_mps: vt,
              heading_rad: targetHeading,
              lateralAccel_mps2: at,
            },
          });
          expect(Number.isFinite(r.missDistance_m)).toBe(true);
          expect(r.missDistance_m).toBeGreaterThanOrEqual(0);
          expect(r.missDistance_m).toBeLessThanOrEqual(
            range_m + 1e-9 + (r.timedOut ? Number.POSITIVE_INFINITY : 0),
          );
          expect(r.interceptTime_s).toBeGreaterThanOrEqual(0);
          for (const s of r.samples) expect(Number.isFinite(s.accel_mps2)).toBe(true);
        },
      ),
      { numRuns: 60, seed: 20261125 },
    );
  });
});
