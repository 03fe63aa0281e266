import { describe, expect, it } from 'vitest';
import { makeTerrain } from '../env/terrain.js';
import { STANDARD_K_FACTOR } from '../geo/horizon.js';
import { WGS84_MEAN_RADIUS_m } from '../geo/wgs84.js';
import type { Radar } from '../scenario/types.js';
import { lowestVisibleHeight_m, lowestVisibleHeightGrid } from './terrainCoverage.js';

const RAD = Math.PI / 180;
const KR = STANDARD_K_FACTOR * WGS84_MEAN_RADIUS_m;
const rows = 21;
const cols = 501;
/** Equator grid 0..0.5° E, 300 m plateau from 0.100° to 0.120° E. */
const heights = new Float32Array(rows * cols);
for (let r = 0; r < rows; r++) for (let c = 100; c <= 120; c++) heights[r * cols + c] = 300;
const terrain = makeTerrain({
  source: 'test',
  south_rad: -0.01 * RAD,
  west_rad: 0,
  dLat_rad: 0.001 * RAD,
  dLon_rad: 0.001 * RAD,
  rows,
  cols,
  heights_m: heights,
});
const radar = {
  id: 'r',
  position: { lat_rad: 0, lon_rad: 0, h_m: 0 },
  type: { antennaHeight_m: 10 },
} as Radar;

describe('lowestVisibleHeight_m', () => {
  it('is the ground in front of the ridge, the closed-form shadow floor behind it', () => {
    const front = lowestVisibleHeight_m({
      radar,
      terrain,
      azimuthFromNorthCw_rad: Math.PI / 2,
      groundRange_m: 5000,
    });
    expect(front).toEqual({ aboveEllipsoid_m: 0, aboveGround_m: 0, limitedBy: 'ground' });
    const edge_m = 0.1 * RAD * WGS84_MEAN_RADIUS_m;
    const range_m = 0.3 * RAD * WGS84_MEAN_RADIUS_m;
    const behind = lowestVisibleHeight_m({
      radar,
      terrain,
      azimuthFromNorthCw_rad: Math.PI / 2,
      groundRange_m: range_m,
    });
    expect(behind.limitedBy).toBe('terrain');
    const closed_m = 10 + (range_m * 290) / edge_m + (range_m * (range_m - edge_m)) / (2 * KR);
    expect(Math.abs(behind.aboveEllipsoid_m - closed_m)).toBeLessThan(6);
    expect(behind.aboveGround_m).toBeCloseTo(behind.aboveEllipsoid_m, 9);
  });

  it('falls back to the smooth-Earth horizon where no terrain blocks (north, off the ridge)', () => {
    const range_m = 40_000;
    const floor = lowestVisibleHeight_m({
      radar,
      terrain,
      azimuthFromNorthCw_rad: 0,
      groundRange_m: range_m,
    });
    expect(floor.aboveEllipsoid_m).toBeCloseTo((range_m - Math.sqrt(2 * KR * 10)) ** 2 / (2 * KR), 1);
  });

  it('gives the same floors on the polar grid as point by point', () => {
    const ranges_m = [5000, 20_000, 33_000];
    const grid = lowestVisibleHeightGrid(radar, terrain, [Math.PI / 2, 0], ranges_m);
    ranges_m.forEach((groundRange_m, j) => {
      const point = lowestVisibleHeight_m({
        radar,
        terrain,
        azimuthFromNorthCw_rad: Math.PI / 2,
        groundRange_m,
      });
      expect(grid.cells[0][j]).toEqual(point);
    });
  });
});
