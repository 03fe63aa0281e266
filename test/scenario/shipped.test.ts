import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerSchema } from '../../src/cli/commands/schema.js';
import { registerValidate } from '../../src/cli/commands/validate.js';
import { AspisError } from '../../src/errors.js';
import { loadCatalog, packageRoot } from '../../src/scenario/catalog.js';
import { loadScenario } from '../../src/scenario/load.js';

const SCENARIO_DIR = join(packageRoot(), 'scenarios');
const DEG = Math.PI / 180;
const catalog = loadCatalog();

/**
 * Runs `aspis <args>` on a program with the validate and schema commands, mapping errors as cli/main.ts does
 * (AspisError → its message on stderr, exit 2), capturing what it writes.
 */
async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  const previousExitCode = process.exitCode;
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const program = new Command('aspis').exitOverride();
    registerValidate(program);
    registerSchema(program);
    let code = 0;
    try {
      await program.parseAsync(['node', 'aspis', ...args]);
    } catch (error) {
      if (!(error instanceof AspisError)) throw error;
      process.stderr.write(`${error.message}\n`);
      code = 2;
    }
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.exitCode = previousExitCode;
  }
}

describe('shipped scenarios', () => {
  const files = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml'));

  it('include the five drafted scenarios', () => {
    for (const name of [
      'al-asad-2020-no-defense.yaml',
      'al-asad-2020.yaml',
      'erbil-2020.yaml',
      'taji-2020-cram.yaml',
      'four-bases-two-batteries.yaml',
    ]) {
      expect(files).toContain(name);
    }
  });

  it.each(files)('%s compiles', (file) => {
    const scenario = loadScenario(join(SCENARIO_DIR, file), { catalog });
    expect(scenario.threats.length).toBeGreaterThan(0);
    for (const threat of scenario.threats)
      expect(threat.launchTime_s).toBeLessThanOrEqual(scenario.duration_s);
  });

  it('Al Asad: 15 SRBMs from the Kermanshah area in five waves, the first launched 01:29:30 (start 01:20), battery radar facing 81°', () => {
    const scenario = loadScenario(join(SCENARIO_DIR, 'al-asad-2020.yaml'), { catalog });
    expect(scenario.threats).toHaveLength(15);
    expect(new Set(scenario.threats.map((t) => t.raid)).size).toBe(5);
    expect(scenario.threats[0].launchTime_s).toBe(9 * 60 + 30);
    expect(scenario.threats.every((t) => t.targetAssetId === 'al-asad')).toBe(true);
    expect(scenario.threats[0].from.lat_rad).toBeCloseTo(34.31 * DEG, 12);
    const battery = scenario.units[0];
    expect(battery.kind).toBe('sam-battery');
    expect(battery.radar.sectorCenter_rad).toBeCloseTo(81 * DEG, 12);
    expect(battery.radar.type.sectorWidth_rad).toBeCloseTo(120 * DEG, 12);
  });

  it('Taji: 18 rockets at 19:35 against C-RAM', () => {
    const scenario = loadScenario(join(SCENARIO_DIR, 'taji-2020-cram.yaml'), { catalog });
    expect(scenario.threats).toHaveLength(18);
    expect(scenario.threats[0].launchTime_s).toBe(5 * 60);
    expect(scenario.units.every((u) => u.kind === 'c-ram')).toBe(true);
  });
});

describe('aspis validate / aspis schema', () => {
  it('prints a summary and exits 0 for a valid file', async () => {
    const result = await runCli(['validate', join(SCENARIO_DIR, 'al-asad-2020.yaml')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^ok: Al Asad, 8 Jan 2020 — one battery — 15 threats, 1 units, 1 assets\nwork: \S+ units \(limit \S+\), mostly [a-z ]+\n$/,
    );
  });

  it('prints the coded error and exits 2 for a missing file', async () => {
    const result = await runCli(['validate', join(SCENARIO_DIR, 'no-such-file.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^E_SCENARIO_FILE .*no-such-file\.yaml: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the JSON schema', async () => {
    const result = await runCli(['schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['name', 'start', 'assets', 'units', 'threats']),
    );
  });
});
