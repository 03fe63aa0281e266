import { describe, expect, it } from 'vitest';
import { SampledTrajectory, TrajectoryRecorder } from './trajectory.js';

/** Projectile in uniform gravity: exact positions and velocities at time t. */
function projectile(t: number, pos: Float64Array, vel: Float64Array): void {
  pos[0] = 300 * t;
  pos[1] = 50 * t;
  pos[2] = 400 * t - 4.9 * t * t;
  vel[0] = 300;
  vel[1] = 50;
  vel[2] = 400 - 9.8 * t;
}

describe('SampledTrajectory', () => {
  const rec = new TrajectoryRecorder(4);
  const p = new Float64Array(3);
  const v = new Float64Array(3);
  for (let t = 0; t <= 80; t += 2) {
    projectile(t, p, v);
    rec.push(100 + t, p, v);
  }
  const traj = rec.finish({
    launchTime_s: 100,
    outcome: 'impact',
    endPoint: { lat_rad: 0, lon_rad: 0, h_m: 0 },
    apexAltitude_m: 0,
  });

  it('reproduces a quadratic motion exactly between samples (cubic Hermite)', () => {
    const pos = new Float64Array(3);
    const vel = new Float64Array(3);
    for (const t of [0.3, 7.77, 41, 79.99]) {
      expect(traj.stateAt(100 + t, pos, vel)).toBe(true);
      projectile(t, p, v);
      for (let k = 0; k < 3; k++) {
        expect(pos[k]).toBeCloseTo(p[k], 6);
        expect(vel[k]).toBeCloseTo(v[k], 6);
      }
    }
  });

  it('is not airborne before launch or after the end, and leaves the outputs alone', () => {
    const pos = new Float64Array([1, 2, 3]);
    const vel = new Float64Array(3);
    expect(traj.stateAt(99.9, pos, vel)).toBe(false);
    expect(traj.stateAt(180.1, pos, vel)).toBe(false);
    expect(Array.from(pos)).toEqual([1, 2, 3]);
    expect(traj.endTime_s).toBe(180);
  });

  it('keeps one sample per time: a repeated time replaces the last sample', () => {
    const r = new TrajectoryRecorder(2);
    r.push(0, new Float64Array([0, 0, 0]), new Float64Array([1, 0, 0]));
    r.push(1, new Float64Array([1, 0, 0]), new Float64Array([1, 0, 0]));
    r.push(1, new Float64Array([2, 0, 0]), new Float64Array([1, 0, 0]));
    expect(r.length).toBe(2);
    const t = r.finish({
      launchTime_s: 0,
      outcome: 'impact',
      endPoint: { lat_rad: 0, lon_rad: 0, h_m: 0 },
      apexAltitude_m: 0,
    });
    expect(t.pos_ecef[3]).toBe(2);
  });

  it('rejects a trajectory with fewer than two samples', () => {
    const one = new Float64Array(1);
    expect(
      () =>
        new SampledTrajectory({
          launchTime_s: 0,
          outcome: 'impact',
          endPoint: { lat_rad: 0, lon_rad: 0, h_m: 0 },
          apexAltitude_m: 0,
          times_s: one,
          pos_ecef: new Float64Array(3),
          vel_ecef: new Float64Array(3),
        }),
    ).toThrow(RangeError);
  });
});
