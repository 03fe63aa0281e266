import { describe, expect, it } from 'vitest';
import { extentOf, maxOf, minOf } from './extent.js';

describe('minOf / maxOf / extentOf', () => {
  it('match Math.min / Math.max on small arrays, empty arrays and NaN', () => {
    const xs = [3, -1.5, 7, 0, 2];
    expect(minOf(xs)).toBe(Math.min(...xs));
    expect(maxOf(xs)).toBe(Math.max(...xs));
    expect(extentOf(xs)).toEqual([-1.5, 7]);
    expect(minOf([])).toBe(Number.POSITIVE_INFINITY);
    expect(maxOf([])).toBe(Number.NEGATIVE_INFINITY);
    expect(minOf([1, Number.NaN, 0])).toBeNaN();
    expect(maxOf([1, Number.NaN, 0])).toBeNaN();
    expect(extentOf([Number.NaN])).toEqual([Number.NaN, Number.NaN]);
  });

  it('handle 2,000,000 elements, where a spread into Math.max overflows the stack', () => {
    const xs = new Float64Array(2_000_000);
    for (let i = 0; i < xs.length; i++) xs[i] = (i * 7919) % 1_000_003;
    expect(() => Math.max(...xs)).toThrow(RangeError);
    expect(maxOf(xs)).toBe(1_000_002);
    expect(minOf(xs)).toBe(0);
    expect(extentOf(xs)).toEqual([0, 1_000_002]);
  });
});
