import { describe, expect, it } from 'vitest';
import { shipped } from '../../test/helpers.js';
import { runScenario } from '../sim/engine.js';
import type { SimEvent } from '../world/events.js';
import { buildStories } from './build.js';
import { holdCategory } from './reasons.js';
import { type LeakContext, newUnitRecord, type StoryDraft, type UnitRecord } from './record.js';
import { minFlyout_s, storyTimingFromEvents, storyTimingOf } from './timing.js';
import { leakText } from './verdict.js';
import { explainLeak } from './why.js';

/** The leak explanation rendered as the verdict's `<category>: <detail>`. */
function leakReason(d: StoryDraft, ctx?: LeakContext): string {
  return leakText(explainLeak(d, ctx));
}

function unit(over: Partial<UnitRecord>): UnitRecord {
  return { ...newUnitRecord(), last_s: 0, ...over };
}

/** A leaker tracked from t = 10 s that impacted at t = 30 s, with the given unit records. */
function draft(over: Partial<StoryDraft> & { lastHold?: string }): StoryDraft {
  const { lastHold, ...rest } = over;
  return {
    threatId: 't',
    threatType: 'x',
    targetAssetId: 'base',
    launch_s: 0,
    steps: [],
    trackIds: new Set(['T1']),
    detected: true,
    firstDetect_s: 8,
    firstTrack_s: 10,
    assessedThreat: true,
    assessedIgnore: false,
    units: new Map(lastHold === undefined ? [] : [['u', unit({ hold: lastHold })]]),
    gunOtherTargets: new Map(),
    killedBy: null,
    end: {
      t_s: 30,
      type: 'threat.impact',
      threatId: 't',
      point: { lat_deg: 0, lon_deg: 0, alt_m: 0 },
      assetId: 'base',
      by: null,
    },
    ...rest,
  };
}

const GUN_CTX: LeakContext = {
  timing: new Map([
    ['cram-1', { kind: 'gun', minEngagement_s: 2 }],
    ['patriot-1', { kind: 'battery', minEngagement_s: 13.8 }],
    ['shorad-1', { kind: 'battery', minEngagement_s: 4.2 }],
  ]),
  guns: new Set(['cram-1']),
};

describe('leak reason categories', () => {
  it.each([
    [{ detected: false }, 'not detected: never detected by any radar'],
    [
      { trackIds: new Set<string>() },
      'detected late: detected, but no track was confirmed before impact (first detected 22.0 s before impact)',
    ],
    [{ lastHold: 'no-solution' }, 'detected late: no intercept solution in time'],
    [{ lastHold: 'no-fire-channel' }, 'no fire channel: no free fire channel (all busy on other threats)'],
    [{ lastHold: 'no-rounds' }, 'no inventory: battery out of rounds'],
    [{ lastHold: 'no-ammo' }, 'no inventory: gun out of ammunition'],
    [{ lastHold: 'too-low' }, 'out of envelope: too low to intercept'],
    [
      {
        units: new Map([
          [
            'u',
            unit({
              interceptors: 2,
              missReasons: ['survived-warhead'],
              hold: 'inventory-per-threat-exhausted',
            }),
          ],
        ]),
      },
      'missed: 2 interceptors fired, none killed it (survived the warhead); then held fire: shot limit per threat reached',
    ],
    [{ units: new Map([['g', unit({ bursts: 1 })]]) }, 'missed: C-RAM fired 1 burst, all missed'],
    [
      { assessedThreat: false, assessedIgnore: true },
      'not engaged: C2 predicted it would miss the defended assets',
    ],
    [{ lastHold: 'awaiting-launch-window' }, 'not engaged: waiting for the launch window'],
  ] as const)('%o → %s', (over, text) => {
    expect(leakReason(draft(over as Partial<StoryDraft>))).toBe(text);
  });

  it('maps hold reasons to categories', () => {
    expect(holdCategory('no-time')).toBe('detected-late');
    expect(holdCategory('out-of-range')).toBe('out-of-envelope');
    expect(holdCategory('deferred-to-upper-tier')).toBeNull();
  });
});

