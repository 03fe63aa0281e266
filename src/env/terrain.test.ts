import { describe, expect, it } from 'vitest';
import { makeTerrain, TERRAIN_FALLBACK_HEIGHT_m, terrainHeight_m, terrainSpacing_m } from './terrain.js';

const RAD = Math.PI / 180;

/** 3×3 posts, 0.1° apart, south-west post at 33°N 44°E. Heights row-major from the south-west. */
const grid = makeTerrain({
  source: 'test',
  south_rad: 33 * RAD,
  west_rad: 44 * RAD,
  dLat_rad: 0.1 * RAD,
  dLon_rad: 0.1 * RAD,
  rows: 3,
  cols: 3,
  heights_m: [0, 100, 200, 300, 400, 500, 600, 700, Number.NaN],
});

describe('terrainHeight_m', () => {
  it('returns the post heights at the posts', () => {
    expect(terrainHeight_m(grid, 33 * RAD, 44 * RAD)).toBeCloseTo(0, 9);
    expect(terrainHeight_m(grid, 33.1 * RAD, 44.2 * RAD)).toBeCloseTo(500, 3);
    expect(terrainHeight_m(grid, 33.2 * RAD, 44.1 * RAD)).toBeCloseTo(700, 3);
  });

  it('interpolates bilinearly inside a cell (hand value at the cell centre = mean of its four posts)', () => {
    // cell (0,0): posts 0, 100, 300, 400 → 200 at the centre; at (¼, ¾) of the cell: 0.25·100 + 0.75·300 = 250
    expect(terrainHeight_m(grid, 33.05 * RAD, 44.05 * RAD)).toBeCloseTo(200, 3);
    expect(terrainHeight_m(grid, 33.075 * RAD, 44.025 * RAD)).toBeCloseTo(250, 3);
  });

  it('stores NaN posts as the fallback and answers the fallback outside the grid or without terrain', () => {
    expect(grid.heights_m[8]).toBe(TERRAIN_FALLBACK_HEIGHT_m);
    expect(terrainHeight_m(grid, 32.99 * RAD, 44.1 * RAD)).toBe(0);
    expect(terrainHeight_m(grid, 33.1 * RAD, 44.21 * RAD)).toBe(0);
    expect(terrainHeight_m(undefined, 33.1 * RAD, 44.1 * RAD)).toBe(0);
  });

  it('reads a grid that straddles the antimeridian', () => {
    const dateline = makeTerrain({
      source: 'dateline',
      south_rad: 0,
      west_rad: 179.9 * RAD,
      dLat_rad: 0.1 * RAD,
      dLon_rad: 0.1 * RAD,
      rows: 2,
      cols: 3,
      heights_m: [10, 20, 30, 10, 20, 30],
    });
    expect(terrainHeight_m(dateline, 0.05 * RAD, -179.95 * RAD)).toBeCloseTo(25, 3);
  });

  it('rejects degenerate grids with a RangeError naming the field', () => {
    const base = {
      source: 'bad',
      south_rad: 0,
      west_rad: 0,
      dLat_rad: 0.01,
      dLon_rad: 0.01,
      rows: 2,
      cols: 2,
    };
    expect(() => makeTerrain({ ...base, heights_m: [1, 2, 3] })).toThrow(/heights_m/);
    expect(() => makeTerrain({ ...base, rows: 1, heights_m: [1, 2] })).toThrow(/rows/);
    expect(() => makeTerrain({ ...base, dLon_rad: 0, heights_m: [1, 2, 3, 4] })).toThrow(/dLon_rad/);
    expect(() => makeTerrain({ ...base, south_rad: 1.6, heights_m: [1, 2, 3, 4] })).toThrow(/latitude/);
  });
});

describe('terrainSpacing_m', () => {
  it('is the east-west post spacing at the poleward edge when that is the smaller', () => {
    const radius_m = 6371000;
    const expected_m = 0.1 * RAD * radius_m * Math.cos(33.2 * RAD);
    expect(terrainSpacing_m(grid, radius_m)).toBeCloseTo(expected_m, 6);
  });
});
