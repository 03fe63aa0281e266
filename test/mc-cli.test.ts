/**
 * `aspis mc` from the command line (in-process, one worker, no store): JSON shape, the table with the replay hint,
 * and usage errors.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/scenario/catalog.js';
import { cli } from './support/cli.js';

const erbil = join(packageRoot(), 'scenarios', 'erbil-2020.yaml');

describe('aspis mc', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('prints the aggregate as JSON with every replication hash', async () => {
    const r = await cli('mc', erbil, '--runs', '3', '--seed', '5', '--no-store', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.runs).toBe(3);
    expect(json.seed).toBe(5);
    expect(json.runId).toBeNull();
    expect(json.hashes).toHaveLength(3);
    expect(json.aggregate.pra.lo).toBeLessThanOrEqual(json.aggregate.pra.hi);
  });

  it('prints tables, the run count and how to replay the worst replication', async () => {
    const r = await cli('mc', erbil, '--runs', '2', '--seed', '5', '--no-store');
    expect(r.code).toBe(0);
    expect(r.out).toContain('P(raid annihilation)');
    expect(r.out).toContain('ran 2 runs');
    expect(r.out).toMatch(/aspis run .*erbil-2020\.yaml --seed 5 --replication \d+/);
  });

  it('refuses a missing --runs and a malformed --sweep with coded errors', async () => {
    expect((await cli('mc', erbil, '--no-store')).err).toContain('E_USAGE --runs');
    expect((await cli('mc', erbil, '--runs', '2', '--no-store', '--sweep', 'units[0]')).err).toContain(
      'E_USAGE --sweep',
    );
  });
});
