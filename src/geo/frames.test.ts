import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Geodetic } from '../scenario/types.js';
import {
  aerToEnu,
  dcmEnuFromEcef,
  ecefToAer,
  ecefToEnu,
  enuToAer,
  enuToEcef,
  rotateEcefToEnu,
  rotateEnuToEcef,
} from './frames.js';
import { geodeticToEcef, WGS84_A_m } from './wgs84.js';

const DEG = Math.PI / 180;

function geodeticDeg(lat_deg: number, lon_deg: number, h_m: number): Geodetic {
  return { lat_rad: lat_deg * DEG, lon_rad: lon_deg * DEG, h_m };
}

const latitude = fc.double({ min: -Math.PI / 2, max: Math.PI / 2, noNaN: true });
const longitude = fc.double({ min: -Math.PI, max: Math.PI, noNaN: true });
const height = fc.double({ min: -1000, max: 100_000, noNaN: true });
const component = fc.double({ min: -2e6, max: 2e6, noNaN: true });

describe('ecefToEnu / enuToEcef', () => {
  it('reproduces GeographicLib CartConvert -l 33 44 20: 33.3 44.4 6000 → 37288.97 33374.29 5783.64', () => {
    const enu = ecefToEnu(geodeticDeg(33, 44, 20), geodeticToEcef(33.3 * DEG, 44.4 * DEG, 6000));
    // printed to 1 cm; the man page's up value (5783.64) reads as truncated rather than rounded (we get 5783.6466)
    expect(Math.abs(enu[0] - 37288.97)).toBeLessThan(0.01);
    expect(Math.abs(enu[1] - 33374.29)).toBeLessThan(0.01);
    expect(Math.abs(enu[2] - 5783.64)).toBeLessThan(0.01);
  });

  it('maps hand-computable displacements at (0°, 0°): +y is east, +z is north, +x is up', () => {
    const origin = geodeticDeg(0, 0, 0);
    expect(Array.from(ecefToEnu(origin, new Float64Array([WGS84_A_m, 1000, 0])))).toEqual([1000, 0, 0]);
    expect(Array.from(ecefToEnu(origin, new Float64Array([WGS84_A_m, 0, 1000])))).toEqual([0, 1000, 0]);
    expect(Array.from(ecefToEnu(origin, new Float64Array([WGS84_A_m + 1000, 0, 0])))).toEqual([0, 0, 1000]);
  });

  it('at the north pole (lon 0) east is +y, north is −x and up is +z', () => {
    const dcm = dcmEnuFromEcef(Math.PI / 2, 0);
    const e = rotateEcefToEnu(dcm, new Float64Array([0, 1, 0]), new Float64Array(3));
    const n = rotateEcefToEnu(dcm, new Float64Array([-1, 0, 0]), new Float64Array(3));
    const u = rotateEcefToEnu(dcm, new Float64Array([0, 0, 1]), new Float64Array(3));
    expect(e[0]).toBeCloseTo(1, 15);
    expect(n[1]).toBeCloseTo(1, 15);
    expect(u[2]).toBeCloseTo(1, 15);
  });

  it('are inverse to each other (property, 1e-6 m)', () => {
    fc.assert(
      fc.property(latitude, longitude, height, component, component, component, (lat, lon, h, e, n, u) => {
        const observer = { lat_rad: lat, lon_rad: lon, h_m: h };
        const enu = new Float64Array([e, n, u]);
        const back = ecefToEnu(observer, enuToEcef(observer, enu));
        expect(Math.hypot(back[0] - e, back[1] - n, back[2] - u)).toBeLessThan(1e-6);
      }),
    );
  });

  it('allow `out` to alias the input vector', () => {
    const observer = geodeticDeg(33, 44, 20);
    const target = geodeticToEcef(33.3 * DEG, 44.4 * DEG, 6000);
    const expected = ecefToEnu(observer, target);
    const aliased = Float64Array.from(target);
    expect(ecefToEnu(observer, aliased, aliased)).toBe(aliased);
    expect(Array.from(aliased)).toEqual(Array.from(expected));
    expect(enuToEcef(observer, aliased, aliased)).toBe(aliased);
    expect(Math.hypot(aliased[0] - target[0], aliased[1] - target[1], aliased[2] - target[2])).toBeLessThan(
      1e-8,
    );
  });
});

