/**
 * Issue 11, "validation that tells the truth": each test is named after the reported bug it pins.
 */
import { describe, expect, it } from 'vitest';
import { parseSeed } from '../cli/commands/run.js';
import { AspisError, type AspisWarning } from '../errors.js';
import { runScenario } from '../sim/engine.js';
import { loadCatalog } from './catalog.js';
import { compileScenario } from './compile.js';
import { parseScenario } from './load.js';

const catalog = loadCatalog();

/** A small valid scenario as a plain document: one asset, one battery, one SRBM raid. */
function base(): Record<string, unknown> {
  return {
    name: 'validation',
    start: '2020-01-08T01:20:00+03:00',
    duration: '1h',
    assets: [{ id: 'base', lat: 33.79, lon: 42.44 }],
    units: [
      {
        id: 'bat',
        kind: 'sam-battery',
        at: { lat: 33.8, lon: 42.45 },
        radar: { type: 'notional-mfr', sectorCenter: '81deg' },
        launchers: [{ count: 2, interceptor: 'notional-pac3-mse' }],
      },
    ],
    threats: [
      {
        raid: 'w1',
        type: 'notional-srbm-500km',
        from: { lat: 34.31, lon: 47.07 },
        target: 'base',
        at: '+60s',
      },
    ],
  };
}

/** Compiles and returns the AspisError it throws (fails the test when it does not throw one). */
function errorOf(document: unknown): AspisError {
  try {
    compileScenario(document, { catalog });
  } catch (err) {
    if (err instanceof AspisError) return err;
    throw err;
  }
  throw new Error('expected an AspisError');
}

/** Compiles and returns the warnings. */
function warningsOf(document: unknown): AspisWarning[] {
  const warnings: AspisWarning[] = [];
  compileScenario(document, { catalog, onWarning: (w) => warnings.push(w) });
  return warnings;
}

