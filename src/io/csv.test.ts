import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../test/support/csvParse.js';
import { buildOutcomes } from '../outcome/index.js';
import type { SimEvent } from '../world/events.js';
import { csvField, EVENT_COLUMNS, eventsToCsv, THREAT_COLUMNS, threatsToCsv, toCsv } from './csv.js';

describe('RFC 4180 writing and reading', () => {
  it('quotes only when needed and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(0.1)).toBe('0.1');
    expect(
      toCsv([
        ['a', 'b'],
        ['1', ''],
      ]),
    ).toBe('a,b\r\n1,\r\n');
  });

  it('round-trips any table of strings', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ',', '"', '\n', '\r', ' ', 'é', '0') });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        (width, rows) => {
          const table = rows.map((r) => r.slice(0, width));
          // a lone empty field on a line is indistinguishable from an empty line in RFC 4180; use two columns then
          if (width === 1) for (const r of table) r[0] = `x${r[0]}`;
          expect(parseCsv(toCsv(table))).toEqual(table);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the reader rejects malformed CSV', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/unterminated/);
    expect(() => parseCsv('a,b"c\r\n')).toThrow(/quote inside/);
    expect(() => parseCsv('"a"b,c\r\n')).toThrow(/after a closing quote/);
    expect(() => parseCsv('a\rb')).toThrow(/bare CR/);
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
    expect(parseCsv('a,\r\n')).toEqual([['a', '']]);
    expect(parseCsv('')).toEqual([]);
  });
});

const events: SimEvent[] = [
  {
    t_s: 570,
    type: 'threat.launch',
    threatId: 'w,1 "x"',
    threatType: 'srbm',
    from: { lat_deg: 34.31, lon_deg: 47.07, alt_m: 0 },
    aim: { lat_deg: 33.79, lon_deg: 42.44, alt_m: 188 },
    targetAssetId: 'base\nA',
    plannedEnd_s: 920.5,
    apexAltitude_m: 111000,
  },
  {
    t_s: 904.25,
    type: 'interceptor.end',
    unitId: 'patriot-1',
    interceptorId: 'I1',
    threatId: 'w,1 "x"',
    result: 'kill',
    reason: 'hit',
    miss_m: 2.5,
    point: { lat_deg: 33.9, lon_deg: 43.1, alt_m: 15000 },
  },
  { t_s: 905, type: 'c2.holdFire', unitId: 'u', trackId: 'T1', reason: 'no "shot", sorry' },
  {
    t_s: 930,
    type: 'threat.impact',
    threatId: 't2',
    point: { lat_deg: 33.79, lon_deg: 42.44, alt_m: 188 },
    assetId: 'base',
    by: null,
  },
];

describe('eventsToCsv', () => {
  it('has the documented columns, one row per event, and survives a strict parse', () => {
    const rows = parseCsv(eventsToCsv(events, '2020-01-08T01:20:00+03:00'));
    expect(rows[0]).toEqual([...EVENT_COLUMNS]);
    expect(rows.length).toBe(events.length + 1);
    for (const r of rows) expect(r.length).toBe(EVENT_COLUMNS.length);
    const [launch, end, hold, impact] = rows
      .slice(1)
      .map((r) => Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, r[i]])));
    expect(launch).toMatchObject({
      t_s: '570',
      local_time: '2020-01-08T01:29:30.000+03:00',
      threat: 'w,1 "x"',
      lat_deg: '34.31',
    });
    expect(JSON.parse(launch.extra)).toEqual({
      threatType: 'srbm',
      aim: { lat_deg: 33.79, lon_deg: 42.44, alt_m: 188 },
      targetAssetId: 'base\nA',
      plannedEnd_s: 920.5,
      apexAltitude_m: 111000,
    });
    expect(end).toMatchObject({ unit: 'patriot-1', result: 'kill', alt_m: '15000', t_s: '904.25' });
    expect(JSON.parse(end.extra)).toEqual({ interceptorId: 'I1', reason: 'hit', miss_m: 2.5 });
    expect(hold).toMatchObject({ track: 'T1', lat_deg: '', result: '' });
    expect(JSON.parse(hold.extra)).toEqual({ reason: 'no "shot", sorry' });
    expect(impact).toMatchObject({ result: 'impact', threat: 't2' });
  });

  it('leaves local time empty without a start', () => {
    expect(parseCsv(eventsToCsv(events))[1][1]).toBe('');
  });
});

describe('threatsToCsv', () => {
  it('writes one row per threat with local times', () => {
    const rows = parseCsv(
      threatsToCsv({
        start: '2020-01-08T01:20:00Z',
        threats: [
          {
            id: 'a,b',
            type: 't',
            launchTime_s: 60,
            fate: 'impacted',
            fateTime_s: 120.5,
            impact: { lat_deg: 1, lon_deg: 2, assetId: null },
            interceptorsFired: 0,
            gunRounds: 0,
            firstDetection_s: null,
            warning_s: null,
          },
        ],
      }),
    );
    expect(rows[0]).toEqual([...THREAT_COLUMNS]);
    expect(rows[1]).toEqual([
      'a,b',
      't',
      '60',
      '2020-01-08T01:21:00.000Z',
      'impacted',
      '120.5',
      '2020-01-08T01:22:00.500Z',
      '1',
      '2',
      '',
      '0',
      '0',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  });

  it('adds each threat’s outcome code, leak category, responsible unit and verdict from the summary’s why', () => {
    const events: SimEvent[] = [
      {
        t_s: 0,
        type: 'threat.launch',
        threatId: 'a-1',
        threatType: 't',
        from: { lat_deg: 34, lon_deg: 43, alt_m: 0 },
        aim: { lat_deg: 33.8, lon_deg: 42.4, alt_m: 0 },
        targetAssetId: 'base',
        plannedEnd_s: 100,
        apexAltitude_m: 1000,
      },
      {
        t_s: 100,
        type: 'threat.impact',
        threatId: 'a-1',
        point: { lat_deg: 33.8, lon_deg: 42.4, alt_m: 0 },
        assetId: 'base',
        by: null,
      },
    ];
    const [outcome] = buildOutcomes(events);
    const rows = parseCsv(
      threatsToCsv({
        threats: [
          {
            id: 'a-1',
            type: 't',
            launchTime_s: 0,
            fate: 'impacted',
            fateTime_s: 100,
            impact: { lat_deg: 33.8, lon_deg: 42.4, assetId: 'base' },
            interceptorsFired: 0,
            gunRounds: 0,
            firstDetection_s: null,
            warning_s: null,
          },
        ],
        why: [outcome],
      }),
    );
    expect(rows[1].slice(-4)).toEqual([
      'not-detected',
      'not-detected',
      '',
      'leaked: not detected: never detected by any radar',
    ]);
  });
});
