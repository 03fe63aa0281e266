/**
 * @module test/support/trackerScenes
 * Small seeded scenes for the full-covariance tracker's tests and benchmarks: closely spaced parallel targets in
 * uniform clutter, a single target flying straight then turning, and a helper that runs a tracker over a scene and
 * returns the online position OSPA (c = 100 m, p = 1, docs/formats/mtt.md §4).
 */
import { createRng } from '../../src/math/rng.js';
import { onlineOspa } from '../../src/tracking/metrics/runMetrics.js';
import type { MttScanOutput, MttSetup, MttTracker } from '../../src/tracking/mttTracker.js';

/** A scene: setup, truth per scan ([x, vx, y, vy]) and detections per scan. */
export interface TestScene {
  readonly setup: MttSetup;
  readonly truth: { t: number; x: number[][] }[];
  readonly scans: { k: number; t: number; z: number[][] }[];
}

/**
 * `count` targets flying along +x at 100 m/s, `separation_m` apart in y, with velocity noise 0.5 m/s per scan
 * per axis, detection probability `pd`, σ = 20 m and Poisson clutter of density `clutterDensity` (m⁻²) in a box
 * 1 km around them; `numScans` scans at 1 s.
 */
export function parallelTargetsScene(
  seed: number,
  count: number,
  separation_m: number,
  clutterDensity: number,
  pd: number,
  numScans: number,
): TestScene {
  const rng = createRng(seed);
  const sigma = 20;
  const truth: TestScene['truth'] = [];
  const scans: TestScene['scans'] = [];
  const xs = Array.from({ length: count }, (_, i) => [0, 100, i * separation_m, 0]);
  for (let k = 0; k < numScans; k++) {
    if (k > 0) {
      for (const x of xs) {
        x[0] += x[1];
        x[2] += x[3];
        x[1] += 0.5 * rng.normal();
        x[3] += 0.5 * rng.normal();
      }
    }
    truth.push({ t: k, x: xs.map((x) => x.slice()) });
    const z: number[][] = [];
    for (const x of xs)
      if (rng.chance(pd)) z.push([x[0] + sigma * rng.normal(), x[2] + sigma * rng.normal()]);
    const width = 2000;
    const height = (count - 1) * separation_m + 2000;
    const nClutter = rng.poisson(clutterDensity * width * height);
    for (let i = 0; i < nClutter; i++) {
      z.push([xs[0][0] - 1000 + width * rng.uniform(), -1000 + height * rng.uniform()]);
    }
    scans.push({ k, t: k, z });
  }
  return { setup: { dim: 2, dt: 1, q: 0.25, sigma, pd, clutterDensity }, truth, scans };
}

/**
 * One target at 150 m/s along +x: `straightScans` straight, then `turnScans` turning at `omega_radps`
 * (counter-clockwise), then straight to `numScans`; σ = `sigma_m`, P_D = 1, no clutter, no process noise.
 */
export function turningTargetScene(
  seed: number,
  omega_radps: number,
  straightScans: number,
  turnScans: number,
  numScans: number,
  sigma_m: number,
): TestScene {
  const rng = createRng(seed);
  const x = [0, 150, 0, 0];
  const truth: TestScene['truth'] = [];
  const scans: TestScene['scans'] = [];
  for (let k = 0; k < numScans; k++) {
    if (k > 0) {
      const w = k > straightScans && k <= straightScans + turnScans ? omega_radps : 0;
      const [px, vx, py, vy] = x;
      if (w === 0) {
        x[0] = px + vx;
        x[2] = py + vy;
      } else {
        const s = Math.sin(w);
        const c = Math.cos(w);
        x[0] = px + (s / w) * vx - ((1 - c) / w) * vy;
        x[1] = c * vx - s * vy;
        x[2] = py + ((1 - c) / w) * vx + (s / w) * vy;
        x[3] = s * vx + c * vy;
      }
    }
    truth.push({ t: k, x: [x.slice()] });
    scans.push({ k, t: k, z: [[x[0] + sigma_m * rng.normal(), x[2] + sigma_m * rng.normal()]] });
  }
  return { setup: { dim: 2, dt: 1, q: 1, sigma: sigma_m, pd: 1, clutterDensity: 0 }, truth, scans };
}

/** Run `tracker` over `scene`; returns the outputs and the mean online position OSPA (c = 100 m, p = 1). */
export function runScene(tracker: MttTracker, scene: TestScene): { outputs: MttScanOutput[]; ospa: number } {
  const outputs = scene.scans.map((s) => tracker.step(s.k, s.t, s.z));
  const est = outputs.map((o, k) => ({ t: scene.scans[k].t, x: o.x }));
  return { outputs, ospa: onlineOspa(scene.truth, est, { c: 100, p: 1, mapping: [0, 2] }).mean };
}
