import { describe, expect, it } from 'vitest';
import { AspisError } from '../errors.js';
import { extendCatalog, loadCatalog } from './catalog.js';

/** The AspisError that `fn` throws. */
function errorOf(fn: () => unknown): AspisError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AspisError) return err;
    throw err;
  }
  throw new Error('expected an AspisError');
}

const GOOD = { searchFrame_s: '0.8s', trackDwell_s: '5ms', trackInterval_s: '1s', maxTrackFraction: 0.5 };

describe('radar budget fields of the catalog', () => {
  const catalog = loadCatalog();
  const withBudget = (budget: unknown) =>
    extendCatalog(catalog, { radars: { mine: { extends: 'notional-mfr', budget } } });

  it('ships the notional MFR with a budget of ≈ 100 tracks (cap · frame / dwell)', () => {
    const mfr = catalog.radars.get('notional-mfr')?.value;
    expect(mfr?.budget).toEqual({
      searchFrame_s: 0.8,
      trackDwell_s: 0.005,
      trackInterval_s: 1,
      maxTrackFraction: 0.5,
    });
    const b = mfr?.budget;
    expect(b && (b.maxTrackFraction * b.trackInterval_s) / b.trackDwell_s).toBeCloseTo(100, 9);
  });

  it('parses units into SI, the gate included', () => {
    const mine = withBudget({ ...GOOD, trackGate_rad: '2deg' }).radars.get('mine')?.value;
    expect(mine?.budget?.trackDwell_s).toBeCloseTo(0.005, 15);
    expect(mine?.budget?.trackGate_rad).toBeCloseTo((2 * Math.PI) / 180, 15);
  });

  it.each([
    ['maxTrackFraction', { ...GOOD, maxTrackFraction: 1.5 }],
    ['searchFrame_s', { ...GOOD, searchFrame_s: '0s' }],
    ['trackInterval_s', { ...GOOD, trackInterval_s: '-1s' }],
    ['trackDwell_s', { ...GOOD, trackDwell_s: '5m' }],
    ['trackGate_rad', { ...GOOD, trackGate_rad: '0deg' }],
  ])('rejects a bad %s with a coded error at its path', (field, budget) => {
    const error = errorOf(() => withBudget(budget));
    expect(error.code).toBe('E_SCENARIO_FIELD');
    expect(error.path).toBe(`catalog.radars.mine.budget.${field}`);
  });

  it('rejects a missing or an unknown budget field', () => {
    const { maxTrackFraction: _, ...partial } = GOOD;
    expect(errorOf(() => withBudget(partial)).path).toMatch(/budget\.maxTrackFraction$/);
    expect(errorOf(() => withBudget({ ...GOOD, trackRate: 1 })).path).toMatch(
      /^catalog\.radars\.mine\.budget/,
    );
  });
});
