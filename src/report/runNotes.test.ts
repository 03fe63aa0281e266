import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../world/events.js';
import { networkDeferrals, networkLine, radarSaturations, runNotes, saturationLine } from './runNotes.js';

function load(t_s: number, saturated: boolean, tracksDeferred = 0, radarId = 'patriot-1-radar'): SimEvent {
  return {
    t_s,
    type: 'radar.load',
    unitId: 'patriot-1',
    radarId,
    saturated,
    trackFraction: saturated ? 1 : 0.5,
    searchFraction: saturated ? 0 : 0.5,
    tracksDwelt: 10,
    tracksDeferred,
  };
}

function hold(t_s: number, unitId: string, trackId: string, reason: string): SimEvent {
  return { t_s, type: 'c2.holdFire', unitId, trackId, reason };
}

const END: SimEvent = { t_s: 55, type: 'launcher.reloaded', unitId: 'patriot-1', launcher: 0, rounds: 4 };

describe('radarSaturations', () => {
  it('counts episodes and measures them by hand: 10→22, 30→33, 50→end of log at 55', () => {
    const events = [
      load(10, true, 5),
      load(22, false),
      load(30, true, 2),
      load(33, false),
      load(50, true, 1),
      END,
    ];
    const [s] = radarSaturations(events);
    expect(s).toEqual({
      unitId: 'patriot-1',
      radarId: 'patriot-1-radar',
      episodes: 3,
      longest_s: 12,
      total_s: 12 + 3 + 5,
      saturatedAtEnd: true,
      maxDeferred: 5,
    });
    expect(saturationLine(s)).toBe(
      'patriot-1-radar saturated 3 times, longest 12 s (up to 5 tracks deferred at onset), still saturated when the run ended',
    );
  });

  it('names the unit when the radar id does not, and says "once"', () => {
    const [s] = radarSaturations([load(0, true, 0, 'mfr'), load(4, false, 0, 'mfr')]);
    expect(saturationLine(s)).toBe('mfr of patriot-1 saturated once, longest 4 s');
  });

  it('ignores a leave without an enter and lists no radar that never saturated', () => {
    expect(radarSaturations([load(3, false), END])).toEqual([]);
  });
});

describe('networkDeferrals', () => {
  it('counts distinct tracks per unit and reason (repeated holds on a track count once)', () => {
    const events = [
      hold(1, 'shorad-1', 'T1', 'deferred-to-upper-tier'),
      hold(2, 'shorad-1', 'T1', 'deferred-to-upper-tier'),
      hold(2, 'shorad-1', 'T2', 'deferred-to-upper-tier'),
      hold(3, 'shorad-1', 'T2', 'engaged-by-other-unit'),
      hold(3, 'patriot-1', 'T9', 'no-rounds'),
      hold(4, 'patriot-1', 'T3', 'assessed-killed-by-network'),
    ];
    const d = networkDeferrals(events);
    expect(d.map((x) => [x.unitId, x.tracks, Object.fromEntries(x.tracksByReason)])).toEqual([
      ['shorad-1', 2, { 'deferred-to-upper-tier': 2, 'engaged-by-other-unit': 1 }],
      ['patriot-1', 1, { 'assessed-killed-by-network': 1 }],
    ]);
    expect(networkLine(d)).toBe(
      'network deferrals: shorad-1 held fire on 2 tracks (left to the upper tier 2, another unit on the network is engaging it 1); patriot-1 held fire on 1 track (assessed killed by another unit 1)',
    );
  });

  it('gives no line for a run without network holds', () => {
    expect(networkLine(networkDeferrals([hold(1, 'patriot-1', 'T1', 'no-rounds')]))).toBeNull();
    expect(runNotes([hold(1, 'patriot-1', 'T1', 'no-rounds'), END])).toEqual([]);
  });
});