describe('the most capable unit decides (netted units)', () => {
  it('a class mismatch (SHORAD vs rocket) never explains a leak the busy C-RAM explains', () => {
    const d = draft({
      units: new Map([
        ['shorad-1', unit({ hold: 'wrong-target-class', last_s: 20 })],
        ['patriot-1', unit({ hold: 'out-of-envelope', last_s: 19 })],
        ['cram-1', unit({ hold: 'no-fire-channel', last_s: 15 })],
      ]),
      gunOtherTargets: new Map([['cram-1', 3]]),
    });
    expect(leakReason(d, GUN_CTX)).toBe('no fire channel: C-RAM cram-1 busy with 3 other targets');
  });

  it('a fired unit outranks every hold, and names itself and its own later hold', () => {
    const d = draft({
      units: new Map([
        ['shorad-1', unit({ hold: 'wrong-target-class', last_s: 29 })],
        ['cram-1', unit({ bursts: 1, lateBursts: 1, hold: 'no-fire-channel', last_s: 20 })],
      ]),
    });
    expect(leakReason(d, GUN_CTX)).toBe(
      'missed: C-RAM cram-1 fired 1 burst, all missed (1 more arrived after impact); then cram-1 held fire: no free fire channel (all busy on other threats)',
    );
  });

  it('geometry outranks a class mismatch, with the unit named', () => {
    const d = draft({
      units: new Map([
        ['patriot-1', unit({ hold: 'too-low', last_s: 12 })],
        ['shorad-1', unit({ hold: 'wrong-target-class', last_s: 25 })],
      ]),
    });
    expect(leakReason(d, { timing: GUN_CTX.timing, guns: new Set() })).toBe(
      'out of envelope: patriot-1: too low to intercept',
    );
  });

  it('a gun that never held or fired at it but fired at others is "busy", above a battery’s envelope hold', () => {
    const d = draft({
      units: new Map([
        ['patriot-1', unit({ hold: 'out-of-envelope', last_s: 12 })],
        ['shorad-1', unit({ hold: 'wrong-target-class', last_s: 25 })],
      ]),
      gunOtherTargets: new Map([['cram-1', 2]]),
    });
    expect(leakReason(d, GUN_CTX)).toBe('not engaged: C-RAM cram-1 busy with 2 other targets');
  });

  it('a gun whose only burst came after impact is busy, not "missed"', () => {
    const d = draft({
      units: new Map([
        ['cram-1', unit({ hold: 'no-fire-channel', lateBursts: 1, last_s: 31 })],
        ['patriot-1', unit({ hold: 'too-low' })],
      ]),
      gunOtherTargets: new Map([['cram-1', 1]]),
    });
    expect(leakReason(d, GUN_CTX)).toBe(
      'no fire channel: C-RAM cram-1 busy with 1 other target; its burst arrived after impact',
    );
  });
});

