/**
 * Issue 11: `aspis validate` prints every problem of a file, one per line sorted by path (exit 2), and warnings on
 * stderr without failing the file (exit 0).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'aspis-validate-cli-'));

const HEAD = `name: v
start: 2020-01-08T01:20:00+03:00
assets:
  - { id: base, lat: 33.79, lon: 42.44 }
`;

describe('aspis validate reports the whole truth (issue 11)', () => {
  it('only the first of several problems was reported: now every one, one per line, sorted by path, exit 2', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      `${HEAD}step: -1
threats:
  - { raid: a, type: notional-srbm-300km, from: { lat: 34, lon: 47 }, target: base }
  - { raid: b, type: notional-srbm-300km, from: { lat: 34, lon: 47 }, target: nowhere }
  - { raid: c, type: notional-srbm-300km, from: { lat: -95, lon: 47 }, target: base }
`,
    );
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual([
      'E_SCENARIO_FIELD step: expected in 0.001..1 (SI s), got -1: below 1 ms the interceptor flyout costs millions of steps per round and resolves nothing more; above 1 s an interceptor closing at km/s crosses the lethal radius between steps (docs/limits.md)',
      'E_SCENARIO_FIELD threats[2].from.lat: expected -90..90',
    ]);
  });

  it('an empty file got an error with no path: now the file is named', async () => {
    const file = join(dir, 'empty.yaml');
    writeFileSync(file, '');
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`E_SCENARIO_FIELD ${file}: the file is empty`);
  });

  it('warnings go to stderr and leave exit 0', async () => {
    const file = join(dir, 'warn.yaml');
    writeFileSync(
      file,
      `${HEAD}threats:
  - { raid: a, type: notional-srbm-300km, from: { lat: 83, lon: 47 }, target: base }
`,
    );
    const r = await cli('validate', file);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: W_OUT_OF_RANGE threats\[0\]\.target: target is \d+\.\d km/);
    expect(r.out).toMatch(/ok: v — 1 threats, 0 units, 1 assets \(1 warning, see above\)/);
  });

  it('--seed 4294967297 ran as --seed 1: now refused with E_USAGE', async () => {
    const file = join(dir, 'seed.yaml');
    writeFileSync(file, HEAD);
    const r = await cli('run', file, '--seed', '4294967297', '--no-store', '--no-save');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/E_USAGE --seed: expected an integer seed in 0\.\.4294967295, got 4294967297/);
    const g = await cli('mtt', 'generate', '--n', '1', '--scans', '2', '--seed', '4294967297');
    expect(g.code).toBe(2);
    expect(g.err).toMatch(/E_USAGE --seed/);
  });
});