describe('validation tells the truth (issue 11)', () => {
  it('the base scenario compiles without warnings', () => {
    expect(warningsOf(base())).toEqual([]);
  });

  it('tracker.confirm 31/31 is refused by validate, and every confirm rule validate accepts runs', () => {
    const bad = { ...base(), tracker: { confirm: '31/31' } };
    const error = errorOf(bad);
    expect(error.code).toBe('E_SCENARIO_FIELD');
    expect(error.path).toBe('tracker.confirm');
    expect(error.message).toMatch(/N <= 30/);
    // the largest accepted window runs (no threats: the tracker is still built for the battery)
    const ok = compileScenario(
      { ...base(), threats: [], duration: '1min', tracker: { confirm: '30/30' } },
      { catalog },
    );
    expect(runScenario(ok).summary.totals.launched).toBe(0);
  });

  it('only the first of several problems was reported: all schema problems come at once, sorted by path', () => {
    const doc = base();
    const threats = Array.from({ length: 12 }, (_, k) => ({
      raid: `w${k}`,
      type: 'notional-srbm-500km',
      from: { lat: 34.31, lon: 47.07 },
      target: 'base',
    }));
    (threats[10] as { from: { lat: number } }).from.lat = 95;
    (threats[2] as { from: { lat: number } }).from.lat = -95;
    Object.assign(threats[3] as object, { colour: 'red' });
    const error = errorOf({ ...doc, threats, step: -1 });
    expect(error.issues.map((i) => i.path)).toEqual([
      'step',
      'threats[2].from.lat',
      'threats[3].colour',
      'threats[10].from.lat',
    ]);
    expect(error.message.split('\n')).toHaveLength(4);
    expect(error.message.split('\n')[1]).toBe('E_SCENARIO_FIELD threats[2].from.lat: expected -90..90');
  });

  it('reference and cross-field problems in several sections are reported together', () => {
    const doc = base();
    doc.assets = [
      { id: 'base', lat: 33.79, lon: 42.44 },
      { id: 'base', lat: 33.7, lon: 42.4 },
    ];
    (doc.units as Record<string, unknown>[]).push({
      id: 'bat2',
      kind: 'sam-battery',
      at: { lat: 33.8, lon: 42.45 },
      radar: { type: 'notional-mfr' },
      launchers: [{ interceptor: 'no-such-interceptor' }],
    });
    (doc.threats as Record<string, unknown>[]).push({
      raid: 'w2',
      type: 'no-such-threat',
      from: { lat: 34, lon: 47 },
      target: 'base',
    });
    doc.jammers = [{ id: 'j', kind: 'self-screening', threatRaid: 'nope' }];
    doc.networks = [{ id: 'n', units: ['bat', 'ghost'] }];
    const error = errorOf(doc);
    expect(error.issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      'E_SCENARIO_FIELD assets[1]',
      'E_SCENARIO_REF jammers[0].threatRaid',
      'E_SCENARIO_REF networks[0].units[1]',
      'E_SCENARIO_REF threats[1].type',
      'E_SCENARIO_REF units[1].launchers[0].interceptor',
    ]);
  });

  it('an empty or non-mapping file gets an error with the file path', () => {
    for (const [text, what] of [
      ['', /the file is empty/],
      ['# only a comment\n', /the file is empty/],
      ['- a\n- b\n', /holds a list/],
      ['just words\n', /holds a string/],
    ] as const) {
      expect(() => parseScenario(text, 'scenarios/x.yaml', { catalog })).toThrow(AspisError);
      try {
        parseScenario(text, 'scenarios/x.yaml', { catalog });
      } catch (err) {
        expect((err as AspisError).path).toBe('scenarios/x.yaml');
        expect((err as AspisError).message).toMatch(what);
      }
    }
  });

  it('a deeply nested YAML file reported a stack overflow: now says it is nested too deeply', () => {
    const text = `a: ${'['.repeat(20000)}${']'.repeat(20000)}`;
    expect(() => parseScenario(text, 'deep.yaml', { catalog })).toThrow(
      /E_SCENARIO_PARSE deep\.yaml:1:\d+: YAML nested too deeply/,
    );
  });

  it('a jammer with until < from was accepted: now E_SCENARIO_FIELD on jammers[i].until', () => {
    const doc = {
      ...base(),
      jammers: [
        { id: 'j', kind: 'stand-off', at: { lat: 34, lon: 46, alt: 8000 }, from: '10min', until: '5min' },
      ],
    };
    const error = errorOf(doc);
    expect(error.path).toBe('jammers[0].until');
    expect(error.message).toMatch(/before switch-on/);
  });

  it('targets beyond a threat range fell short silently: now W_OUT_OF_RANGE on the raid target', () => {
    const doc = base();
    // 83° N is ~5,500 km from the Zagros launch area, far beyond 500 km
    doc.threats = [
      {
        raid: 'far',
        type: 'notional-srbm-500km',
        from: { lat: 34.31, lon: 47.07 },
        target: { lat: 83, lon: 42.44 },
        at: '+60s',
      },
    ];
    const warnings = warningsOf(doc);
    expect(warnings.map((w) => `${w.code} ${w.path}`)).toEqual(['W_OUT_OF_RANGE threats[0].target']);
    expect(warnings[0]?.message).toMatch(/beyond the maximum range of 'notional-srbm-500km'/);
  });

  it('rcs_m2 was ignored when the type has rcsAspect: now W_FIELD_IGNORED', () => {
    const doc = {
      ...base(),
      catalog: { threats: { stealthy: { extends: 'notional-cruise-missile', rcs_m2: 0.001 } } },
    };
    const warnings = warningsOf(doc);
    expect(warnings.map((w) => `${w.code} ${w.path}`)).toEqual([
      'W_FIELD_IGNORED catalog.threats.stealthy.rcs_m2',
    ]);
  });

  it('step 2s was accepted while kills fell 7 → 0: now refused above 1 s (docs/limits.md), W_STEP_COARSE above 0.5 s', () => {
    expect(warningsOf({ ...base(), step: '0.5s' })).toEqual([]);
    const warnings = warningsOf({ ...base(), step: '0.8s' });
    expect(warnings.map((w) => `${w.code} ${w.path}`)).toEqual(['W_STEP_COARSE step']);
    expect(errorOf({ ...base(), step: '2s' }).path).toBe('step');
  });

  it('bandwidth 1e-300 and earlyWarning.delay 1e308 were accepted: now refused', () => {
    const error = errorOf({
      ...base(),
      earlyWarning: { enabled: true, delay: 1e308 },
      jammers: [{ id: 'j', kind: 'stand-off', at: { lat: 34, lon: 46 }, bandwidth: 1e-300 }],
    });
    expect(error.issues.map((i) => i.path)).toEqual(['earlyWarning.delay', 'jammers[0].bandwidth']);
  });

  it('seeds wrapped modulo 2^32 (--seed 4294967297 = --seed 1): now refused everywhere', () => {
    expect(parseSeed('4294967295')).toBe(4294967295);
    expect(() => parseSeed('4294967297')).toThrow(
      /E_USAGE --seed: expected an integer seed in 0\.\.4294967295/,
    );
    expect(() => parseSeed('-1')).toThrow(/E_USAGE --seed/);
    expect(errorOf({ ...base(), seed: 4294967296 }).path).toBe('seed');
    const scenario = compileScenario({ ...base(), threats: [], duration: '1min' }, { catalog });
    expect(() => runScenario(scenario, { seed: 2 ** 32 + 1 })).toThrow(/E_USAGE seed/);
  });
});
