import { describe, expect, it } from 'vitest';
import { countLeakCategories, LEAK_CATEGORIES, leakCategoryOf } from './leak-category.js';
import { leakReason, type StoryDraft } from './story.js';

/** A tracked leaker that impacted at t = 30 s, with no unit records (so: "not engaged"). */
function draft(over: Partial<StoryDraft>): StoryDraft {
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
    units: new Map(),
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
    ...over,
  };
}

describe('leakCategoryOf', () => {
  it.each([
    ['leaked: no inventory: battery out of rounds', 'no inventory'],
    ['leaked: not detected: never detected by any radar', 'not detected'],
    ['leaked: detected late: first track 4.0 s before impact, 13.8 s needed by patriot-1', 'detected late'],
    [
      'leaked: no fire channel: patriot-1: no free fire channel (all busy on other threats)',
      'no fire channel',
    ],
    ['leaked: out of envelope: too low to intercept', 'out of envelope'],
    ['leaked: missed: 2 interceptors fired, none killed it (survived the warhead)', 'missed'],
    ['leaked: not engaged: C-RAM cram-1 busy with 3 other targets', 'not engaged'],
    ['leaked: missed', 'missed'],
  ])('reads the category of "%s"', (verdict, category) => {
    expect(leakCategoryOf(verdict)).toBe(category);
  });

  it.each([
    'killed by patriot-1-I3 of patriot-1, miss distance 1.9 m',
    'failed in flight (missile reliability, not a defence kill)',
    'impacted outside the defended assets',
    'still in flight when the scenario ended',
    'leaked: something new: detail',
  ])('gives no category for "%s"', (verdict) => {
    expect(leakCategoryOf(verdict)).toBeNull();
  });

  it('reads back the category story-leak put first in each of its verdicts', () => {
    const cases: [Partial<StoryDraft>, string][] = [
      [{ detected: false }, 'not detected'],
      [{ trackIds: new Set<string>() }, 'detected late'],
      [{}, 'not engaged'],
    ];
    for (const [over, category] of cases)
      expect(leakCategoryOf(`leaked: ${leakReason(draft(over))}`)).toBe(category);
  });
});

describe('countLeakCategories', () => {
  it('counts leakers per category, every category present, non-leakers ignored', () => {
    const counts = countLeakCategories([
      { verdict: 'leaked: no inventory: battery out of rounds' },
      { verdict: 'leaked: no inventory: gun out of ammunition' },
      { verdict: 'leaked: missed: 1 interceptor fired, none killed it' },
      { verdict: 'killed by x' },
    ]);
    expect(Object.keys(counts)).toEqual([...LEAK_CATEGORIES]);
    expect(counts).toEqual({
      'not detected': 0,
      'detected late': 0,
      'no fire channel': 0,
      'no inventory': 2,
      'out of envelope': 0,
      missed: 1,
      'not engaged': 0,
    });
  });

  it('lists the seven categories in report order', () => {
    expect(LEAK_CATEGORIES).toEqual([
      'not detected',
      'detected late',
      'no fire channel',
      'no inventory',
      'out of envelope',
      'missed',
      'not engaged',
    ]);
  });
});
