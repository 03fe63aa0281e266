import { describe, expect, it } from 'vitest';
import { sweepSeeds } from '../examples/al-asad-seeds.js';

describe('examples run end to end', () => {
  it('al-asad-seeds averages a seed sweep of the default scenario', () => {
    const r = sweepSeeds(3);
    expect(r.seeds).toBe(3);
    expect(r.meanKilled).toBeGreaterThan(0);
    // 40 ready rounds and 40 in reserve (4 GEM-T + 2 MSE launchers, one reload each)
    expect(r.meanInterceptors).toBeLessThanOrEqual(80);
    expect(r.meanKilled + r.meanLeakers).toBeLessThanOrEqual(15);
  });
});
