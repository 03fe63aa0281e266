import { describe, expect, it } from 'vitest';
import { AL_ASAD, KERMANSHAH, launchOf, srbm } from '../../../test/support/threatFixtures.js';
import { freeFallAccelEcef } from '../../env/gravity.js';
import { geodeticToEcef } from '../../geo/wgs84.js';
import { createRng, type Rng } from '../../math/rng.js';
import type { TrackerSettings } from '../../scenario/types.js';
import type { Detection } from '../../sensors/index.js';
import { createThreatModels } from '../../threats/registry.js';
import { ENGINE_MOTION_MODELS } from './ecefModels.js';
import { createEngineTracker, type EngineTrack, type EngineTrackerOptions } from './engineTracker.js';

const DEG = Math.PI / 180;
const SIGMA_m = 20;

const settings: TrackerSettings = {
  gate: 4,
  confirmM: 3,
  confirmN: 4,
  deleteMisses: 3,
  processNoise_m2ps3: 1,
};

/** One RK4 step of free fall in ECEF on the 6-state [p, v]. */
function rk4Step(s: Float64Array, h: number): void {
  const deriv = (y: Float64Array): Float64Array => {
    const a = freeFallAccelEcef(y.subarray(0, 3), y.subarray(3, 6), new Float64Array(3));
    return Float64Array.of(y[3], y[4], y[5], a[0], a[1], a[2]);
  };
  const add = (y: Float64Array, k: Float64Array, f: number): Float64Array => y.map((v, i) => v + f * k[i]);
  const k1 = deriv(s);
  const k2 = deriv(add(s, k1, h / 2));
  const k3 = deriv(add(s, k2, h / 2));
  const k4 = deriv(add(s, k3, h));
  for (let i = 0; i < 6; i++) s[i] += (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
}

/** Ballistic truth sampled every 1 s: 40 km up, about 80 km from a radar at (33°N, 44°E), 1.5 km/s east, diving. */
function ballisticTruth(numScans: number): Float64Array[] {
  const lat = 33 * DEG;
  const lon = 44.8 * DEG;
  const p = geodeticToEcef(lat, lon, 40_000);
  const east = [-Math.sin(lon), Math.cos(lon), 0];
  const up = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  const s = new Float64Array(6);
  for (let i = 0; i < 3; i++) {
    s[i] = p[i];
    s[3 + i] = 1500 * east[i] - 400 * up[i];
  }
  const out: Float64Array[] = [];
  for (let k = 0; k < numScans; k++) {
    out.push(Float64Array.from(s));
    for (let sub = 0; sub < 100; sub++) rk4Step(s, 0.01);
  }
  return out;
}

function detection(
  sensorId: string,
  t_s: number,
  pos: ArrayLike<number>,
  rng: Rng,
  sigma_m = SIGMA_m,
): Detection {
  const pos_ecef = Float64Array.of(
    pos[0] + sigma_m * rng.normal(),
    pos[1] + sigma_m * rng.normal(),
    pos[2] + sigma_m * rng.normal(),
  );
  const v = sigma_m * sigma_m;
  return {
    sensorId,
    t_s,
    range_m: 0,
    azimuth_rad: 0,
    elevation_rad: 0,
    pos_ecef,
    cov_ecef: Float64Array.of(v, 0, 0, 0, v, 0, 0, 0, v),
    truthId: null,
    snr_dB: Number.NaN,
  };
}

/** Normalised estimation error squared (x − x̂)ᵀ P⁻¹ (x − x̂) of a 6-state, by Gaussian elimination. */
function nees(track: EngineTrack, truth: Float64Array): number {
  const n = 6;
  const a = Array.from({ length: n }, (_, r) => [
    ...Array.from({ length: n }, (_, c) => track.P[r * n + c]),
    truth[r] - track.x[r],
  ]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
    [a[c], a[piv]] = [a[piv], a[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      for (let k = c; k <= n; k++) a[r][k] -= f * a[c][k];
    }
  }
  let e = 0;
  for (let r = 0; r < n; r++) e += (truth[r] - track.x[r]) * (a[r][n] / a[r][r]);
  return e;
}

describe('engine tracker', () => {
  it('confirms a ballistic target after M scans and tracks it below the measurement noise', () => {
    const truth = ballisticTruth(11);
    const runs = 30;
    let pos2 = 0;
    let vel2 = 0;
    for (let run = 0; run < runs; run++) {
      const rng = createRng(run).fork('meas');
      const tracker = createEngineTracker(settings, 'bn1');
      for (let k = 0; k < truth.length; k++) {
        const res = tracker.update(k, [detection('r1', k, truth[k], rng)]);
        if (k === settings.confirmM - 1) expect(res.confirmed.map((t) => t.id)).toEqual(['bn1-T1']);
        if (k < settings.confirmM - 1) expect(tracker.confirmedTracks()).toHaveLength(0);
      }
      const tracks = tracker.confirmedTracks();
      expect(tracks).toHaveLength(1);
      const t = tracks[0];
      expect(t.model).toBe('ballistic');
      const x = truth[truth.length - 1];
      for (let i = 0; i < 3; i++) {
        pos2 += (t.x[i] - x[i]) ** 2;
        vel2 += (t.x[3 + i] - x[3 + i]) ** 2;
      }
    }
    // per-axis position RMS below σ and speed error RMS well under 30 m/s after 10 scans
    expect(Math.sqrt(pos2 / (3 * runs))).toBeLessThan(SIGMA_m);
    expect(Math.sqrt(vel2 / runs)).toBeLessThan(30);
  });

  it('is consistent: average NEES of the ballistic track ≈ 6 over seeded Monte Carlo', () => {
    const truth = ballisticTruth(25);
    const runs = 60;
    let sum = 0;
    let count = 0;
    for (let run = 0; run < runs; run++) {
      const rng = createRng(1000 + run).fork('meas');
      // the truth has no process noise, so a near-zero q makes the filter's model exact
      const tracker = createEngineTracker({ ...settings, processNoise_m2ps3: 1e-4 }, 'bn');
      for (let k = 0; k < truth.length; k++) {
        tracker.update(k, [detection('r1', k, truth[k], rng)]);
        if (k >= 5) {
          const [t] = tracker.confirmedTracks();
          sum += nees(t, truth[k]);
          count++;
        }
      }
    }
    const mean = sum / count;
    // χ²(6) mean is 6; 1,200 correlated samples give a few per cent of spread (observed 6.34)
    expect(mean).toBeGreaterThan(4.5);
    expect(mean).toBeLessThan(7.5);
  });

  it('predict() follows the ballistic arc without changing the track', () => {
    const truth = ballisticTruth(31);
    const rng = createRng(5).fork('meas');
    const tracker = createEngineTracker(settings, 'bn');
    for (let k = 0; k <= 20; k++) tracker.update(k, [detection('r1', k, truth[k], rng)]);
    const [t] = tracker.confirmedTracks();
    const before = Float64Array.from(t.x);
    const pos = new Float64Array(3);
    const vel = new Float64Array(3);
    tracker.predict(t, 30, pos, vel);
    expect(Array.from(t.x)).toEqual(Array.from(before));
    const err = Math.hypot(pos[0] - truth[30][0], pos[1] - truth[30][1], pos[2] - truth[30][2]);
    // 10 s look-ahead: velocity error (a few m/s) dominates; gravity (~490 m drop) is modelled
    expect(err).toBeLessThan(100);
  });

  it('keeps the ids of two crossing targets', () => {
    const rng = createRng(11).fork('meas');
    const tracker = createEngineTracker({ ...settings, processNoise_m2ps3: 1 }, 'bn');
    const base = geodeticToEcef(33 * DEG, 44 * DEG, 5_000);
    // two aircraft crossing at 90° at t = 20 s, 250 m/s, in a local ECEF-aligned plane
    const pa = (t: number) => [base[0] + 250 * (t - 20), base[1], base[2]];
    const pb = (t: number) => [base[0], base[1] + 250 * (t - 20), base[2]];
    let idA = '';
    let idB = '';
    for (let k = 0; k <= 40; k++) {
      tracker.update(k, [detection('r1', k, pa(k), rng), detection('r1', k, pb(k), rng)]);
      const tracks = tracker.confirmedTracks();
      if (k === 10) {
        expect(tracks).toHaveLength(2);
        const nearA = (t: EngineTrack) => Math.hypot(t.x[0] - pa(k)[0], t.x[1] - pa(k)[1]);
        idA = tracks.reduce((a, b) => (nearA(a) < nearA(b) ? a : b)).id;
        idB = tracks.find((t) => t.id !== idA)!.id;
      }
    }
    const tracks = tracker.confirmedTracks();
    expect(tracks).toHaveLength(2);
    const a = tracks.find((t) => t.id === idA)!;
    const b = tracks.find((t) => t.id === idB)!;
    expect(Math.hypot(a.x[0] - pa(40)[0], a.x[1] - pa(40)[1], a.x[2] - pa(40)[2])).toBeLessThan(100);
    expect(Math.hypot(b.x[0] - pb(40)[0], b.x[1] - pb(40)[1], b.x[2] - pb(40)[2])).toBeLessThan(100);
  });

  it('deletes a confirmed track after deleteMisses empty scans of its radar', () => {
    const rng = createRng(3).fork('meas');
    const tracker = createEngineTracker(settings, 'bn');
    const base = geodeticToEcef(33 * DEG, 44 * DEG, 5_000);
    const pos = (t: number) => [base[0] + 200 * t, base[1], base[2]];
    for (let k = 0; k < 8; k++) tracker.update(k, [detection('r1', k, pos(k), rng)]);
    expect(tracker.confirmedTracks()).toHaveLength(1);
    const deletedAt: number[] = [];
    for (let k = 8; k < 14; k++) {
      const res = tracker.update(k, [], ['r1']);
      if (res.deleted.length > 0) deletedAt.push(k);
    }
    expect(deletedAt).toEqual([8 + settings.deleteMisses - 1]);
    expect(tracker.confirmedTracks()).toHaveLength(0);
  });

  it('a radar that never saw the track does not count misses against it, and two radars fuse into one track', () => {
    const rng = createRng(4).fork('meas');
    const tracker = createEngineTracker(settings, 'bn');
    const base = geodeticToEcef(33 * DEG, 44 * DEG, 5_000);
    const pos = (t: number) => [base[0] + 200 * t, base[1] - 100 * t, base[2]];
    for (let k = 0; k < 20; k++) {
      // r1 and r2 both see it at interleaved times; r3 dwells but never sees it
      tracker.update(
        k + 0.5,
        [detection('r1', k, pos(k), rng), detection('r2', k + 0.5, pos(k + 0.5), rng)],
        ['r3'],
      );
    }
    const tracks = tracker.confirmedTracks();
    expect(tracks).toHaveLength(1);
    expect(tracks[0].id).toBe('bn-T1');
    expect(tracks[0].hits).toBe(40);
    expect(tracks[0].misses).toBe(0);
  });

  it('uniform false alarms do not create confirmed tracks', () => {
    const rng = createRng(9).fork('fa');
    const tracker = createEngineTracker(settings, 'bn');
    const base = geodeticToEcef(33 * DEG, 44 * DEG, 5_000);
    let confirmed = 0;
    for (let k = 0; k < 100; k++) {
      const dets: Detection[] = [];
      // 20 false alarms per scan in a 100 km cube
      for (let i = 0; i < 20; i++) {
        const p = [0, 1, 2].map((a) => base[a] + rng.uniformRange(-50_000, 50_000));
        dets.push(detection('r1', k, p, rng, 50));
      }
      confirmed += tracker.update(k, dets).confirmed.length;
    }
    expect(confirmed).toBe(0);
  });

  it('is deterministic: the same detections give the same ids and states', () => {
    const run = () => {
      const rng = createRng(21).fork('meas');
      const truth = ballisticTruth(8);
      const tracker = createEngineTracker(settings, 'x');
      for (let k = 0; k < 8; k++) tracker.update(k, [detection('r1', k, truth[k], rng)]);
      return tracker.confirmedTracks().map((t) => [t.id, ...Array.from(t.x)]);
    };
    expect(run()).toEqual(run());
  });

  describe('IMM {ballistic, cv}', () => {
    const immSettings: TrackerSettings = { ...settings, processNoise_m2ps3: 10 };

    /** Position RMS (m, 3-D) of the confirmed track over `truth` samples from scan `from` on, and mean μ_ballistic. */
    function runTrack(
      truthAt: (t: number, pos: Float64Array) => void,
      times: readonly number[],
      options: EngineTrackerOptions,
      runs: number,
      sigma_m: number,
    ): { rms: number; muBallistic: number; cvShare: number } {
      const pos = new Float64Array(3);
      let se = 0;
      let mu = 0;
      let cv = 0;
      let n = 0;
      for (let run = 0; run < runs; run++) {
        const rng = createRng(100 + run).fork('meas');
        const tracker = createEngineTracker(immSettings, 'imm', options);
        for (let k = 0; k < times.length; k++) {
          truthAt(times[k], pos);
          tracker.update(times[k], [detection('r1', times[k], pos, rng, sigma_m)], ['r1']);
          const tracks = tracker.confirmedTracks();
          if (k < 10 || tracks.length !== 1) continue;
          const t = tracks[0];
          se += (t.x[0] - pos[0]) ** 2 + (t.x[1] - pos[1]) ** 2 + (t.x[2] - pos[2]) ** 2;
          mu += t.modeProbabilities![0];
          if (t.model === 'cv') cv++;
          n++;
        }
      }
      expect(n).toBeGreaterThan(0);
      return { rms: Math.sqrt(se / n), muBallistic: mu / n, cvShare: cv / n };
    }

    it('exposes the mode probabilities in ENGINE_MOTION_MODELS order, summing to 1', () => {
      expect(ENGINE_MOTION_MODELS).toEqual(['ballistic', 'cv']);
      const truth = ballisticTruth(12);
      const rng = createRng(7).fork('meas');
      const tracker = createEngineTracker(settings, 'bn');
      for (let k = 0; k < truth.length; k++) tracker.update(k, [detection('r1', k, truth[k], rng)]);
      const [t] = tracker.confirmedTracks();
      const mu = t.modeProbabilities!;
      expect(mu).toHaveLength(2);
      expect(mu[0] + mu[1]).toBeCloseTo(1, 12);
      expect(mu[0]).toBeGreaterThan(0.9);
      expect(t.model).toBe('ballistic');
      const cvOnly = createEngineTracker(settings, 'cv', { motion: 'cv' });
      for (let k = 0; k < truth.length; k++) cvOnly.update(k, [detection('r1', k, truth[k], rng)]);
      expect(Array.from(cvOnly.confirmedTracks()[0].modeProbabilities!)).toEqual([0, 1]);
      expect(cvOnly.confirmedTracks()[0].model).toBe('cv');
    });

    it('tracks a simulated SRBM re-entry (drag included) with lower position RMS than the CV-only filter', () => {
      const type = srbm('notional-srbm-750km');
      const models = createThreatModels();
      let seed = 0;
      let traj = models.fly(launchOf(type.id, KERMANSHAH, AL_ASAD), type, createRng(seed).fork('t'));
      while (traj.outcome !== 'impact') {
        seed++;
        traj = models.fly(launchOf(type.id, KERMANSHAH, AL_ASAD), type, createRng(seed).fork('t'));
      }
      const vel = new Float64Array(3);
      const truthAt = (t: number, pos: Float64Array) => {
        expect(traj.stateAt(t, pos, vel)).toBe(true);
      };
      // the last 90 s of flight, from about 90 km altitude to the ground, one dwell per second
      const t0 = Math.ceil(traj.endTime_s - 90);
      const times = Array.from({ length: 89 }, (_, k) => t0 + k);
      const imm = runTrack(truthAt, times, {}, 12, SIGMA_m);
      const cv = runTrack(truthAt, times, { motion: 'cv' }, 12, SIGMA_m);
      // observed: IMM ≈ 63 m, CV-only ≈ 82 m (drag makes the last seconds hard for both)
      expect(imm.rms).toBeLessThan(0.9 * cv.rms);
      expect(imm.muBallistic).toBeGreaterThan(0.6);
    });

    it('tracks a 60 m/s level drone with the CV mode dominant', () => {
      // level flight east at 500 m above the ellipsoid
      const truthAt = (t: number, pos: Float64Array) => {
        const lon = 44 * DEG + (60 * t) / (6_378_137 * Math.cos(33 * DEG));
        pos.set(geodeticToEcef(33 * DEG, lon, 500));
      };
      const times = Array.from({ length: 120 }, (_, k) => k);
      const imm = runTrack(truthAt, times, {}, 12, SIGMA_m);
      // observed: mean μ_cv ≈ 0.95
      expect(1 - imm.muBallistic).toBeGreaterThan(0.85);
      expect(imm.cvShare).toBeGreaterThan(0.9);
      const cv = runTrack(truthAt, times, { motion: 'cv' }, 12, SIGMA_m);
      // the ballistic mode costs the IMM little on a target that does not fall
      expect(imm.rms).toBeLessThan(1.15 * cv.rms);
    });
  });
});
