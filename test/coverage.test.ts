/**
 * Coverage maps, defended footprints, radar coverage and battery placement on small notional scenarios built from
 * the docs/domain.md §1.8 sites (Al Asad, Union III) and the Kermanshah launch area.
 */
import { describe, expect, it } from 'vitest';
import { assetCoverage, coverageMap } from '../src/analysis/coverage.js';
import { radarCoverageAt } from '../src/analysis/coverageRadar.js';
import {
  defendedFootprint,
  type LinearRing,
  ringContains,
  ringSignedArea2,
  traceCellUnion,
} from '../src/analysis/footprint.js';
import { evaluateLayout, optimizePlacement } from '../src/analysis/placement.js';
import { nominalPk } from '../src/c2/battery.js';
import { geodesicDirect } from '../src/geo/geodesic.js';
import { parseScenario } from '../src/scenario/load.js';
import type { Geodetic } from '../src/scenario/types.js';

const RAD = Math.PI / 180;

function assertNever(): never {
  throw new Error('expected a SAM battery');
}

/** A one- or two-asset scenario: batteries given as YAML unit lines, a 2-round SRBM raid at each asset. */
function scenario(units: string, assets: 'asad' | 'asad+union' = 'asad'): ReturnType<typeof parseScenario> {
  const union = assets === 'asad+union';
  return parseScenario(
    `
name: coverage test
seed: 3
start: 2020-01-08T01:30:00+03:00
duration: 30min
assets:
  - { id: al-asad, lat: 33.79, lon: 42.44, alt: 188m, radius: 3km, value: 10 }
${union ? '  - { id: union-iii, lat: 33.30, lon: 44.40, radius: 1km, value: 10 }' : ''}
units:
${units}
threats:
  - { raid: asad, type: notional-srbm-500km, from: { lat: 34.31, lon: 47.07 }, target: al-asad, count: 2, at: "+2min", interval: 20s }
${union ? '  - { raid: union, type: notional-srbm-300km, from: { lat: 34.31, lon: 47.07 }, target: union-iii, count: 2, at: "+2min", interval: 20s }' : ''}
`,
    'coverage-test.yaml',
  );
}

const battery = (id: string, lat: number, lon: number, sector_deg: number) =>
  `  - { id: ${id}, kind: sam-battery, at: { lat: ${lat}, lon: ${lon} }, radar: { type: notional-mfr, sectorCenter: ${sector_deg}deg }, launchers: [{ count: 6, interceptor: notional-pac2-gem, capacity: 4 }] }`;

/** Every position of a collection is [lon, lat] in range and every ring is closed, exterior CCW, holes CW. */
function expectRfc7946Polygons(collection: {
  features: { geometry: { type: string; coordinates: LinearRing[] } }[];
}) {
  for (const f of collection.features) {
    expect(f.geometry.type).toBe('Polygon');
    f.geometry.coordinates.forEach((ring, k) => {
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      for (const [lon, lat] of ring) {
        expect(Math.abs(lon)).toBeLessThanOrEqual(180);
        expect(Math.abs(lat)).toBeLessThanOrEqual(90);
      }
      // right-hand rule: exterior counter-clockwise (positive area), holes clockwise
      if (k === 0) expect(ringSignedArea2(ring)).toBeGreaterThan(0);
      else expect(ringSignedArea2(ring)).toBeLessThan(0);
    });
  }
}

describe('defended footprint', () => {
  it('traces a cell union with a hole and a corner-touching cell as separate, correctly wound rings', () => {
    // 5 × 5: a ring of cells around an empty centre, plus a cell touching the ring only at a corner
    const rows = 6;
    const cols = 6;
    const inside = new Array<boolean>(rows * cols).fill(false);
    for (let r = 0; r < 5; r++)
      for (let c = 0; c < 5; c++) inside[r * cols + c] = r === 0 || r === 4 || c === 0 || c === 4;
    inside[5 * cols + 5] = true;
    const rings = traceCellUnion(inside, rows, cols).map((corners) => {
      const ring = corners.map(([i, j]) => [j, i] as [number, number]);
      return [...ring, ring[0]];
    });
    const areas = rings.map((r) => ringSignedArea2(r) / 2).sort((a, b) => a - b);
    // the hole (3 × 3, clockwise), the single cell and the 5 × 5 outline (counter-clockwise)
    expect(areas).toEqual([-9, 1, 25]);
  });

  it('is valid RFC 7946 GeoJSON and contains the asset defended by a battery at it', () => {
    const s = scenario(battery('pat', 33.79, 42.44, 81));
    const map = coverageMap(s, { grid_m: 4000, extent_m: 60_000 });
    const footprint = defendedFootprint(map, 0.5);
    expect(footprint.type).toBe('FeatureCollection');
    expect(footprint.features.length).toBeGreaterThan(0);
    expectRfc7946Polygons(footprint);
    const asad: [number, number] = [42.44, 33.79];
    expect(footprint.features.some((f) => ringContains(f.geometry.coordinates[0], asad))).toBe(true);
  });
});

