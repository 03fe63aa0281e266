import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../sim/events.js';
import { buildStories, holdCategory, leakReason, type StoryDraft } from './story.js';

function draft(over: Partial<StoryDraft>): StoryDraft {
  return {
    threatId: 't',
    threatType: 'x',
    targetAssetId: 'base',
    launch_s: 0,
    steps: [],
    trackIds: new Set(['T1']),
    detected: true,
    assessedThreat: true,
    assessedIgnore: false,
    lastHold: null,
    fired: 0,
    missReasons: [],
    gunBursts: 0,
    killedBy: null,
    end: null,
    ...over,
  };
}

describe('leak reason categories', () => {
  it.each([
    [{ detected: false }, 'not detected: never detected by any radar'],
    [{ trackIds: new Set<string>() }, 'detected late: detected, but no track was confirmed before impact'],
    [{ lastHold: 'no-solution' }, 'detected late: no intercept solution in time'],
    [{ lastHold: 'no-fire-channel' }, 'no fire channel: no free fire channel (all busy on other threats)'],
    [{ lastHold: 'no-rounds' }, 'no inventory: battery out of rounds'],
    [{ lastHold: 'no-ammo' }, 'no inventory: gun out of ammunition'],
    [{ lastHold: 'too-low' }, 'out of envelope: too low to intercept'],
    [
      { fired: 2, missReasons: ['survived-warhead'], lastHold: 'inventory-per-threat-exhausted' },
      'missed: 2 interceptors fired, none killed it (survived the warhead); then held fire: shot limit per threat reached',
    ],
    [{ gunBursts: 1 }, 'missed: C-RAM fired 1 burst, all missed'],
    [
      { assessedThreat: false, assessedIgnore: true },
      'not engaged: C2 predicted it would miss the defended assets',
    ],
    [{ lastHold: 'awaiting-launch-window' }, 'not engaged: waiting for the launch window'],
  ] as const)('%o → %s', (over, text) => {
    expect(leakReason(draft(over as Partial<StoryDraft>))).toBe(text);
  });

  it('maps hold reasons to categories', () => {
    expect(holdCategory('no-time')).toBe('detected late');
    expect(holdCategory('out-of-range')).toBe('out of envelope');
    expect(holdCategory('deferred-to-upper-tier')).toBeNull();
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
    const [story] = buildStories(events, null);
    expect(story.verdict).toBe(
      'leaked: missed: 1 interceptor fired, none killed it (survived the warhead); then held fire: battery out of rounds',
    );
  });
});
