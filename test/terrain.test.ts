import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terrainHeight_m } from '../src/env/terrain.js';
import { STANDARD_K_FACTOR } from '../src/geo/horizon.js';
import { ecefToGeodetic, WGS84_MEAN_RADIUS_m } from '../src/geo/wgs84.js';
import { createRng } from '../src/math/rng.js';
import { loadScenario, parseScenario } from '../src/scenario/load.js';
import { runScenario } from '../src/sim/engine.js';
import { createThreatModels } from '../src/threats/registry.js';
import { cli } from './support/cli.js';

const SCENARIO = 'test/terrain/ridge-cruise.yaml';
const RAD = Math.PI / 180;
const KR = STANDARD_K_FACTOR * WGS84_MEAN_RADIUS_m;
/** Ground distance east of the radar (31.1° N 45.05° E) to a longitude on its parallel, m. */
const east_m = (lon_deg: number) => (lon_deg - 45.05) * RAD * WGS84_MEAN_RADIUS_m * Math.cos(31.1 * RAD);

describe('terrain masking in a run (synthetic ridge)', () => {
  it('first detects the cruise missile only after it clears the ridge shadow; at the smooth-Earth horizon without terrain', () => {
    const scenario = loadScenario(SCENARIO);
    expect(scenario.terrain?.rows).toBe(101);
    const first = (s: typeof scenario) =>
      runScenario(s).events.find((e) => e.type === 'sensor.firstDetection') as
        | { range_m: number }
        | undefined;
    // by hand: antenna 4 m; plateau 250 m from d_e = 9140 m to 9902 m, flank 250 m over 1523 m (slope 0.1642)
    const antenna_m = 4;
    const nearEdge_m = east_m(45.146);
    const farEdge_m = east_m(45.154);
    const flankSlope = 250 / (east_m(45.17) - farEdge_m);
    // shadow floor h₁ + D(H − h₁)/d_e + D(D − d_e)/(2kR); the missile (terrain + 50 m) rises above it on the far flank
    const floor = (d: number) =>
      antenna_m + (d * (250 - antenna_m)) / nearEdge_m + (d * (d - nearEdge_m)) / (2 * KR);
    const floorSlope = (250 - antenna_m) / nearEdge_m + (2 * farEdge_m - nearEdge_m) / (2 * KR);
    const visible_m = farEdge_m + (300 - floor(farEdge_m)) / (flankSlope + floorSlope);
    expect(visible_m).toBeCloseTo(10054, -1);
    // one 1 s scan at 222 m/s after the shadow edge at most
    const withTerrain = first(scenario);
    expect(withTerrain?.range_m).toBeLessThanOrEqual(visible_m + 5);
    expect(withTerrain?.range_m).toBeGreaterThan(visible_m - 230);
    // smooth Earth: √(2kR·4) + √(2kR·50) = 37.39 km
    const horizon_m = Math.sqrt(2 * KR * antenna_m) + Math.sqrt(2 * KR * 50);
    const smooth = first({ ...scenario, terrain: undefined });
    expect(smooth?.range_m).toBeLessThanOrEqual(horizon_m);
    expect(smooth?.range_m).toBeGreaterThan(horizon_m - 230);
  });

  it('flies the cruise missile at its commanded 50 m above the DEM over the ridge', () => {
    const scenario = loadScenario(SCENARIO);
    const launch = scenario.threats[0];
    const type = scenario.threatTypes[launch.typeId];
    const trajectory = createThreatModels({ terrain: scenario.terrain }).fly(launch, type, createRng(1));
    let samples = 0;
    for (let i = 0; i < trajectory.times_s.length; i++) {
      const p = ecefToGeodetic(trajectory.pos_ecef.subarray(3 * i, 3 * i + 3));
      const lon_deg = p.lon_rad / RAD;
      if (lon_deg < 45.12 || lon_deg > 45.18) continue;
      samples++;
      // the flanks (9.3°) are below the 10° slope limit, so the envelope is the terrain itself, up to the chord
      // between ground samples (half a post, 95 m) across the feet and shoulders: slope·95/4 = 3.9 m at most
      const agl_m = p.h_m - terrainHeight_m(scenario.terrain, p.lat_rad, p.lon_rad);
      expect(Math.abs(agl_m - 50)).toBeLessThanOrEqual((0.1642 * 95) / 4);
    }
    expect(samples).toBeGreaterThan(20);
  });
});

describe('terrain scenario field', () => {
  const base = readFileSync(SCENARIO, 'utf8');

  it('names terrain.dem in the error when the DEM is missing or not a DEM', () => {
    const missing = base.replace(/terrain: .*/, 'terrain: { dem: no-such.tif }');
    expect(() => parseScenario(missing, 'x.yaml', { baseDir: 'test/terrain' })).toThrow(
      /E_TERRAIN_FILE terrain\.dem: cannot read DEM .*no-such\.tif.*file not found/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'aspis-terrain-'));
    writeFileSync(join(dir, 'bad.tif'), 'not a tiff');
    const bad = base.replace(/terrain: .*/, 'terrain: { dem: bad.tif }');
    expect(() => parseScenario(bad, 'x.yaml', { baseDir: dir })).toThrow(
      /E_TERRAIN_FILE terrain\.dem: .*not a readable TIFF/,
    );
    const wrongType = base.replace(/terrain: .*/, 'terrain: { dem: 42 }');
    expect(() => parseScenario(wrongType, 'x.yaml')).toThrow(/E_SCENARIO_FIELD terrain\.dem/);
    const extra = base.replace(/terrain: .*/, 'terrain: { dem: a.tif, k: 1 }');
    expect(() => parseScenario(extra, 'x.yaml')).toThrow(/E_SCENARIO_FIELD terrain/);
  });

  it('compiles without terrain to an object with no terrain key', () => {
    const smooth = parseScenario(base.replace(/terrain: .*\n/, ''), 'x.yaml');
    expect('terrain' in smooth).toBe(false);
  });
});

describe('aspis masking', () => {
  it('prints the lowest visible AGL table and writes the SVG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aspis-masking-'));
    const out = join(dir, 'mask.svg');
    const result = await cli('masking', SCENARIO, '--range', '30km', '--out', out);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/radar-west/);
    expect(result.out).toMatch(/90°/);
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    const geo = await cli('masking', SCENARIO, '--range', '20km', '--out', join(dir, 'mask.geojson'));
    expect(geo.code).toBe(0);
    const collection = JSON.parse(readFileSync(join(dir, 'mask.geojson'), 'utf8'));
    expect(collection.type).toBe('FeatureCollection');
    expect((await cli('masking', 'scenarios/al-asad-2020.yaml')).err).toMatch(/E_USAGE/);
  });
});
