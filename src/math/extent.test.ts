import { describe, expect, it } from 'vitest';
import { extent } from './extent.js';

describe('extent', () => {
  it('gives the smallest and largest value of a series', () => {
    expect(extent([3, -2, 7, 0])).toEqual({ min: -2, max: 7 });
    expect(extent(Float64Array.of(5))).toEqual({ min: 5, max: 5 });
  });

  it('handles a million values, where Math.min(...values) overflows the stack', () => {
    const values = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    expect(() => Math.min(...values)).toThrow(RangeError);
    const max = values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
    expect(extent(values)).toEqual({ min: 0, max });
    expect(max).toBeGreaterThan(999_000);
  });
});
