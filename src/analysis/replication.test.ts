import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../scenario/catalog.js';
import { loadScenario } from '../scenario/load.js';
import {
  aggregateReplications,
  interceptorInventory,
  type ReplicationResult,
  raidAnnihilated,
  ratioOfTotals,
  runReplication,
} from './replication.js';

const erbil = loadScenario(join(packageRoot(), 'scenarios', 'erbil-2020.yaml'));

describe('runReplication', () => {
  it('is a function of (seed, replication) only and derives the magazine after each raid', () => {
    const a = runReplication(erbil, 3, 5);
    const b = runReplication(erbil, 3, 5);
    expect(b).toEqual(a);
    expect(runReplication(erbil, 3, 6).hash).not.toBe(a.hash);
    expect(interceptorInventory(erbil)).toBe(24);
    const [first, second] = Object.keys(a.magazineAfterWave);
    expect([first, second]).toEqual(['erbil-1', 'erbil-2']);
    // magazine never grows between raids and never exceeds the start inventory
    expect(a.magazineAfterWave[second]).toBeLessThanOrEqual(a.magazineAfterWave[first]);
    expect(a.magazineAfterWave[first]).toBeLessThanOrEqual(24);
    expect(24 - a.magazineAfterWave[second]).toBe(a.totals.interceptorsFired);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});

describe('aggregateReplications', () => {
  const results = Array.from({ length: 12 }, (_, i) => runReplication(erbil, 1, i));

  it('does not depend on the order results arrive in', () => {
    const shuffled = [...results].reverse();
    shuffled.push(shuffled.splice(3, 1)[0]);
    expect(JSON.stringify(aggregateReplications(erbil, shuffled))).toBe(
      JSON.stringify(aggregateReplications(erbil, results)),
    );
  });

  it('counts PRA, leakers, fates and shots consistently with the replications', () => {
    const agg = aggregateReplications(erbil, results);
    expect(agg.runs).toBe(12);
    expect(agg.pra.p).toBe(results.filter(raidAnnihilated).length / 12);
    expect(agg.leakers.histogram.reduce((a, b) => a + b, 0)).toBe(12);
    expect(agg.interceptorsFired.mean).toBeCloseTo(
      results.reduce((s, r) => s + r.totals.interceptorsFired, 0) / 12,
      12,
    );
    for (const t of agg.threatFates)
      expect(Object.values(t.fates).reduce((a, b) => a + (b ?? 0), 0)).toBe(12);
    expect(agg.magazineStart).toBe(24);
    expect(agg.worstReplication).not.toBeNull();
  });

  it('treats a synthetic raid with one leaker as not annihilated and with a failure as annihilated', () => {
    const base = results[0];
    const mk = (
      replication: number,
      fates: ReplicationResult['threats'][number]['fate'][],
    ): ReplicationResult => ({
      ...base,
      replication,
      threats: fates.map((fate, k) => ({ id: `t${k}`, type: 'x', fate, interceptorsFired: 1 })),
    });
    expect(raidAnnihilated(mk(0, ['killed', 'failed']))).toBe(true);
    expect(raidAnnihilated(mk(1, ['killed', 'impacted']))).toBe(false);
    expect(raidAnnihilated(mk(2, ['killed', 'airborne']))).toBe(false);
  });

  it('gives a ratio of totals with a delta-method interval', () => {
    expect(ratioOfTotals([2, 2, 2], [1, 1, 1])).toEqual({ ratio: 2, lo: 2, hi: 2 });
    expect(ratioOfTotals([1, 2], [0, 0])).toEqual({ ratio: null, lo: null, hi: null });
    const r = ratioOfTotals([2, 3, 4, 2], [1, 2, 2, 1]);
    expect(r.ratio).toBeCloseTo(11 / 6, 12);
    expect(r.lo!).toBeLessThan(r.ratio!);
    expect(r.hi!).toBeGreaterThan(r.ratio!);
  });
});
