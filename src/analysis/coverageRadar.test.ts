/**
 * Radar coverage maps over terrain: the shadow behind the synthetic ridge against the closed-form floor of
 * `lowestVisibleHeight_m`, no shadow without the DEM, and the smooth-Earth map pinned to its output before terrain.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { geodesicDirect } from '../geo/geodesic.js';
import { packageRoot } from '../scenario/catalog.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { radarLineOfSight } from '../sensors/lineOfSight.js';
import { radarCoverageAt, radarDetectableIntervals, terrainVisibleIntervals } from './coverageRadar.js';
import { ringContains, traceCellUnion } from './footprint.js';
import { lowestVisibleHeight_m } from './terrainCoverage.js';

const RAD = Math.PI / 180;
const ridgeFile = join(packageRoot(), 'test', 'terrain', 'ridge-cruise.yaml');
const EAST_rad = 90 * RAD;
const ALTITUDE_m = 300;

/** Whether a point at `range_m` east of the scenario's radar lies in some coverage polygon. */
function covered(scenario: Scenario, map: ReturnType<typeof radarCoverageAt>, range_m: number): boolean {
  const p = scenario.units[0].radar.position;
  const q = geodesicDirect(p.lat_rad, p.lon_rad, EAST_rad, range_m);
  const point: [number, number] = [q.lon_rad / RAD, q.lat_rad / RAD];
  return map.features.some(
    (f) =>
      ringContains(f.geometry.coordinates[0], point) &&
      !f.geometry.coordinates.slice(1).some((h) => ringContains(h, point)),
  );
}

describe('radar coverage over the synthetic ridge (300 m target, east of the radar)', () => {
  const scenario = loadScenario(ridgeFile);
  const radar = scenario.units[0].radar;
  const terrain = scenario.terrain!;
  const site = radarLineOfSight(radar, terrain);
  // closed form: the range where the terrain floor behind the ridge rises through the target height
  const floorAt = (range_m: number) =>
    lowestVisibleHeight_m({ radar, terrain, azimuthFromNorthCw_rad: EAST_rad, groundRange_m: range_m })
      .aboveEllipsoid_m;
  let lo_m = 9500;
  let hi_m = 20_000;
  for (let i = 0; i < 50; i++) {
    const mid_m = 0.5 * (lo_m + hi_m);
    if (floorAt(mid_m) < ALTITUDE_m) lo_m = mid_m;
    else hi_m = mid_m;
  }
  const shadowEdge_m = lo_m;

  it('the shadow begins where the closed-form floor reaches the target height (≈ 11 km)', () => {
    expect(shadowEdge_m).toBeGreaterThan(10_000);
    expect(shadowEdge_m).toBeLessThan(12_000);
    expect(floorAt(shadowEdge_m - 200)).toBeLessThan(ALTITUDE_m);
    const visible = terrainVisibleIntervals(site, EAST_rad, ALTITUDE_m, 60_000);
    expect(visible[0].near_m).toBe(0);
    expect(visible[0].far_m).toBeCloseTo(shadowEdge_m, 0);
    const detectable = radarDetectableIntervals(radar, EAST_rad, ALTITUDE_m, 0.1, site);
    expect(detectable[0].far_m).toBeCloseTo(shadowEdge_m, 0);
  });

  it('at 100 m the target is lost on the front flank where the closed-form floor (ground, then terrain) reaches it', () => {
    const floor100 = (range_m: number) =>
      lowestVisibleHeight_m({ radar, terrain, azimuthFromNorthCw_rad: EAST_rad, groundRange_m: range_m })
        .aboveEllipsoid_m;
    let a_m = 5000;
    let b_m = 9150;
    for (let i = 0; i < 50; i++) {
      const mid_m = 0.5 * (a_m + b_m);
      if (floor100(mid_m) < 100) a_m = mid_m;
      else b_m = mid_m;
    }
    // the front flank rises from 0 m at 45.130° E to 250 m at 45.146° E: 100 m at ≈ 8.23 km
    expect(a_m).toBeGreaterThan(8100);
    expect(a_m).toBeLessThan(8400);
    const detectable = radarDetectableIntervals(radar, EAST_rad, 100, 0.1, site);
    expect(detectable).toHaveLength(1);
    expect(detectable[0].far_m).toBeCloseTo(a_m, 0);
  });

  it('the map has the shadow behind the ridge; without the DEM the same points are covered', () => {
    const withTerrain = radarCoverageAt(scenario, ALTITUDE_m, 0.1);
    const { terrain: _dropped, ...rest } = scenario;
    const smooth = radarCoverageAt(rest as Scenario, ALTITUDE_m, 0.1);
    // smooth Earth: one interval out to tens of km, so the whole radial is covered
    const smoothIntervals = radarDetectableIntervals(radar, EAST_rad, ALTITUDE_m, 0.1);
    expect(smoothIntervals).toHaveLength(1);
    expect(smoothIntervals[0].far_m).toBeGreaterThan(40_000);
    for (const r_m of [5000, shadowEdge_m - 500, shadowEdge_m + 500, 20_000, 35_000]) {
      expect(covered(rest as Scenario, smooth, r_m)).toBe(true);
    }
    expect(covered(scenario, withTerrain, 5000)).toBe(true);
    expect(covered(scenario, withTerrain, shadowEdge_m - 500)).toBe(true);
    expect(covered(scenario, withTerrain, shadowEdge_m + 500)).toBe(false);
    expect(covered(scenario, withTerrain, 20_000)).toBe(false);
    const props = withTerrain.features[0].properties;
    expect(props.terrainShadow_km2).toBeGreaterThan(1000);
    expect(smooth.features[0].properties.terrainShadow_km2).toBeUndefined();
  });
});

describe('radar coverage without terrain', () => {
  it('is byte-identical to the smooth-Earth map before terrain support (Al Asad, 5 km, 0.1 m²)', () => {
    const scenario = loadScenario(join(packageRoot(), 'scenarios', 'al-asad-2020.yaml'));
    const text = JSON.stringify(radarCoverageAt(scenario, 5000, 0.1));
    // sha256 of `aspis coverage scenarios/al-asad-2020.yaml` radar.geojson at commit 373fa63
    expect(createHash('sha256').update(text).digest('hex')).toBe(
      'fcd146533008a6710eac50311ff1a67b3ea90340c47f23b41c37e0f67b94dec6',
    );
  });
});

describe('traceCellUnion on a cylinder', () => {
  it('closes an annulus of azimuth cells into two loops with no seam', () => {
    const cols = 8;
    const rows = 4;
    // rows 1 and 2 inside all the way round
    const inside = Array.from(
      { length: rows * cols },
      (_, k) => Math.floor(k / cols) === 1 || Math.floor(k / cols) === 2,
    );
    const rings = traceCellUnion(inside, rows, cols, true, true);
    expect(rings).toHaveLength(2);
    for (const ring of rings) {
      // every corner of the loop kept (a polar map draws them as an arc), all on one row line
      expect(ring).toHaveLength(cols);
      expect(new Set(ring.map(([r]) => r)).size).toBe(1);
      expect(ring.every(([, j]) => j >= 0 && j < cols)).toBe(true);
    }
    expect(new Set(rings.map((r) => r[0][0]))).toEqual(new Set([1, 3]));
    // the plain grid has one ring with seams at the first and last column
    expect(traceCellUnion(inside, rows, cols)).toHaveLength(1);
  });
});
