import { describe, expect, it } from 'vitest';
import { launchOf, rocketType, site } from '../../test/support/threatFixtures.js';
import { geodesicDirect, geodesicInverse } from '../geo/geodesic.js';
import { createRng } from '../math/rng.js';
import type { Geodetic, RocketThreatType } from '../scenario/types.js';
import { RocketThreatModel } from './rocket.js';

const TAJI = site(33.53, 44.28, 40);

/** A launcher `range_m` from Camp Taji on bearing 30°. */
function launcherAt(range_m: number): Geodetic {
  const p = geodesicDirect(TAJI.lat_rad, TAJI.lon_rad, Math.PI / 6, range_m);
  return { lat_rad: p.lat_rad, lon_rad: p.lon_rad, h_m: 45 };
}

const distance = (a: Geodetic, b: Geodetic) =>
  geodesicInverse(a.lat_rad, a.lon_rad, b.lat_rad, b.lon_rad).distance_m;

describe('rocket threat model', () => {
  const model = new RocketThreatModel();
  const r107 = rocketType('notional-rocket-107mm');
  const r122 = rocketType('notional-rocket-122mm');

  it('fires a 107 mm rocket 8 km onto the aimpoint on the low-angle branch in 20–40 s', () => {
    const from = launcherAt(8000);
    const firing = model.solveFiring(r107, from, TAJI);
    expect(firing.ok).toBe(true);
    if (!firing.ok) return;
    expect(firing.miss_m).toBeLessThan(1);
    expect(firing.elevation_rad).toBeLessThan(model.maxRangeElevation_rad(r107));
    const traj = model.fly(
      launchOf(r107.id, from, TAJI),
      { ...r107, rangeErrorFraction: 0, deflectionError_rad: 0, reliability: 1 },
      createRng(3),
    );
    expect(distance(traj.endPoint, TAJI)).toBeLessThan(5);
    const tof_s = traj.endTime_s - traj.launchTime_s;
    expect(tof_s).toBeGreaterThan(20);
    expect(tof_s).toBeLessThan(40);
  });

  it('lands dispersed 107 mm rounds within the range/deflection ellipse', () => {
    const from = launcherAt(8000);
    const type: RocketThreatType = { ...r107, reliability: 1 };
    const rng = createRng(11);
    const sigma_m = Math.hypot(type.rangeErrorFraction, type.deflectionError_rad) * 8000;
    let sumSq = 0;
    const draws = 100;
    for (let i = 0; i < draws; i++) {
      const d = distance(model.fly(launchOf(type.id, from, TAJI), type, rng.fork(`r${i}`)).endPoint, TAJI);
      expect(d).toBeLessThan(4 * sigma_m);
      sumSq += d * d;
    }
    // E|miss|² = σ_range² + σ_deflection²
    expect(Math.sqrt(sumSq / draws)).toBeGreaterThan(0.75 * sigma_m);
    expect(Math.sqrt(sumSq / draws)).toBeLessThan(1.25 * sigma_m);
  });

  it('flies a 122 mm Grad 20 km in about a minute and refuses 21 km', () => {
    const firing = model.solveFiring(r122, launcherAt(20000), TAJI);
    expect(firing.ok && firing.timeOfFlight_s > 50 && firing.timeOfFlight_s < 75).toBe(true);
    expect(model.solveFiring(r122, launcherAt(21000), TAJI)).toMatchObject({
      ok: false,
      reason: 'out-of-range',
    });
    expect(model.solveFiring(r122, launcherAt(1000), TAJI)).toMatchObject({
      ok: false,
      reason: 'below-min-range',
    });
  });

  it('fails about 1 − reliability of the rounds, which then fall short', () => {
    const from = launcherAt(6000);
    const type: RocketThreatType = { ...r107, reliability: 0.75 };
    const rng = createRng(99);
    let failures = 0;
    for (let i = 0; i < 200; i++) {
      const traj = model.fly(launchOf(type.id, from, TAJI), type, rng.fork(`f${i}`));
      if (traj.failure) failures++;
    }
    expect(failures / 200).toBeGreaterThan(0.17);
    expect(failures / 200).toBeLessThan(0.33);
  });

  it('is deterministic for a seed', () => {
    const from = launcherAt(5000);
    const a = model.fly(launchOf(r107.id, from, TAJI), r107, createRng(4));
    const b = new RocketThreatModel().fly(launchOf(r107.id, from, TAJI), r107, createRng(4));
    expect(b.pos_ecef).toEqual(a.pos_ecef);
  });
});
