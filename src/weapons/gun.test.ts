import { describe, expect, it } from 'vitest';
import { incomingThreat } from '../../test/support/analyticTrajectory.js';
import { NOTIONAL_CRAM } from '../../test/support/weaponFixtures.js';
import { geodeticRecordToEcef } from '../geo/wgs84.js';
import type { Geodetic } from '../scenario/types.js';
import {
  burstArrival_s,
  GUN_VELOCITY_DECAY_per_m,
  type GunEngagementArgs,
  gunPkPerBurst,
  gunRangeAtTime_m,
  gunReach_m,
  gunTimeOfFlight_s,
  planGunEngagement,
} from './gun.js';

const DEG = Math.PI / 180;
const SITE: Geodetic = { lat_rad: 33.3 * DEG, lon_rad: 44.4 * DEG, h_m: 35 };
const SITE_ECEF = geodeticRecordToEcef(SITE);

describe('gunPkPerBurst', () => {
  it('interpolates the table linearly and is 0 beyond it', () => {
    expect(gunPkPerBurst(NOTIONAL_CRAM, 0)).toBe(0.6);
    expect(gunPkPerBurst(NOTIONAL_CRAM, 500)).toBe(0.6);
    expect(gunPkPerBurst(NOTIONAL_CRAM, 750)).toBeCloseTo(0.5, 12);
    expect(gunPkPerBurst(NOTIONAL_CRAM, 1500)).toBeCloseTo(0.2, 12);
    expect(gunPkPerBurst(NOTIONAL_CRAM, 1500.01)).toBe(0);
    expect(gunPkPerBurst(NOTIONAL_CRAM, Number.NaN)).toBe(0);
  });
});

describe('gunTimeOfFlight_s', () => {
  it('starts at the muzzle velocity and slows with range', () => {
    expect(gunTimeOfFlight_s(NOTIONAL_CRAM, 0)).toBe(0);
    expect(gunTimeOfFlight_s(NOTIONAL_CRAM, 10)).toBeCloseTo(10 / 1100, 4);
    const t1500 = gunTimeOfFlight_s(NOTIONAL_CRAM, 1500);
    expect(t1500).toBeGreaterThan(1500 / 1100);
    expect(t1500).toBeLessThan(2.5);
    expect(gunTimeOfFlight_s(NOTIONAL_CRAM, 1000)).toBeLessThan(t1500);
  });
});

describe('self-destructing rounds (M940 class)', () => {
  it('range at a time of flight inverts the time of flight', () => {
    for (const x of [0, 100, 1500, 4000]) {
      expect(gunRangeAtTime_m(NOTIONAL_CRAM, gunTimeOfFlight_s(NOTIONAL_CRAM, x))).toBeCloseTo(x, 6);
    }
  });
  it('cuts the reach to the range covered before self-destruct: ln(1 + k v0 t)/k', () => {
    // 2 s at 1,100 m/s with k = 3e-4 /m: ln(1.66)/3e-4 = 1,689.2 m
    const wide = { ...NOTIONAL_CRAM, engagementRadius_m: 3000, selfDestructTime_s: 2 };
    const expected = Math.log(1 + GUN_VELOCITY_DECAY_per_m * 1100 * 2) / GUN_VELOCITY_DECAY_per_m;
    expect(expected).toBeCloseTo(1689.2, 0);
    expect(gunReach_m(wide)).toBeCloseTo(expected, 9);
    // the shipped 4 s rounds reach ≈ 2.8 km: the 1.5 km radius binds
    expect(gunReach_m(NOTIONAL_CRAM)).toBe(1500);
    const { selfDestructTime_s: _, ...noSelfDestruct } = wide;
    expect(gunReach_m(noSelfDestruct)).toBe(3000);
    // beyond the reach a burst cannot kill, inside it the table applies
    const table = { ...wide, pkPerBurst: { range_m: [0, 3000], pk: [0.5, 0.5] } };
    expect(gunPkPerBurst(table, 1600)).toBe(0.5);
    expect(gunPkPerBurst(table, 1700)).toBe(0);
  });
});

describe('burstArrival_s', () => {
  it('is the burst length plus the rounds’ time of flight', () => {
    expect(burstArrival_s(NOTIONAL_CRAM, 1000)).toBeCloseTo(
      NOTIONAL_CRAM.burst_s + gunTimeOfFlight_s(NOTIONAL_CRAM, 1000),
      12,
    );
  });
});

describe('planGunEngagement', () => {
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  // a 122 mm rocket-like vacuum arc coming down 300 m from the mount
  const aim: Geodetic = { ...SITE, lat_rad: SITE.lat_rad + 300 / 6_371_000 };
  const rocket = incomingThreat({
    aim,
    groundRange_m: 12_000,
    height_m: 3000,
    fromAzimuth_rad: 90 * DEG,
    speed_mps: 450,
    launchTime_s: 0,
    ballistic: true,
  });
  const target = (t: number) => (rocket.stateAt(t, pos, vel) ? { pos, vel } : null);
  const plan = (now_s: number, ammoLeft = 1500, tgt: GunEngagementArgs['target'] = target) =>
    planGunEngagement({
      gun: NOTIONAL_CRAM,
      site_ecef: SITE_ECEF,
      siteGeodetic: SITE,
      target: tgt,
      now_s,
      ammoLeft,
    });

  it('finds the window in which the rocket is within 1.5 km and above the minimum altitude', () => {
    const window = plan(0);
    expect(window.ok).toBe(true);
    if (!window.ok) return;
    expect(window.end_s).toBeGreaterThan(window.start_s);
    expect(window.end_s).toBeLessThanOrEqual(rocket.endTime_s);
    expect(window.bestRange_m).toBeLessThan(1500);
    for (const t of [window.start_s + 1e-3, 0.5 * (window.start_s + window.end_s), window.end_s - 1e-3]) {
      const s = target(t);
      expect(s).not.toBeNull();
      if (s === null) continue;
      expect(
        Math.hypot(s.pos[0] - SITE_ECEF[0], s.pos[1] - SITE_ECEF[1], s.pos[2] - SITE_ECEF[2]),
      ).toBeLessThanOrEqual(1500);
    }
    // just before the entry it is still outside
    const before = target(window.start_s - 0.05);
    if (before !== null) {
      expect(
        Math.hypot(before.pos[0] - SITE_ECEF[0], before.pos[1] - SITE_ECEF[1], before.pos[2] - SITE_ECEF[2]),
      ).toBeGreaterThan(1500);
    }
  });

  it('refuses without ammunition or when the target never comes close', () => {
    expect(plan(0, 10)).toEqual({ ok: false, reason: 'no-ammo' });
    const far: Geodetic = { ...SITE, lat_rad: SITE.lat_rad + 5000 / 6_371_000 };
    const other = incomingThreat({
      aim: far,
      groundRange_m: 12_000,
      height_m: 3000,
      fromAzimuth_rad: 0,
      speed_mps: 450,
      launchTime_s: 0,
      ballistic: true,
    });
    const p2 = new Float64Array(3);
    const v2 = new Float64Array(3);
    expect(plan(0, 1500, (t) => (other.stateAt(t, p2, v2) ? { pos: p2, vel: v2 } : null))).toEqual({
      ok: false,
      reason: 'out-of-range',
    });
  });

  it('delays the start by the slew time when the target is already inside', () => {
    const window = plan(0);
    if (!window.ok) throw new Error('expected a window');
    const mid = 0.5 * (window.start_s + window.end_s);
    const again = plan(mid);
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.start_s).toBeCloseTo(mid + NOTIONAL_CRAM.slewTime_s, 9);
  });
});
