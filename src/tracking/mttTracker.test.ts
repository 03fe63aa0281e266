import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MTT_REFERENCE_DIR } from '../../test/support/mttData.js';
import { solveAssignment } from './association/assignment.js';
import {
  createMttTracker,
  defaultMttTrackerConfig,
  type MttSetup,
  type MttTrackerConfig,
} from './mttTracker.js';

const DATA_DIR = MTT_REFERENCE_DIR;

interface ScenarioScan {
  k: number;
  t: number;
  z: number[][];
}

/** Minimal `mtt-scenario` reader (header + scan lines; truth and origin ignored). */
function readScenario(path: string): { setup: MttSetup; scans: ScenarioScan[] } {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  const header = JSON.parse(lines[0]);
  const setup: MttSetup = {
    dim: header.dim,
    dt: header.dt,
    q: header.motion.q,
    sigma: header.sensor.sigma,
    pd: header.sensor.pd,
    clutterDensity: header.clutter.density,
  };
  const scans: ScenarioScan[] = [];
  for (const line of lines.slice(1)) {
    const rec = JSON.parse(line);
    if (rec.type === 'scan') scans.push({ k: rec.k, t: rec.t, z: rec.z });
  }
  return { setup, scans };
}

/** `tracks` lines of an `mtt-tracks` file, by scan. */
function readTracks(path: string): { k: number; x: number[][] }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l))
    .filter((r) => r.type === 'tracks')
    .map((r) => ({ k: r.k, x: r.x }));
}

/** Largest Euclidean state difference after optimal matching of two equally sized state sets. */
function maxMatchedDiff(a: number[][], b: number[][]): number {
  if (a.length === 0) return 0;
  const cost = a.map((xa) => b.map((xb) => Math.hypot(...xa.map((v, i) => v - xb[i]))));
  const { rowToCol } = solveAssignment(cost);
  let worst = 0;
  rowToCol.forEach((j, i) => {
    worst = Math.max(worst, cost[i][j]);
  });
  return worst;
}

function compareWithReference(name: string): { maxDiff: number; measPerS: number } {
  const { setup, scans } = readScenario(`${DATA_DIR}/${name}.jsonl`);
  const ref = readTracks(`${DATA_DIR}/${name}.tracks_stonesoup_kdtree.jsonl`);
  const config: MttTrackerConfig = { ...defaultMttTrackerConfig(), compat: 'stonesoup' };
  const tracker = createMttTracker(setup, config);
  let maxDiff = 0;
  let elapsed_ms = 0;
  let meas = 0;
  for (const scan of scans) {
    const t0 = performance.now();
    const out = tracker.step(scan.k, scan.t, scan.z);
    elapsed_ms += performance.now() - t0;
    meas += scan.z.length;
    const want = ref[scan.k];
    expect(want.k).toBe(scan.k);
    expect(out.x.length, `track count after scan ${scan.k}`).toBe(want.x.length);
    maxDiff = Math.max(maxDiff, maxMatchedDiff(out.x, want.x));
  }
  return { maxDiff, measPerS: meas / (elapsed_ms / 1000) };
}

describe('MTT tracker, Stone Soup compatible mode', () => {
  it('reproduces the Stone Soup reference on scen_N10_s1', () => {
    const { maxDiff } = compareWithReference('scen_N10_s1');
    expect(maxDiff).toBeLessThan(1e-6);
  });

  it('reproduces the Stone Soup reference on scen_N100_s1', () => {
    const { maxDiff, measPerS } = compareWithReference('scen_N100_s1');
    console.log(
      `N=100 compat: max matched state diff ${maxDiff.toExponential(2)}, ${measPerS.toFixed(0)} meas/s`,
    );
    expect(maxDiff).toBeLessThan(1e-6);
  });
});

describe('MTT tracker, native mode', () => {
  it('tracks the N=10 scenario deterministically with M-of-N confirmation', () => {
    const { setup, scans } = readScenario(`${DATA_DIR}/scen_N10_s1.jsonl`);
    const run = () => {
      const tracker = createMttTracker(setup, defaultMttTrackerConfig());
      const outs = scans.map((s) => tracker.step(s.k, s.t, s.z));
      return { outs, histories: tracker.histories() };
    };
    const a = run();
    const b = run();
    expect(a.outs).toEqual(b.outs);
    // about as many confirmed tracks as live targets (7.8 per scan on average in this file)
    const mean = a.outs.reduce((acc, o) => acc + o.ids.length, 0) / a.outs.length;
    expect(mean).toBeGreaterThan(6);
    expect(mean).toBeLessThan(10);
    for (const h of a.histories) {
      expect(h.t.length).toBe(h.x.length);
      expect(h.isUpdate[0]).toBe(true);
    }
  });

  it('rejects the Stone Soup compatible mode with a filter or associator other than kf + gnn', () => {
    const setup: MttSetup = { dim: 2, dt: 1, q: 1, sigma: 20, pd: 0.9, clutterDensity: 1e-8 };
    const compat = { ...defaultMttTrackerConfig(), compat: 'stonesoup' as const };
    expect(() => createMttTracker(setup, { ...compat, assoc: 'jpda' })).toThrow(/E_USAGE/);
    expect(() => createMttTracker(setup, { ...compat, filter: 'imm' })).toThrow(/E_USAGE/);
  });

  it('history of a confirmed track starts at its first tentative detection (Stone Soup semantics)', () => {
    const setup: MttSetup = { dim: 2, dt: 1, q: 1, sigma: 20, pd: 1, clutterDensity: 0 };
    const tracker = createMttTracker(setup, { ...defaultMttTrackerConfig(), compat: 'stonesoup' });
    const outs = [0, 1, 2, 3].map((k) => tracker.step(k, k, [[100 * k, 50]]));
    expect(outs.map((o) => o.ids.length)).toEqual([0, 0, 1, 1]);
    const [h] = tracker.histories();
    expect(h.id).toBe('T000001');
    expect(h.t).toEqual([0, 1, 2, 3]);
    expect(h.isUpdate).toEqual([true, true, true, true]);
    // after a hit-miss-hit-miss-hit pattern a track is confirmed (not a sliding M-of-N)
    const t2 = createMttTracker(setup, { ...defaultMttTrackerConfig(), compat: 'stonesoup' });
    const pattern = [true, false, true, false, true];
    const counts = pattern.map((hit, k) => t2.step(k, k, hit ? [[10 * k, 0]] : []).ids.length);
    expect(counts).toEqual([0, 0, 0, 0, 1]);
  });
});
