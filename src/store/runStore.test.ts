import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AspisError } from '../errors.js';
import {
  DEFAULT_STORE_PATH,
  openRunStore,
  type RunStore,
  requireRun,
  STORE_SCHEMA_VERSION,
  scenarioHash,
} from './runStore.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');

const YAML = 'name: test scenario\nseed: 7\n';

function newMcRun(store: RunStore, runsRequested = 10): string {
  const hash = store.putScenario(YAML, 'test scenario');
  return store.createRun({
    kind: 'mc',
    scenarioHash: hash,
    scenarioName: 'test scenario',
    scenarioFile: 'scenarios/test.yaml',
    seed: 7,
    runsRequested,
    config: { runs: runsRequested, workers: 2 },
  });
}

describe('run store', () => {
  let dir: string;
  let file: string;
  let store: RunStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aspis-store-'));
    file = join(dir, 'nested', 'runs.db');
    store = openRunStore(file);
  });
  afterEach(() => store.close());

  it('creates its folder, a WAL journal and a versioned schema', () => {
    expect(existsSync(file)).toBe(true);
    expect(store.path).toBe(resolve(file));
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(STORE_SCHEMA_VERSION);
    db.close();
    expect(DEFAULT_STORE_PATH).toBe('.aspis/runs.db');
  });

  it('stores a scenario once, keyed by the SHA-256 of its text', () => {
    const hash = store.putScenario(YAML, 'test scenario');
    expect(hash).toBe(scenarioHash(YAML));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(store.putScenario(YAML, 'another name')).toBe(hash);
    expect(store.getScenario(hash)).toEqual({ yaml: YAML, name: 'test scenario' });
    expect(store.getScenario('0'.repeat(64))).toBeNull();
  });

  it('folds input file digests into the scenario hash: same text, other DEM bytes, another hash', () => {
    const a = [{ field: 'terrain.dem', sha256: 'a'.repeat(64) }];
    const b = [{ field: 'terrain.dem', sha256: 'b'.repeat(64) }];
    expect(scenarioHash(YAML, [])).toBe(scenarioHash(YAML));
    expect(scenarioHash(YAML, a)).not.toBe(scenarioHash(YAML));
    expect(scenarioHash(YAML, a)).not.toBe(scenarioHash(YAML, b));
    const hash = store.putScenario(YAML, 'with dem', a);
    expect(hash).toBe(scenarioHash(YAML, a));
    expect(store.getScenario(hash)?.yaml).toBe(YAML);
  });

  it('extends a run to more replications and never shrinks it', () => {
    const id = newMcRun(store, 3);
    store.extendRun(id, 5, { runs: 5 });
    expect(store.getRun(id)).toMatchObject({ runsRequested: 5, config: { runs: 5 } });
    expect(() => store.extendRun(id, 4, { runs: 4 })).toThrow(/E_USAGE --runs/);
    expect(store.getRun(id)?.runsRequested).toBe(5);
  });

  it('answers a full database with E_STORE_WRITE and keeps what was written', () => {
    const small = join(dir, 'small.db');
    process.env.ASPIS_STORE_MAX_PAGES = '12';
    const full = openRunStore(small);
    delete process.env.ASPIS_STORE_MAX_PAGES;
    try {
      const id = newMcRun(full, 100);
      const big = 'x'.repeat(3000);
      let stored = 0;
      expect(() => {
        for (let i = 0; i < 100; i++)
          if (full.putReplication(id, { replication: i, hash: 'h', summary: big })) stored++;
      }).toThrow(/^E_STORE_WRITE --store: cannot store replication \d+ of run-000001 in .*full/);
      expect(stored).toBeGreaterThan(0);
      expect(full.completedReplications(id)).toHaveLength(stored);
    } finally {
      full.close();
    }
  });

  it('numbers runs run-000001, run-000002, … and lists them newest first', () => {
    const a = newMcRun(store);
    const b = newMcRun(store);
    expect([a, b]).toEqual(['run-000001', 'run-000002']);
    const runs = store.listRuns();
    expect(runs.map((r) => r.id)).toEqual(['run-000002', 'run-000001']);
    const row = runs[1];
    expect(row).toMatchObject({
      id: 'run-000001',
      kind: 'mc',
      scenarioHash: scenarioHash(YAML),
      scenarioName: 'test scenario',
      scenarioFile: 'scenarios/test.yaml',
      seed: 7,
      runsRequested: 10,
      status: 'running',
      config: { runs: 10, workers: 2 },
      createdSeq: 1,
      replicationsDone: 0,
    });
  });

  it('finds a run by id, number, unique prefix or "latest", and rejects an ambiguous prefix', () => {
    for (let i = 0; i < 11; i++) newMcRun(store);
    expect(store.getRun('run-000003')?.createdSeq).toBe(3);
    expect(store.getRun('3')?.id).toBe('run-000003');
    expect(store.getRun('latest')?.id).toBe('run-000011');
    expect(store.getRun('run-000010')?.id).toBe('run-000010');
    // run-00001 is a prefix of run-000010 and run-000011
    expect(() => store.getRun('run-00001')).toThrow(/matches several runs/);
    expect(store.getRun('run-000099')).toBeNull();
    expect(() => requireRun(store, 'nope')).toThrow(AspisError);
    expect(() => requireRun(store, 'nope')).toThrow(/^E_USAGE run: no run "nope" in /);
  });

  it('round-trips a replication with events and paths, and an aggregate', () => {
    const id = newMcRun(store, 1);
    const summary = { totals: { launched: 3, killed: 2 }, firstIntercept_s: null };
    const paths = { threats: [{ id: 't1', samples: [[0, 1, 2]] }], interceptors: [] };
    expect(
      store.putReplication(id, { replication: 0, hash: 'abc', summary, events: '{"a":1}\n', paths }),
    ).toBe(true);
    expect(store.getReplication(id, 0)).toEqual({
      runId: id,
      replication: 0,
      hash: 'abc',
      summary,
      events: '{"a":1}\n',
      paths,
    });
    expect(store.putReplication(id, { replication: 1, hash: 'def', summary: { x: 1 } })).toBe(true);
    expect(store.getReplication(id, 1)).toMatchObject({ events: null, paths: null });
    expect(store.getReplication(id, 2)).toBeNull();
    expect(store.listReplications(id)).toEqual([
      { replication: 0, hash: 'abc', summary },
      { replication: 1, hash: 'def', summary: { x: 1 } },
    ]);
    expect(store.getAggregate(id)).toBeNull();
    store.putAggregate(id, { pk: 0.5 });
    store.putAggregate(id, { pk: 0.75, n: 2 });
    expect(store.getAggregate(id)).toEqual({ pk: 0.75, n: 2 });
    store.finishRun(id, 'done');
    expect(store.getRun(id)).toMatchObject({ status: 'done', replicationsDone: 2 });
  });

  it('never overwrites a stored replication: a second put returns false and changes nothing', () => {
    const id = newMcRun(store);
    expect(store.putReplication(id, { replication: 4, hash: 'first', summary: { v: 1 }, events: 'e1' })).toBe(
      true,
    );
    expect(
      store.putReplication(id, { replication: 4, hash: 'second', summary: { v: 2 }, events: 'e2' }),
    ).toBe(false);
    expect(store.getReplication(id, 4)).toMatchObject({ hash: 'first', summary: { v: 1 }, events: 'e1' });
    expect(store.getRun(id)?.replicationsDone).toBe(1);
  });

  it('keeps every completed replication of a killed run, so a resume computes only the missing ones', () => {
    const id = newMcRun(store, 6);
    for (const i of [3, 0, 5]) store.putReplication(id, { replication: i, hash: `h${i}`, summary: { i } });
    // the process dies here without finishing the run
    store.close();
    store = openRunStore(file);
    const run = requireRun(store, id);
    expect(run.status).toBe('running');
    expect(store.completedReplications(id)).toEqual([0, 3, 5]);
    const missing = [0, 1, 2, 3, 4, 5].filter((i) => !store.completedReplications(id).includes(i));
    expect(missing).toEqual([1, 2, 4]);
    for (const i of missing)
      expect(store.putReplication(id, { replication: i, hash: `h${i}`, summary: { i } })).toBe(true);
    store.finishRun(id, 'done');
    expect(store.completedReplications(id)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(store.getRun(id)).toMatchObject({ status: 'done', replicationsDone: 6 });
  });

  it('reopens a stopped run as running', () => {
    const id = newMcRun(store);
    store.finishRun(id, 'stopped');
    expect(store.getRun(id)?.status).toBe('stopped');
    expect(store.reopenRun(id).status).toBe('running');
  });

  it('rejects writes to an unknown run with a coded error', () => {
    newMcRun(store);
    const expected = /^E_USAGE run: no run "run-000042" in /;
    expect(() => store.putReplication('run-000042', { replication: 0, hash: 'x', summary: {} })).toThrow(
      expected,
    );
    expect(() => store.putAggregate('run-000042', {})).toThrow(expected);
    expect(() => store.finishRun('run-000042', 'done')).toThrow(expected);
    expect(() => store.reopenRun('run-000042')).toThrow(expected);
  });

  it('refuses a store written by a newer schema', () => {
    store.close();
    const db = new Database(file);
    db.pragma(`user_version = ${STORE_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openRunStore(file)).toThrow(/newer than this aspis understands/);
    store = openRunStore(':memory:');
  });

  it('gives the same ids and contents whatever the wall clock says', () => {
    const other = openRunStore(':memory:');
    try {
      const a = newMcRun(store);
      const b = newMcRun(other);
      expect(a).toBe(b);
      const strip = (r: ReturnType<RunStore['listRuns']>[number]) => ({ ...r, createdAt: undefined });
      expect(other.listRuns().map(strip)).toEqual(store.listRuns().map(strip));
    } finally {
      other.close();
    }
  });

  it('lets two connections in one process interleave writes', () => {
    const second = openRunStore(file);
    try {
      const id = newMcRun(store, 20);
      for (let i = 0; i < 20; i++)
        (i % 2 === 0 ? store : second).putReplication(id, { replication: i, hash: `${i}`, summary: i });
      expect(second.completedReplications(id)).toEqual([...Array(20).keys()]);
      expect(newMcRun(second)).toBe('run-000002');
    } finally {
      second.close();
    }
  });
});

/** A child `node` process (TypeScript through tsx) that writes replications into the shared store. */
function writer(file: string, barrier: string, runId: string, parity: number): Promise<string> {
  const storeUrl = pathToFileURL(join(here, 'runStore.ts')).href;
  const script = `
    import { existsSync, writeFileSync } from 'node:fs';
    import { openRunStore } from ${JSON.stringify(storeUrl)};
    const store = openRunStore(${JSON.stringify(file)});
    writeFileSync(${JSON.stringify(`${barrier}.ready${parity}`)}, '');
    const sleep = new Int32Array(new SharedArrayBuffer(4));
    while (!existsSync(${JSON.stringify(barrier)})) Atomics.wait(sleep, 0, 0, 5);
    const events = 'x'.repeat(4000);
    let inserted = 0;
    const own = store.createRun({ kind: 'single', scenarioHash: store.putScenario('child', 'child'),
      scenarioName: 'child', scenarioFile: 'child.yaml', seed: ${parity}, runsRequested: 1, config: null });
    // its own 200 replications, then 50 of the other writer's (idempotent: must not duplicate)
    const mine = Array.from({ length: 200 }, (_, k) => 2 * k + ${parity});
    const theirs = Array.from({ length: 50 }, (_, k) => 2 * k + ${1 - parity});
    for (const i of [...mine, ...theirs]) {
      if (store.putReplication(${JSON.stringify(runId)}, { replication: i, hash: 'h' + i, summary: { i }, events })) inserted++;
    }
    store.finishRun(own, 'done');
    store.close();
    process.stdout.write(JSON.stringify({ inserted, own }));
  `;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolvePromise(out) : reject(new Error(`writer ${parity} exited ${code}: ${err}`)),
    );
  });
}

describe('run store shared by two processes', () => {
  it('keeps all 400 replications written concurrently by two processes, without corruption', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aspis-store-mp-'));
    const file = join(dir, 'runs.db');
    const barrier = join(dir, 'go');
    const store = openRunStore(file);
    const runId = newMcRun(store, 400);
    store.close();
    const children = [writer(file, barrier, runId, 0), writer(file, barrier, runId, 1)];
    // release both writers together, once both have the store open
    while (!existsSync(`${barrier}.ready0`) || !existsSync(`${barrier}.ready1`))
      await new Promise((r) => setTimeout(r, 20));
    writeFileSync(barrier, '');
    const results = (await Promise.all(children)).map(
      (out) => JSON.parse(out) as { inserted: number; own: string },
    );

    expect(results[0].inserted + results[1].inserted).toBe(400);
    const check = openRunStore(file);
    try {
      expect(check.completedReplications(runId)).toEqual([...Array(400).keys()]);
      expect(check.getReplication(runId, 399)).toMatchObject({ hash: 'h399', summary: { i: 399 } });
      expect(new Set(results.map((r) => r.own)).size).toBe(2);
      expect(
        check
          .listRuns()
          .map((r) => r.id)
          .sort(),
      ).toEqual(['run-000001', 'run-000002', 'run-000003']);
    } finally {
      check.close();
    }
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT COUNT(*) FROM replications').pluck().get()).toBe(400);
    db.close();
  }, 60_000);
});
