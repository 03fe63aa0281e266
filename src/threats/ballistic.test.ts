import { describe, expect, it } from 'vitest';
import { AL_ASAD, ERBIL, KERMANSHAH, launchOf, srbm } from '../../test/support/threatFixtures.js';
import { geodesicDirect, geodesicInverse } from '../geo/geodesic.js';
import { ecefToGeodetic } from '../geo/wgs84.js';
import { createRng } from '../math/rng.js';
import type { BallisticThreatType } from '../scenario/types.js';
import { BallisticThreatModel, solveBallisticAim } from './ballistic.js';
import { SampledTrajectory } from './trajectory.js';

const FATEH_313 = srbm('notional-srbm-500km');
const exact: BallisticThreatType = { ...FATEH_313, cep_m: 0, reliability: 1 };

function missFromAim(endPoint: { lat_rad: number; lon_rad: number }, aim = AL_ASAD): number {
  return geodesicInverse(endPoint.lat_rad, endPoint.lon_rad, aim.lat_rad, aim.lon_rad).distance_m;
}

/** Ellipsoid height of an ECEF point, m. */
const heightOf = (p: Float64Array): number => ecefToGeodetic(p).h_m;

describe('ballistic threat model', () => {
  const model = new BallisticThreatModel();

  it('flies Kermanshah → Al Asad (430 km) onto the aimpoint in 4.5–6 min over a 90–140 km apex', () => {
    const traj = model.fly(launchOf(exact.id, KERMANSHAH, AL_ASAD, 60), exact, createRng(1));
    expect(traj.outcome).toBe('impact');
    expect(missFromAim(traj.endPoint)).toBeLessThan(100);
    const tof_s = traj.endTime_s - traj.launchTime_s;
    expect(tof_s).toBeGreaterThan(4.5 * 60);
    expect(tof_s).toBeLessThan(6 * 60);
    expect(traj.apexAltitude_m).toBeGreaterThan(90e3);
    expect(traj.apexAltitude_m).toBeLessThan(140e3);
    const n = traj.times_s.length - 1;
    const impactSpeed = Math.hypot(traj.vel_ecef[3 * n], traj.vel_ecef[3 * n + 1], traj.vel_ecef[3 * n + 2]);
    expect(impactSpeed).toBeGreaterThan(1500);
    expect(impactSpeed).toBeLessThan(2200);
    expect(traj.times_s[0]).toBe(60);
  });

  it('solves the aim within 1 m and reports time of flight and apex', () => {
    const aim = model.solveAim(exact, KERMANSHAH, ERBIL);
    expect(aim.ok).toBe(true);
    if (!aim.ok) return;
    expect(aim.miss_m).toBeLessThan(1);
    expect(aim.timeOfFlight_s).toBeGreaterThan(4 * 60);
    expect(aim.apexAltitude_m).toBeGreaterThan(80e3);
  });

  it('refuses shots beyond the catalogue range and reaches the catalogue range of every SRBM', () => {
    expect(solveBallisticAim(srbm('notional-srbm-300km'), KERMANSHAH, AL_ASAD)).toMatchObject({
      ok: false,
      reason: 'out-of-range',
      maxRange_m: 300e3,
    });
    for (const id of ['notional-srbm-300km', 'notional-srbm-500km', 'notional-srbm-750km']) {
      const type = srbm(id);
      // westward (against the Earth's rotation) is the hard direction
      const at = geodesicDirect(
        KERMANSHAH.lat_rad,
        KERMANSHAH.lon_rad,
        (262 * Math.PI) / 180,
        0.995 * type.maxRange_m,
      );
      const aim = { lat_rad: at.lat_rad, lon_rad: at.lon_rad, h_m: 188 };
      expect(model.solveAim(type, KERMANSHAH, aim).ok).toBe(true);
      const far = geodesicDirect(KERMANSHAH.lat_rad, KERMANSHAH.lon_rad, 1, 1.01 * type.maxRange_m);
      expect(model.solveAim(type, KERMANSHAH, { ...far, h_m: 0 }).ok).toBe(false);
    }
  });

  it('disperses impacts with a median miss of about the CEP and fails at 1 − reliability', () => {
    const type: BallisticThreatType = { ...FATEH_313, cep_m: 100, reliability: 0.75 };
    const rng = createRng(2020);
    const misses: number[] = [];
    let failures = 0;
    const draws = 200;
    for (let i = 0; i < draws; i++) {
      const traj = model.fly(launchOf(type.id, KERMANSHAH, AL_ASAD), type, rng.fork(`missile-${i}`));
      if (traj.failure) failures++;
      else misses.push(missFromAim(traj.endPoint));
    }
    misses.sort((a, b) => a - b);
    const median = misses[Math.floor(misses.length / 2)];
    expect(median).toBeGreaterThan(75);
    expect(median).toBeLessThan(125);
    expect(failures / draws).toBeGreaterThan(0.17);
    expect(failures / draws).toBeLessThan(0.33);
  });

  it('a guidance failure flies its warhead to the ground off-aim: outcome impact, counted where it lands', () => {
    const type: BallisticThreatType = { ...FATEH_313, reliability: 0, failureBreakUpFraction: 0 };
    const traj = model.fly(launchOf(type.id, KERMANSHAH, AL_ASAD), type, createRng(5));
    expect(traj.outcome).toBe('impact');
    expect(traj.failure).toBe('guidance-failure');
    expect(missFromAim(traj.endPoint)).toBeGreaterThan(1000);
    expect(traj.endPoint.h_m).toBeCloseTo(AL_ASAD.h_m, 0);
    const n = traj.times_s.length - 1;
    expect(heightOf(traj.pos_ecef.subarray(3 * n, 3 * n + 3))).toBeCloseTo(AL_ASAD.h_m, 0);
  });

  it('a break-up ends the body in the air at the failure, no warhead arrives; the debris centre is on the ground', () => {
    // the bug: a "failed" body flew on to the ground near the base (1.5 km, ~400–520 m/s) as a trackable, killable
    // object that was never a leaker; now it is either gone at its break-up or a warhead counted where it lands
    const type: BallisticThreatType = { ...FATEH_313, reliability: 0, failureBreakUpFraction: 1 };
    const launch = launchOf(type.id, KERMANSHAH, AL_ASAD);
    const traj = model.fly(launch, type, createRng(5));
    const whole = model.fly(launch, { ...type, failureBreakUpFraction: 0 }, createRng(5));
    expect(traj.outcome).toBe('failed');
    expect(traj.failure).toBe('break-up');
    // same failure draw: the broken-up body is the tumbling flight cut at the break-up
    expect(traj.endTime_s).toBeLessThan(whole.endTime_s);
    expect(traj.endPoint).toEqual(whole.endPoint);
    const n = traj.times_s.length - 1;
    expect(heightOf(traj.pos_ecef.subarray(3 * n, 3 * n + 3))).toBeGreaterThan(AL_ASAD.h_m + 1000);
    const pos = new Float64Array(3);
    const vel = new Float64Array(3);
    expect(traj.stateAt(traj.endTime_s + 1, pos, vel)).toBe(false);
    expect(whole.stateAt(traj.endTime_s, pos, vel)).toBe(true);
    const last = traj.pos_ecef.subarray(3 * n, 3 * n + 3);
    expect(Math.hypot(pos[0] - last[0], pos[1] - last[1], pos[2] - last[2])).toBeLessThan(1e-6);
  });

  it('is deterministic: the same seed gives identical samples', () => {
    const a = new BallisticThreatModel().fly(
      launchOf(FATEH_313.id, KERMANSHAH, AL_ASAD),
      FATEH_313,
      createRng(7),
    );
    const b = model.fly(launchOf(FATEH_313.id, KERMANSHAH, AL_ASAD), FATEH_313, createRng(7));
    expect(b.times_s).toEqual(a.times_s);
    expect(b.pos_ecef).toEqual(a.pos_ecef);
    expect(b.vel_ecef).toEqual(a.vel_ecef);
  });

  it('interpolates between samples to within a metre of the integrated states', () => {
    const traj = model.fly(launchOf(exact.id, KERMANSHAH, AL_ASAD), exact, createRng(1));
    // keep every other sample and predict the dropped ones by Hermite interpolation (twice the real spacing); the
    // cubic Hermite error grows as the spacing⁴, so under 16 m at twice the spacing is under 1 m at the real one
    // (the samples are the adaptive steps: 2–3 s in boost, up to 30 s in the coast)
    const n = traj.times_s.length;
    const keep = Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === 0 || i === n - 1);
    const pick = (a: Float64Array, w: number) =>
      Float64Array.from(keep.flatMap((i) => Array.from(a.subarray(w * i, w * i + w))));
    const sparse = new SampledTrajectory({
      ...traj,
      times_s: pick(traj.times_s, 1),
      pos_ecef: pick(traj.pos_ecef, 3),
      vel_ecef: pick(traj.vel_ecef, 3),
    });
    const pos = new Float64Array(3);
    const vel = new Float64Array(3);
    let worst_m = 0;
    for (let i = 1; i < n - 1; i += 2) {
      sparse.stateAt(traj.times_s[i], pos, vel);
      const d = Math.hypot(
        pos[0] - traj.pos_ecef[3 * i],
        pos[1] - traj.pos_ecef[3 * i + 1],
        pos[2] - traj.pos_ecef[3 * i + 2],
      );
      worst_m = Math.max(worst_m, d);
    }
    expect(worst_m).toBeLessThan(16);
  });
});
