import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geodeticToEcef, WGS84_A_m, WGS84_E2, WGS84_GM_m3ps2, WGS84_OMEGA_radps } from '../geo/wgs84.js';
import { freeFallAccelEcef, gravitationEcef } from './gravity.js';

/** WGS84 normal gravity on the ellipsoid, Somigliana's closed form (NIMA TR8350.2 eq. 4-1 and Table 3.4). */
function somigliana_mps2(lat_rad: number): number {
  const gammaEquator = 9.7803253359;
  const k = 0.00193185265241;
  const s2 = Math.sin(lat_rad) ** 2;
  return (gammaEquator * (1 + k * s2)) / Math.sqrt(1 - WGS84_E2 * s2);
}

function magnitude(v: Readonly<Float64Array>): number {
  return Math.hypot(v[0], v[1], v[2]);
}

const AT_REST = new Float64Array(3);

describe('freeFallAccelEcef (effective gravity at rest)', () => {
  it('is 9.7803 m/s² at the equator and 9.8322 m/s² at the poles (WGS84 normal gravity) to 0.01 %', () => {
    const equator = freeFallAccelEcef(geodeticToEcef(0, 0, 0), AT_REST, new Float64Array(3));
    expect(Math.abs(magnitude(equator) / 9.7803253359 - 1)).toBeLessThan(1e-4);
    const pole = freeFallAccelEcef(geodeticToEcef(Math.PI / 2, 0, 0), AT_REST, new Float64Array(3));
    expect(Math.abs(magnitude(pole) / 9.8321849378 - 1)).toBeLessThan(1e-4);
  });

  it('matches Somigliana normal gravity at every latitude and points along the ellipsoid normal (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -Math.PI / 2, max: Math.PI / 2, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        (lat, lon) => {
          const g = freeFallAccelEcef(geodeticToEcef(lat, lon, 0), AT_REST, new Float64Array(3));
          expect(Math.abs(magnitude(g) / somigliana_mps2(lat) - 1)).toBeLessThan(1e-4);
          // geodetic up (the ellipsoid normal) and −g agree to within 1e-5 rad (deflection from omitted J4+)
          const up = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
          const cosAngle = -(g[0] * up[0] + g[1] * up[1] + g[2] * up[2]) / magnitude(g);
          expect(cosAngle).toBeGreaterThan(Math.cos(1e-5));
        },
      ),
    );
  });

  it('adds the Coriolis term −2 ω × v: an eastward 100 m/s at the equator is pushed up by 2Ω·100', () => {
    const pos = geodeticToEcef(0, 0, 0);
    const atRest = freeFallAccelEcef(pos, AT_REST, new Float64Array(3));
    const moving = freeFallAccelEcef(pos, new Float64Array([0, 100, 0]), new Float64Array(3));
    expect(moving[0] - atRest[0]).toBeCloseTo(2 * WGS84_OMEGA_radps * 100, 12);
    expect(moving[1] - atRest[1]).toBeCloseTo(0, 12);
    // vertical motion along the axis feels no Coriolis force
    const climbing = freeFallAccelEcef(pos, new Float64Array([0, 0, 100]), new Float64Array(3));
    expect(Array.from(climbing)).toEqual(Array.from(atRest));
  });

  it('allows `out` to alias the position or the velocity', () => {
    const pos = geodeticToEcef(0.6, 0.7, 1000);
    const vel = new Float64Array([10, -20, 30]);
    const expected = freeFallAccelEcef(pos, vel, new Float64Array(3));
    const posCopy = Float64Array.from(pos);
    expect(Array.from(freeFallAccelEcef(posCopy, vel, posCopy))).toEqual(Array.from(expected));
    const velCopy = Float64Array.from(vel);
    expect(Array.from(freeFallAccelEcef(pos, velCopy, velCopy))).toEqual(Array.from(expected));
  });
});

describe('gravitationEcef', () => {
  it('reduces to μ/r² far away (J2 term falls as r⁻⁴) and points at the centre', () => {
    const r_m = 42_164_000;
    const pos = new Float64Array([r_m / Math.sqrt(2), 0, r_m / Math.sqrt(2)]);
    const g = gravitationEcef(pos, new Float64Array(3));
    expect(magnitude(g) / (WGS84_GM_m3ps2 / r_m ** 2)).toBeCloseTo(1, 4);
  });

  it('is purely radial on the polar axis and in the equatorial plane, 3/2 J2 stronger than μ/a² at the equator', () => {
    const onAxis = gravitationEcef(new Float64Array([0, 0, 7e6]), new Float64Array(3));
    expect(Math.abs(onAxis[0])).toBe(0);
    expect(Math.abs(onAxis[1])).toBe(0);
    expect(onAxis[2]).toBeLessThan(0);
    const inPlane = gravitationEcef(new Float64Array([WGS84_A_m, 0, 0]), new Float64Array(3));
    expect(Math.abs(inPlane[2])).toBe(0);
    // J2 strengthens equatorial gravitation by 3/2 J2 relative to the central term
    expect(-inPlane[0] / (WGS84_GM_m3ps2 / WGS84_A_m ** 2)).toBeCloseTo(1 + 1.5 * 1.08262982e-3, 12);
  });
});
