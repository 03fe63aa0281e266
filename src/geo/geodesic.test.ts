import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geodesicDirect, geodesicInverse } from './geodesic.js';

const DEG = Math.PI / 180;

/** Bearing from point 2 back to point 1, deg clockwise from north: the reverse of the arrival azimuth. */
function backBearing_deg(azimuth2_rad: number): number {
  return (((azimuth2_rad / DEG + 180) % 360) + 360) % 360;
}

describe('geodesicInverse', () => {
  it('reproduces GeographicLib: Wellington (41.32S, 174.81E) → Salamanca (40.96N, 5.50W) is 19959679.267 m', () => {
    const r = geodesicInverse(-41.32 * DEG, 174.81 * DEG, 40.96 * DEG, -5.5 * DEG);
    expect(Math.abs(r.distance_m - 19959679.267)).toBeLessThan(0.001);
  });

  it('reproduces GeographicLib: JFK (40.6, −73.8) → LHR (51.6, −0.5) is 5551.759 km, azimuths 51.199° and 107.822°', () => {
    const r = geodesicInverse(40.6 * DEG, -73.8 * DEG, 51.6 * DEG, -0.5 * DEG);
    expect(r.distance_m / 1000).toBeCloseTo(5551.759, 3);
    expect(r.azimuth1_rad / DEG).toBeCloseTo(51.198882845579824, 9);
    expect(r.azimuth2_rad / DEG).toBeCloseTo(107.82177673551459, 9);
  });

  it('reproduces GeographicLib (geographiclib crate docs): Berkeley → Port Moresby 10700471.955 m, az −96.916° / −127.325°', () => {
    const r = geodesicInverse(37.87622 * DEG, -122.23558 * DEG, -9.4047 * DEG, 147.1597 * DEG);
    expect(Math.abs(r.distance_m - 10700471.955233702)).toBeLessThan(1e-6);
    // negative azimuths come back in [0, 2π)
    expect(r.azimuth1_rad / DEG).toBeCloseTo(360 - 96.91639942294974, 9);
    expect(r.azimuth2_rad / DEG).toBeCloseTo(360 - 127.32548874543627, 9);
  });

  it('gives the DOMAIN distances: Kermanshah → Al Asad ≈ 430 km, bearing from Al Asad ≈ 81°', () => {
    // Kermanshah 34.31N 47.07E; Al Asad 33.79N 42.44E
    const r = geodesicInverse(33.79 * DEG, 42.44 * DEG, 34.31 * DEG, 47.07 * DEG);
    expect(Math.abs(r.distance_m - 430_000)).toBeLessThan(3_000);
    expect(Math.abs(r.azimuth1_rad / DEG - 81)).toBeLessThan(2);
  });

  it('gives the DOMAIN distances: Kermanshah → Erbil ≈ 354 km, bearing from Erbil ≈ 126°', () => {
    const r = geodesicInverse(34.31 * DEG, 47.07 * DEG, 36.24 * DEG, 43.96 * DEG);
    expect(Math.abs(r.distance_m - 354_000)).toBeLessThan(3_000);
    expect(Math.abs(backBearing_deg(r.azimuth2_rad) - 126)).toBeLessThan(2);
  });

  it('is zero between a point and itself and symmetric in distance', () => {
    expect(geodesicInverse(0.5, 0.6, 0.5, 0.6).distance_m).toBe(0);
    fc.assert(
      fc.property(
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (lat1, lon1, lat2, lon2) => {
          const forward = geodesicInverse(lat1, lon1, lat2, lon2);
          const backward = geodesicInverse(lat2, lon2, lat1, lon1);
          expect(Math.abs(forward.distance_m - backward.distance_m)).toBeLessThan(1e-6);
          for (const az of [forward.azimuth1_rad, forward.azimuth2_rad]) {
            expect(az >= 0 && az < 2 * Math.PI).toBe(true);
          }
        },
      ),
    );
  });
});

describe('geodesicDirect', () => {
  it('reproduces GeographicLib: 20000 km SW (225°) of Perth (32.06S, 115.74E) is (32.11195529, −63.95925278)', () => {
    const r = geodesicDirect(-32.06 * DEG, 115.74 * DEG, 225 * DEG, 20_000e3);
    expect(r.lat_rad / DEG).toBeCloseTo(32.11195529, 8);
    expect(r.lon_rad / DEG).toBeCloseTo(-63.95925278, 8);
  });

  it('inverts geodesicInverse (property: direct(inverse) lands on point 2 within 1e-6 m)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 1, max: 15_000_000, noNaN: true }),
        (lat1, lon1, azimuth1, distance_m) => {
          const end = geodesicDirect(lat1, lon1, azimuth1, distance_m);
          const back = geodesicInverse(lat1, lon1, end.lat_rad, end.lon_rad);
          expect(Math.abs(back.distance_m - distance_m)).toBeLessThan(1e-6);
          expect(end.azimuth2_rad >= 0 && end.azimuth2_rad < 2 * Math.PI).toBe(true);
        },
      ),
    );
  });
});