describe('detected late is measured', () => {
  it('first track 1.5 s before impact against a gun that needs a 2 s burst', () => {
    const d = draft({
      firstTrack_s: 28.5,
      units: new Map([
        ['cram-1', unit({ hold: 'no-fire-channel' })],
        ['shorad-1', unit({ hold: 'wrong-target-class' })],
      ]),
    });
    expect(leakReason(d, GUN_CTX)).toBe(
      'detected late: first track 1.5 s before impact, 2.0 s needed by cram-1',
    );
  });

  it('a class-mismatched unit’s timing does not count; the engaging unit’s does', () => {
    // SHORAD (4.2 s) cannot engage it; the battery needs 13.8 s and had 12 s
    const d = draft({
      firstTrack_s: 18,
      units: new Map([
        ['patriot-1', unit({ hold: 'no-solution' })],
        ['shorad-1', unit({ hold: 'wrong-target-class' })],
      ]),
    });
    expect(leakReason(d, { timing: GUN_CTX.timing, guns: new Set() })).toBe(
      'detected late: first track 12.0 s before impact, 13.8 s needed by patriot-1',
    );
  });

  it('enough time: the hold stands, with the measured numbers for a no-solution hold', () => {
    const d = draft({ units: new Map([['patriot-1', unit({ hold: 'no-solution' })]]) });
    expect(leakReason(d, { timing: GUN_CTX.timing, guns: new Set() })).toBe(
      'detected late: no intercept solution in time; first track 20.0 s before impact, 13.8 s needed by patriot-1',
    );
  });

  it('claims no lateness when a unit that may have engaged has no known timing', () => {
    const d = draft({ firstTrack_s: 29.5, units: new Map([['cram-1', unit({ hold: 'no-fire-channel' })]]) });
    expect(leakReason(d, { timing: new Map(), guns: new Set(['cram-1']) })).toBe(
      'no fire channel: C-RAM cram-1 busy on another target',
    );
  });

  it('fly-out floors: PAC-2 class to 5 km is 5.79 s, SHORAD class to 10 m is 0.196 s (hand-computed)', () => {
    const pac2 = {
      minInterceptAltitude_m: 5000,
      launchMass_kg: 900,
      propellantMass_kg: 480,
      thrust_N: 128_000,
      maxSpeed_mps: 1500,
    };
    // a = 128 kN / 420 kg = 304.76 m/s²; cap reached at 3691.4 m; 1500/304.76 + 1308.6/1500 = 5.794 s
    expect(minFlyout_s(pac2 as never)).toBeCloseTo(5.794, 3);
    const ir = {
      minInterceptAltitude_m: 10,
      launchMass_kg: 10,
      propellantMass_kg: 3.5,
      thrust_N: 3400,
      maxSpeed_mps: 750,
    };
    // a = 523.08 m/s²; √(2·10/523.08) = 0.1955 s
    expect(minFlyout_s(ir as never)).toBeCloseTo(0.1955, 4);
  });

  it('without the scenario, a battery’s floor is its fastest planned engagement in the log', () => {
    const p = { lat_deg: 0, lon_deg: 0, alt_m: 0 };
    const engage = (t_s: number, at_s: number) =>
      ({
        t_s,
        type: 'c2.engage',
        unitId: 'b',
        trackId: 'T',
        shots: 1,
        predictedIntercept_s: at_s,
        predictedInterceptPoint: p,
        expectedValue: 1,
      }) as SimEvent;
    expect(storyTimingFromEvents([engage(10, 40), engage(50, 71)]).get('b')).toEqual({
      kind: 'battery',
      minEngagement_s: 21,
    });
  });
});

