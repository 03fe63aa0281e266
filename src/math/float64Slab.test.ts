import { describe, expect, it } from 'vitest';
import { Float64Slab } from './float64Slab.js';

describe('Float64Slab', () => {
  it('hands out distinct zero-filled arrays of its length, across slabs', () => {
    const slab = new Float64Slab(9, 2);
    const arrays = [slab.take(), slab.take(), slab.take()];
    for (const [k, a] of arrays.entries()) {
      expect(a).toBeInstanceOf(Float64Array);
      expect(a.length).toBe(9);
      expect([...a]).toEqual(new Array(9).fill(0));
      a.fill(k + 1);
    }
    expect([...arrays[0]]).toEqual(new Array(9).fill(1));
    expect([...arrays[1]]).toEqual(new Array(9).fill(2));
    expect([...arrays[2]]).toEqual(new Array(9).fill(3));
    expect(arrays[0].buffer).toBe(arrays[1].buffer);
    expect(arrays[2].buffer).not.toBe(arrays[0].buffer);
  });

  it('rejects a non-positive or fractional length', () => {
    expect(() => new Float64Slab(0)).toThrow(RangeError);
    expect(() => new Float64Slab(2.5)).toThrow(RangeError);
    expect(() => new Float64Slab(9, 0)).toThrow(RangeError);
  });
});
