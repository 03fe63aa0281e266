/**
 * `aspis export`: one run of the default scenario exported as CZML, KML, GeoJSON and CSV from a run directory, the
 * run store and the scenario file, each output checked against its format's rules (CZML packet structure, RFC 7946,
 * XML well-formedness with the KML 2.2 namespace, RFC 4180).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_COLUMNS, eventsToCsv, THREAT_COLUMNS, threatsToCsv } from '../src/io/csv.js';
import { type CzmlPacket, toCzml } from '../src/io/czml.js';
import { toGeoJson } from '../src/io/geojson.js';
import { validateGeoJson } from '../src/io/geojsonValidate.js';
import { GX_NAMESPACE, KML_NAMESPACE, toKml } from '../src/io/kml.js';
import { loadRunData, type RunData, runDataFromResult } from '../src/io/runData.js';
import { runToJson } from '../src/outcome/index.js';
import { writeRun } from '../src/report/output.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { loadScenario } from '../src/scenario/load.js';
import { runScenario } from '../src/sim/engine.js';
import { openRunStore } from '../src/store/runStore.js';
import { eventsToJsonl } from '../src/world/recorder.js';
import { allNumbers } from './helpers.js';
import { cli } from './support/cli.js';
import { parseCsv } from './support/csvParse.js';
import { findAll, parseXml } from './support/kmlValidate.js';

const SCENARIO_FILE = join(packageRoot(), 'scenarios', 'al-asad-2020.yaml');
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Parses an ISO interval `a/b` into UTC ms, checking both ends are ISO-8601 UTC. */
function interval(text: unknown): [number, number] {
  expect(typeof text).toBe('string');
  const [a, b, ...rest] = String(text).split('/');
  expect(rest).toEqual([]);
  expect(a).toMatch(ISO_UTC);
  expect(b).toMatch(ISO_UTC);
  const start = Date.parse(a);
  const end = Date.parse(b);
  expect(end).toBeGreaterThanOrEqual(start);
  return [start, end];
}

/** CZML packet structure: document first with version and clock, unique ids, time-tagged samples. */
function checkCzml(packets: CzmlPacket[]): void {
  expect(Array.isArray(packets)).toBe(true);
  const [doc, ...rest] = packets;
  expect(doc.id).toBe('document');
  expect(doc.version).toBe('1.0');
  const clock = doc.clock as Record<string, unknown>;
  const [clockStart, clockEnd] = interval(clock.interval);
  expect(clock.currentTime).toMatch(ISO_UTC);
  const current = Date.parse(String(clock.currentTime));
  expect(current).toBeGreaterThanOrEqual(clockStart);
  expect(current).toBeLessThanOrEqual(clockEnd);
  expect(typeof clock.multiplier).toBe('number');
  const ids = new Set<string>();
  for (const p of rest) {
    expect(typeof p.id).toBe('string');
    expect(p.id).not.toBe('document');
    expect(ids.has(p.id), `duplicate id ${p.id}`).toBe(false);
    ids.add(p.id);
    const availability = p.availability === undefined ? null : interval(p.availability);
    if (availability) {
      expect(availability[0]).toBeGreaterThanOrEqual(clockStart);
      expect(availability[1]).toBeLessThanOrEqual(clockEnd);
    }
    const position = p.position as { epoch?: string; cartographicDegrees?: number[] } | undefined;
    if (!position) continue;
    const c = position.cartographicDegrees;
    expect(Array.isArray(c)).toBe(true);
    if (!c) continue;
    if (position.epoch === undefined) {
      expect(c.length).toBe(3);
      continue;
    }
    // time-tagged: [t, lon, lat, h, ...], times strictly increasing and inside the availability
    expect(position.epoch).toMatch(ISO_UTC);
    const epoch = Date.parse(position.epoch);
    expect(c.length % 4).toBe(0);
    expect(c.length).toBeGreaterThanOrEqual(4);
    expect(availability).not.toBeNull();
    let last = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < c.length; i += 4) {
      const [t, lon, lat, h] = c.slice(i, i + 4);
      expect(t).toBeGreaterThan(last);
      last = t;
      const at = epoch + Math.round(t * 1000);
      if (availability) {
        expect(at).toBeGreaterThanOrEqual(availability[0]);
        expect(at).toBeLessThanOrEqual(availability[1]);
      }
      expect(Math.abs(lon)).toBeLessThanOrEqual(180);
      expect(Math.abs(lat)).toBeLessThanOrEqual(90);
      expect(Number.isFinite(h)).toBe(true);
    }
  }
  for (const x of allNumbers(packets)) expect(Number.isFinite(x)).toBe(true);
}

