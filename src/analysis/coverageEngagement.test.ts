/**
 * Detection in the planning shortcut: aspect RCS along the flight and terrain masking, on the synthetic ridge
 * scenario (a cruise missile flying west, nose-on, at the radar across a 250 m ridge).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../scenario/catalog.js';
import { loadScenario } from '../scenario/load.js';
import type { SamBattery } from '../scenario/types.js';
import { createThreatModels } from '../threats/registry.js';
import { batteryModel, confirmationTime_s } from './coverageEngagement.js';
import { flyNominal, type TruthPath } from './coverageTruth.js';

const scenario = loadScenario(join(packageRoot(), 'test', 'terrain', 'ridge-cruise.yaml'));
const battery = scenario.units[0] as SamBattery;
const launch = scenario.threats[0];
const type = scenario.threatTypes[launch.typeId];
const confirmM = scenario.tracker.confirmM;

function path(terrainFollowing: boolean): TruthPath {
  const models = createThreatModels(terrainFollowing ? { terrain: scenario.terrain } : {});
  return flyNominal(models, type, launch.from, launch.aim, 5000);
}

describe('confirmation time with aspect RCS', () => {
  const smooth = path(false);
  const model = batteryModel(battery);
  const confirm = (p: TruthPath) => confirmationTime_s(battery.radar, model.antenna_ecef, p, confirmM);

  it('the catalog cruise missile carries its aspect table into the path', () => {
    expect(type.rcsAspect).toBeDefined();
    expect(smooth.rcsAspect).toBe(type.rcsAspect);
  });

  it('a flat table equals the mean RCS; a smaller nose-on value confirms later', () => {
    const { rcsAspect: _table, ...mean } = smooth;
    const flat = { ...mean, rcsAspect: { aspect_rad: [0, Math.PI], rcs_m2: [mean.rcs_m2, mean.rcs_m2] } };
    expect(confirm(flat)).toBe(confirm(mean as TruthPath));
    const quiet = {
      ...mean,
      rcsAspect: { aspect_rad: [0, Math.PI], rcs_m2: [mean.rcs_m2 / 100, mean.rcs_m2] },
    };
    // nose-on at 1/100 the RCS: the range at equal SNR shrinks by 100^(1/4) ≈ 3.2 (radar equation, R⁴)
    expect(confirm(quiet)!).toBeGreaterThan(confirm(mean as TruthPath)!);
    const catalog = confirm(smooth);
    expect(catalog).not.toBeNull();
  });
});

describe('confirmation time with terrain masking', () => {
  it('the ridge hides the terrain-following missile until it crosses it (docs/terrain.md: ≈ 10 km)', () => {
    const p = path(true);
    const smoothModel = batteryModel(battery);
    const maskedModel = batteryModel(battery, scenario.terrain);
    const open_s = confirmationTime_s(battery.radar, smoothModel.antenna_ecef, p, confirmM);
    const masked_s = confirmationTime_s(
      battery.radar,
      maskedModel.antenna_ecef,
      p,
      confirmM,
      scenario.terrain,
    );
    expect(open_s).not.toBeNull();
    expect(masked_s).not.toBeNull();
    // ground range from the radar at confirmation, by the mean speed of the flight (50 km in endTime_s)
    const speed_mps = 47_600 / (p.endTime_s - p.launchTime_s);
    const rangeAt_m = (t_s: number) => 47_600 - speed_mps * t_s;
    expect(rangeAt_m(open_s!)).toBeGreaterThan(30_000);
    expect(rangeAt_m(masked_s!)).toBeLessThan(10_500);
    expect(rangeAt_m(masked_s!)).toBeGreaterThan(8000);
  });
});
