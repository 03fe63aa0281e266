/**
 * The package as users import it: `import('aspis')` from the repository root resolves through package.json
 * `exports` to the built JS (package self-reference). Builds dist/ first when it is missing or stale.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/scenario/catalog.js';

describe("import('aspis')", () => {
  it('resolves to the built public API and runs a scenario', () => {
    const root = packageRoot();
    execFileSync(process.execPath, [join(root, 'scripts', 'ensureBuild.mjs')], { cwd: root, stdio: 'pipe' });
    const script = `
      const aspis = await import('aspis');
      const p = aspis.geodeticToEcef(0, 0, 0);
      const s = aspis.loadScenario('scenarios/erbil-2020.yaml');
      const run = aspis.runScenario(s, { seed: 1 });
      console.log(JSON.stringify({ x: p[0], launched: run.summary.totals.launched, hash: run.hash, fns: ['runScenario', 'trajectory2d', 'geodesicInverse', 'atmosphere1976', 'solveAssignment', 'ospa'].map((f) => typeof aspis[f]) }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    const result = JSON.parse(out);
    expect(result.x).toBe(6378137);
    expect(result.launched).toBeGreaterThan(0);
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.fns).toEqual(Array(6).fill('function'));
  }, 180_000);
});
