/**
 * The invariant checker (`outcome/invariants`) over every shipped scenario (seed 1) and over 500 small seeded random
 * scenarios: nothing may fail outside `KNOWN_OPEN`, the (code, scenario) pairs that bugs being fixed on other
 * branches still break on this code. Empty a pair's entry once its fix is merged; the test then holds it closed.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInvariants, type Violation } from '../src/outcome/invariants.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { parseScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';
import { runScenario } from '../src/sim/engine.js';
import { shipped } from './helpers.js';
import { cli } from './support/cli.js';
import { randomScenario } from './support/randomScenario.js';

/**
 * Random scenarios (`random-<n>`, test/support/randomScenario) that fail an invariant on this code because of bugs
 * fixed on other branches (issue 10), by code.
 */
const KNOWN_OPEN_RANDOM: Readonly<Record<string, readonly number[]>> = {};

/**
 * (code, scenario) pairs that fail on this code because of bugs fixed on other branches (issue 10). Empty each
 * entry once its fix is merged; nothing outside this set may fail.
 */
const KNOWN_OPEN = new Set<string>([
  ...Object.entries(KNOWN_OPEN_RANDOM).flatMap(([code, seeds]) => seeds.map((n) => `${code} random-${n}`)),
]);

/** The forward-battery repro's name in KNOWN_OPEN. */
const FORWARD_REPRO = 'al-asad-2020-forward';

function isKnownOpen(v: Violation, scenario: string): boolean {
  return KNOWN_OPEN.has(`${v.code} ${scenario}`);
}

/** Runs `scenario` (seed 1, paths recorded) and returns its violations outside KNOWN_OPEN, as lines. */
function check(scenario: Scenario, name: string): string[] {
  const result = runScenario(scenario, { seed: 1, recordPaths: true });
  const violations = checkInvariants({
    events: result.events,
    summary: result.summary,
    scenario,
    paths: result.paths,
  });
  return violations.filter((v) => !isKnownOpen(v, name)).map((v) => `${name}: ${v.code}: ${v.message}`);
}

/** Random scenarios the whole-run test checks. */
const RANDOM_SCENARIOS = 500;

/**
 * Shipped scenarios left out of the whole-run loop: the 320-threat saturation night takes minutes of engine time
 * (issue 12); test/saturationOutputs.test.ts checks the invariants on its cut-down copy instead.
 */
const TOO_SLOW_FOR_THE_LOOP = new Set(['saturation-night-2024.yaml']);

describe('invariants over whole runs', () => {
  it('hold on every shipped scenario (seed 1), apart from KNOWN_OPEN', () => {
    const files = readdirSync(join(packageRoot(), 'scenarios')).filter(
      (f) => f.endsWith('.yaml') && !TOO_SLOW_FOR_THE_LOOP.has(f),
    );
    expect(files.length).toBeGreaterThanOrEqual(8);
    const open: string[] = [];
    for (const file of files) open.push(...check(shipped(file), file));
    expect(open).toEqual([]);
  }, 300_000);

  it('hold on the forward-battery repro of issue 10 (Al Asad battery 40 km up the threat axis), apart from KNOWN_OPEN', () => {
    const path = join(packageRoot(), 'scenarios', 'al-asad-2020.yaml');
    const text = readFileSync(path, 'utf8').replace('lat: 33.80, lon: 42.45', 'lat: 33.85, lon: 42.88');
    expect(text).toContain('lat: 33.85, lon: 42.88');
    const open = check(parseScenario(text, path), FORWARD_REPRO);
    expect(open).toEqual([]);
  }, 300_000);

  it(`hold on ${RANDOM_SCENARIOS} seeded random scenarios, apart from KNOWN_OPEN`, () => {
    const open: string[] = [];
    let threats = 0;
    for (let seed = 1; seed <= RANDOM_SCENARIOS; seed++) {
      const scenario = randomScenario(seed);
      threats += scenario.threats.length;
      open.push(...check(scenario, `random-${seed}`));
    }
    expect(threats).toBeGreaterThan(RANDOM_SCENARIOS);
    expect(open).toEqual([]);
  }, 300_000);

  it('the generator is deterministic and varied', () => {
    const a = randomScenario(7);
    expect(randomScenario(7)).toEqual(a);
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 50; seed++) for (const u of randomScenario(seed).units) kinds.add(u.kind);
    expect(kinds).toEqual(new Set(['sam-battery', 'c-ram']));
  });
});

describe('aspis check', () => {
  it('passes a clean run directory and its events.jsonl (exit 0), fails a run with violations (exit 1, --json)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aspis-check-'));
    try {
      const store = join(dir, 'runs.db');
      const clean = join(dir, 'erbil');
      expect((await cli('run', 'scenarios/erbil-2020.yaml', '--out', clean, '--store', store)).code).toBe(0);
      const ok = await cli('check', clean);
      expect(ok.code).toBe(0);
      expect(ok.out).toMatch(/^0 violations in \d+ events$/m);
      expect((await cli('check', join(clean, 'events.jsonl'))).code).toBe(0);
      // the stored copy of the same run (scenario from the store)
      expect((await cli('check', 'latest', '--store', store)).out).toMatch(/^0 violations in \d+ events$/m);
      // the same run with its first event (a threat launch) written twice, and a detection range written as null (NaN)
      const tampered = join(dir, 'tampered');
      cpSync(clean, tampered, { recursive: true });
      const lines = readFileSync(join(tampered, 'events.jsonl'), 'utf8').split('\n');
      const detection = lines.findIndex((l) => l.includes('"sensor.firstDetection"'));
      lines[detection] = lines[detection].replace(/"range_m":[^,}]+/, '"range_m":null');
      writeFileSync(join(tampered, 'events.jsonl'), [lines[0], ...lines].join('\n'));
      const bad = await cli('check', tampered, '--json');
      expect(bad.code).toBe(1);
      const report = JSON.parse(bad.out) as {
        events: number;
        scenarioChecked: boolean;
        violations: Violation[];
      };
      expect(report.scenarioChecked).toBe(true);
      expect(new Set(report.violations.map((v) => v.code))).toEqual(
        new Set(['LAUNCH_DUPLICATE', 'NON_FINITE']),
      );
      const table = await cli('check', tampered);
      expect(table.code).toBe(1);
      expect(table.out).toContain('LAUNCH_DUPLICATE');
      expect(table.out).toMatch(
        new RegExp(`${report.violations.length} violations in ${report.events} events`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('refuses a reference that is not a run (exit 2)', async () => {
    const r = await cli('check', join(tmpdir(), 'no-such-run-dir'), '--store', join(tmpdir(), 'no-such.db'));
    expect(r.code).toBe(2);
  });
});
