import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { AspisError } from '../errors.js';
import { loadCatalog } from './catalog.js';
import { compileScenario } from './compile.js';
import { loadScenario, parseScenario } from './load.js';
import { scenarioJsonSchema } from './schema.js';

const catalog = loadCatalog();
const DEG = Math.PI / 180;

/** A full example exercising every section of the format. */
const FULL = `
name: Al Asad, 8 Jan 2020 — one battery
description: test scenario
seed: 7
start: 2020-01-08T01:30:00+03:00
duration: 1d
step: 0.1s
threatMargin: 1km
earlyWarning: { enabled: true, delay: 90s }
tracker: { gate: 4, confirm: 3/4, deleteMisses: 3, processNoise: 100 }
catalog:
  threats: { my-srbm: { extends: notional-srbm-500km, cep_m: 50 } }
  radars: { wide-mfr: { extends: notional-mfr, sectorWidth_rad: 150deg } }
assets:
  - { id: al-asad, name: Ayn al-Asad Air Base, lat: 33.79, lon: 42.44, alt: 188m, radius: 3km, value: 10 }
  - { id: taji, lat: 33.53, lon: 44.28 }
units:
  - id: patriot-1
    kind: sam-battery
    at: { lat: 33.80, lon: 42.45, alt: 188m }
    radar: { type: notional-mfr, sectorCenter: 81deg, sectorWidth: 100deg }
    launchers: [{ count: 6, interceptor: notional-pac2-gem, loaded: 4, capacity: 4, reload: 15min, reserve: 0 }]
    fireChannels: 5
    doctrine: { mode: salvo, shotsPerThreat: 2, maxShotsPerThreat: 4, killAssessmentDelay: 5s, salvoInterval: 1s }
    reactionTime: 8s
    defends: [al-asad]
    cost: $1000M
  - id: cram-1
    kind: c-ram
    at: { lat: 33.53, lon: 44.28 }
    radar: { type: notional-cram-radar, sectorCenter: 0deg }
    gun: notional-cram
    ammunition: 1000
    defends: [taji]
    warnThreshold: 5s
threats:
  - raid: wave-1
    type: my-srbm
    from: { lat: 34.31, lon: 47.07 }
    target: al-asad
    count: 4
    at: 01:34:00
    interval: 20s
    spread: 600m
  - { raid: late, type: notional-srbm-750km, from: { lat: 34.31, lon: 47.07 }, target: { lat: 33.8, lon: 42.4 }, at: 00:10 }
  - raid: drones
    type: notional-owa-drone
    from: { lat: 34.0, lon: 45.0 }
    target: taji
    at: +4m
    waypoints: [{ lat: 33.8, lon: 44.6 }]
`;

/** Compiles YAML text and returns the AspisError it throws (fails the test when it does not throw). */
function errorOf(yamlText: string): AspisError {
  try {
    parseScenario(yamlText, 'test.yaml', { catalog });
  } catch (err) {
    if (err instanceof AspisError) return err;
    throw err;
  }
  throw new Error('expected an AspisError');
}

/** The FULL example with one line replaced. */
function variant(search: string, replacement: string): string {
  expect(FULL).toContain(search);
  return FULL.replace(search, replacement);
}

