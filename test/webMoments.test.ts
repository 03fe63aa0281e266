/**
 * The web replay's time structure (`web/src/moments.ts`, no DOM): marks, waves, busy stretches and idle gaps, the
 * skip target while playing, the opening time, the points a threat or an event frames, threat classes and the gun
 * fire counted apart from interceptors.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../src/world/events.js';
import type { PathRecord } from '../src/world/paths.js';
import {
  busyIntervals,
  eventMarks,
  eventPoints,
  fireTotals,
  idleGaps,
  launchWaves,
  openingPoints,
  openingTime,
  skipTarget,
  spokenDuration,
  threatClass,
  threatPoints,
} from '../web/src/moments.js';

const P = (lat_deg: number, lon_deg: number, alt_m = 0) => ({ lat_deg, lon_deg, alt_m });

function launch(t_s: number, threatId: string): SimEvent {
  return {
    t_s,
    type: 'threat.launch',
    threatId,
    threatType: 'notional-srbm-500km',
    from: P(34, 47),
    aim: P(33.8, 42.4),
    targetAssetId: 'al-asad',
    plannedEnd_s: t_s + 400,
    apexAltitude_m: 110_000,
  } as SimEvent;
}

function path(id: string, kind: 'threat' | 'interceptor', t0: number, t1: number): PathRecord {
  return {
    id,
    kind,
    type: kind === 'threat' ? 'notional-srbm-500km' : 'notional-pac3-mse',
    unitId: kind === 'threat' ? null : 'patriot-1',
    t_s: [t0, (t0 + t1) / 2, t1],
    lat_deg: [34, 33.9, 33.8],
    lon_deg: [47, 44.7, 42.4],
    alt_m: [0, 110_000, 0],
  };
}

const events: SimEvent[] = [
  launch(570, 'T1'),
  launch(600, 'T2'),
  {
    t_s: 700,
    type: 'sensor.firstDetection',
    unitId: 'patriot-1',
    threatId: 'T1',
    range_m: 160_000,
  } as SimEvent,
  {
    t_s: 760,
    type: 'interceptor.launch',
    unitId: 'patriot-1',
    interceptorId: 'I1',
    interceptorType: 'notional-pac3-mse',
    trackId: 'X',
    threatId: 'T1',
    launcher: 1,
  } as SimEvent,
  { t_s: 800, type: 'threat.killed', threatId: 'T1', point: P(33.85, 43, 20_000), assetId: null, by: 'I1' },
  { t_s: 820, type: 'threat.impact', threatId: 'T2', point: P(33.8, 42.4), assetId: 'al-asad', by: null },
  launch(1920, 'T3'),
  {
    t_s: 2000,
    type: 'gun.burst',
    unitId: 'cram-1',
    trackId: 'X',
    threatId: 'T3',
    rounds: 150,
    range_m: 1000,
    pk: 0.3,
    result: 'miss',
  } as SimEvent,
  { t_s: 2300, type: 'threat.failed', threatId: 'T3', point: P(33.8, 43), assetId: null, by: null },
];
const paths = {
  threats: [path('T1', 'threat', 570, 800), path('T2', 'threat', 600, 820), path('T3', 'threat', 1920, 2300)],
  interceptors: [path('I1', 'interceptor', 760, 800)],
};
const span = { start_s: 550, end_s: 2320 };
const geometry = {
  name: 'x',
  description: '',
  start: '2020-01-08T00:00:00Z',
  duration_s: 3000,
  assets: [{ id: 'al-asad', name: 'Al Asad', lat_deg: 33.8, lon_deg: 42.4, radius_m: 2000, value: 10 }],
  units: [{ id: 'patriot-1', lat_deg: 33.8, lon_deg: 42.5 }],
} as never;

describe('web replay moments', () => {
  it('marks launches, detections, kills, leaks and failures (not interceptor launches or bursts)', () => {
    expect(eventMarks(events).map((m) => m.kind)).toEqual([
      'launch',
      'launch',
      'detect',
      'kill',
      'leak',
      'launch',
      'failed',
    ]);
    expect(eventMarks(events)[3]).toEqual({ t_s: 800, kind: 'kill', event: 4, threatId: 'T1' });
  });

  it('groups launches into waves and finds the 18-min idle gap between them', () => {
    expect(launchWaves(events).map((w) => [w.start_s, w.end_s, w.launches])).toEqual([
      [570, 600, 2],
      [1920, 1920, 1],
    ]);
    const busy = busyIntervals({ events, paths });
    expect(busy).toEqual([
      { start_s: 570, end_s: 820 },
      { start_s: 1920, end_s: 2300 },
    ]);
    const gaps = idleGaps(busy, span);
    expect(gaps).toEqual([{ start_s: 820, end_s: 1920 }]);
    expect(skipTarget(gaps, 830)).toBe(1915);
    expect(skipTarget(gaps, 822)).toBeNull(); // just after the last end: still showing it
    expect(skipTarget(gaps, 1916)).toBeNull();
    expect(skipTarget(gaps, 700)).toBeNull();
    expect(spokenDuration(1915 - 830)).toBe('18 min');
  });

  it('opens on the first launch and frames every threat path with the assets', () => {
    expect(openingTime({ events, span })).toBe(570);
    expect(openingTime({ events: [], span })).toBe(550);
    const points = openingPoints({ events, paths, geometry });
    expect(points).toContainEqual([47, 34]);
    expect(points).toContainEqual([42.4, 33.8]);
  });

  it('frames a threat with its interceptors, and an event where it happened', () => {
    const t1 = threatPoints({ events, paths }, 'T1');
    expect(t1.length).toBe(6); // three samples of T1, three of I1
    expect(eventPoints({ paths, geometry }, events[4])).toEqual([[43, 33.85]]);
    // an interceptor launch: the unit and where the threat is then
    const [unit, threat] = eventPoints({ paths, geometry }, events[3]);
    expect(unit).toEqual([42.5, 33.8]);
    expect(threat[0]).toBeGreaterThan(42.4);
    expect(threat[0]).toBeLessThan(44.7);
  });

  it('reads threat classes from catalog ids and counts gun fire apart from interceptors', () => {
    expect(threatClass('notional-srbm-300km')).toBe('ballistic');
    expect(threatClass('notional-cruise-missile')).toBe('cruise');
    expect(threatClass('notional-owa-drone')).toBe('drone');
    expect(threatClass('notional-small-uas')).toBe('drone');
    expect(threatClass('notional-rocket-122mm')).toBe('rocket');
    expect(fireTotals(events)).toEqual({ interceptorsFired: 1, gunBursts: 1, gunRounds: 150 });
  });
});
