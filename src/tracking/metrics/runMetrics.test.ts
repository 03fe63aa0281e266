import { describe, expect, it } from 'vitest';
import { historyOspa, onlineGospa, onlineOspa, scansAsSequences } from './runMetrics.js';

const opts = { c: 100, p: 1, mapping: [0] };

describe('online metrics', () => {
  it('average per-scan OSPA over all scans, empty-vs-empty counting 0 and one empty counting c', () => {
    const truth = [
      { t: 0, x: [] },
      { t: 1, x: [[0, 0]] },
      { t: 2, x: [[0, 0]] },
    ];
    const est = [
      { t: 0, x: [] },
      { t: 1, x: [] },
      { t: 2, x: [[4, 9]] },
    ];
    const o = onlineOspa(truth, est, opts);
    expect(o.values).toEqual([0, 100, 4]);
    expect(o.mean).toBeCloseTo(104 / 3, 12);
    expect(o.final).toBe(4);
    const g = onlineGospa(truth, est, opts);
    expect(g.values.map((v) => v.distance)).toEqual([0, 50, 4]);
    expect(g.meanMissed).toBeCloseTo(50 / 3, 12);
  });

  it('refuses runs of different lengths', () => {
    expect(() => onlineOspa([{ t: 0, x: [] }], [], opts)).toThrow(RangeError);
  });
});

describe('history OSPA (Stone Soup MultiManager convention)', () => {
  it('pools states by timestamp over the union of truth and track times', () => {
    const truth = scansAsSequences([
      { t: 1, x: [[0]] },
      { t: 2, x: [[10]] },
    ]);
    // a track history reaching back to t = 0 (before any truth) and a deleted one at t = 2
    const histories = [
      { t: [0, 1, 2], x: [[1], [2], [13]] },
      { t: [2], x: [[500]] },
    ];
    const h = historyOspa(truth, histories, opts);
    expect(h.t).toEqual([0, 1, 2]);
    expect(h.values[0]).toBe(100);
    expect(h.values[1]).toBeCloseTo(2, 12);
    expect(h.values[2]).toBeCloseTo((3 + 100) / 2, 12);
    expect(h.mean).toBeCloseTo((100 + 2 + 51.5) / 3, 12);
  });
});
