import { describe, expect, it } from 'vitest';
import { BOOKKEEPING_HOLD_REASONS, INTERCEPTOR_END_REASONS } from '../c2/reasons.js';
import { FIRE_CONTROL_REASONS } from '../weapons/fireControl.js';
import { countLeakCategories } from './counts.js';
import {
  holdCategory,
  isKnownReason,
  isNetworkHold,
  LEAK_CATEGORIES,
  LEAK_CATEGORY_LABEL,
  reasonEntry,
  reasonText,
} from './reasons.js';

describe('the reason table', () => {
  it.each([
    ['no-rounds', 'no-inventory'],
    ['no-ammo', 'no-inventory'],
    ['inventory-per-threat-exhausted', 'no-inventory'],
    ['no-fire-channel', 'no-fire-channel'],
    ['no-solution', 'detected-late'],
    ['no-time', 'detected-late'],
    ['too-low', 'out-of-envelope'],
    ['out-of-range', 'out-of-envelope'],
    ['wrong-target-class', 'out-of-envelope'],
  ])('hold %s gives the category %s', (reason, category) => {
    expect(holdCategory(reason)).toBe(category);
  });

  it('network deferrals and unclassed holds explain nothing by themselves', () => {
    expect(holdCategory('deferred-to-upper-tier')).toBeNull();
    expect(isNetworkHold('engaged-by-other-unit')).toBe(true);
    expect(holdCategory('awaiting-launch-window')).toBeNull();
  });

  it('an unknown reason (a newer engine) renders with dashes as spaces, counts as unclassed, never throws', () => {
    expect(isKnownReason('own-radar-required')).toBe(false);
    expect(reasonText('own-radar-required')).toBe('own radar required');
    expect(reasonEntry('beyond-lethal-radius').class).toBe('other');
    expect(holdCategory('beyond-lethal-radius')).toBeNull();
    expect(isNetworkHold('toString')).toBe(false);
    expect(reasonText('constructor')).toBe('constructor');
  });

  it('puts known reasons into words', () => {
    expect(reasonText('no-rounds')).toBe('battery out of rounds');
    expect(reasonText('survived-warhead')).toBe('survived the warhead');
  });
});

describe('leak categories', () => {
  it('lists the seven categories in report order, each with its label', () => {
    expect(LEAK_CATEGORIES.map((c) => LEAK_CATEGORY_LABEL[c])).toEqual([
      'not detected',
      'detected late',
      'no fire channel',
      'no inventory',
      'out of envelope',
      'missed',
      'not engaged',
    ]);
  });

  it('counts leakers per category, every category present, non-leakers ignored', () => {
    const counts = countLeakCategories([
      { category: 'no-inventory' },
      { category: 'no-inventory' },
      { category: 'missed' },
      { category: null },
    ]);
    expect(Object.keys(counts)).toEqual([...LEAK_CATEGORIES]);
    expect(counts).toEqual({
      'not-detected': 0,
      'detected-late': 0,
      'no-fire-channel': 0,
      'no-inventory': 2,
      'out-of-envelope': 0,
      missed: 1,
      'not-engaged': 0,
    });
  });
});

describe('the reason table knows every code the engine writes', () => {
  // regression: the bookkeeping and fire-control branches added codes (missed-wide, no-own-radar-track, behind, …)
  // that the table rendered generically and counted as "not engaged"
  it('lists every interceptor-end, bookkeeping-hold and fire-control code', () => {
    const codes = [...INTERCEPTOR_END_REASONS, ...BOOKKEEPING_HOLD_REASONS, ...FIRE_CONTROL_REASONS];
    expect(codes.filter((c) => !isKnownReason(c))).toEqual([]);
  });
});
