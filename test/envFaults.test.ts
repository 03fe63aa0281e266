/**
 * Unhandled environments (issue 11): a full disk under the run store during a 2-worker Monte Carlo, an output
 * folder that cannot be written or fills up, a store path under /proc, and Ctrl-C. Each ends in a coded message,
 * a store that can be resumed, and no partial file under a real name. The faults are injected: the store through
 * SQLite's `max_page_count` (`ASPIS_STORE_MAX_PAGES`: SQLite itself answers SQLITE_FULL), the output through
 * `ASPIS_FAULT_WRITE=ENOSPC` (src/files).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runMonteCarlo } from '../src/analysis/monteCarlo.js';
import { AspisError } from '../src/errors.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { openRunStore } from '../src/store/runStore.js';
import { cli } from './support/cli.js';

const root = packageRoot();
const erbil = join(root, 'scenarios', 'erbil-2020.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'aspis-faults-'));

/** Every file under `dir`, relative, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1));
}

beforeAll(() => {
  // the worker pool runs compiled JS: build dist/ when it is missing or older than src/
  execFileSync(process.execPath, ['scripts/ensureBuild.mjs'], { cwd: root, stdio: 'inherit' });
}, 300_000);

afterEach(() => {
  delete process.env.ASPIS_FAULT_WRITE;
  delete process.env.ASPIS_STORE_MAX_PAGES;
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('unhandled environments', () => {
  it('disk full during a 2-worker Monte Carlo gives E_STORE_WRITE, not an uncaught SqliteError, and resumes', async () => {
    const db = join(tmp, 'full.db');
    process.env.ASPIS_STORE_MAX_PAGES = '10';
    const store = openRunStore(db);
    delete process.env.ASPIS_STORE_MAX_PAGES;
    let err: unknown;
    try {
      await runMonteCarlo(erbil, { runs: 40, workers: 2, seed: 3, store });
    } catch (e) {
      err = e;
    } finally {
      store.close();
    }
    expect(err).toBeInstanceOf(AspisError);
    expect((err as AspisError).code).toBe('E_STORE_WRITE');
    expect((err as Error).message).toMatch(/full.*resume with aspis mc --resume run-000001/);
    // what was stored is whole and the run resumes once there is room
    const again = openRunStore(db);
    try {
      const [row] = again.listRuns();
      expect(row.status).toBe('running');
      expect(row.replicationsDone).toBeGreaterThan(0);
      expect(row.replicationsDone).toBeLessThan(40);
      const resumed = await runMonteCarlo(null, { store: again, resume: row.id, workers: 2 });
      expect(resumed.runs).toBe(40);
      expect(again.getRun(row.id)).toMatchObject({ status: 'done', replicationsDone: 40 });
    } finally {
      again.close();
    }
  });

  it('an --out that is not a folder gives E_OUTPUT, exit 2 (was: uncoded exit 1)', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const r = await cli('mc', erbil, '--runs', '1', '--no-store', '--out', join(file, 'out'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^E_OUTPUT --out: cannot create folder .*a parent is a file/);
  });

  it('a full --out leaves no aggregate.json and no partial file (was: 0-byte aggregate.json, events.jsonl.partial)', async () => {
    process.env.ASPIS_FAULT_WRITE = 'ENOSPC';
    const mcOut = join(tmp, 'mc-full');
    const mc = await cli('mc', erbil, '--runs', '1', '--no-store', '--out', mcOut);
    expect(mc.code).toBe(2);
    expect(mc.err).toMatch(/^E_OUTPUT --out: cannot write .*aggregate\.json: no space left on the device/);
    expect(filesUnder(mcOut)).toEqual([]);
    const runOut = join(tmp, 'run-full');
    const run = await cli('run', erbil, '--no-store', '--out', runOut);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/E_OUTPUT --out: cannot write .*events\.jsonl: no space left/);
    expect(filesUnder(runOut)).toEqual([]);
  });

  it('--store /proc/x/runs.db fails fast with a coded error (was: runs list and serve hang)', async () => {
    const r = await cli('runs', 'list', '--store', '/proc/x/runs.db');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^E_USAGE --store: cannot create folder \/proc\/x/);
    expect(() => openRunStore('/proc/x/y/runs.db')).toThrow(/E_USAGE --store/);
  });

  it('mc exits 130 after Ctrl-C with the run stored as stopped (was: exit 0)', async () => {
    const db = join(tmp, 'sigint.db');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'mc', erbil, '--runs', '400', '--store', db, '--no-report'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.stdout.resume();
    // interrupt once a few replications are in the store
    const interrupted = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (;;) {
      await new Promise((r) => setTimeout(r, 200));
      if (!existsSync(db)) continue;
      const s = openRunStore(db);
      const done = s.listRuns()[0]?.replicationsDone ?? 0;
      s.close();
      if (done >= 2) break;
    }
    child.kill('SIGINT');
    expect(await interrupted).toBe(130);
    expect(err).toMatch(
      /E_INTERRUPTED: interrupted by Ctrl-C: \d+ replications kept as run-000001 \(status stopped\)/,
    );
    const store = openRunStore(db);
    try {
      const row = store.getRun('run-000001')!;
      expect(row.status).toBe('stopped');
      expect(row.replicationsDone).toBeLessThan(400);
      expect(store.getAggregate(row.id)).not.toBeNull();
    } finally {
      store.close();
    }
  }, 120_000);
});