let dir: string;
let runDir: string;
let storePath: string;
let runId: string;
let data: RunData;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aspis-export-'));
  const scenario = loadScenario(SCENARIO_FILE);
  const result = runScenario(scenario, { recordPaths: true });
  runDir = join(dir, 'run');
  writeRun(result, runDir, SCENARIO_FILE);
  data = runDataFromResult(result, scenario);
  storePath = join(dir, 'runs.db');
  const store = openRunStore(storePath);
  try {
    const hash = store.putScenario(readFileSync(SCENARIO_FILE, 'utf8'), scenario.name);
    runId = store.createRun({
      kind: 'single',
      scenarioHash: hash,
      scenarioName: scenario.name,
      scenarioFile: 'scenarios/al-asad-2020.yaml',
      seed: result.seed,
      runsRequested: 1,
      config: {},
    });
    store.putReplication(runId, {
      replication: 0,
      hash: result.hash,
      summary: runToJson(result),
      events: eventsToJsonl(result.events),
      paths: result.paths,
    });
    store.finishRun(runId, 'done');
  } finally {
    store.close();
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  process.exitCode = undefined;
});

describe('CZML', () => {
  it('follows the packet structure, with tracks, assets, units, impacts and intercepts', () => {
    const czml = toCzml(data);
    checkCzml(czml);
    const ids = czml.map((p) => p.id);
    expect(ids).toContain('asset/al-asad');
    expect(ids).toContain('unit/patriot-1');
    expect(ids).toContain('sector/patriot-1');
    expect(ids.filter((id) => id.startsWith('threat/')).length).toBe(data.summary.totals.launched);
    expect(ids.filter((id) => id.startsWith('interceptor/')).length).toBe(
      data.summary.totals.interceptorsFired,
    );
    expect(ids.filter((id) => id.startsWith('impact/')).length).toBe(
      data.summary.totals.impacted + data.summary.totals.failed,
    );
    expect(ids.some((id) => id.startsWith('intercept/'))).toBe(true);
    // epoch is the scenario start in UTC (01:20 at +03:00)
    const threat = czml.find((p) => p.id.startsWith('threat/')) as CzmlPacket & {
      position: { epoch: string; cartographicDegrees: number[] };
    };
    expect(threat.position.epoch).toBe('2020-01-07T22:20:00.000Z');
    expect(threat.position.cartographicDegrees[0]).toBe(570);
    expect(threat.position.cartographicDegrees.slice(1, 3)).toEqual([47.07, 34.31]);
  });

  it('colours threats by fate', () => {
    const czml = toCzml(data);
    const colours = new Map<string, string>();
    for (const t of data.summary.threats) {
      const p = czml.find((x) => x.id === `threat/${t.id}`) as unknown as { path: { material: unknown } };
      const c = JSON.stringify(p.path.material);
      if (colours.has(t.fate)) expect(colours.get(t.fate)).toBe(c);
      colours.set(t.fate, c);
    }
    expect(new Set(colours.values()).size).toBe(colours.size);
  });
});

