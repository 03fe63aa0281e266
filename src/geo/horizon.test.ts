import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geodesicDirect } from './geodesic.js';
import { isAboveHorizon, radarHorizonRange_m, radarHorizonVisible, STANDARD_K_FACTOR } from './horizon.js';
import { geodeticToEcef } from './wgs84.js';

const DEG = Math.PI / 180;

describe('radarHorizonRange_m', () => {
  it('matches the textbook 4/3-Earth rule d ≈ 4.12 (√h₁ + √h₂) km with h in m (Skolnik §8.2)', () => {
    expect(radarHorizonRange_m(100, 0) / 1000 / (4.12 * Math.sqrt(100))).toBeCloseTo(1, 3);
    const both_km = radarHorizonRange_m(25, 10_000) / 1000;
    expect(both_km / (4.12 * (Math.sqrt(25) + Math.sqrt(10_000)))).toBeCloseTo(1, 3);
  });

  it('matches the geometric rule d ≈ 3.57 √h km for k = 1', () => {
    expect(radarHorizonRange_m(100, 0, 1) / 1000 / (3.57 * Math.sqrt(100))).toBeCloseTo(1, 3);
  });

  it('defaults to k = 4/3 and treats negative heights as 0', () => {
    expect(STANDARD_K_FACTOR).toBe(4 / 3);
    expect(radarHorizonRange_m(50, 200)).toBe(radarHorizonRange_m(50, 200, 4 / 3));
    expect(radarHorizonRange_m(-10, 0)).toBe(0);
  });
});

describe('radarHorizonVisible', () => {
  it('switches from visible to hidden at the horizon range (±1 %)', () => {
    for (const [h1, h2] of [
      [30, 5000],
      [10, 100],
      [1000, 0],
      [5, 25_000],
    ]) {
      const horizon_m = radarHorizonRange_m(h1, h2);
      expect(radarHorizonVisible(h1, h2, 0.99 * horizon_m)).toBe(true);
      expect(radarHorizonVisible(h1, h2, 1.01 * horizon_m)).toBe(false);
    }
  });

  it('sees a nearby ground target below a tall mast and not a target under the surface', () => {
    expect(radarHorizonVisible(100, 0, 1000)).toBe(true);
    expect(radarHorizonVisible(100, -1, 1000)).toBe(false);
  });

  it('sees no farther than the textbook horizon, and at least as far with a larger k (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.double({ min: 0, max: 30_000, noNaN: true }),
        fc.double({ min: 0, max: 1_500_000, noNaN: true }),
        (h1, h2, range_m) => {
          if (radarHorizonVisible(h1, h2, range_m, 1))
            expect(radarHorizonVisible(h1, h2, range_m, 4 / 3)).toBe(true);
          if (radarHorizonVisible(h1, h2, range_m))
            // slack: the 1e-6 m clearance tolerance lets two ground points see each other up to √(8kR·1e-6) ≈ 8 m
            expect(range_m).toBeLessThanOrEqual(radarHorizonRange_m(h1, h2) * 1.001 + 10);
        },
      ),
    );
  });
});

describe('isAboveHorizon', () => {
  const radar = { lat_rad: 33.79 * DEG, lon_rad: 42.44 * DEG, h_m: 20 };

  function targetAt(distance_m: number, h_m: number): Float64Array {
    const p = geodesicDirect(radar.lat_rad, radar.lon_rad, 81 * DEG, distance_m);
    return geodeticToEcef(p.lat_rad, p.lon_rad, h_m);
  }

  it('sees a 3 km-high target inside the 4/3-Earth horizon and loses it beyond (±2 %)', () => {
    const horizon_m = radarHorizonRange_m(radar.h_m, 3000);
    expect(isAboveHorizon(radar, targetAt(0.98 * horizon_m, 3000))).toBe(true);
    expect(isAboveHorizon(radar, targetAt(1.02 * horizon_m, 3000))).toBe(false);
  });

  it('sees a target straight overhead and a low drone close by', () => {
    expect(isAboveHorizon(radar, geodeticToEcef(radar.lat_rad, radar.lon_rad, 10_000))).toBe(true);
    expect(isAboveHorizon(radar, targetAt(5_000, 100))).toBe(true);
    expect(isAboveHorizon(radar, targetAt(60_000, 100))).toBe(false);
  });
});
