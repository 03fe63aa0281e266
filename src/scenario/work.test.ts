import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raidLine as raid, oneBatteryYaml as scenarioYaml } from '../../test/support/scenarioYaml.js';
import { AspisError } from '../errors.js';
import { loadCatalog, packageRoot } from './catalog.js';
import { compileScenario } from './compile.js';
import { parseScenario } from './load.js';
import {
  checkRoundCount,
  checkWork,
  DEFAULT_MAX_EVENTS,
  estimateWork,
  MAX_ROUNDS,
  SERVER_MAX_EVENTS,
} from './work.js';

const catalog = loadCatalog();

/** The error `fn` throws (fails the test when it throws nothing). */
function thrown(fn: () => unknown): AspisError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AspisError) return err;
    throw err;
  }
  throw new Error('expected an AspisError');
}

describe('round count, checked before raids are expanded', () => {
  it('refuses 10,000 raids × 10,000 rounds from the counts alone, naming the largest raid', () => {
    const err = thrown(() => checkRoundCount(new Array(10_000).fill(10_000)));
    expect(err.code).toBe('E_WORK_LIMIT');
    expect(err.path).toBe('threats[0].count');
    expect(err.message).toContain('100000000 rounds');
  });

  it('compileScenario refuses 10,000 × 10,000 rounds without expanding them (a 1.4 MB file, no 4 GB)', () => {
    const document = {
      name: 'many raids',
      start: '2020-01-08T01:20:00+03:00',
      assets: [{ id: 'base', lat: 33.79, lon: 42.44 }],
      threats: Array.from({ length: 10_000 }, (_, i) => ({
        raid: `w${i}`,
        type: 'notional-srbm-500km',
        from: { lat: 34.31, lon: 47.07 },
        target: 'base',
        count: 10_000,
      })),
    };
    const heapBefore = process.memoryUsage().heapUsed;
    const err = thrown(() => compileScenario(document, { catalog }));
    expect(err.code).toBe('E_WORK_LIMIT');
    // 1e8 expanded rounds would take gigabytes; the refusal allocates a few tens of MB at most
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(500e6);
  });

  it('refuses 20 raids × 10,000 rounds at threats[0].count', () => {
    let raids = '';
    for (let i = 0; i < 20; i++) raids += raid(`w${i}`, 10_000, '0s');
    const err = thrown(() => parseScenario(scenarioYaml({ raids }), 'raids.yaml', { catalog }));
    expect(err.code).toBe('E_WORK_LIMIT');
    expect(err.path).toBe('threats[0].count');
  });

  it('accepts exactly MAX_ROUNDS', () => {
    expect(() => checkRoundCount([MAX_ROUNDS / 2, MAX_ROUNDS / 2])).not.toThrow();
  });
});

describe('work estimate', () => {
  it('refuses a 10,000-round salvo at interval 0 under the CLI default, naming the radar and the threats', () => {
    const scenario = parseScenario(scenarioYaml({ raids: raid('w', 10_000, '0s') }), 'salvo.yaml', {
      catalog,
    });
    const err = thrown(() => checkWork(scenario, DEFAULT_MAX_EVENTS));
    expect(err.code).toBe('E_WORK_LIMIT');
    expect(err.path).toBe('units[0].radar, threats');
    expect(err.message).toContain('association');
  });

  it('grows as the square of the threats in the air at once', () => {
    const few = estimateWork(parseScenario(scenarioYaml({ raids: raid('w', 100, '0s') }), 'a', { catalog }));
    const many = estimateWork(
      parseScenario(scenarioYaml({ raids: raid('w', 1000, '0s') }), 'b', { catalog }),
    );
    const association = (e: typeof few) => e.terms.find((t) => t.name === 'association')?.units ?? 0;
    expect(association(many) / association(few)).toBeGreaterThan(50);
  });

  it('grows as 1 / step through the interceptor flyouts', () => {
    const steps = (step: string) =>
      estimateWork(parseScenario(scenarioYaml({ raids: raid('w', 6), step }), 'a', { catalog }))
        .terms.filter((t) => t.name === 'interceptor steps')
        .reduce((sum, t) => sum + t.units, 0);
    expect(steps('0.01s') / steps('0.1s')).toBeCloseTo(10, 6);
  });

  /**
   * The saturation night (320 threats, six units on one network) is the scale reference of `npm run bench:scale`:
   * the server refuses it at its default (`aspis serve --max-events` raises the limit), the CLI runs it.
   */
  const SCALE_REFERENCES = new Set(['saturation-night-2024.yaml']);

  it('keeps every shipped scenario far under the server default (the scale reference under the CLI default)', () => {
    const dir = join(packageRoot(), 'scenarios');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const scenario = parseScenario(readFileSync(join(dir, file), 'utf8'), file, { catalog, baseDir: dir });
      const limit = SCALE_REFERENCES.has(file) ? DEFAULT_MAX_EVENTS : SERVER_MAX_EVENTS / 10;
      expect(estimateWork(scenario).total, file).toBeLessThan(limit);
    }
  });
});

describe('schema bounds on steps and intervals, with the reason', () => {
  it('refuses step 1e-9 s', () => {
    const err = thrown(() =>
      parseScenario(scenarioYaml({ raids: raid('w', 6), step: '1e-9' }), 'a', { catalog }),
    );
    expect(err.code).toBe('E_SCENARIO_FIELD');
    expect(err.path).toBe('step');
    expect(err.message).toMatch(/0\.001\.\.1 .*below 1 ms/);
  });

  it('refuses a radar scanInterval_s of 1e-6 s', () => {
    const extra = 'catalog: { radars: { fast: { extends: notional-mfr, scanInterval_s: 1e-6 } } }';
    const err = thrown(() =>
      parseScenario(scenarioYaml({ raids: raid('w', 6), extra, radar: 'fast' }), 'a', { catalog }),
    );
    expect(err.path).toBe('catalog.radars.fast.scanInterval_s');
    expect(err.message).toContain('millisecond');
  });

  it('refuses falseAlarmsPerScan 1e4', () => {
    const extra = 'catalog: { radars: { noisy: { extends: notional-mfr, falseAlarmsPerScan: 1e4 } } }';
    const err = thrown(() =>
      parseScenario(scenarioYaml({ raids: raid('w', 6), extra, radar: 'noisy' }), 'a', { catalog }),
    );
    expect(err.path).toBe('catalog.radars.noisy.falseAlarmsPerScan');
    expect(err.message).toContain('CFAR');
  });

  it('refuses a drone speed of 1e-9 m/s (its flight samples filled 2.5 GB before)', () => {
    const extra = 'catalog: { threats: { slow: { extends: notional-owa-drone, speed_mps: 1e-9 } } }';
    const err = thrown(() => parseScenario(scenarioYaml({ raids: raid('w', 1), extra }), 'a', { catalog }));
    expect(err.path).toBe('catalog.threats.slow.speed_mps');
    expect(err.message).toContain('5 m/s');
  });

  it('prices the largest false-alarm rate allowed, so a long run of it is still refused by the work limit', () => {
    const extra = 'catalog: { radars: { noisy: { extends: notional-mfr, falseAlarmsPerScan: 100 } } }';
    const scenario = parseScenario(
      scenarioYaml({ raids: raid('w', 6), extra, radar: 'noisy', duration: '30d' }),
      'a',
      { catalog },
    );
    const err = thrown(() => checkWork(scenario, DEFAULT_MAX_EVENTS));
    expect(err.path).toBe('units[0].radar, threats');
  });
});