describe('GeoJSON', () => {
  it('conforms to RFC 7946 and holds every kind of feature', () => {
    const gj = toGeoJson(data);
    expect(validateGeoJson(gj)).toEqual([]);
    expect(gj).not.toHaveProperty('crs');
    for (const x of allNumbers(gj)) expect(Number.isFinite(x)).toBe(true);
    const kinds = new Map<string, number>();
    for (const f of gj.features) {
      const kind = String(f.properties?.kind);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    expect(kinds.get('asset')).toBe(1);
    expect(kinds.get('unit')).toBe(1);
    expect(kinds.get('sector')).toBe(1);
    expect(kinds.get('threat-track')).toBe(data.summary.totals.launched);
    expect(kinds.get('interceptor-track')).toBe(data.summary.totals.interceptorsFired);
    expect(kinds.get('impact')).toBe(data.summary.totals.impacted + data.summary.totals.failed);
    expect(kinds.get('intercept')).toBeGreaterThan(0);
    const ids = gj.features.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes [lon, lat, height] and tracks with their fate and times', () => {
    const gj = toGeoJson(data);
    const asset = gj.features.find((f) => f.id === 'asset/al-asad');
    expect(asset?.properties).toMatchObject({ id: 'al-asad', value: 10, radius_m: 3000 });
    const unit = gj.features.find((f) => f.id === 'unit/patriot-1');
    expect(unit?.geometry).toEqual({ type: 'Point', coordinates: [42.45, 33.8, 188] });
    const impact = gj.features.find(
      (f) => f.properties?.kind === 'impact' && f.properties?.fate === 'impacted',
    );
    if (!impact) throw new Error('an impact feature expected');
    expect(impact.properties?.assetId).toBe('al-asad');
    const [lon, lat] = (impact.geometry as { coordinates: number[] }).coordinates;
    expect(lon).toBeCloseTo(42.44, 1);
    expect(lat).toBeCloseTo(33.79, 1);
    for (const f of gj.features.filter((x) => x.properties?.kind === 'threat-track')) {
      expect(f.geometry?.type).toBe('LineString');
      const coords = (f.geometry as { coordinates: number[][] }).coordinates;
      expect((f.properties?.coordTimes as string[] | undefined)?.length).toBe(coords.length);
      expect(['killed', 'impacted', 'failed']).toContain(f.properties?.fate);
      // a body that broke up early in flight (fate failed) may end below 50 km; every other track re-enters from above
      if (f.properties?.fate !== 'failed')
        expect(Math.max(...coords.map((c) => c[2]))).toBeGreaterThan(50_000);
    }
  });

  it('merges a footprint file and refuses one that breaks RFC 7946', async () => {
    const good = join(dir, 'coverage.geojson');
    writeFileSync(
      good,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [42, 33],
                  [43, 33],
                  [43, 34],
                  [42, 34],
                  [42, 33],
                ],
              ],
            },
            properties: { pd: 0.9 },
          },
        ],
      }),
    );
    const r = await cli('export', runDir, '--format', 'geojson', '--footprint', good);
    expect(r.code).toBe(0);
    const gj = JSON.parse(r.out);
    expect(validateGeoJson(gj)).toEqual([]);
    const fp = gj.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'footprint');
    expect(fp).toHaveLength(1);
    expect(fp[0].properties.pd).toBe(0.9);

    const bad = join(dir, 'bad.geojson');
    writeFileSync(bad, JSON.stringify({ type: 'Point', coordinates: [33, 142] }));
    const rb = await cli('export', runDir, '--format', 'geojson', '--footprint', bad);
    expect(rb.code).toBe(2);
    expect(rb.err).toMatch(/E_USAGE --footprint: .*latitude 142/);
  });
});

