import { describe, expect, it } from 'vitest';
import { thinnedIndices } from './thin.js';

describe('thinnedIndices', () => {
  it('keeps a short path whole', () => {
    expect(thinnedIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(thinnedIndices(5, 1)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps every k-th sample plus the last, at most maxPoints', () => {
    expect(thinnedIndices(10, 4)).toEqual([0, 3, 6, 9]);
    for (const [n, max] of [
      [2_400, 500],
      [2_401, 300],
      [1_001, 2],
    ]) {
      const idx = thinnedIndices(n, max);
      expect(idx.length).toBeLessThanOrEqual(max);
      expect(idx[0]).toBe(0);
      expect(idx[idx.length - 1]).toBe(n - 1);
    }
  });
});
