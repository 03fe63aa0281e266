import { describe, expect, it } from 'vitest';
import { AL_ASAD, KERMANSHAH, launchOf, rocketType, site, srbm } from '../../test/support/threatFixtures.js';
import { ecefToGeodetic, geodeticToEcef } from '../geo/wgs84.js';
import { createRng } from '../math/rng.js';
import { createThreatModels } from '../threats/registry.js';
import { defaultIppOptions, ImpactPredictor } from './impactPrediction.js';

function groundMiss_m(
  a: { lat_rad: number; lon_rad: number },
  b: { lat_rad: number; lon_rad: number },
): number {
  const pa = geodeticToEcef(a.lat_rad, a.lon_rad, 0);
  const pb = geodeticToEcef(b.lat_rad, b.lon_rad, 0);
  return Math.hypot(pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2]);
}

/** The truth state of a flown threat at `t_s` as a [pos, vel] ECEF state vector. */
function truthState(
  traj: { stateAt(t: number, p: Float64Array, v: Float64Array): boolean },
  t_s: number,
): Float64Array {
  const p = new Float64Array(3);
  const v = new Float64Array(3);
  expect(traj.stateAt(t_s, p, v)).toBe(true);
  return Float64Array.of(p[0], p[1], p[2], v[0], v[1], v[2]);
}

describe('ImpactPredictor', () => {
  const models = createThreatModels();

  it('predicts an SRBM impact from a mid-course truth state to within 1 km and 3 s (assumed β, true drag unknown)', () => {
    const type = srbm('notional-srbm-500km');
    const traj = models.fly(launchOf(type.id, KERMANSHAH, AL_ASAD), type, createRng(1));
    expect(traj.outcome).toBe('impact');
    const predictor = new ImpactPredictor(defaultIppOptions(AL_ASAD.h_m));
    for (const before_s of [150, 90, 45]) {
      const t_s = traj.endTime_s - before_s;
      const p = predictor.predict(truthState(traj, t_s), t_s);
      expect(p.ok).toBe(true);
      if (!p.ok) return;
      expect(p.mode).toBe('ballistic');
      expect(groundMiss_m(p.impact, traj.endPoint)).toBeLessThan(1000);
      expect(Math.abs(p.impactTime_s - traj.endTime_s)).toBeLessThan(3);
      // the recorded path starts at the state it was given and ends at the predicted impact
      const path = p.path();
      expect(path).not.toBeNull();
      expect(path!.endTime_s).toBeCloseTo(p.impactTime_s, 9);
    }
  });

  it('gets closer as the threat comes down (the drag uncertainty shrinks with the remaining flight)', () => {
    const type = srbm('notional-srbm-750km');
    const traj = models.fly(launchOf(type.id, KERMANSHAH, AL_ASAD), type, createRng(2));
    const predictor = new ImpactPredictor(defaultIppOptions(AL_ASAD.h_m));
    const miss = (before_s: number) => {
      const t_s = traj.endTime_s - before_s;
      const p = predictor.predict(truthState(traj, t_s), t_s);
      if (!p.ok) throw new Error('no prediction');
      return groundMiss_m(p.impact, traj.endPoint);
    };
    expect(miss(10)).toBeLessThan(miss(120) + 1);
    expect(miss(10)).toBeLessThan(100);
  });

  it('predicts a 107 mm rocket impact from its apex to within 300 m', () => {
    const type = rocketType('notional-rocket-107mm');
    const from = site(33.53, 44.36, 40);
    const aim = site(33.53, 44.28, 40);
    const traj = models.fly(launchOf(type.id, from, aim), type, createRng(3));
    const predictor = new ImpactPredictor(defaultIppOptions(aim.h_m));
    const t_s = traj.launchTime_s + (traj.endTime_s - traj.launchTime_s) / 2;
    const p = predictor.predict(truthState(traj, t_s), t_s);
    expect(p.ok).toBe(true);
    if (p.ok) expect(groundMiss_m(p.impact, traj.endPoint)).toBeLessThan(300);
  });

  it('extrapolates a slow level flyer along its velocity (no ground crossing)', () => {
    const predictor = new ImpactPredictor(defaultIppOptions(0));
    const p0 = geodeticToEcef(AL_ASAD.lat_rad, AL_ASAD.lon_rad, 300);
    const p = predictor.predict(Float64Array.of(p0[0], p0[1], p0[2], 0, 0, 40), 0);
    expect(p.ok).toBe(true);
    if (p.ok) {
      expect(p.mode).toBe('level');
      expect(p.path()).toBeNull();
    }
  });

  it('re-predicting a state after predicting another gives the same path, sample for sample (the uplink relies on it)', () => {
    // the path is a view of the predictor's buffer, overwritten by the next predict: a caller that needs a path
    // again predicts again, which must reproduce it exactly, as a fresh predictor would
    const type = srbm('notional-srbm-500km');
    const traj = models.fly(launchOf(type.id, KERMANSHAH, AL_ASAD), type, createRng(1));
    const a_s = traj.endTime_s - 120;
    const b_s = traj.endTime_s - 40;
    const shared = new ImpactPredictor(defaultIppOptions(AL_ASAD.h_m));
    const fresh = new ImpactPredictor(defaultIppOptions(AL_ASAD.h_m));
    const sampled = (predictor: ImpactPredictor, t_s: number): number[] => {
      const p = predictor.predict(truthState(traj, t_s), t_s);
      if (!p.ok) throw new Error('no prediction');
      const path = p.path();
      if (path === null) throw new Error('no path');
      const out: number[] = [path.endTime_s];
      const pos = new Float64Array(3);
      const vel = new Float64Array(3);
      for (let t = t_s; t <= path.endTime_s; t += 0.37) {
        path.stateAt(t, pos, vel);
        out.push(...pos, ...vel);
      }
      return out;
    };
    const first = sampled(shared, a_s);
    const other = sampled(shared, b_s);
    expect(other).not.toEqual(first);
    expect(sampled(shared, a_s)).toEqual(first);
    expect(sampled(fresh, a_s)).toEqual(first);
  });

  it('refuses a non-finite state with a reason instead of NaN', () => {
    const predictor = new ImpactPredictor(defaultIppOptions(0));
    const p = predictor.predict(Float64Array.of(Number.NaN, 0, 0, 0, 0, 0), 0);
    expect(p).toEqual({ ok: false, reason: 'not-finite' });
    expect(ecefToGeodetic(geodeticToEcef(0, 0, 0)).h_m).toBeCloseTo(0, 6);
  });
});