describe('KML', () => {
  it('is well-formed XML in the KML 2.2 namespace with gx:Track tracks', () => {
    const kml = toKml(data);
    expect(kml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const root = parseXml(kml);
    expect(root.name).toBe('kml');
    expect(root.namespace).toBe(KML_NAMESPACE);
    expect(root.children.map((c) => c.name)).toEqual(['Document']);
    const tracks = findAll(root, 'gx:Track');
    expect(tracks.length).toBe(data.summary.totals.launched + data.summary.totals.interceptorsFired);
    for (const t of tracks) {
      expect(t.namespace).toBe(GX_NAMESPACE);
      const whens = t.children.filter((c) => c.name === 'when');
      const coords = t.children.filter((c) => c.name === 'gx:coord');
      expect(whens.length).toBe(coords.length);
      expect(whens.length).toBeGreaterThan(0);
      // schema order: altitudeMode, all whens, then all coords
      expect(t.children[0].name).toBe('altitudeMode');
      expect(t.children.findIndex((c) => c.name === 'gx:coord')).toBe(1 + whens.length);
      let last = '';
      for (const w of whens) {
        expect(w.text).toMatch(ISO_UTC);
        expect(w.text > last).toBe(true);
        last = w.text;
      }
      for (const c of coords) expect(c.text.split(' ').map(Number).every(Number.isFinite)).toBe(true);
    }
    // every styleUrl points at a Style of the document, every ring is closed
    const styles = new Set(findAll(root, 'Style').map((s) => `#${s.attributes.id}`));
    for (const u of findAll(root, 'styleUrl')) expect(styles.has(u.text)).toBe(true);
    for (const ring of findAll(root, 'LinearRing')) {
      const pts = ring.children[0].text.trim().split(/\s+/);
      expect(pts[0]).toBe(pts[pts.length - 1]);
    }
    for (const ts of findAll(root, 'TimeStamp')) expect(ts.children[0].text).toMatch(ISO_UTC);
    const ids = [...findAll(root, 'Placemark'), ...findAll(root, 'Style')].map((p) => p.attributes.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('escapes names that carry XML metacharacters', () => {
    const scenario = data.scenario;
    if (!scenario) throw new Error('scenario expected');
    const evil = {
      ...data,
      scenarioName: 'A & B <script> "q" \u0007]]>',
      scenario: { ...scenario, assets: [{ ...scenario.assets[0], name: '<&>' }] },
    };
    const root = parseXml(toKml(evil));
    expect(findAll(root, 'name')[0].text).toBe('A & B <script> "q" ]]>');
    expect(findAll(root, 'Placemark')[0].children[0].text).toBe('<&>');
  });
});

describe('CSV', () => {
  it('the event log round-trips through an RFC 4180 parser', () => {
    const r = eventsCsv();
    const rows = parseCsv(r);
    expect(rows[0]).toEqual([...EVENT_COLUMNS]);
    expect(rows.length).toBe(data.events.length + 1);
    rows.slice(1).forEach((row, i) => {
      const e = data.events[i] as unknown as Record<string, unknown>;
      expect(row.length).toBe(EVENT_COLUMNS.length);
      expect(Number(row[0])).toBe(e.t_s);
      expect(row[2]).toBe(e.type);
      expect(row[1]).toMatch(/\+03:00$/);
      if (row[10] !== '') expect(typeof JSON.parse(row[10])).toBe('object');
    });
  });

  it('the threat table has one row per threat', async () => {
    const r = await cli('export', runDir, '--format', 'csv', '--what', 'threats');
    expect(r.code).toBe(0);
    const rows = parseCsv(r.out);
    expect(rows[0]).toEqual([...THREAT_COLUMNS]);
    expect(rows.slice(1).map((row) => row[0])).toEqual(data.summary.threats.map((t) => t.id));
    expect(rows.slice(1).map((row) => row[4])).toEqual(data.summary.threats.map((t) => t.fate));
  });

  function eventsCsv(): string {
    // the CLI path, to cover it
    return readFileSync(join(dir, 'events.csv'), 'utf8');
  }

  beforeAll(async () => {
    const r = await cli('export', runDir, '--format', 'csv', '--out', join(dir, 'events.csv'));
    expect(r.code).toBe(0);
  });
});

describe('references: run directory, store id, scenario file', () => {
  it('a stored run id and its run directory give the same GeoJSON (and CZML, KML, CSV)', () => {
    const fromDir = loadRunData(runDir);
    const fromStore = loadRunData(runId, { store: storePath });
    expect(fromDir.warnings).toEqual([]);
    expect(fromStore.warnings).toEqual([]);
    expect(fromStore.source).toMatchObject({ kind: 'store', runId });
    expect(JSON.stringify(toGeoJson(fromStore))).toBe(JSON.stringify(toGeoJson(fromDir)));
    expect(JSON.stringify(toGeoJson(fromDir))).toBe(JSON.stringify(toGeoJson(data)));
    expect(JSON.stringify(toCzml(fromStore))).toBe(JSON.stringify(toCzml(fromDir)));
    expect(toKml(fromStore)).toBe(toKml(fromDir));
    expect(eventsToCsv(fromStore.events, fromStore.time)).toBe(eventsToCsv(fromDir.events, fromDir.time));
    expect(threatsToCsv(fromStore.summary)).toBe(threatsToCsv(fromDir.summary));
  });

  it('the CLI exports by store id, latest and scenario file alike', async () => {
    const a = await cli('export', runId, '--store', storePath, '--format', 'geojson');
    const b = await cli('export', 'latest', '--store', storePath, '--format', 'geojson');
    const c = await cli('export', runDir, '--format', 'geojson');
    const d = await cli('export', SCENARIO_FILE, '--format', 'geojson');
    for (const r of [a, b, c, d]) expect(r.code, r.err).toBe(0);
    expect(a.out).toBe(c.out);
    expect(b.out).toBe(c.out);
    expect(d.out).toBe(c.out);
    const other = await cli('export', SCENARIO_FILE, '--seed', '7', '--format', 'geojson');
    expect(other.code).toBe(0);
    expect(JSON.parse(other.out).aspis.seed).toBe(7);
  });

  it('re-simulates missing paths when the hash matches, else rebuilds tracks from events', () => {
    const bare = join(dir, 'bare');
    writeRun({ ...runScenario(loadScenario(SCENARIO_FILE), {}), paths: null }, bare, SCENARIO_FILE);
    expect(existsSync(join(bare, 'paths.json'))).toBe(false);
    const re = loadRunData(bare);
    expect(re.pathsFrom).toBe('resimulated');
    expect(JSON.stringify(toGeoJson(re))).toBe(JSON.stringify(toGeoJson(data)));

    // summary.json names its scenario file: the run finds its scenario without report.md
    rmSync(join(bare, 'report.md'));
    const summaryPath = join(bare, 'summary.json');
    const written = JSON.parse(readFileSync(summaryPath, 'utf8'));
    expect(written.scenarioFile).toBe(SCENARIO_FILE);
    expect(written.why.length).toBe(written.threats.length);
    expect(loadRunData(bare).scenario).not.toBeNull();
    // no scenario named anywhere: tracks from events, no assets, warnings say so
    const { scenarioFile: _named, ...unnamed } = written;
    writeFileSync(summaryPath, JSON.stringify(unnamed));
    const coarse = loadRunData(bare);
    expect(coarse.scenario).toBeNull();
    expect(coarse.pathsFrom).toBe('events');
    expect(coarse.warnings.join('\n')).toMatch(/scenario file/);
    expect(coarse.warnings.join('\n')).toMatch(/rebuilt from events/);
    const gj = toGeoJson(coarse);
    expect(validateGeoJson(gj)).toEqual([]);
    expect(gj.features.some((f) => f.properties?.kind === 'asset')).toBe(false);
    // each threat track carries its outcome record's code, category, responsible unit and verdict
    const threatTracks = gj.features.filter((f) => f.properties?.kind === 'threat-track');
    expect(threatTracks.length).toBeGreaterThan(0);
    for (const f of threatTracks) {
      const o = written.why.find((w: { threatId: string }) => w.threatId === f.properties?.id);
      expect(f.properties?.outcomeCode).toBe(o.code);
      expect(f.properties?.leakCategory).toBe(o.category);
      expect(f.properties?.why).toBe(o.text);
    }
    checkCzml(toCzml(coarse));
    parseXml(toKml(coarse));
    // --scenario supplies it
    const withScenario = loadRunData(bare, { scenario: SCENARIO_FILE });
    expect(withScenario.pathsFrom).toBe('resimulated');
  });

  it('exports a Monte Carlo replication stored without events or paths by re-running it', () => {
    const scenario = loadScenario(SCENARIO_FILE);
    const rep3 = runScenario(scenario, { seed: 5, replication: 3, recordPaths: true });
    const mcStore = join(dir, 'mc.db');
    const store = openRunStore(mcStore);
    let id: string;
    try {
      const hash = store.putScenario(readFileSync(SCENARIO_FILE, 'utf8'), scenario.name);
      id = store.createRun({
        kind: 'mc',
        scenarioHash: hash,
        scenarioName: scenario.name,
        scenarioFile: 'scenarios/al-asad-2020.yaml',
        seed: 5,
        runsRequested: 4,
        config: {},
      });
      // the reduced summary a Monte Carlo replication keeps
      store.putReplication(id, {
        replication: 3,
        hash: rep3.hash,
        summary: {
          replication: 3,
          hash: rep3.hash,
          totals: rep3.summary.totals,
          threats: rep3.summary.threats.map((t) => ({ id: t.id, type: t.type, fate: t.fate })),
        },
      });
    } finally {
      store.close();
    }
    const loaded = loadRunData(id, { store: mcStore, replication: 3 });
    expect(loaded.pathsFrom).toBe('resimulated');
    expect(loaded.replication).toBe(3);
    const direct = runDataFromResult(rep3, scenario);
    expect(JSON.stringify(toGeoJson(loaded))).toBe(JSON.stringify(toGeoJson(direct)));
    expect(threatsToCsv(loaded.summary)).toBe(threatsToCsv(direct.summary));
    expect(() => loadRunData(id, { store: mcStore })).toThrow(/has no replication 0 \(stored: 3\)/);
  });

  it('writes --out atomically and leaves no temporary file', async () => {
    const out = join(dir, 'nested', 'run.czml');
    const r = await cli('export', runDir, '--format', 'czml', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/czml written to/);
    checkCzml(JSON.parse(readFileSync(out, 'utf8')));
    expect(readdirSync(join(dir, 'nested'))).toEqual(['run.czml']);
  });

  it('answers bad references and options with coded errors', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['export', 'run-999999', '--store', storePath, '--format', 'kml'],
        /E_USAGE run-999999: no run directory, scenario file or stored run/,
      ],
      [
        ['export', 'nope', '--store', join(dir, 'none.db'), '--format', 'kml'],
        /E_USAGE nope: .*no run store/,
      ],
      [['export', 'missing.yaml', '--format', 'kml'], /E_SCENARIO_FILE missing.yaml/],
      [['export', './no/such/dir', '--format', 'kml'], /E_USAGE .*no such run directory/],
      [['export', dir, '--format', 'kml'], /E_USAGE .*not a run directory/],
      [['export', runDir, '--format', 'svg'], /E_USAGE --format/],
      [
        ['export', runDir, '--format', 'kml', '--what', 'threats'],
        /E_USAGE --what: only applies to --format csv/,
      ],
      [['export', runDir, '--format', 'csv', '--what', 'tracks'], /E_USAGE --what/],
      [['export', runDir, '--format', 'kml', '--seed', '3'], /E_USAGE --seed/],
      [
        ['export', runId, '--store', storePath, '--format', 'kml', '--replication', '4'],
        /E_USAGE --replication: run-\d+ has no replication 4 \(stored: 0\)/,
      ],
    ];
    for (const [args, pattern] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(pattern);
    }
    // no store file was created by a lookup
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
    const broken = join(dir, 'broken');
    writeRun(runScenario(loadScenario(SCENARIO_FILE), {}), broken, SCENARIO_FILE);
    writeFileSync(join(broken, 'events.jsonl'), '{"t_s":1,"type":"x"}\n{oops\n');
    const r = await cli('export', broken, '--format', 'csv');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/E_USAGE .*events\.jsonl:2: invalid JSON/);
  });
});