describe('coverage', () => {
  it('a battery at the asset covers it and a battery 300 km away does not', () => {
    const far = geodesicDirect(33.79 * RAD, 42.44 * RAD, 0, 300_000);
    const near = assetCoverage(scenario(battery('pat', 33.79, 42.44, 81)));
    const away = assetCoverage(scenario(battery('pat', far.lat_rad / RAD, far.lon_rad / RAD, 81)));
    expect(near[0].pkCenter).toBeGreaterThanOrEqual(0.5);
    expect(near[0].areaDefended).toBe(1);
    expect(away[0].pkCenter).toBe(0);
    expect(away[0].areaDefended).toBe(0);
  });

  it('radar coverage and the footprint shrink when the sector faces away from the threat axis', () => {
    const toward = scenario(battery('pat', 33.79, 42.44, 81));
    const away = scenario(battery('pat', 33.79, 42.44, 261));
    const radarToward = radarCoverageAt(toward, 5000, 0.1);
    const radarAway = radarCoverageAt(away, 5000, 0.1);
    expectRfc7946Polygons(radarToward);
    // a point 50 km out on the threat axis (81°)
    const onAxis = geodesicDirect(33.79 * RAD, 42.44 * RAD, 81 * RAD, 50_000);
    const probe: [number, number] = [onAxis.lon_rad / RAD, onAxis.lat_rad / RAD];
    expect(ringContains(radarToward.features[0].geometry.coordinates[0], probe)).toBe(true);
    expect(ringContains(radarAway.features[0].geometry.coordinates[0], probe)).toBe(false);
    const area = (s: typeof toward) =>
      defendedFootprint(coverageMap(s, { grid_m: 5000, extent_m: 50_000 })).features.reduce(
        (sum, f) => sum + f.properties.area_km2,
        0,
      );
    expect(area(toward)).toBeGreaterThan(1000);
    expect(area(away)).toBe(0);
  });
});

describe('placement', () => {
  // Al Asad and Union III are 189 km apart (docs/domain.md §1.9), far beyond a 25 km intercept range: two batteries at
  // Al Asad defend only Al Asad, one at each base defends both. That is the geometric optimum.
  const s = scenario(
    [battery('west', 33.79, 42.44, 81), battery('east', 33.79, 42.44, 81)].join('\n'),
    'asad+union',
  );
  const asad: Geodetic = { lat_rad: 33.79 * RAD, lon_rad: 42.44 * RAD, h_m: 188 };
  const union: Geodetic = { lat_rad: 33.3 * RAD, lon_rad: 44.4 * RAD, h_m: 0 };
  const middle = geodesicDirect(asad.lat_rad, asad.lon_rad, 106 * RAD, 94_500);
  const candidates: Geodetic[] = [asad, { lat_rad: middle.lat_rad, lon_rad: middle.lon_rad, h_m: 0 }, union];
  const options = { batteries: 2, candidates, seed: 7, runs: 0, iterations: 50 };

  it('beats the naive layout (both batteries at the first asset) by putting one at each asset', () => {
    const result = optimizePlacement(s, options);
    const sites = result.best.placements.map((p) => candidates.indexOf(p.position)).sort();
    expect(sites).toEqual([0, 2]);
    const naive = evaluateLayout(
      s,
      [
        { unitId: 'west', position: asad, sectorCenter_rad: 81 * RAD },
        { unitId: 'east', position: asad, sectorCenter_rad: 81 * RAD },
      ],
      options,
    );
    expect(result.best.objective).toBeGreaterThan(naive.objective + 1);
    // the optimum saves most of what a 2-round salvo can save at both bases: the ceiling (every threat killed) times
    // the salvo's kill probability 1 − (1 − Pk)², Pk the planner's blast-fragmentation Pk against a re-entry body
    const pk = nominalPk(
      s.units[0].kind === 'sam-battery' ? s.units[0].launchers[0].interceptor : assertNever(),
    );
    expect(result.best.objective).toBeGreaterThan(0.8 * result.objectiveCeiling * (1 - (1 - pk) ** 2));
  });

  it('is deterministic: the same seed gives the same layout and ranking', () => {
    const a = optimizePlacement(s, { ...options, candidates: 'grid', candidateGrid_m: 20_000 });
    const b = optimizePlacement(s, { ...options, candidates: 'grid', candidateGrid_m: 20_000 });
    expect(JSON.stringify(b.ranking)).toBe(JSON.stringify(a.ranking));
  });

  it('confirms a layout with Monte Carlo runs of the full engine', () => {
    const layout = evaluateLayout(
      s,
      [
        { unitId: 'west', position: asad, sectorCenter_rad: 81 * RAD },
        { unitId: 'east', position: union, sectorCenter_rad: 65 * RAD },
      ],
      { ...options, runs: 3 },
    );
    const mc = layout.monteCarlo!;
    expect(mc.runs).toBe(3);
    expect(mc.valueSaved.mean).toBeGreaterThan(0);
    expect(mc.pra.lo).toBeLessThanOrEqual(mc.pra.p);
    expect(mc.pra.hi).toBeGreaterThanOrEqual(mc.pra.p);
  });
});
