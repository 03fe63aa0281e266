/**
 * Work limits on the command line (docs/limits.md): `validate` prints the estimate and refuses above `--max-events`,
 * `run` refuses the issue-11 repros with coded errors before running, and `--max-wall` stops a run with E_WALL_TIME.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/scenario/catalog.js';
import { cli } from './support/cli.js';
import { oneBatteryYaml, raidLine } from './support/scenarioYaml.js';

const dir = mkdtempSync(join(tmpdir(), 'aspis-limits-'));
const ALASAD = join(packageRoot(), 'scenarios/al-asad-2020.yaml');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a one-battery scenario with one raid of `count` rounds at `interval`; returns its path. */
function scenarioFile(name: string, options: { count: number; interval: string; step?: string }): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    oneBatteryYaml({ raids: raidLine('w', options.count, options.interval), step: options.step }),
  );
  return path;
}

describe('aspis validate with work limits', () => {
  it('prints the work estimate of a shipped scenario', async () => {
    const r = await cli('validate', ALASAD);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok: .*\nwork: \d\.\d\de\+\d+ units \(limit 2\.00e\+9\), mostly \w+/);
  });

  it('refuses it under a smaller --max-events, and a malformed --max-events', async () => {
    const small = await cli('validate', ALASAD, '--max-events', '1000');
    expect(small.code).toBe(2);
    expect(small.err).toMatch(/^E_WORK_LIMIT /);
    const bad = await cli('validate', ALASAD, '--max-events', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^E_USAGE --max-events/);
  });

  it('refuses the 10,000-round salvo at interval 0, naming the radar and the threats', async () => {
    const r = await cli('validate', scenarioFile('salvo.yaml', { count: 10_000, interval: '0s' }));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^E_WORK_LIMIT units\[0\]\.radar, threats: estimated 3\.\d+e\+10 work units/);
  });
});

describe('aspis run with work limits', () => {
  it('refuses step 1e-9 before running', async () => {
    const r = await cli(
      'run',
      scenarioFile('step.yaml', { count: 6, interval: '15s', step: '1e-9' }),
      '--no-save',
      '--no-store',
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^E_SCENARIO_FIELD step: expected in 0\.001\.\.1/);
  });

  it('runs the 10,000-round salvo only when the limit is lifted, and then the watchdog stops it', async () => {
    const file = scenarioFile('salvo-run.yaml', { count: 10_000, interval: '0s' });
    const refused = await cli('run', file, '--no-save', '--no-store');
    expect(refused.err).toMatch(/^E_WORK_LIMIT/);
    const stopped = await cli(
      'run',
      file,
      '--no-save',
      '--no-store',
      '--max-events',
      'Infinity',
      '--max-wall',
      '0.5',
    );
    expect(stopped.code).toBe(2);
    expect(stopped.err).toMatch(/^E_WALL_TIME: the run took longer than its wall-time budget of 0\.5 s/);
  });
});

describe('aspis mc with work limits', () => {
  it('refuses the 10,000-round salvo before any replication runs', async () => {
    const file = scenarioFile('salvo-mc.yaml', { count: 10_000, interval: '0s' });
    const r = await cli('mc', file, '--runs', '2', '--no-store', '--no-report');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^E_WORK_LIMIT units\[0\]\.radar, threats/);
  });
});
