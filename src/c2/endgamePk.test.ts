/**
 * The endgame Pk table (docs/planning-coverage.md §"Endgame Pk"): deterministic, equal to the nominal Pk where the
 * geometry is benign (near the base: the round always removes its heading error), far below it low down near the
 * edge of the range (the engine's large misses there), and the nominal Pk where no node is reachable.
 */
import { describe, expect, it } from 'vitest';
import { NOTIONAL_MFR_FREE_SPACE } from '../../test/support/sensorFixtures.js';
import { NOTIONAL_PAC3_MSE } from '../../test/support/weaponFixtures.js';
import { flyoutTableFor, nominalPk } from './battery.js';
import { buildEndgamePkTable } from './endgamePk.js';

const TRACKER = { gate: 4, confirmM: 3, confirmN: 4, deleteMisses: 3, processNoise_m2ps3: 100 };
// a coarse grid: ground range 0, 18.5, 37 km; heights 5.3 … 20.7 km every ≈ 3.9 km; head-on only; 3 flights a node
const COARSE = { rangeStep_m: 18_500, heightStep_m: 4000, offsets_m: [0], trials: 3 };

describe('endgame Pk table (PAC-3 MSE class, notional MFR)', () => {
  const type = NOTIONAL_PAC3_MSE;
  const flyout = flyoutTableFor(type);
  const table = buildEndgamePkTable(type, flyout, NOTIONAL_MFR_FREE_SPACE, TRACKER, COARSE);
  const nominal = nominalPk(type);

  it('spans the fire-control envelope inside its margins', () => {
    expect(Array.from(table.ranges_m)).toEqual([0, 18_500, 37_000]);
    expect(table.heights_m[0]).toBeCloseTo(4000 + 1300, 6);
    expect(table.heights_m[table.heights_m.length - 1]).toBeCloseTo(22_000 - 1300, 6);
  });

  it('is the nominal Pk where the geometry is benign (18.5 km out, 16.9 km up)', () => {
    expect(table.pkAt(18_500, 16_850, 0, Number.NaN)).toBeCloseTo(nominal, 1);
    for (const v of table.nodes[0])
      if (!Number.isNaN(v)) expect(v).toBeLessThanOrEqual(type.reliability * type.pkMax);
  });

  it('is far below it low down at the edge of the range (37 km out, 9 km up)', () => {
    expect(table.pkAt(37_000, 9150, 0, nominal)).toBeLessThan(0.5 * nominal);
  });

  it('falls back to the nominal Pk where no node is reachable (straight overhead)', () => {
    expect(Number.isNaN(table.nodes[0][0])).toBe(true);
    expect(table.pkAt(0, 5300, 0, 0.123)).toBe(0.123);
  });

  it('is deterministic', () => {
    const again = buildEndgamePkTable(type, flyout, NOTIONAL_MFR_FREE_SPACE, TRACKER, {
      ...COARSE,
      rangeStep_m: 37_000,
      heightStep_m: 20_000,
    });
    const once = buildEndgamePkTable(type, flyout, NOTIONAL_MFR_FREE_SPACE, TRACKER, {
      ...COARSE,
      rangeStep_m: 37_000,
      heightStep_m: 20_000,
    });
    expect(Array.from(again.nodes[0])).toEqual(Array.from(once.nodes[0]));
  });
});
