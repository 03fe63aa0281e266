import { describe, expect, it } from 'vitest';
import type { LogPoint, SimEvent } from '../world/events.js';
import { pathPositionAt } from '../world/pathAt.js';
import type { RunPaths } from '../world/paths.js';
import { attributeTracks, buildStories } from './build.js';
import { reasonText } from './reasons.js';

const SITE: LogPoint = { lat_deg: 33.8, lon_deg: 42.45, alt_m: 188 };
const ASSET: LogPoint = { lat_deg: 33.79, lon_deg: 42.44, alt_m: 188 };

function launch(threatId: string, t_s: number): SimEvent {
  return {
    t_s,
    type: 'threat.launch',
    threatId,
    threatType: 'notional-srbm',
    from: { lat_deg: 34.31, lon_deg: 47.07, alt_m: 0 },
    aim: ASSET,
    targetAssetId: 'al-asad',
    plannedEnd_s: t_s + 300,
    apexAltitude_m: 100_000,
  };
}

function impact(threatId: string, t_s: number, assetId: string | null = 'al-asad'): SimEvent {
  return { t_s, type: 'threat.impact', threatId, point: ASSET, assetId, by: null };
}

/** A straight path from (34, 43) to the asset over 100 s, sampled every 2 s. */
function straightPath(id: string, t0_s: number): RunPaths['threats'][number] {
  const path = {
    id,
    kind: 'threat' as const,
    type: 't',
    unitId: null,
    t_s: [],
    lat_deg: [],
    lon_deg: [],
    alt_m: [],
  } as {
    id: string;
    kind: 'threat';
    type: string;
    unitId: null;
    t_s: number[];
    lat_deg: number[];
    lon_deg: number[];
    alt_m: number[];
  };
  for (let i = 0; i <= 50; i++) {
    const f = i / 50;
    path.t_s.push(t0_s + 2 * i);
    path.lat_deg.push(34 + f * (ASSET.lat_deg - 34));
    path.lon_deg.push(43 + f * (ASSET.lon_deg - 43));
    path.alt_m.push(20_000 * (1 - f));
  }
  return path;
}

/** Interceptor I1 of p-1 fired at t = 60 s on `trackId`, aimed at a-1. */
function fired(trackId: string): SimEvent {
  return {
    t_s: 60,
    type: 'interceptor.launch',
    unitId: 'p-1',
    interceptorId: 'I1',
    interceptorType: 'pac',
    trackId,
    threatId: 'a-1',
    launcher: 0,
  };
}

/** Interceptor I1 of p-1 ends against a-1 at t = 80 s. */
function ended(result: 'kill' | 'miss', reason: string, miss_m: number): SimEvent {
  return {
    t_s: 80,
    type: 'interceptor.end',
    unitId: 'p-1',
    interceptorId: 'I1',
    threatId: 'a-1',
    result,
    reason,
    miss_m,
    point: SITE,
  };
}

