/**
 * Sweep variants compile against the original file's directory, so a relative `terrain.dem` resolves whatever the
 * working directory.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../scenario/catalog.js';
import { compileSweptVariant, parseSweep, runSweep, sweepBaseDir } from './sweep.js';

const ridgeFile = join(packageRoot(), 'test', 'terrain', 'ridge-cruise.yaml');
const demFile = join(packageRoot(), 'scenarios', 'terrain', 'synthetic-ridge.tif');

describe('sweep over a terrain scenario', () => {
  it('resolves the DEM next to the scenario file, not the working directory', () => {
    const yaml = readFileSync(ridgeFile, 'utf8');
    expect(sweepBaseDir(ridgeFile)).toBe(join(packageRoot(), 'test', 'terrain'));
    const scenario = compileSweptVariant(yaml, ridgeFile, parseSweep('units[0].fireChannels=1,2'), 2);
    expect(resolve(scenario.terrain!.source)).toBe(demFile);
    expect(scenario.units[0].kind === 'sam-battery' && scenario.units[0].fireChannels).toBe(2);
  });

  it('runs a Monte Carlo point of a terrain scenario from the repository root', async () => {
    // the test's cwd is the package root, where ../../scenarios/terrain/… does not exist
    const yaml = readFileSync(ridgeFile, 'utf8');
    const points = await runSweep(yaml, ridgeFile, parseSweep('units[0].fireChannels=1'), {
      runs: 1,
      seed: 1,
    });
    expect(points).toHaveLength(1);
    expect(points[0].result.runs).toBe(1);
    expect(points[0].result.aborted).toBe(false);
  });
});
