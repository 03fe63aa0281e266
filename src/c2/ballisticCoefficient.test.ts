import { describe, expect, it } from 'vitest';
import { AL_ASAD, KERMANSHAH, launchOf, srbm } from '../../test/support/threatFixtures.js';
import { cdAtMach } from '../dynamics/aero.js';
import { AIR_SOUND_SPEED, airAt } from '../env/atmosphere.js';
import { approxHeightOf_m } from '../geo/wgs84.js';
import { createRng } from '../math/rng.js';
import type { BallisticThreatType } from '../scenario/types.js';
import type { Trajectory } from '../threats/index.js';
import { createThreatModels } from '../threats/registry.js';
import {
  ballisticCoefficientOf_kgpm2,
  createBallisticCoefficientEstimate,
  createBallisticCoefficientScratch,
  defaultBallisticCoefficientOptions,
  updateBallisticCoefficient,
} from './ballisticCoefficient.js';

const models = createThreatModels();
const options = defaultBallisticCoefficientOptions();

/** The re-entry body's true β = m / (Cd(Mach)·A) at `t_s`, kg/m². */
function trueBeta(type: BallisticThreatType, traj: Trajectory, t_s: number): number {
  const p = new Float64Array(3);
  const v = new Float64Array(3);
  traj.stateAt(t_s, p, v);
  const mach =
    Math.hypot(v[0], v[1], v[2]) / airAt(approxHeightOf_m(p), new Float64Array(2))[AIR_SOUND_SPEED];
  return type.reentryMass_kg / (cdAtMach(type.cd, mach) * ((Math.PI * type.diameter_m ** 2) / 4));
}

/** A perfect track of `traj`: its truth state at `t_s` with a small covariance (1 m, 1 m/s). */
function perfectTrack(traj: Trajectory, t_s: number): { x: Float64Array; P: Float64Array } {
  const p = new Float64Array(3);
  const v = new Float64Array(3);
  traj.stateAt(t_s, p, v);
  const P = new Float64Array(36);
  for (let i = 0; i < 6; i++) P[i * 7] = 1;
  return { x: Float64Array.of(p[0], p[1], p[2], v[0], v[1], v[2]), P };
}

/** β learned from a perfect track sampled every second from `from_s` to `to_s` before impact. */
function learn(traj: Trajectory, prior_kgpm2: number, from_s: number, to_s: number) {
  const scratch = createBallisticCoefficientScratch();
  const t0 = traj.endTime_s - from_s;
  const est = createBallisticCoefficientEstimate(prior_kgpm2, perfectTrack(traj, t0).x, t0, options);
  for (let t = t0 + 1; t <= traj.endTime_s - to_s; t += 1) {
    const { x, P } = perfectTrack(traj, t);
    updateBallisticCoefficient(est, x, P, t, options, scratch);
  }
  return est;
}

describe('ballistic-coefficient estimator', () => {
  const type = srbm('notional-srbm-750km');
  const traj = models.fly(launchOf(type.id, KERMANSHAH, AL_ASAD), type, createRng(1));

  it('stays at its prior high in the atmosphere, where drag is unobservable (above ~40 km: 30 s to go)', () => {
    const est = learn(traj, 5000, 100, 30);
    // the deceleration a β of 5,000 would cause there is < 1 m/s²: a perfect track sees it, but the prior is barely
    // moved — what matters is that it does not wander
    expect(ballisticCoefficientOf_kgpm2(est)).toBeGreaterThan(4000);
    expect(ballisticCoefficientOf_kgpm2(est)).toBeLessThan(12_000);
  });

  it('learns the true β of the shipped Qiam-class body below 25 km, from a prior wrong by 3× (5,000)', () => {
    const est = learn(traj, 5000, 100, 8);
    const truth = trueBeta(type, traj, traj.endTime_s - 8);
    expect(truth).toBeGreaterThan(12_000);
    expect(Math.abs(ballisticCoefficientOf_kgpm2(est) - truth) / truth).toBeLessThan(0.1);
    expect(est.samples).toBeGreaterThan(40); // one per 2 s baseline
  });

  it('learns the Fateh-class body (β ~ 25,000) from the fast-class prior 20,000', () => {
    const fateh = srbm('notional-srbm-500km');
    const flight = models.fly(launchOf(fateh.id, KERMANSHAH, AL_ASAD), fateh, createRng(2));
    const est = learn(flight, 20_000, 100, 8);
    const truth = trueBeta(fateh, flight, flight.endTime_s - 8);
    expect(Math.abs(ballisticCoefficientOf_kgpm2(est) - truth) / truth).toBeLessThan(0.1);
  });

  it('ignores a sample shorter than the baseline and keeps β inside its bounds', () => {
    const scratch = createBallisticCoefficientScratch();
    const t0 = traj.endTime_s - 20;
    const est = createBallisticCoefficientEstimate(20_000, perfectTrack(traj, t0).x, t0, options);
    const near = perfectTrack(traj, t0 + 0.5);
    expect(updateBallisticCoefficient(est, near.x, near.P, t0 + 0.5, options, scratch)).toBe(false);
    // a velocity that jumped forward by 500 m/s in 2 s (a bad association) would mean negative drag: clamped
    const bad = perfectTrack(traj, t0 + 2);
    for (let i = 3; i < 6; i++) bad.x[i] *= 1.3;
    const confident = Float64Array.from(bad.P);
    expect(updateBallisticCoefficient(est, bad.x, confident, t0 + 2, options, scratch)).toBe(true);
    const beta = ballisticCoefficientOf_kgpm2(est);
    expect(beta).toBeLessThanOrEqual(options.maxBeta_kgpm2 * (1 + 1e-12));
    expect(beta).toBeGreaterThanOrEqual(options.minBeta_kgpm2);
  });
});
