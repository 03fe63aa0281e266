import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTerrain, type Terrain } from '../env/terrain.js';
import { radarHorizonRange_m, STANDARD_K_FACTOR } from '../geo/horizon.js';
import { WGS84_MEAN_RADIUS_m } from '../geo/wgs84.js';
import {
  antennaOnTerrain,
  prepareLineOfSight,
  radialLowestVisibleAltitude_m,
  siteTerrainMasked,
  sphericalInverse,
  terrainMasked,
} from './lineOfSight.js';

const RAD = Math.PI / 180;
const KR = STANDARD_K_FACTOR * WGS84_MEAN_RADIUS_m;
const POST_deg = 0.001;

/** A grid on the equator (so eastward great circles stay on it): lat ±0.05°, lon 0..0.5°, 0.001° posts. */
function equatorGrid(height: (lon_deg: number, lat_deg: number) => number): Terrain {
  const rows = 101;
  const cols = 501;
  const heights_m = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) heights_m[r * cols + c] = height(c * POST_deg, -0.05 + r * POST_deg);
  }
  return makeTerrain({
    source: 'equator-test',
    south_rad: -0.05 * RAD,
    west_rad: 0,
    dLat_rad: POST_deg * RAD,
    dLon_rad: POST_deg * RAD,
    rows,
    cols,
    heights_m,
  });
}

/** A 300 m plateau between 0.100° and 0.120° east (posts 100..120), 0 m elsewhere. */
const RIDGE_H_m = 300;
const ridge = equatorGrid((lon) => (lon >= 0.1 - 1e-9 && lon <= 0.12 + 1e-9 ? RIDGE_H_m : 0));
const ANTENNA_m = 10;
const antenna = { lat_rad: 0, lon_rad: 0, h_m: ANTENNA_m };
/** Ground distance from the antenna to the plateau's near edge, m. */
const EDGE_m = 0.1 * RAD * WGS84_MEAN_RADIUS_m;

/** Closed form of the lowest visible height behind the plateau: h₁ + D(H − h₁)/d_e + D(D − d_e)/(2kR). */
function ridgeShadowFloor_m(range_m: number): number {
  return ANTENNA_m + (range_m * (RIDGE_H_m - ANTENNA_m)) / EDGE_m + (range_m * (range_m - EDGE_m)) / (2 * KR);
}

describe('terrainMasked over a synthetic ridge', () => {
  it('masks a low target behind the ridge and not a high one (default sampling)', () => {
    const behind = { lat_rad: 0, lon_rad: 0.3 * RAD };
    // the floor there is 923.67 m (closed form below)
    expect(terrainMasked(ridge, antenna, { ...behind, h_m: 50 })).toBe(true);
    expect(terrainMasked(ridge, antenna, { ...behind, h_m: 1200 })).toBe(false);
    // in front of the ridge the same low target is clear
    expect(terrainMasked(ridge, antenna, { lat_rad: 0, lon_rad: 0.05 * RAD, h_m: 50 })).toBe(false);
  });

  it('puts the shadow boundary at the closed-form clearance height when a sample lands on the crest edge', () => {
    const site = prepareLineOfSight(ridge, antenna, { step_m: EDGE_m / 100 });
    const range_m = 0.3 * RAD * WGS84_MEAN_RADIUS_m;
    const floor_m = ridgeShadowFloor_m(range_m);
    // hand value: D = 33 358.3 m, d_e = 11 119.4 m → 10 + 3·290 + 33 358.3·22 238.9/(2·8 494 678) = 923.67 m
    expect(floor_m).toBeCloseTo(923.67, 1);
    const [computed_m] = radialLowestVisibleAltitude_m(site, Math.PI / 2, [range_m]);
    expect(computed_m).toBeCloseTo(floor_m, 4);
    const target = { lat_rad: 0, lon_rad: 0.3 * RAD };
    expect(siteTerrainMasked(site, { ...target, h_m: floor_m - 0.01 })).toBe(true);
    expect(siteTerrainMasked(site, { ...target, h_m: floor_m + 0.01 })).toBe(false);
  });

  it('stays within the sampling bound of the closed form at the default spacing', () => {
    const site = prepareLineOfSight(ridge, antenna);
    const range_m = 0.3 * RAD * WGS84_MEAN_RADIUS_m;
    const [computed_m] = radialLowestVisibleAltitude_m(site, Math.PI / 2, [range_m]);
    // the sample nearest the edge misses it by at most one step: the floor moves by ≤ D·(H − h₁)·step/d_e²
    const bound_m = (range_m * (RIDGE_H_m - ANTENNA_m) * site.step_m) / (EDGE_m * EDGE_m);
    expect(Math.abs(computed_m - ridgeShadowFloor_m(range_m))).toBeLessThanOrEqual(bound_m);
  });
});

describe('flat terrain', () => {
  const flat = equatorGrid(() => 0);

  it('reproduces the smooth-Earth radar horizon (radarHorizonRange_m)', () => {
    const site = prepareLineOfSight(flat, { lat_rad: 0, lon_rad: 0, h_m: 20 });
    const ranges_m = [10_000, 30_000, 40_000, 50_000];
    const floors_m = radialLowestVisibleAltitude_m(site, Math.PI / 2, ranges_m);
    const antennaHorizon_m = Math.sqrt(2 * KR * 20);
    // inside the antenna's own horizon (18.4 km) the ground itself is visible
    expect(floors_m[0]).toBeLessThanOrEqual(0);
    for (let j = 1; j < ranges_m.length; j++) {
      expect(floors_m[j]).toBeCloseTo((ranges_m[j] - antennaHorizon_m) ** 2 / (2 * KR), 2);
      expect(radarHorizonRange_m(20, floors_m[j])).toBeCloseTo(ranges_m[j], 0);
    }
  });
});

describe('siteTerrainMasked agrees with radialLowestVisibleAltitude_m', () => {
  it('masks exactly the targets at or below the radial floor (rough random DEM)', () => {
    const rough = equatorGrid(
      (lon, lat) => 200 * (1 + Math.sin(lon * 97) * Math.cos(lat * 131)) * (lon > 0.02 ? 1 : 0),
    );
    const site = prepareLineOfSight(
      rough,
      antennaOnTerrain(rough, { lat_rad: 0, lon_rad: 0.001 * RAD, h_m: 0 }, 15),
    );
    fc.assert(
      fc.property(
        fc.double({ min: 0.03, max: 0.45, noNaN: true }),
        fc.double({ min: -0.04, max: 0.04, noNaN: true }),
        fc.double({ min: -200, max: 3000, noNaN: true }),
        (lon_deg, lat_deg, h_m) => {
          const target = { lat_rad: lat_deg * RAD, lon_rad: lon_deg * RAD, h_m };
          const { azimuth_rad, angle_rad } = sphericalInverse(
            0,
            site.lon_rad,
            target.lat_rad,
            target.lon_rad,
          );
          const [floor_m] = radialLowestVisibleAltitude_m(site, azimuth_rad, [
            angle_rad * WGS84_MEAN_RADIUS_m,
          ]);
          expect(siteTerrainMasked(site, target)).toBe(h_m <= floor_m);
        },
      ),
      { numRuns: 200 },
    );
  });
});