describe('parseScenario', () => {
  it('compiles the full example into SI with raids expanded and references resolved', () => {
    const s = parseScenario(FULL, 'full.yaml', { catalog });
    expect(s.name).toBe('Al Asad, 8 Jan 2020 — one battery');
    expect(s.seed).toBe(7);
    expect(s.duration_s).toBe(86400);
    expect(s.threatMargin_m).toBe(1000);
    expect(s.earlyWarning).toEqual({ enabled: true, delay_s: 90 });
    expect(s.tracker).toEqual({
      gate: 4,
      confirmM: 3,
      confirmN: 4,
      deleteMisses: 3,
      processNoise_m2ps3: 100,
    });
    expect(s.assets[0].position.lat_rad).toBeCloseTo(33.79 * DEG, 15);
    expect(s.assets[0].position.h_m).toBe(188);
    expect(s.assets[1]).toMatchObject({ name: 'taji', radius_m: 1000, value: 1 });

    const battery = s.units[0];
    if (battery.kind !== 'sam-battery') throw new Error('expected a battery');
    expect(battery.radar.sectorCenter_rad).toBeCloseTo(81 * DEG, 15);
    expect(battery.radar.type.sectorWidth_rad).toBeCloseTo(100 * DEG, 15);
    expect(battery.launchers[0]).toMatchObject({
      count: 6,
      loaded: 4,
      capacity: 4,
      reload_s: 900,
      reserve: 0,
    });
    expect(battery.launchers[0].interceptor.id).toBe('notional-pac2-gem');
    expect(battery.doctrine).toEqual({
      mode: 'salvo',
      shotsPerThreat: 2,
      maxShotsPerThreat: 4,
      killAssessmentDelay_s: 5,
      salvoInterval_s: 1,
      killAssessmentError: { missJudgedKill: 0, killJudgedMiss: 0 },
    });
    expect(battery.cost_usd).toBe(1e9);
    const cram = s.units[1];
    if (cram.kind !== 'c-ram') throw new Error('expected a c-ram');
    expect(cram.gun.ammunition).toBe(1000);
    expect(cram.radar.type.sectorWidth_rad).toBeCloseTo(2 * Math.PI, 12);
    expect(cram.defends).toEqual(['taji']);

    // wave-1: 01:34 is 240 s after the 01:30 start, rounds every 20 s
    const wave = s.threats.filter((t) => t.raid === 'wave-1');
    expect(wave.map((t) => t.id)).toEqual(['wave-1-1', 'wave-1-2', 'wave-1-3', 'wave-1-4']);
    expect(wave.map((t) => t.launchTime_s)).toEqual([240, 260, 280, 300]);
    expect(wave[0].targetAssetId).toBe('al-asad');
    expect(s.threatTypes['my-srbm']).toMatchObject({ kind: 'ballistic', cep_m: 50, maxRange_m: 500000 });
    // 00:10 is earlier than the start: next day
    const late = s.threats.find((t) => t.raid === 'late');
    expect(late?.launchTime_s).toBe(24 * 3600 - 80 * 60);
    expect(late?.targetAssetId).toBeNull();
    const drone = s.threats.find((t) => t.raid === 'drones');
    expect(drone?.launchTime_s).toBe(240);
    expect(drone?.waypoints).toHaveLength(1);
    expect(drone?.aim.h_m).toBe(0);
  });

  it('freezes the whole compiled scenario', () => {
    const s = parseScenario(FULL, 'full.yaml', { catalog });
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.threats[0].aim)).toBe(true);
    expect(Object.isFrozen(s.units[0].radar.type)).toBe(true);
    expect(() => {
      (s.assets as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it('spreads aimpoints deterministically within the spread radius', () => {
    const a = parseScenario(FULL, 'full.yaml', { catalog });
    const b = parseScenario(FULL, 'full.yaml', { catalog });
    const target = a.assets[0].position;
    const wave = a.threats.filter((t) => t.raid === 'wave-1');
    const distances = wave.map((t) => {
      const north_m = (t.aim.lat_rad - target.lat_rad) * 6_371_000;
      const east_m = (t.aim.lon_rad - target.lon_rad) * 6_371_000 * Math.cos(target.lat_rad);
      return Math.hypot(north_m, east_m);
    });
    for (const d of distances) expect(d).toBeLessThan(600 * 1.01);
    expect(new Set(wave.map((t) => t.aim.lat_rad)).size).toBe(4);
    expect(b.threats.map((t) => t.aim)).toEqual(a.threats.map((t) => t.aim));
  });

  it('fills defaults: defends = all assets, launch at start, one round, no spread', () => {
    const s = parseScenario(
      `
name: minimal
start: 2020-01-08T01:30:00Z
assets: [{ id: a, lat: 1, lon: 2 }, { id: b, lat: 1.1, lon: 2 }]
units: [{ id: u, kind: sam-battery, at: { lat: 1, lon: 2 }, radar: {}, launchers: [{ interceptor: notional-pac3-mse, capacity: 12 }] }]
threats: [{ raid: r, type: notional-srbm-300km, from: { lat: 2, lon: 3 }, target: a }]
`,
      'min.yaml',
      { catalog },
    );
    expect(s.duration_s).toBe(3600);
    expect(s.step_s).toBe(0.1);
    expect(s.threatMargin_m).toBe(500);
    expect(s.earlyWarning).toEqual({ enabled: false, delay_s: 90 });
    expect(s.units[0].defends).toEqual(['a', 'b']);
    const unit = s.units[0];
    if (unit.kind !== 'sam-battery') throw new Error('expected a battery');
    expect(unit.launchers[0]).toMatchObject({ count: 6, loaded: 12, capacity: 12 });
    expect(unit.doctrine.maxShotsPerThreat).toBe(4);
    expect(unit.radar.type.id).toBe('notional-mfr');
    expect(s.threats).toHaveLength(1);
    expect(s.threats[0]).toMatchObject({ id: 'r-1', launchTime_s: 0 });
    expect(s.threats[0].aim).toEqual(s.assets[0].position);
  });
});

describe('scenario errors carry a code and a field path', () => {
  const cases: [string, string, string, string, RegExp?][] = [
    [
      'bad latitude',
      '    from: { lat: 34.31, lon: 47.07 }\n    target: al-asad\n    count: 4',
      '    from: { lat: 95, lon: 47.07 }\n    target: al-asad\n    count: 4',
      'E_SCENARIO_FIELD threats[0].from.lat',
      /expected -90\.\.90/,
    ],
    [
      'unknown key',
      '    fireChannels: 5',
      '    fireChanels: 5',
      'E_SCENARIO_FIELD units[0].fireChanels',
      /unknown key/,
    ],
    ['unknown top-level key', 'seed: 7', 'sed: 7', 'E_SCENARIO_FIELD sed'],
    [
      'unknown asset ref',
      '    defends: [al-asad]',
      '    defends: [al-asad, nowhere]',
      'E_SCENARIO_REF units[0].defends[1]',
      /nowhere/,
    ],
    [
      'unknown target',
      '    target: al-asad\n    count: 4',
      '    target: al-asab\n    count: 4',
      'E_SCENARIO_REF threats[0].target',
    ],
    [
      'unknown threat type',
      '    type: my-srbm',
      '    type: notional-srbm-9000km',
      'E_SCENARIO_REF threats[0].type',
    ],
    [
      'unknown interceptor',
      'interceptor: notional-pac2-gem',
      'interceptor: nope',
      'E_SCENARIO_REF units[0].launchers[0].interceptor',
    ],
    [
      'unknown extends',
      'extends: notional-srbm-500km',
      'extends: nope',
      'E_SCENARIO_REF catalog.threats.my-srbm.extends',
    ],
    [
      'bad override field',
      'cep_m: 50',
      'cep_m: 50 parsecs',
      'E_SCENARIO_FIELD catalog.threats.my-srbm.cep_m',
    ],
    ['bad confirm rule', 'confirm: 3/4', 'confirm: 5/3', 'E_SCENARIO_FIELD tracker.confirm', /M\/N/],
    ['wrong unit', 'interval: 20s', 'interval: 20km', 'E_SCENARIO_FIELD threats[0].interval', /duration/],
    ['negative radius', 'radius: 3km', 'radius: -3km', 'E_SCENARIO_FIELD assets[0].radius'],
    ['duplicate unit id', '  - id: cram-1', '  - id: patriot-1', 'E_SCENARIO_FIELD units[1]', /duplicate/],
    [
      'duplicate asset id',
      '  - { id: taji,',
      '  - { id: al-asad,',
      'E_SCENARIO_FIELD assets[1]',
      /duplicate/,
    ],
    ['bad unit kind', 'kind: c-ram', 'kind: c-rim', 'E_SCENARIO_FIELD units[1].kind'],
    ['missing name', 'name: Al Asad, 8 Jan 2020 — one battery\n', '', 'E_SCENARIO_FIELD name', /required/],
    ['bad start', 'start: 2020-01-08T01:30:00+03:00', 'start: 8 Jan 2020', 'E_SCENARIO_FIELD start'],
    ['bad clock time', 'at: 01:34:00', 'at: 25:34:00', 'E_SCENARIO_FIELD threats[0].at'],
    [
      'launch after the end',
      'duration: 1d',
      'duration: 10min',
      'E_SCENARIO_FIELD threats[1].at',
      /after the scenario ends/,
    ],
    [
      'waypoints on a missile',
      '    spread: 600m',
      '    spread: 600m\n    waypoints: [{ lat: 1, lon: 1 }]',
      'E_SCENARIO_FIELD threats[0].waypoints',
    ],
    [
      'loaded above capacity',
      'loaded: 4, capacity: 4',
      'loaded: 5, capacity: 4',
      'E_SCENARIO_FIELD units[0].launchers[0].loaded',
    ],
    ['non-integer count', '    count: 4', '    count: 2.5', 'E_SCENARIO_FIELD threats[0].count'],
    [
      'bad target point',
      'target: { lat: 33.8, lon: 42.4 }',
      'target: { lat: 33.8, lon: 420 }',
      'E_SCENARIO_FIELD threats[1].target.lon',
    ],
  ];
  it.each(cases)('%s', (_label, search, replacement, prefix, message) => {
    const error = errorOf(variant(search, replacement));
    expect(error.message.startsWith(`${prefix}:`), error.message).toBe(true);
    if (message) expect(error.message).toMatch(message);
  });

  it('reports YAML syntax errors as E_SCENARIO_PARSE with line and column', () => {
    const error = errorOf('name: x\nstart: [unclosed\nassets: []\n');
    expect(error.code).toBe('E_SCENARIO_PARSE');
    expect(error.path).toMatch(/^test\.yaml:\d+:\d+$/);
  });

  it('reports duplicate YAML keys as E_SCENARIO_PARSE', () => {
    const error = errorOf('name: x\nname: y\n');
    expect(error.code).toBe('E_SCENARIO_PARSE');
    expect(error.path).toBe('test.yaml:2:1');
  });

  it('reports a non-mapping document as E_SCENARIO_FIELD', () => {
    expect(errorOf('- 1\n- 2\n').code).toBe('E_SCENARIO_FIELD');
    expect(errorOf('').code).toBe('E_SCENARIO_FIELD');
  });

  it('reports a missing file as E_SCENARIO_FILE', () => {
    const path = join(tmpdir(), 'aspis-no-such-scenario.yaml');
    expect(() => loadScenario(path, { catalog })).toThrow(AspisError);
    try {
      loadScenario(path, { catalog });
    } catch (err) {
      expect((err as AspisError).code).toBe('E_SCENARIO_FILE');
      expect((err as AspisError).path).toBe(path);
    }
  });

  it('loads a file from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aspis-scenario-'));
    const path = join(dir, 'full.yaml');
    writeFileSync(path, FULL);
    expect(loadScenario(path, { catalog }).threats).toHaveLength(6);
  });
});

