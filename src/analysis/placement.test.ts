/**
 * Battery placement over terrain, on the synthetic ridge DEM (scenarios/terrain/synthetic-ridge.tif: a 250 m plateau
 * 45.146–45.154° E, flanks to 0 m at 45.130/45.170° E, at every latitude 31.0–31.2° N; flat 0 m elsewhere near the
 * test points).
 *
 * Geometry: one cruise missile at 300 m AGL flies due north along the meridian 45.20° E (flat ground, 3 km east of
 * the ridge's foot) from 31.0° N to a depot at 31.19° N. Two candidate sites at 31.1° N lie 0.07° (6.67 km) either
 * side of that meridian: "behind" at 45.13° E, the ridge between it and the missile, and "front" at 45.27° E, open
 * ground between. Without terrain the two are mirror images in the meridian plane of the path (an exact symmetry of
 * the ellipsoid), so they score the same: one 2-round SHORAD salvo each. With the DEM, from the behind site's 5 m
 * antenna the ridge's east edge (250 m at 2.29 km) needs a target height of 5 + 245 × D / 2.29 km ≈ 720 m at the
 * path's nearest point (D = 6.67 km), more further along; the ray to every point of the path crosses the ridge at
 * 0.34 of its length, at 31.07–31.13° N, inside the DEM. So the 300 m missile is never seen: P(kill) 0. The front
 * site sees it over flat ground and keeps its salvo.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nominalPk } from '../c2/battery.js';
import { packageRoot } from '../scenario/catalog.js';
import { parseScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { evaluateLayout, optimizePlacement } from './placement.js';

const DEG = Math.PI / 180;

function ridgeScenario(terrain: boolean): Scenario {
  const yaml = `
name: ridge placement
seed: 1
start: 2024-01-01T00:00:00+00:00
duration: 10min
earlyWarning: { enabled: false }
${terrain ? 'terrain: { dem: terrain/synthetic-ridge.tif }' : ''}
tracker: { confirm: 3/4 }
catalog:
  threats:
    low-cruise: { extends: notional-cruise-missile, cruiseHeightAgl_m: 300m }
assets:
  - { id: depot, lat: 31.19, lon: 45.20, alt: 0m, radius: 500m, value: 1 }
units:
  - id: shorad
    kind: sam-battery
    at: { lat: 31.1, lon: 45.27, alt: 0m }
    radar: { type: notional-shorad-radar }
    launchers: [{ count: 2, interceptor: notional-shorad-ir, loaded: 4, capacity: 4 }]
    fireChannels: 2
    doctrine: { mode: salvo, shotsPerThreat: 2, maxShotsPerThreat: 2 }
    reactionTime: 5s
    defends: [depot]
threats:
  - { raid: north, type: low-cruise, from: { lat: 31.0, lon: 45.20, alt: 0m }, target: depot, count: 1, at: +10s }
`;
  return parseScenario(yaml, 'ridge-placement.yaml', { baseDir: join(packageRoot(), 'scenarios') });
}

const BEHIND = { lat_rad: 31.1 * DEG, lon_rad: 45.13 * DEG, h_m: 0 };
const FRONT = { lat_rad: 31.1 * DEG, lon_rad: 45.27 * DEG, h_m: 0 };

/** Fast objective (value saved) of the one battery at a site, radar centred towards the path. */
function scoreAt(scenario: Scenario, site: typeof BEHIND, sectorCenter_deg: number): number {
  return evaluateLayout(
    scenario,
    [{ unitId: 'shorad', position: site, sectorCenter_rad: sectorCenter_deg * DEG }],
    {
      runs: 0,
    },
  ).objective;
}

/** Value saved by one 2-round salvo: value 1 × threat reliability 0.85 × (1 − (1 − Pk)²). */
function oneSalvo(scenario: Scenario): number {
  const battery = scenario.units[0];
  if (battery.kind !== 'sam-battery') throw new Error('expected a battery');
  const pk = nominalPk(battery.launchers[0].interceptor);
  return 0.85 * (1 - (1 - pk) ** 2);
}

describe('battery placement over terrain (synthetic ridge)', () => {
  it('without terrain, the sites either side of the path score the same: one salvo each', () => {
    const smooth = ridgeScenario(false);
    // SHORAD Pk = 0.9 × 0.7 × 2² / (2² + 1²) = 0.504; salvo 1 − 0.496² = 0.753984; × 0.85 = 0.6408864
    expect(oneSalvo(smooth)).toBeCloseTo(0.6408864, 9);
    expect(scoreAt(smooth, BEHIND, 90)).toBeCloseTo(oneSalvo(smooth), 12);
    expect(scoreAt(smooth, FRONT, 270)).toBeCloseTo(oneSalvo(smooth), 12);
  });

  it('with the DEM, the site behind the ridge never sees the low flier; the site in front keeps its salvo', () => {
    const ridge = ridgeScenario(true);
    expect(scoreAt(ridge, BEHIND, 90)).toBe(0);
    expect(scoreAt(ridge, FRONT, 270)).toBeCloseTo(oneSalvo(ridge), 12);
  });

  it('the optimiser picks the site in front of the ridge when the scenario has its DEM', () => {
    const result = optimizePlacement(ridgeScenario(true), {
      batteries: 1,
      candidates: [BEHIND, FRONT],
      orientations_rad: [90 * DEG, 270 * DEG],
      iterations: 20,
      top: 2,
      runs: 0,
    });
    expect(result.best.placements[0].position).toEqual(FRONT);
    expect(result.ranking.map((l) => l.objective)).toEqual([result.best.objective, 0]);
  });
});
