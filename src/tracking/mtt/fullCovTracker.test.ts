import { describe, expect, it } from 'vitest';
import {
  parallelTargetsScene,
  runScene,
  type TestScene,
  turningTargetScene,
} from '../../../test/support/trackerScenes.js';
import { generateMeasurementFile } from '../mttGenerate.js';
import {
  createMttTracker,
  defaultMttTrackerConfig,
  type MttSetup,
  type MttTrackerConfig,
} from '../mttTracker.js';
import { createFullCovTracker } from './fullCovTracker.js';
import { DEFAULT_IMM_TURN_RATE_radps } from './immOptions.js';

/** A generated `mtt-scenario` as a {@link TestScene}. */
function generated(n: number, seed: number, maneuver: boolean): TestScene {
  const g = generateMeasurementFile({ n, seed, maneuver });
  const h = g.header;
  const setup: MttSetup = {
    dim: 2,
    dt: h.dt,
    q: h.motion.q,
    sigma: h.sensor.sigma,
    pd: h.sensor.pd,
    clutterDensity: h.clutter.density,
  };
  return {
    setup,
    truth: g.truth.map((t) => ({ t: t.t, x: t.x.map((x) => [...x]) })),
    scans: g.scans.map((s) => ({ k: s.k, t: s.t, z: s.z.map((z) => [...z]) })),
  };
}

function config(over: Partial<MttTrackerConfig>): MttTrackerConfig {
  return { ...defaultMttTrackerConfig(), ...over };
}

describe('full-covariance tracker, single-model filters', () => {
  it('kf, ekf and ukf reproduce the native kf + gnn fast path on a generated scenario', () => {
    const scene = generated(20, 4, false);
    const native = runScene(createMttTracker(scene.setup, config({})), scene).outputs;
    for (const filter of ['kf', 'ekf', 'ukf'] as const) {
      const full = runScene(createFullCovTracker(scene.setup, config({ filter })), scene).outputs;
      full.forEach((o, k) => {
        expect(o.ids, `${filter} ids at scan ${k}`).toEqual(native[k].ids);
        o.x.forEach((x, i) => {
          x.forEach((v, c) => {
            expect(Math.abs(v - native[k].x[i][c])).toBeLessThan(1e-6);
          });
        });
      });
    }
  });

  it('createMttTracker routes ekf/ukf/imm/jpda to the full-covariance tracker', () => {
    const scene = generated(5, 2, false);
    for (const over of [{ filter: 'ukf' as const }, { filter: 'imm' as const }, { assoc: 'jpda' as const }]) {
      const { outputs } = runScene(createMttTracker(scene.setup, config(over)), scene);
      expect(outputs.some((o) => o.ids.length > 0)).toBe(true);
    }
  });
});

describe('full-covariance tracker, IMM', () => {
  it('beats the CV Kalman filter on OSPA in a maneuvering scenario', () => {
    const scene = generated(20, 7, true);
    const kf = runScene(createMttTracker(scene.setup, config({})), scene).ospa;
    const imm = runScene(createMttTracker(scene.setup, config({ filter: 'imm' })), scene).ospa;
    expect(imm).toBeLessThan(0.85 * kf);
  });

  it('raises the probability of the matching turn mode during a turn and exposes mode probabilities', () => {
    const scene = turningTargetScene(3, DEFAULT_IMM_TURN_RATE_radps, 25, 20, 60, 10);
    const { outputs } = runScene(createMttTracker(scene.setup, config({ filter: 'imm' })), scene);
    const mean = (from: number, to: number, mode: number): number => {
      let s = 0;
      for (let k = from; k < to; k++) s += outputs[k].modeProbabilities![0][mode];
      return s / (to - from);
    };
    const straight = mean(12, 25, 1);
    const turning = mean(30, 45, 1);
    expect(outputs[40].modeProbabilities![0].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(straight).toBeLessThan(0.3);
    expect(turning).toBeGreaterThan(0.6);
    expect(turning).toBeGreaterThan(straight + 0.4);
  });

  it('runs a CV + CA + estimated-rate CT model set', () => {
    const scene = generated(5, 1, true);
    const imm = {
      models: [
        { kind: 'cv' as const },
        { kind: 'ca' as const, q_m2ps5: 1 },
        { kind: 'ct-estimated' as const, qOmega_rad2ps3: 1e-4 },
      ],
      transition: [
        [0.9, 0.05, 0.05],
        [0.05, 0.9, 0.05],
        [0.05, 0.05, 0.9],
      ],
      initialProbabilities: [0.6, 0.2, 0.2],
    };
    const kf = runScene(createMttTracker(scene.setup, config({})), scene).ospa;
    const { outputs, ospa } = runScene(createMttTracker(scene.setup, config({ filter: 'imm', imm })), scene);
    expect(outputs.at(-1)!.modeProbabilities!.every((p) => p.length === 3)).toBe(true);
    expect(ospa).toBeLessThan(kf);
  });

  it('rejects a transition matrix whose rows do not sum to 1', () => {
    const scene = generated(1, 1, false);
    const imm = { models: [{ kind: 'cv' as const }], transition: [[0.5]], initialProbabilities: [1] };
    expect(() => createMttTracker(scene.setup, config({ filter: 'imm', imm }))).toThrow(/E_USAGE/);
  });
});

describe('full-covariance tracker, JPDA', () => {
  it('beats GNN on OSPA for closely spaced parallel targets in dense clutter', () => {
    // 5 targets 50 m (2.5 σ) apart, clutter 1e-6 m⁻² (100× the default), P_D 0.9, confirmation 5 of 5
    let gnn = 0;
    let jpda = 0;
    for (const seed of [1, 2, 3]) {
      const scene = parallelTargetsScene(seed, 5, 50, 1e-6, 0.9, 60);
      const c = config({ filter: 'ekf', confirmM: 5, confirmN: 5 });
      gnn += runScene(createMttTracker(scene.setup, c), scene).ospa;
      jpda += runScene(createMttTracker(scene.setup, { ...c, assoc: 'jpda' }), scene).ospa;
    }
    expect(jpda).toBeLessThan(0.95 * gnn);
  });

  it('is deterministic', () => {
    const scene = parallelTargetsScene(9, 4, 60, 1e-6, 0.8, 30);
    const c = config({ filter: 'imm', assoc: 'jpda' });
    const a = runScene(createMttTracker(scene.setup, c), scene).outputs;
    const b = runScene(createMttTracker(scene.setup, c), scene).outputs;
    expect(a).toEqual(b);
  });
});
