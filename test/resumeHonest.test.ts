/**
 * Honest resumes (issue 11): a stored Monte Carlo run remembers the folder its relative files resolved against and
 * the SHA-256 of every input file (the DEM), so a resume from another place or with other bytes is refused with
 * `E_RESUME_INPUT` naming the file instead of silently mixing two terrains; `--runs` on a resume can only extend the
 * batch, and the stored counts follow.
 */
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type McStoredConfig, runMonteCarlo } from '../src/analysis/monteCarlo.js';
import { AspisError } from '../src/errors.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { openRunStore, scenarioHash } from '../src/store/runStore.js';
import { cli } from './support/cli.js';

const root = packageRoot();
const tmp = mkdtempSync(join(tmpdir(), 'aspis-resume-'));
const erbil = join(root, 'scenarios', 'erbil-2020.yaml');
/** Stores a Monte Carlo batch of Erbil (seed 5, `runs` replications) in `db` with `aspis mc`; its run id. */
async function storedErbilBatch(db: string, runs: number): Promise<string> {
  const first = await cli(
    'mc',
    erbil,
    '--runs',
    String(runs),
    '--seed',
    '5',
    '--store',
    db,
    '--json',
    '--no-report',
  );
  expect(first.code).toBe(0);
  return JSON.parse(first.out).runId as string;
}
/** The ridge scenario with its DEM beside it (`terrain: { dem: ridge.tif }`), in a folder of its own. */
function ridgeCopy(name: string): { dir: string; file: string; dem: string } {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  const text = readFileSync(join(root, 'test', 'terrain', 'ridge-cruise.yaml'), 'utf8').replace(
    /terrain: .*/,
    'terrain: { dem: ridge.tif }',
  );
  const file = join(dir, 'ridge.yaml');
  writeFileSync(file, text);
  const dem = join(dir, 'ridge.tif');
  copyFileSync(join(root, 'scenarios', 'terrain', 'synthetic-ridge.tif'), dem);
  return { dir, file, dem };
}

function codeOf(err: unknown): string {
  return err instanceof AspisError ? err.code : String(err);
}

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('resumes that change answers silently', () => {
  it('resume with a different DEM is refused with E_RESUME_INPUT naming terrain.dem (was: two terrains mixed)', async () => {
    const a = ridgeCopy('a');
    const store = openRunStore(join(tmp, 'dem.db'));
    try {
      const first = await runMonteCarlo(a.file, { runs: 1, store });
      const row = store.getRun(first.runId!)!;
      const config = row.config as McStoredConfig;
      // the hash covers the DEM's bytes, and the run remembers where its relative files lived
      expect(row.scenarioHash).not.toBe(scenarioHash(readFileSync(a.file, 'utf8')));
      expect(config.baseDir).toBe(a.dir);
      expect(config.inputs?.map((i) => i.field)).toEqual(['terrain.dem']);

      // the same scenario text beside another DEM of the same name (another working directory, an edited file)
      const b = ridgeCopy('b');
      appendFileSync(b.dem, Buffer.from([0]));
      const other = await runMonteCarlo(
        { yaml: readFileSync(b.file, 'utf8'), fileName: 'ridge.yaml', baseDir: b.dir },
        { runs: 2, store, resume: first.runId! },
      ).catch((err: unknown) => err);
      expect(codeOf(other)).toBe('E_RESUME_INPUT');
      expect((other as AspisError).path).toBe('terrain.dem');
      expect((other as Error).message).toContain(b.dem);

      // the DEM the run used edited in place: refused too, also without a scenario file
      appendFileSync(a.dem, Buffer.from([0]));
      const edited = await runMonteCarlo(null, { runs: 2, store, resume: first.runId! }).catch((e) => e);
      expect(codeOf(edited)).toBe('E_RESUME_INPUT');
      expect(store.getRun(first.runId!)?.replicationsDone).toBe(1);
    } finally {
      store.close();
    }
  });

  it('resume without a file reads the DEM from the folder stored with the run, whatever the working directory', async () => {
    const c = ridgeCopy('c');
    const store = openRunStore(join(tmp, 'cwd.db'));
    try {
      // the run is stored under a bare file name, as `aspis mc ridge.yaml` run inside c/ stores it
      const first = await runMonteCarlo(
        { yaml: readFileSync(c.file, 'utf8'), fileName: 'ridge.yaml', baseDir: c.dir },
        { runs: 1, store },
      );
      expect(store.getRun(first.runId!)?.scenarioFile).toBe('ridge.yaml');
      // the test's working directory is the repository root, which has no ridge.tif
      const resumed = await runMonteCarlo(null, { runs: 2, store, resume: first.runId! });
      expect(resumed.runs).toBe(2);
    } finally {
      store.close();
    }
  });

  it('mc --resume ID --runs N below the stored runs is refused with E_RESUME_RUNS (was: aggregate replaced, 300/300)', async () => {
    const db = join(tmp, 'runs.db');
    const id = await storedErbilBatch(db, 3);
    const before = JSON.parse((await cli('runs', 'show', id, '--store', db, '--json')).out);

    const fewer = await cli('mc', '--resume', id, '--runs', '2', '--store', db, '--no-report');
    expect(fewer.code).toBe(2);
    expect(fewer.err).toMatch(
      /^E_RESUME_RUNS --runs: run run-\d+ is a batch of 3; a resume can only extend it/,
    );
    const after = JSON.parse((await cli('runs', 'show', id, '--store', db, '--json')).out);
    expect(after.aggregate).toEqual(before.aggregate);
    expect(after.run).toMatchObject({ runsRequested: 3, replicationsDone: 3, status: 'done' });
  });

  it('mc --resume ID --runs N above the stored runs extends the batch with consistent counts (was: 400/300 done)', async () => {
    const db = join(tmp, 'extend.db');
    const id = await storedErbilBatch(db, 2);
    const more = await cli('mc', '--resume', id, '--runs', '4', '--store', db, '--json', '--no-report');
    expect(more.code).toBe(0);
    const show = JSON.parse((await cli('runs', 'show', id, '--store', db, '--json')).out);
    expect(show.run).toMatchObject({ runsRequested: 4, replicationsDone: 4, status: 'done' });
    expect((show.run.config as McStoredConfig).runs).toBe(4);
    // the extended batch is the 4-run batch
    const straight = await runMonteCarlo(erbil, { runs: 4, seed: 5 });
    expect(JSON.stringify(show.aggregate)).toBe(JSON.stringify(straight.aggregate));
    expect((await cli('runs', 'show', id, '--store', db)).out).not.toContain('4/2');
  });
});
