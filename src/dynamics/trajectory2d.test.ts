import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  elevationForRange,
  firingTable,
  maxRangeElevation,
  STANDARD_GRAVITY_mps2,
  trajectory2d,
  trajectory2dPath,
} from './trajectory2d.js';

const G = STANDARD_GRAVITY_mps2;
const DEG = Math.PI / 180;

/** A 107 mm rocket after burnout (notional: ~19 kg, 0.107 m calibre, Cd 0.3). */
const ROCKET_107 = {
  mass_kg: 19,
  dragCoefficient: 0.3,
  area_m2: (Math.PI * 0.107 ** 2) / 4,
  speed_mps: 370,
  altitude_m: 0,
};

describe('trajectory2d in vacuum (area 0)', () => {
  it('matches the closed form R = v² sin 2θ / g, T = 2 v sin θ / g, apex = v² sin² θ / 2g to 1e-6 (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 2000, noNaN: true }),
        fc.double({ min: 0.01, max: 1.56, noNaN: true }),
        (v, theta) => {
          const r = trajectory2d({
            mass_kg: 1,
            dragCoefficient: 0.5,
            area_m2: 0,
            speed_mps: v,
            flightPathAngle_rad: theta,
            altitude_m: 0,
          });
          expect(Math.abs(r.range_m / ((v * v * Math.sin(2 * theta)) / G) - 1)).toBeLessThan(1e-6);
          expect(Math.abs(r.timeOfFlight_s / ((2 * v * Math.sin(theta)) / G) - 1)).toBeLessThan(1e-6);
          expect(Math.abs(r.apexAltitude_m / ((v * Math.sin(theta)) ** 2 / (2 * G)) - 1)).toBeLessThan(1e-6);
          expect(Math.abs(r.impactSpeed_mps / v - 1)).toBeLessThan(1e-6);
          expect(r.maxDragDeceleration_mps2).toBe(0);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('handles a launch from altitude: horizontal throw from 100 m lands after √(2h/g)', () => {
    const r = trajectory2d({
      mass_kg: 1,
      dragCoefficient: 0,
      area_m2: 0,
      speed_mps: 50,
      flightPathAngle_rad: 0,
      altitude_m: 100,
    });
    expect(r.timeOfFlight_s).toBeCloseTo(Math.sqrt(200 / G), 9);
    expect(r.range_m).toBeCloseTo(50 * Math.sqrt(200 / G), 7);
    expect(r.apexAltitude_m).toBe(100);
  });

  it('ends at once when launched level or downward from the impact plane', () => {
    const r = trajectory2d({
      mass_kg: 1,
      dragCoefficient: 0,
      area_m2: 0,
      speed_mps: 50,
      flightPathAngle_rad: -0.1,
      altitude_m: 0,
    });
    expect(r.timeOfFlight_s).toBe(0);
    expect(r.range_m).toBe(0);
  });

  it('rejects non-physical parameters with a RangeError', () => {
    expect(() => trajectory2d({ ...ROCKET_107, mass_kg: 0, flightPathAngle_rad: 0.5 })).toThrow(RangeError);
    expect(() => trajectory2d({ ...ROCKET_107, speed_mps: Number.NaN, flightPathAngle_rad: 0.5 })).toThrow(
      RangeError,
    );
  });
});

describe('trajectory2d with drag', () => {
  it('falls short of vacuum range, loses energy monotonically and lands slower than it left', () => {
    const params = { ...ROCKET_107, flightPathAngle_rad: 45 * DEG };
    const r = trajectory2d(params);
    expect(r.range_m).toBeLessThan((370 * 370) / G);
    expect(r.impactSpeed_mps).toBeLessThan(370);
    expect(r.maxDragDeceleration_mps2).toBeGreaterThan(0);
    const path = trajectory2dPath(params);
    let previous = Number.POSITIVE_INFINITY;
    for (let i = 0; i < path.t_s.length; i++) {
      const energy = 0.5 * (path.vx_mps[i] ** 2 + path.vz_mps[i] ** 2) + G * path.z_m[i];
      expect(energy).toBeLessThanOrEqual(previous + 1e-9);
      previous = energy;
    }
    expect(path.z_m[path.z_m.length - 1]).toBe(0);
    expect(path.x_m[path.x_m.length - 1]).toBeCloseTo(r.range_m, 9);
  });

  it('has its maximum-range elevation below 45°', () => {
    const best = maxRangeElevation(ROCKET_107);
    expect(best.elevation_rad).toBeLessThan(45 * DEG);
    expect(best.elevation_rad).toBeGreaterThan(35 * DEG);
    expect(best.maxRange_m).toBeGreaterThanOrEqual(
      trajectory2d({ ...ROCKET_107, flightPathAngle_rad: 45 * DEG }).range_m,
    );
  });

  it('puts a 107 mm-rocket-like body (19 kg, Cd 0.3, 370 m/s at 45°) at 8–9 km (sanity bound, not a reference)', () => {
    const r = trajectory2d({ ...ROCKET_107, flightPathAngle_rad: 45 * DEG });
    expect(r.range_m).toBeGreaterThan(7500);
    expect(r.range_m).toBeLessThan(9000);
  });
});

describe('trajectory2d in vacuum: maximum range at 45°', () => {
  it('finds π/4 from the impact plane', () => {
    const best = maxRangeElevation({
      mass_kg: 1,
      dragCoefficient: 0,
      area_m2: 0,
      speed_mps: 300,
      altitude_m: 0,
    });
    expect(best.elevation_rad).toBeCloseTo(Math.PI / 4, 6);
    expect(best.maxRange_m / ((300 * 300) / G)).toBeCloseTo(1, 9);
  });
});

describe('firingTable and elevationForRange', () => {
  it('tabulates one row per elevation, consistent with trajectory2d', () => {
    const rows = firingTable(ROCKET_107, [10 * DEG, 30 * DEG, 50 * DEG]);
    expect(rows.map((row) => row.elevation_rad)).toEqual([10 * DEG, 30 * DEG, 50 * DEG]);
    const single = trajectory2d({ ...ROCKET_107, flightPathAngle_rad: 30 * DEG });
    expect(rows[1].range_m).toBe(single.range_m);
    expect(rows[1].timeOfFlight_s).toBe(single.timeOfFlight_s);
    expect(rows[0].apexAltitude_m).toBeLessThan(rows[2].apexAltitude_m);
  });

  it('solves the vacuum case exactly: θ = ½ asin(g R / v²), low and high branch', () => {
    const params = { mass_kg: 1, dragCoefficient: 0, area_m2: 0, speed_mps: 200, altitude_m: 0 };
    const range_m = 3000;
    const low = elevationForRange(params, range_m);
    const high = elevationForRange(params, range_m, { lowAngle: false });
    const lowExact = 0.5 * Math.asin((G * range_m) / (200 * 200));
    expect(low.ok && low.elevation_rad).toBeCloseTo(lowExact, 7);
    expect(high.ok && high.elevation_rad).toBeCloseTo(Math.PI / 2 - lowExact, 7);
  });

  it('hits the requested range with drag on both branches', () => {
    for (const lowAngle of [true, false]) {
      const solution = elevationForRange(ROCKET_107, 6000, { lowAngle });
      expect(solution.ok).toBe(true);
      if (solution.ok) {
        const r = trajectory2d({ ...ROCKET_107, flightPathAngle_rad: solution.elevation_rad });
        expect(Math.abs(r.range_m - 6000)).toBeLessThan(0.01);
      }
    }
  });

  it('reports out-of-range with the maximum range instead of throwing', () => {
    const result = elevationForRange(ROCKET_107, 50_000);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe('out-of-range');
      expect(result.maxRange_m).toBeCloseTo(maxRangeElevation(ROCKET_107).maxRange_m, 6);
    }
  });
});
