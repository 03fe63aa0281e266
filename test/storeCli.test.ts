import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRunStore } from '../src/store/runStore.js';
import { cli } from './support/cli.js';

describe('aspis run with the run store', () => {
  let dir: string;
  let store: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aspis-store-cli-'));
    store = join(dir, 'store', 'runs.db');
    process.exitCode = undefined;
  });
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('stores each run, and runs export gives back the files aspis run wrote', async () => {
    const out = join(dir, 'out');
    const first = await cli('run', '--json', '--seed', '4', '--out', out, '--store', store);
    expect(first.code).toBe(0);
    const json = JSON.parse(first.out);
    expect(json.runId).toBe('run-000001');
    expect(json.seed).toBe(4);

    // an identical re-run is not stored twice unless asked (--store-again)
    const second = await cli('run', '--seed', '4', '--no-save', '--store', store, '--store-again');
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/stored as run-000002 in .*runs\.db\n$/);
    const third = await cli('run', '--seed', '4', '--no-save', '--store', store);
    expect(third.code).toBe(0);
    expect(third.out).toMatch(/identical to run-000001 in .*runs\.db .*: not stored again\n\(--store-again/);
    const thirdJson = JSON.parse(
      (await cli('run', '--seed', '4', '--no-save', '--store', store, '--json')).out,
    );
    expect(thirdJson).toMatchObject({ runId: 'run-000001', alreadyStored: true });
    // another seed is another run
    expect((await cli('run', '--seed', '5', '--no-save', '--store', store)).out).toContain(
      'stored as run-000003',
    );

    const list = await cli('runs', 'list', '--store', store, '--json');
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.out);
    expect(rows.map((r: { id: string }) => r.id)).toEqual(['run-000003', 'run-000002', 'run-000001']);
    expect(rows[2]).toMatchObject({
      kind: 'single',
      seed: 4,
      runsRequested: 1,
      replicationsDone: 1,
      status: 'done',
      scenarioFile: 'scenarios/al-asad-2020.yaml',
    });
    const table = await cli('runs', 'list', '--store', store);
    expect(table.out).toContain('run-000001');
    expect(table.out).toContain('1/1');

    const show = await cli('runs', 'show', 'run-000001', '--store', store, '--json');
    expect(show.code).toBe(0);
    const shown = JSON.parse(show.out);
    expect(shown.run.id).toBe('run-000001');
    expect(shown.summary.hash).toBe(json.hash);
    const showText = await cli('runs', 'show', '1', '--store', store);
    expect(showText.out).toContain('threats launched');
    expect(showText.out).toContain(json.hash);
    // the why column is rendered from the stored outcome records
    expect(showText.out).toMatch(/│ why\s/);
    expect(shown.summary.why.length).toBe(json.totals.launched);
    for (const w of shown.summary.why.filter((x: { fate: string }) => x.fate === 'killed'))
      expect(showText.out).toContain(`killed by ${w.kill.by}`);

    const exported = join(dir, 'exported');
    const exp = await cli('runs', 'export', 'run-000001', '--store', store, '--out', exported);
    expect(exp.code).toBe(0);
    for (const name of ['events.jsonl', 'summary.json', 'paths.json'])
      expect(readFileSync(join(exported, name), 'utf8')).toBe(readFileSync(join(out, name), 'utf8'));
    expect(readFileSync(join(exported, 'scenario.yaml'), 'utf8')).toBe(
      readFileSync(join(__dirname, '..', 'scenarios', 'al-asad-2020.yaml'), 'utf8'),
    );
    // the same seed gives the same hash in both stored runs
    const again = await cli('runs', 'show', 'run-000002', '--store', store, '--json');
    expect(JSON.parse(again.out).summary.hash).toBe(json.hash);
  });

  it('--no-store leaves no store behind', async () => {
    const r = await cli('run', '--no-save', '--store', store, '--no-store');
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('stored as');
    expect(existsSync(store)).toBe(false);
  });

  it('shows and exports a Monte Carlo run with its aggregate and replications', async () => {
    const s = openRunStore(store);
    const hash = s.putScenario('name: mc\n', 'mc scenario');
    const id = s.createRun({
      kind: 'mc',
      scenarioHash: hash,
      scenarioName: 'mc scenario',
      scenarioFile: 'mc.yaml',
      seed: 9,
      runsRequested: 3,
      config: { runs: 3 },
    });
    s.putReplication(id, { replication: 0, hash: 'a', summary: { leakers: 1 } });
    s.putReplication(id, { replication: 1, hash: 'b', summary: { leakers: 0 } });
    s.close();

    const partial = await cli('runs', 'show', id, '--store', store);
    expect(partial.code).toBe(0);
    expect(partial.out).toContain('2/3');
    expect(partial.out).toContain(`aspis mc --resume ${id}`);

    const s2 = openRunStore(store);
    s2.putReplication(id, { replication: 2, hash: 'c', summary: { leakers: 2 } });
    s2.putAggregate(id, { meanLeakers: 1 });
    s2.finishRun(id, 'done');
    s2.close();

    const show = await cli('runs', 'show', id, '--store', store, '--json');
    expect(JSON.parse(show.out)).toMatchObject({
      run: { id, kind: 'mc', status: 'done', replicationsDone: 3 },
      aggregate: { meanLeakers: 1 },
    });
    const out = join(dir, 'mc');
    expect((await cli('runs', 'export', id, '--store', store, '--out', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'aggregate.json'), 'utf8'))).toEqual({ meanLeakers: 1 });
    const lines = readFileSync(join(out, 'replications.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { replication: 0, hash: 'a', summary: { leakers: 1 } },
      { replication: 1, hash: 'b', summary: { leakers: 0 } },
      { replication: 2, hash: 'c', summary: { leakers: 2 } },
    ]);
  });

  it('rejects an unknown run id with exit 2 and a coded message', async () => {
    openRunStore(store).close();
    const r = await cli('runs', 'show', 'run-000777', '--store', store);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^E_USAGE run: no run "run-000777" in /);
    const x = await cli('runs', 'export', 'latest', '--store', store);
    expect(x.code).toBe(2);
    expect(x.err).toMatch(/no run "latest"/);
  });

  it('lists an empty store with a hint', async () => {
    const r = await cli('runs', 'list', '--store', store);
    expect(r.code).toBe(0);
    expect(r.out).toContain('no runs in');
  });
});
