/**
 * Whole-run Monte Carlo tests: worker-count invariance, a deterministic convergence stop, resume after a killed
 * process, and `aspis run --replication i` replaying replication i of a batch.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runMonteCarlo } from '../src/analysis/monteCarlo.js';
import { main } from '../src/cli/main.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { openRunStore } from '../src/store/runStore.js';

const root = packageRoot();
const erbil = join(root, 'scenarios', 'erbil-2020.yaml');

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

beforeAll(() => {
  // the worker pool runs compiled JS: build dist/ when it is missing or older than src/
  execFileSync(process.execPath, ['scripts/ensureBuild.mjs'], { cwd: root, stdio: 'inherit' });
}, 300_000);

describe('runMonteCarlo', () => {
  it('gives byte-identical aggregates with 1 and 2 workers', async () => {
    const one = await runMonteCarlo(erbil, { runs: 30, workers: 1, seed: 11 });
    const two = await runMonteCarlo(erbil, { runs: 30, workers: 2, seed: 11 });
    expect(one.runs).toBe(30);
    expect(JSON.stringify(two.aggregate)).toBe(JSON.stringify(one.aggregate));
    expect(two.replications.map((r) => r.hash)).toEqual(one.replications.map((r) => r.hash));
    // replication i depends on (seed, i) only: the first 10 of a 30-run batch are a 10-run batch
    const ten = await runMonteCarlo(erbil, { runs: 10, seed: 11 });
    expect(ten.replications.map((r) => r.hash)).toEqual(one.replications.slice(0, 10).map((r) => r.hash));
  });

  it('stops at the same checkpoint for any worker count when the intervals are narrow enough', async () => {
    const options = { runs: 200, seed: 4, untilCiHalfWidth: 0.2 };
    const one = await runMonteCarlo(erbil, { ...options, workers: 1 });
    const two = await runMonteCarlo(erbil, { ...options, workers: 2, chunkSize: 7 });
    expect(one.stoppedEarly).toBe(true);
    expect(one.runs % 25).toBe(0);
    expect(one.runs).toBeGreaterThanOrEqual(50);
    expect(one.convergence.praHalfWidth).toBeLessThanOrEqual(0.2);
    expect(one.convergence.leakersHalfWidth).toBeLessThanOrEqual(0.2);
    expect(two.runs).toBe(one.runs);
    expect(digest(two.aggregate)).toBe(digest(one.aggregate));
  });

  it('loses no completed replication when killed, and a resumed run equals an uninterrupted one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aspis-mc-'));
    const storePath = join(dir, 'runs.db');
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'test/fixtures/mcKillChild.ts', erbil, storePath, '16', '6', '9'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(child.signal).toBe('SIGKILL');
    const store = openRunStore(storePath);
    try {
      const killed = store.getRun('latest')!;
      expect(killed.status).toBe('running');
      const done = store.completedReplications(killed.id);
      expect(done.slice(0, 6)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(done.length).toBeLessThan(16);
      const resumed = await runMonteCarlo(null, { store, resume: killed.id, workers: 2 });
      expect(resumed.runId).toBe(killed.id);
      expect(resumed.seed).toBe(9);
      expect(store.getRun(killed.id)!.status).toBe('done');
      expect(store.completedReplications(killed.id)).toHaveLength(16);
      const straight = await runMonteCarlo(erbil, { runs: 16, seed: 9 });
      expect(JSON.stringify(resumed.aggregate)).toBe(JSON.stringify(straight.aggregate));
      expect(store.getAggregate(killed.id)).toEqual(straight.aggregate);
    } finally {
      store.close();
    }
  });
});

describe('runMonteCarlo under kill -9 (fault suite, docs/fuzz.md)', () => {
  it('killed twice — once with a 2-worker pool, once during its resume — still resumes to byte-identical aggregates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aspis-mc-kill2-'));
    const storePath = join(dir, 'runs.db');
    const child = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/mcKillChild.ts', ...args], {
        cwd: root,
        encoding: 'utf8',
      });
    expect(child([erbil, storePath, '12', '3', '5', '2']).signal).toBe('SIGKILL');
    let store = openRunStore(storePath);
    const id = store.getRun('latest')!.id;
    const first = store.completedReplications(id);
    store.close();
    expect(first.length).toBeGreaterThanOrEqual(3);
    expect(first.length).toBeLessThan(12);
    // the resume is killed too, after more replications landed
    expect(child(['-', storePath, '0', String(first.length + 2), '0', '2', id]).signal).toBe('SIGKILL');
    store = openRunStore(storePath);
    try {
      const second = store.completedReplications(id);
      expect(second.length).toBeGreaterThan(first.length);
      expect(new Set(second).size).toBe(second.length);
      const resumed = await runMonteCarlo(null, { store, resume: id, workers: 2 });
      expect(store.getRun(id)!.status).toBe('done');
      expect(store.completedReplications(id)).toEqual([...Array(12).keys()]);
      const straight = await runMonteCarlo(erbil, { runs: 12, seed: 5 });
      expect(JSON.stringify(resumed.aggregate)).toBe(JSON.stringify(straight.aggregate));
      expect(store.getAggregate(id)).toEqual(straight.aggregate);
    } finally {
      store.close();
    }
  });
});

describe('aspis run --replication', () => {
  it('reproduces replication 7 of an mc batch (same hash)', async () => {
    const mc = await runMonteCarlo(erbil, { runs: 8, seed: 21 });
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      const code = await main([
        'node',
        'aspis',
        'run',
        erbil,
        '--seed',
        '21',
        '--replication',
        '7',
        '--json',
        '--no-save',
        '--no-store',
      ]);
      expect(code).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(JSON.parse(out).hash).toBe(mc.replications[7].hash);
    expect(mc.replications[7].hash).not.toBe(mc.replications[6].hash);
  });
});
