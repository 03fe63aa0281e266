import { describe, expect, it } from 'vitest';
import { createRng } from '../math/rng.js';
import { geodesicDirect, geodesicInverse } from './geodesic.js';
import { GROUND_RANGE_ERROR_m, groundRange_m, isOnDisc } from './groundRange.js';

const DEG = Math.PI / 180;

describe('groundRange_m', () => {
  it.each(Object.entries(GROUND_RANGE_ERROR_m))(
    'is within its stated error of the GeographicLib geodesic up to %s m, latitudes ±70°, any azimuth',
    (maxSeparation, bound_m) => {
      const rng = createRng(2024);
      let worst_m = 0;
      for (let i = 0; i < 4000; i++) {
        const lat_rad = (rng.uniform() * 140 - 70) * DEG;
        const lon_rad = (rng.uniform() * 360 - 180) * DEG;
        const end = geodesicDirect(
          lat_rad,
          lon_rad,
          rng.uniform() * 2 * Math.PI,
          rng.uniform() * Number(maxSeparation),
        );
        const geodesic_m = geodesicInverse(lat_rad, lon_rad, end.lat_rad, end.lon_rad).distance_m;
        worst_m = Math.max(worst_m, Math.abs(groundRange_m({ lat_rad, lon_rad }, end) - geodesic_m));
      }
      expect(worst_m).toBeLessThan(bound_m);
      // the bound is not slack by orders of magnitude (a test that could not fail would prove nothing)
      expect(worst_m).toBeGreaterThan(bound_m / 100);
    },
  );

  it('wraps the antimeridian: two points 0.001° either side of 180° are ~111 m apart, not 40,000 km', () => {
    const a = { lat_rad: 0, lon_rad: 179.9995 * DEG };
    const b = { lat_rad: 0, lon_rad: -179.9995 * DEG };
    expect(groundRange_m(a, b)).toBeCloseTo(geodesicInverse(0, a.lon_rad, 0, b.lon_rad).distance_m, 3);
  });

  it('fixes the old engine rule (spherical, cos of one latitude): it was off by ~25 m at 10 km at Al Asad', () => {
    const lat_rad = 33.79 * DEG;
    const lon_rad = 42.44 * DEG;
    let worstNew_m = 0;
    let worstOld_m = 0;
    for (let az = 0; az < 360; az += 1) {
      const end = geodesicDirect(lat_rad, lon_rad, az * DEG, 10_000);
      worstNew_m = Math.max(worstNew_m, Math.abs(groundRange_m({ lat_rad, lon_rad }, end) - 10_000));
      const old_m =
        Math.hypot(end.lat_rad - lat_rad, (end.lon_rad - lon_rad) * Math.cos(lat_rad)) * 6371008.8;
      worstOld_m = Math.max(worstOld_m, Math.abs(old_m - 10_000));
    }
    expect(worstOld_m).toBeGreaterThan(20);
    expect(worstNew_m).toBeLessThan(0.01);
  });
});

describe('isOnDisc', () => {
  const disc = { position: { lat_rad: 33.79 * DEG, lon_rad: 42.44 * DEG }, radius_m: 3000 };

  it('is true inside the radius (boundary included) and false 1 cm outside it, in every direction', () => {
    for (let az = 0; az < 360; az += 15) {
      const at = (d_m: number) => geodesicDirect(disc.position.lat_rad, disc.position.lon_rad, az * DEG, d_m);
      expect(isOnDisc(disc, at(2999.99))).toBe(true);
      expect(isOnDisc(disc, at(3000.01))).toBe(false);
      // the margin widens the disc
      expect(isOnDisc(disc, at(3999.99), 1000)).toBe(true);
      expect(isOnDisc(disc, at(4000.01), 1000)).toBe(false);
    }
  });
});