describe('leak reasons on event logs', () => {
  it('a burst whose rounds arrived after impact (at nothing) is not a miss; the gun was busy', () => {
    const p = { lat_deg: 33.8, lon_deg: 42.4, alt_m: 500 };
    const burst = (t_s: number, trackId: string, threatId: string | null) =>
      ({
        t_s,
        type: 'gun.burst',
        unitId: 'cram-1',
        trackId,
        threatId,
        rounds: 150,
        range_m: 800,
        pk: 0.5,
        result: 'miss',
      }) as SimEvent;
    const events = [
      {
        t_s: 0,
        type: 'threat.launch',
        threatId: 'r1',
        threatType: 'rocket',
        from: p,
        aim: p,
        targetAssetId: 'base',
        plannedEnd_s: 30,
        apexAltitude_m: 1000,
      },
      {
        t_s: 0,
        type: 'threat.launch',
        threatId: 'r2',
        threatType: 'rocket',
        from: p,
        aim: p,
        targetAssetId: 'base',
        plannedEnd_s: 30,
        apexAltitude_m: 1000,
      },
      { t_s: 5, type: 'sensor.firstDetection', unitId: 'cram-1', threatId: 'r1', range_m: 6000 },
      {
        t_s: 8,
        type: 'track.confirmed',
        unitId: 'cram-1',
        trackId: 'T1',
        threatId: 'r1',
        position: p,
        speed_mps: 300,
      },
      burst(9, 'T2', 'r2'),
      { t_s: 10, type: 'c2.holdFire', unitId: 'shorad-1', trackId: 'T1', reason: 'wrong-target-class' },
      { t_s: 12, type: 'c2.holdFire', unitId: 'cram-1', trackId: 'T1', reason: 'no-fire-channel' },
      burst(20, 'T2', 'r2'),
      { t_s: 25, type: 'threat.impact', threatId: 'r1', point: p, assetId: 'base', by: null },
      { t_s: 26, type: 'c2.holdFire', unitId: 'shorad-1', trackId: 'T1', reason: 'out-of-envelope' },
      burst(27, 'T1', null),
    ] as unknown as SimEvent[];
    const timing = new Map([['cram-1', { kind: 'gun' as const, minEngagement_s: 2 }]]);
    const [story] = buildStories(events, timing);
    expect(story.verdict).toBe(
      'leaked: no fire channel: C-RAM cram-1 busy with 1 other target; its burst arrived after impact',
    );
  });

  it('a constructed event log: a network deferral does not hide the hold that explains the leak', () => {
    const p = { lat_deg: 33.8, lon_deg: 42.4, alt_m: 1000 };
    const events = [
      {
        t_s: 0,
        type: 'threat.launch',
        threatId: 'r1',
        threatType: 'rocket',
        from: p,
        aim: p,
        targetAssetId: 'base',
        plannedEnd_s: 30,
        apexAltitude_m: 2000,
      },
      { t_s: 5, type: 'sensor.firstDetection', unitId: 'cram', threatId: 'r1', range_m: 8000 },
      {
        t_s: 6,
        type: 'interceptor.launch',
        unitId: 'pac',
        interceptorId: 'pac-I1',
        interceptorType: 'x',
        trackId: 'T1',
        threatId: 'r1',
        launcher: 0,
      },
      {
        t_s: 20,
        type: 'interceptor.end',
        unitId: 'pac',
        interceptorId: 'pac-I1',
        threatId: 'r1',
        result: 'miss',
        reason: 'survived-warhead',
        miss_m: 20,
        point: p,
      },
      { t_s: 21, type: 'c2.holdFire', unitId: 'pac', trackId: 'T1', reason: 'no-rounds' },
      { t_s: 22, type: 'c2.holdFire', unitId: 'gun', trackId: 'T1', reason: 'engaged-by-other-unit' },
      { t_s: 30, type: 'threat.impact', threatId: 'r1', point: p, assetId: 'base', by: null },
    ] as unknown as SimEvent[];
    const [story] = buildStories(events);
    expect(story.verdict).toBe(
      'leaked: missed: 1 interceptor fired, none killed it (survived the warhead); then held fire: battery out of rounds',
    );
  });
});

describe('al-asad-2020-layered.yaml (seed 1): the why of every leaker', () => {
  const scenario = shipped('al-asad-2020-layered.yaml');
  const result = runScenario(scenario, { seed: 1, recordPaths: true });
  const stories = buildStories(result.events, storyTimingOf(scenario));
  const leakers = stories.filter((s) => s.leaked);

  it('every leaker’s category is one of the seven, and no rocket cites a class mismatch', () => {
    expect(leakers.length).toBe(result.summary.totals.leakersOnAssets);
    for (const s of leakers)
      expect(s.verdict).toMatch(
        /^leaked: (not detected|detected late|no fire channel|no inventory|out of envelope|missed|not engaged): /,
      );
    const rockets = leakers.filter((s) => s.threatId.startsWith('rockets-'));
    expect(rockets.length).toBeGreaterThan(0);
    for (const s of rockets) {
      expect(s.verdict).not.toContain('cannot engage this class');
      // the C-RAM is the unit meant for rockets: it is the one the verdict names
      expect(s.verdict).toContain('cram-1');
    }
  });

  it('the same verdicts without the scenario (timing from the log)', () => {
    const fallback = buildStories(result.events);
    expect(fallback.map((s) => s.verdict)).toEqual(stories.map((s) => s.verdict));
  });
});
