/**
 * `aspis track --delete-covariance` (CLI wiring of the covariance deleter, mtt/deleter/covarianceDeleter.ts; the rest
 * of the tracking CLI is in test/trackCli.test.ts).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';
import { MTT_REFERENCE_DIR } from './support/mttData.js';

const SCEN_N10 = join(MTT_REFERENCE_DIR, 'scen_N10_s1.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'aspis-track-delcov-'));

/** Runs the CLI in-process; returns the exit code and what went to stderr. */
async function aspis(...args: string[]): Promise<{ code: number; stderr: string }> {
  const r = await cli(...args);
  return { code: r.code, stderr: r.err };
}

afterEach(() => {
  process.exitCode = undefined;
});

function readLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('aspis track --delete-covariance', () => {
  it('is accepted, recorded in the header config, and deletes tracks the miss rule alone keeps', async () => {
    const withRule = join(dir, 'with.jsonl');
    const without = join(dir, 'without.jsonl');
    const threshold = 1500; // m²; without the rule the largest reported position trace on this file is ≈ 1863 m²
    expect(
      (
        await aspis(
          'track',
          SCEN_N10,
          '--delete-covariance',
          String(threshold),
          '--covariance',
          '--out',
          withRule,
        )
      ).code,
    ).toBe(0);
    expect((await aspis('track', SCEN_N10, '--covariance', '--out', without)).code).toBe(0);
    const a = readLines(withRule);
    const b = readLines(without);
    expect(a[0]).toMatchObject({ type: 'header', config: { deleteCovariance_m2: threshold } });
    expect((b[0].config as Record<string, unknown>).deleteCovariance_m2).toBeUndefined();
    /** Largest position trace P[x,x] + P[y,y] of any reported track. */
    const maxTrace = (lines: Record<string, unknown>[]): number => {
      let m = 0;
      for (const l of lines) {
        if (l.type !== 'tracks') continue;
        for (const P of (l.P as number[][] | undefined) ?? []) m = Math.max(m, P[0] + P[10]);
      }
      return m;
    };
    expect(maxTrace(a)).toBeLessThanOrEqual(threshold);
    expect(maxTrace(b)).toBeGreaterThan(threshold);
  });

  it('is refused with --compat stonesoup (exit 2, E_USAGE, nothing written)', async () => {
    const out = join(dir, 'never-compat.jsonl');
    const r = await aspis(
      'track',
      SCEN_N10,
      '--compat',
      'stonesoup',
      '--delete-covariance',
      '2000',
      '--out',
      out,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/E_USAGE --delete-covariance/);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a non-positive or non-numeric threshold (exit 2)', async () => {
    for (const bad of ['0', '-5', 'abc', '']) {
      const r = await aspis(
        'track',
        SCEN_N10,
        '--delete-covariance',
        bad,
        '--out',
        join(dir, 'never-bad.jsonl'),
      );
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(/E_USAGE --delete-covariance/);
    }
  });
});