describe('threat stories', () => {
  it('a threat nobody saw leaks because it was never detected', () => {
    const [story] = buildStories([launch('a-1', 0), impact('a-1', 300)]);
    expect(story.leaked).toBe(true);
    expect(story.verdict).toBe('leaked: not detected: never detected by any radar');
    expect(story.steps.map((s) => s.kind)).toEqual(['launch', 'fate']);
  });

  it('names the last hold-fire reason on the threat’s track: battery out of rounds', () => {
    const events: SimEvent[] = [
      launch('a-1', 0),
      { t_s: 50, type: 'sensor.firstDetection', unitId: 'p-1', threatId: 'a-1', range_m: 150_000 },
      {
        t_s: 55,
        type: 'track.confirmed',
        unitId: 'p-1',
        trackId: 'T1',
        threatId: 'a-1',
        position: pathPositionAt(straightPath('a-1', 0), 55)!,
        speed_mps: 1500,
      },
      { t_s: 60, type: 'c2.holdFire', unitId: 'p-1', trackId: 'T1', reason: 'awaiting-launch-window' },
      { t_s: 70, type: 'c2.holdFire', unitId: 'p-1', trackId: 'T1', reason: 'no-rounds' },
      impact('a-1', 100),
    ];
    const [story] = buildStories(events);
    expect(story.trackIds).toEqual(['T1']);
    expect(story.verdict).toBe('leaked: no inventory: battery out of rounds');
    expect(story).toMatchObject({
      fate: 'leaked',
      code: 'no-inventory',
      category: 'no-inventory',
      unitId: 'p-1',
      cause: 'no-rounds',
      impactAssetId: 'al-asad',
      times: { launch_s: 0, firstDetection_s: 50, firstTrack_s: 55, firstEngage_s: null, fate_s: 100 },
      firstDetection: { unitId: 'p-1', range_m: 150_000 },
    });
    expect(story.steps.find((s) => s.kind === 'detect')?.text).toBe('first detected by p-1 at 150 km');
  });

  it('a threat that survived its interceptors says how many were fired and why they failed', () => {
    const events: SimEvent[] = [
      launch('a-1', 0),
      { t_s: 50, type: 'sensor.firstDetection', unitId: 'p-1', threatId: 'a-1', range_m: 150_000 },
      fired('T9'),
      ended('miss', 'survived-warhead', 9),
      impact('a-1', 100),
    ];
    const [story] = buildStories(events);
    expect(story.trackIds).toEqual(['T9']);
    expect(story.verdict).toBe('leaked: missed: 1 interceptor fired, none killed it (survived the warhead)');
    expect(story.code).toBe('missed');
    expect(story.cause).toBe('survived-warhead');
    expect(story.shots).toEqual([
      { t_s: 80, unitId: 'p-1', interceptorId: 'I1', result: 'miss', reason: 'survived-warhead', miss_m: 9 },
    ]);
    expect(story.leak?.firers).toEqual([
      {
        unitId: 'p-1',
        gun: false,
        interceptors: 1,
        bursts: 0,
        lateBursts: 0,
        missReasons: ['survived-warhead'],
        hold: null,
        last_s: 80,
      },
    ]);
  });

  it('a kill names the interceptor, its unit and the miss distance; an impact off the assets is no leak', () => {
    const events: SimEvent[] = [
      launch('a-1', 0),
      launch('a-2', 1),
      ended('kill', 'lethal', 2.25),
      { t_s: 80, type: 'threat.killed', threatId: 'a-1', point: SITE, assetId: null, by: 'I1' },
      impact('a-2', 120, null),
    ];
    const [killed, missed] = buildStories(events);
    expect(killed.fate).toBe('killed');
    expect(killed.verdict).toBe('killed by I1 of p-1, miss distance 2.3 m');
    expect(killed.kill).toEqual({
      kind: 'interceptor',
      by: 'I1',
      unitId: 'p-1',
      miss_m: 2.25,
      range_m: null,
    });
    expect(killed.unitId).toBe('p-1');
    expect(missed.leaked).toBe(false);
    expect(missed.fate).toBe('impacted-away');
    expect(missed.code).toBe('impacted-away');
    expect(missed.verdict).toBe('impacted outside the defended assets');
  });

  it('attributes a track by the truth id its events carry, a fire record first, a false alarm to nobody', () => {
    const p = pathPositionAt(straightPath('a-1', 0), 40)!;
    const track = (trackId: string, threatId: string | null, type: 'track.confirmed' | 'track.deleted') =>
      ({ t_s: 40, type, unitId: 'p-1', trackId, threatId, position: p, speed_mps: 1 }) as SimEvent;
    const events: SimEvent[] = [
      track('T1', 'a-1', 'track.confirmed'),
      track('T2', null, 'track.confirmed'),
      track('T3', 'a-2', 'track.confirmed'),
      track('T3', 'a-1', 'track.deleted'),
      track('T4', null, 'track.confirmed'),
      track('T4', 'a-2', 'track.deleted'),
      {
        t_s: 41,
        type: 'interceptor.launch',
        unitId: 'p-1',
        interceptorId: 'I1',
        interceptorType: 'x',
        trackId: 'T5',
        threatId: 'a-3',
        launcher: 0,
      },
      track('T5', 'a-1', 'track.confirmed'),
    ];
    const owner = attributeTracks(events);
    expect(owner.get('T1')).toBe('a-1');
    expect(owner.has('T2')).toBe(false);
    // the confirmation's label wins over the deletion's; a deletion labels a track confirmed as a false alarm
    expect(owner.get('T3')).toBe('a-2');
    expect(owner.get('T4')).toBe('a-2');
    // the seeker's target outranks the track's label
    expect(owner.get('T5')).toBe('a-3');
  });

  it('tolerates a log whose track events carry no truth id (an older log): the tracks stay unattributed', () => {
    const old = {
      t_s: 40,
      type: 'track.confirmed',
      unitId: 'p-1',
      trackId: 'T1',
      position: SITE,
      speed_mps: 1,
    };
    expect(attributeTracks([old as unknown as SimEvent]).size).toBe(0);
  });

  it('a newer engine’s unknown miss reason and hold render and count generically, never throw', () => {
    const events: SimEvent[] = [
      launch('a-1', 0),
      launch('a-2', 0),
      { t_s: 50, type: 'sensor.firstDetection', unitId: 'p-1', threatId: 'a-1', range_m: 150_000 },
      { t_s: 50, type: 'sensor.firstDetection', unitId: 'p-1', threatId: 'a-2', range_m: 150_000 },
      {
        t_s: 55,
        type: 'track.confirmed',
        unitId: 'p-1',
        trackId: 'T1',
        threatId: 'a-1',
        position: SITE,
        speed_mps: 1,
      },
      {
        t_s: 55,
        type: 'track.confirmed',
        unitId: 'p-1',
        trackId: 'T2',
        threatId: 'a-2',
        position: SITE,
        speed_mps: 1,
      },
      fired('T1'),
      ended('miss', 'beyond-lethal-radius', 350),
      { t_s: 70, type: 'c2.holdFire', unitId: 'p-1', trackId: 'T2', reason: 'own-radar-required' },
      impact('a-1', 100),
      impact('a-2', 100),
    ];
    const [missed, held] = buildStories(events);
    expect(missed.verdict).toBe('leaked: missed: 1 interceptor fired, none killed it (beyond lethal radius)');
    expect(missed).toMatchObject({ code: 'missed', cause: 'beyond-lethal-radius' });
    expect(missed.shots[0].miss_m).toBe(350);
    expect(held.verdict).toBe('leaked: not engaged: own radar required');
    expect(held).toMatchObject({
      code: 'not-engaged',
      category: 'not-engaged',
      cause: 'own-radar-required',
      unitId: 'p-1',
    });
  });

  it('puts reason codes into words', () => {
    expect(reasonText('no-rounds')).toBe('battery out of rounds');
    expect(reasonText('some-new-reason')).toBe('some new reason');
  });
});

describe('pathPositionAt', () => {
  it('interpolates between samples and is null outside the recorded flight', () => {
    const path = straightPath('a-1', 10);
    expect(pathPositionAt(path, 9)).toBeNull();
    expect(pathPositionAt(path, 111)).toBeNull();
    const mid = pathPositionAt(path, 11)!;
    expect(mid.alt_m).toBeCloseTo((path.alt_m[0] + path.alt_m[1]) / 2, 6);
    expect(pathPositionAt(path, 110)!.lat_deg).toBeCloseTo(ASSET.lat_deg, 9);
  });
});