/** Every [path] to a node of a plain JSON-like tree. */
function nodePaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) out.push(...nodePaths(value[i], [...prefix, i]));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...nodePaths(v, [...prefix, k]));
  }
  return out;
}

/** Applies one mutation (set or delete) at `path` of a clone of `doc`. */
function mutate(
  doc: unknown,
  path: (string | number)[],
  op: 'set' | 'delete',
  replacement: unknown,
): unknown {
  if (path.length === 0) return op === 'set' ? replacement : undefined;
  const clone = structuredClone(doc) as Record<string | number, unknown>;
  let node = clone;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (op === 'delete') {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete node[last];
  } else node[last] = replacement;
  return clone;
}

/** True when every number reachable from `value` is finite. */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  return Object.values(value).every(allFinite);
}

describe('compileScenario under random mutations', () => {
  const base = parseYaml(FULL) as unknown;
  const paths = nodePaths(base);
  const nasty = fc.oneof(
    fc.anything(),
    fc.constantFrom(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -1,
      0,
      1e308,
      -1e308,
      '',
      '3km',
      '81deg',
      '1h',
      '$4M',
      '5/3',
      '0/0',
      '99:99',
      '+1e400s',
      'al-asad',
      null,
      [],
      {},
    ),
    fc.double(),
    fc.integer(),
    fc.string(),
  );
  it('either compiles to an all-finite Scenario or throws an AspisError', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(paths.length - 1),
            fc.constantFrom<'set' | 'delete'>('set', 'set', 'delete'),
            nasty,
          ),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        (mutations) => {
          let doc = base;
          for (const [index, op, value] of mutations) {
            const candidates = nodePaths(doc);
            doc = mutate(doc, candidates[index % candidates.length], op, value);
          }
          try {
            const s = compileScenario(doc, { catalog });
            return allFinite(s) && Object.isFrozen(s);
          } catch (err) {
            if (err instanceof AspisError) return true;
            throw err;
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws anything but AspisError on random YAML text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), (text) => {
        try {
          parseScenario(text, 'fuzz.yaml', { catalog });
          return true;
        } catch (err) {
          if (err instanceof AspisError) return true;
          throw err;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('scenarioJsonSchema', () => {
  it('describes every top-level key, and quantities as number or string with unit', () => {
    const schema = scenarioJsonSchema() as {
      properties: Record<string, { description?: string; type?: unknown }>;
    };
    for (const key of [
      'name',
      'description',
      'seed',
      'start',
      'duration',
      'step',
      'threatMargin',
      'earlyWarning',
      'tracker',
      'catalog',
      'assets',
      'units',
      'threats',
    ]) {
      expect(schema.properties).toHaveProperty(key);
    }
    expect(schema.properties.duration.type).toEqual(['number', 'string']);
    expect(schema.properties.duration.description).toMatch(/number \(SI, s\) or string with unit/);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
