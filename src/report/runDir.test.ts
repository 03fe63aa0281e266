import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimRunDir } from './runDir.js';

const root = mkdtempSync(join(tmpdir(), 'aspis-rundir-'));

describe('claimRunDir', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('claims runs/<name>-<id>, then counts up instead of reusing another run', () => {
    const a = claimRunDir('al-asad-2020', 'run-000001', false, root);
    const b = claimRunDir('al-asad-2020', 'run-000001', false, root);
    const c = claimRunDir('al-asad-2020', 'run-000001', false, root);
    expect([a, b, c]).toEqual([
      join(root, 'al-asad-2020-run-000001'),
      join(root, 'al-asad-2020-run-000001-2'),
      join(root, 'al-asad-2020-run-000001-3'),
    ]);
    for (const d of [a, b, c]) expect(existsSync(d)).toBe(true);
  });

  it('reuses the folder of the same run (an identical stored re-run, a resumed batch)', () => {
    const a = claimRunDir('mc-erbil', 'run-000004', false, root);
    expect(claimRunDir('mc-erbil', 'run-000004', true, root)).toBe(a);
  });

  it('keeps names to safe characters', () => {
    expect(claimRunDir('a b/c', 'x:y', false, root)).toBe(join(root, 'a_b_c-x_y'));
  });
});
