import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MTT_REFERENCE_DIR } from '../../test/support/mttData.js';
import { AspisError } from '../errors.js';
import { generateMeasurementFile } from '../tracking/mttGenerate.js';
import {
  mttSetupFromHeader,
  parseMeasurementFile,
  parseTrackFile,
  readMeasurementFile,
  readTrackFile,
  writeTrackFile,
} from './mtt.js';

const REF_N10 = join(MTT_REFERENCE_DIR, 'scen_N10_s1.jsonl');
const REF_N10_TRACKS = join(MTT_REFERENCE_DIR, 'scen_N10_s1.tracks_stonesoup_kdtree.jsonl');

/** A small valid scenario as lines. */
function small(): string[] {
  return [...generateMeasurementFile({ n: 2, seed: 3, numScans: 4 }).lines];
}

/** The coded error thrown by `fn`. */
function codedError(fn: () => unknown): AspisError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AspisError) return err;
    throw err;
  }
  throw new Error('expected an AspisError');
}

describe('mtt-scenario reader', () => {
  it('reads the shared N=10 reference: header fields, 100 scans, truth and detections', () => {
    const s = readMeasurementFile(REF_N10);
    expect(s.header.dim).toBe(2);
    expect(s.header.num_scans).toBe(100);
    expect(s.scans).toHaveLength(100);
    expect(s.truth).toHaveLength(100);
    expect(s.scans.reduce((n, scan) => n + scan.z.length, 0)).toBe(s.header.totals?.detections);
    expect(s.truth.reduce((n, tr) => n + tr.x.length, 0)).toBe(s.header.totals?.truth_states);
    expect(mttSetupFromHeader(s.header)).toEqual({
      dim: 2,
      dt: 1,
      q: 1,
      sigma: 20,
      pd: 0.9,
      clutterDensity: 1e-8,
    });
  });

  it('accepts text as well as a path, and CRLF line ends', () => {
    const text = small().join('\r\n');
    expect(readMeasurementFile(text).scans).toHaveLength(4);
  });

  it.each([
    [
      'a bad JSON line',
      (l: string[]) => l.splice(3, 1, '{"type":"scan",'),
      /^E_MTT_FORMAT line 4: invalid JSON/,
    ],
    [
      'a NaN token',
      (l: string[]) => (l[2] = l[2].replace(/"z":\[\[[-0-9.e]+/, '"z":[[NaN')),
      /^E_MTT_FORMAT line 3: non-finite/,
    ],
    ['a missing header', (l: string[]) => l.shift(), /^E_MTT_FORMAT line 1: type: missing header/],
    [
      'a wrong format',
      (l: string[]) => (l[0] = l[0].replace('"mtt-scenario"', '"mtt-tracks"')),
      /^E_MTT_FORMAT line 1: format/,
    ],
    [
      'a wrong version',
      (l: string[]) => (l[0] = l[0].replace('"version":1', '"version":2')),
      /line 1: version/,
    ],
    [
      'a measurement of the wrong dimension',
      (l: string[]) => (l[2] = l[2].replace(/"z":\[\[([-0-9.e]+),/, '"z":[[$1,1,')),
      /^E_MTT_FORMAT line 3: z\[0\]: must have 2 elements/,
    ],
    [
      'a huge number (Infinity)',
      (l: string[]) => (l[2] = l[2].replace(/"z":\[\[[-0-9.e]+/, '"z":[[1e999')),
      /line 3: z\[0\]\[0\]: must be a finite/,
    ],
    ['out-of-order scans', (l: string[]) => l.splice(3, 2), /line 4: k: missing scan 1/],
    ['a missing last scan', (l: string[]) => l.splice(7, 2), /^E_MTT_FORMAT line 8: missing scans/],
  ])('rejects %s with a coded error naming the line', (_name, mutate, pattern) => {
    const lines = small();
    mutate(lines);
    const err = codedError(() => parseMeasurementFile(lines));
    expect(err.code).toBe('E_MTT_FORMAT');
    expect(err.message).toMatch(pattern);
  });
});

describe('mtt-tracks reader and writer', () => {
  it('reads the Stone Soup reference tracks (states, covariances, histories, summary)', () => {
    const t = readTrackFile(REF_N10_TRACKS, 4);
    expect(t.header.format).toBe('mtt-tracks');
    expect(t.scans).toHaveLength(100);
    expect(t.scans[8].ids).toHaveLength(3);
    expect(t.scans[8].P?.[0]).toHaveLength(16);
    expect(t.histories).toHaveLength(12);
    expect(t.summary?.meas_per_s).toBeGreaterThan(0);
  });

  it('round-trips exactly through the writer (doubles via JSON.stringify)', () => {
    const scans = [
      { k: 0, t: 0, ids: [], x: [] },
      {
        k: 1,
        t: 1,
        ids: ['a'],
        x: [[0.1 + 0.2, -1e-300, 123456789.12345679, Math.PI]],
        P: [new Array(16).fill(1 / 3)],
      },
    ];
    const histories = [
      {
        id: 'a',
        t: [0, 1],
        x: [
          [1, 2, 3, 4],
          [Math.E, 0, 0, 0],
        ],
        isUpdate: [true, false],
      },
    ];
    const lines: string[] = [];
    writeTrackFile(lines, { tracker: 't', scenario: 's', config: { a: 1 } }, scans, histories, {
      meas_per_s: 5,
    });
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[0])).toEqual({
      type: 'header',
      format: 'mtt-tracks',
      version: 1,
      tracker: 't',
      scenario: 's',
      config: { a: 1 },
    });
    expect(lines[1]).toBe('{"type":"tracks","k":0,"t":0,"ids":[],"x":[]}');
    expect(lines[4]).toBe('{"type":"summary","meas_per_s":5}');
    const back = parseTrackFile(lines);
    expect(back.scans).toEqual(scans);
    expect(back.histories).toEqual(histories);
    const chunks: string[] = [];
    writeTrackFile(
      { write: (s: string) => chunks.push(s) },
      { tracker: 't', scenario: 's', config: null },
      scans,
      [],
      {},
    );
    expect(chunks.every((c) => c.endsWith('\n'))).toBe(true);
  });

  it('rejects a tracks file with a wrong format or out-of-order scans', () => {
    const head =
      '{"type":"header","format":"mtt-tracks","version":1,"tracker":"x","scenario":"y","config":{}}';
    expect(
      codedError(() => parseTrackFile(['{"type":"header","format":"nope","version":1}'])).message,
    ).toMatch(/line 1: format/);
    expect(
      codedError(() => parseTrackFile([head, '{"type":"tracks","k":1,"t":1,"ids":[],"x":[]}'])).message,
    ).toMatch(/line 2: k: out-of-order/);
    expect(
      codedError(() => parseTrackFile([head, '{"type":"summary"}', '{"type":"summary"}'])).message,
    ).toMatch(/line 3/);
  });
});
