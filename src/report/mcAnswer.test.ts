import { describe, expect, it } from 'vitest';
import { answerSection, medianLeakerReplication } from './mcAnswer.js';

describe('medianLeakerReplication', () => {
  it('picks the median by leakers (lower median, ties by lowest index) and labels it', () => {
    const reps = [5, 0, 2, 2, 7, 1].map((leakers, replication) => ({ replication, leakers }));
    const ex = medianLeakerReplication(reps);
    // sorted: 0 (#1), 1 (#5), 2 (#2), 2 (#3), 5 (#0), 7 (#4): lower median is the third, replication 2
    expect(ex).toMatchObject({ replication: 2, leakers: 2, of: 6 });
    expect(ex?.label).toBe('example: replication 2, the median of 6 by leakers on assets (2 leakers)');
    expect(medianLeakerReplication([])).toBeNull();
  });
});

describe('answerSection', () => {
  it('spells out PRA and shows every present aggregate with its interval, cost only with cost data', () => {
    const html = answerSection(
      {
        runs: 500,
        pra: { p: 0.1, lo: 0.08, hi: 0.13 },
        leakers: { histogram: [1], mean: 1.2, lo: 1.1, hi: 1.3 },
        killsPerThreatClass: {
          'notional-srbm-750km': {
            killFraction: { p: 0.7, lo: 0.68, hi: 0.72 },
            launched: 6,
            kills: { mean: 4.2, lo: 4.1, hi: 4.3 },
          },
        },
        interceptorsPerKill: { ratio: 2.3, lo: 2.2, hi: 2.4 },
        costExchange: { mean: 0, lo: 0, hi: 0, n: 0 },
        magazineAfterWave: { 'wave-1': { mean: 70.2, min: 64 } },
        magazineStart: 80,
      },
      medianLeakerReplication([{ replication: 37, leakers: 1 }]),
    );
    expect(html).toContain('probability of raid annihilation (PRA)');
    expect(html).toContain('<b>10.0 %</b> <span class="ci">(95 % interval 8.0–13.0 %)</span>');
    expect(html).toContain('killed: notional-srbm-750km');
    expect(html).toContain('<b>2.30</b> <span class="ci">(95 % interval 2.20–2.40)</span>');
    expect(html).toContain('magazine left after raid wave-1');
    expect(html).not.toContain('cost exchange');
    expect(html).toContain('example: replication 37, the median of 1 by leakers on assets (1 leaker)');
  });
});