describe('dcmEnuFromEcef', () => {
  it('is a proper rotation (orthonormal rows, determinant +1) and rotateEnuToEcef is its transpose', () => {
    fc.assert(
      fc.property(latitude, longitude, component, component, component, (lat, lon, x, y, z) => {
        const d = dcmEnuFromEcef(lat, lon);
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 3; j++) {
            const dotIJ = d[3 * i] * d[3 * j] + d[3 * i + 1] * d[3 * j + 1] + d[3 * i + 2] * d[3 * j + 2];
            expect(dotIJ).toBeCloseTo(i === j ? 1 : 0, 14);
          }
        }
        const det =
          d[0] * (d[4] * d[8] - d[5] * d[7]) -
          d[1] * (d[3] * d[8] - d[5] * d[6]) +
          d[2] * (d[3] * d[7] - d[4] * d[6]);
        expect(det).toBeCloseTo(1, 14);
        const v = new Float64Array([x, y, z]);
        const back = rotateEnuToEcef(d, rotateEcefToEnu(d, v, new Float64Array(3)), new Float64Array(3));
        expect(Math.hypot(back[0] - x, back[1] - y, back[2] - z)).toBeLessThan(1e-8);
      }),
    );
  });

  it('writes into `out`, and the rotations allow aliasing', () => {
    const out = new Float64Array(9);
    expect(dcmEnuFromEcef(0.3, 0.4, out)).toBe(out);
    const v = new Float64Array([1, 2, 3]);
    const expected = rotateEcefToEnu(out, v, new Float64Array(3));
    expect(Array.from(rotateEcefToEnu(out, v, v))).toEqual(Array.from(expected));
    const w = Float64Array.from(expected);
    expect(Array.from(rotateEnuToEcef(out, w, w))).toEqual(
      Array.from(rotateEnuToEcef(out, expected, new Float64Array(3))),
    );
  });
});

describe('ecefToAer / enuToAer / aerToEnu', () => {
  it('reproduces MATLAB geodetic2aer: Matterhorn from Zermatt → az 238.08°, elev 18.744°, range 8876.8 m', () => {
    const zermatt = geodeticDeg(46.017, 7.75, 1673);
    const aer = ecefToAer(zermatt, geodeticToEcef(45.977 * DEG, 7.658 * DEG, 4531));
    expect(aer.azimuth_rad / DEG).toBeCloseTo(238.08, 2);
    expect(aer.elevation_rad / DEG).toBeCloseTo(18.744, 3);
    expect(Math.abs(aer.range_m - 8876.8)).toBeLessThan(0.05);
  });

  it('reproduces MATLAB ecef2aer: satellite from a dish at 42.3221°, −71.3576°, 84.7 m → az 24.8012°, elev 14.6185°, 3.6272e7 m', () => {
    const dish = geodeticDeg(42.3221, -71.3576, 84.7);
    const aer = ecefToAer(dish, new Float64Array([10766080.3, 14143607.0, 33992388.0]));
    expect(aer.azimuth_rad / DEG).toBeCloseTo(24.8012, 4);
    expect(aer.elevation_rad / DEG).toBeCloseTo(14.6185, 4);
    expect(Math.abs(aer.range_m - 3.6272e7)).toBeLessThan(5e3);
  });

  it('measures azimuth clockwise from north in [0, 2π)', () => {
    const cases: [number, number, number][] = [
      [0, 1, 0],
      [1, 1, 45],
      [1, 0, 90],
      [0, -1, 180],
      [-1, 0, 270],
      [-1, 1, 315],
    ];
    for (const [e, n, az_deg] of cases) {
      expect(enuToAer(new Float64Array([e, n, 0])).azimuth_rad).toBeCloseTo(az_deg * DEG, 14);
    }
    // a hair west of north wraps to just below 2π, never to 2π itself; −0 east gives +0
    const nearlyNorth = enuToAer(new Float64Array([-1e-300, 1, 0])).azimuth_rad;
    expect(nearlyNorth >= 0 && nearlyNorth < 2 * Math.PI).toBe(true);
    expect(Object.is(enuToAer(new Float64Array([-0, 1, 0])).azimuth_rad, 0)).toBe(true);
  });

  it('gives elevation ±90° straight up/down and the Euclidean range', () => {
    const up = enuToAer(new Float64Array([0, 0, 5]));
    expect(up.elevation_rad).toBe(Math.PI / 2);
    expect(up.range_m).toBe(5);
    expect(enuToAer(new Float64Array([0, 0, -5])).elevation_rad).toBe(-Math.PI / 2);
    expect(enuToAer(new Float64Array([3, 4, 0])).range_m).toBe(5);
  });

  it('round-trips AER → ENU → AER (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2 * Math.PI, maxExcluded: true, noNaN: true }),
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        (azimuth_rad, elevation_rad, range_m) => {
          const aer = enuToAer(aerToEnu({ azimuth_rad, elevation_rad, range_m }));
          const dAz = Math.abs(aer.azimuth_rad - azimuth_rad);
          expect(Math.min(dAz, 2 * Math.PI - dAz)).toBeLessThan(1e-9);
          expect(aer.elevation_rad).toBeCloseTo(elevation_rad, 12);
          expect(aer.range_m / range_m).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('aerToEnu writes into `out`', () => {
    const out = new Float64Array(3);
    expect(aerToEnu({ azimuth_rad: Math.PI / 2, elevation_rad: 0, range_m: 10 }, out)).toBe(out);
    expect(out[0]).toBeCloseTo(10, 14);
    expect(out[1]).toBeCloseTo(0, 14);
  });
});
