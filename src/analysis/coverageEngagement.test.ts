/**
 * Detection in the planning shortcut: aspect RCS along the flight and terrain masking, on the synthetic ridge
 * scenario (a cruise missile flying west, nose-on, at the radar across a 250 m ridge).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { incomingThreat } from '../../test/support/analyticTrajectory.js';
import { NOTIONAL_PAC2_GEM } from '../../test/support/weaponFixtures.js';
import { geodeticToEcef } from '../geo/wgs84.js';
import { packageRoot } from '../scenario/catalog.js';
import { loadScenario } from '../scenario/load.js';
import type { SamBattery } from '../scenario/types.js';
import { createThreatModels } from '../threats/registry.js';
import {
  airBreathingAt,
  batteryModel,
  confirmationTime_s,
  crossTrackOffset_m,
  engagementAfter,
} from './coverageEngagement.js';
import { flyNominal, pathOf, type TruthPath } from './coverageTruth.js';

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

describe('engagements of low fliers in the planning shortcut (class floor)', () => {
  // a PAC-2 GEM battery and a level flyer at 150 m coming straight over it from 30 km
  const gem: SamBattery = {
    ...battery,
    launchers: battery.launchers.map((g) => ({ ...g, interceptor: NOTIONAL_PAC2_GEM })),
  };
  const level = (speed_mps: number): TruthPath =>
    pathOf(
      incomingThreat({
        aim: { ...gem.position, h_m: gem.position.h_m + 150 },
        groundRange_m: 30_000,
        height_m: 0,
        fromAzimuth_rad: Math.PI / 2,
        speed_mps,
        launchTime_s: 0,
        ballistic: false,
      }),
      0.1,
      5000,
    );

  it('a drone-speed flyer is air-breathing and engaged below the 5 km ballistic floor', () => {
    const drone = level(50);
    expect(airBreathingAt(drone, 10)).toBe(true);
    const odds = engagementAfter(batteryModel(gem), drone, 10);
    expect(odds.feasible).toBe(true);
    expect(odds.reason).toBeNull();
    expect(odds.pk).toBeGreaterThan(0);
  });

  // a fast body diving at 45° from 30 km (SRBM-like terminal leg) onto the site
  const diving = (speed_mps: number): TruthPath =>
    pathOf(
      incomingThreat({
        aim: gem.position,
        groundRange_m: 30_000,
        height_m: 30_000,
        fromAzimuth_rad: Math.PI / 2,
        speed_mps,
        launchTime_s: 0,
        ballistic: false,
      }),
      0.1,
      5000,
    );

  it('a fast level flyer (cruise missile) is air-breathing too; a fast diving body is ballistic: too low', () => {
    expect(airBreathingAt(level(250), 10)).toBe(true);
    expect(engagementAfter(batteryModel(gem), level(250), 10).feasible).toBe(true);
    const dive = diving(1000);
    expect(airBreathingAt(dive, 10)).toBe(false);
    // it is below 5 km only in its last 7 s: no time for a solution above the floor either
    expect(engagementAfter(batteryModel(gem), dive, 30).feasible).toBe(false);
  });

  it('an air-breathing-only interceptor refuses a ballistic-class target (wrong-target-class)', () => {
    const shoradOnly: SamBattery = {
      ...gem,
      launchers: gem.launchers.map((g) => ({
        ...g,
        interceptor: { ...NOTIONAL_PAC2_GEM, airBreathingOnly: true },
      })),
    };
    const odds = engagementAfter(batteryModel(shoradOnly), diving(1000), 10);
    expect(odds).toMatchObject({ feasible: false, reason: 'wrong-target-class' });
  });
});

describe("cross-track offset of a ground track (the endgame Pk table's third axis)", () => {
  it('is the distance abeam: a target flying west along the equator, a site 0.1° north (≈ 11.06 km)', () => {
    const DEG = Math.PI / 180;
    const point = geodeticToEcef(0, 0.2 * DEG, 15_000);
    // due west at the point (ECEF −y) and descending (ECEF −x: the local vertical at the equator, lon ≈ 0)
    const west = Float64Array.of(-1200, -1500, 0);
    const site = geodeticToEcef(0.1 * DEG, 0, 0);
    expect(crossTrackOffset_m(site, point, west) / 11_057).toBeCloseTo(1, 2);
    // a site on the track is 0 abeam
    expect(crossTrackOffset_m(geodeticToEcef(0, -0.3 * DEG, 0), point, west)).toBeLessThan(30);
  });
});
