import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cdAtMach, cdAtMachFrom } from './aero.js';

const TABLE = { mach: [0, 0.8, 1.2, 3], cd: [0.3, 0.35, 0.6, 0.4] };

describe('cdAtMach', () => {
  it('returns the table rows at the nodes and interpolates linearly between them', () => {
    expect(cdAtMach(TABLE, 0.8)).toBe(0.35);
    expect(cdAtMach(TABLE, 1.0)).toBeCloseTo(0.475, 15);
    expect(cdAtMach(TABLE, 2.1)).toBeCloseTo(0.5, 15);
  });

  it('clamps outside the table', () => {
    expect(cdAtMach(TABLE, -1)).toBe(0.3);
    expect(cdAtMach(TABLE, 10)).toBe(0.4);
    expect(cdAtMach({ mach: [2], cd: [0.7] }, 0.5)).toBe(0.7);
  });

  it('stays within the range of the neighbouring rows (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 5, noNaN: true }), (mach) => {
        const cd = cdAtMach(TABLE, mach);
        expect(cd).toBeGreaterThanOrEqual(0.3);
        expect(cd).toBeLessThanOrEqual(0.6);
      }),
    );
  });

  it('rejects malformed tables', () => {
    expect(() => cdAtMach({ mach: [0, 1], cd: [0.3] }, 0.5)).toThrow(RangeError);
    expect(() => cdAtMach({ mach: [], cd: [] }, 0.5)).toThrow(RangeError);
  });

  it('cdAtMachFrom gives the same bits as cdAtMach from any cursor, for any Mach sequence (property)', () => {
    const table = {
      mach: [0, 0.8, 1.0, 1.2, 2, 3, 5, 8],
      cd: [0.2, 0.24, 0.36, 0.36, 0.28, 0.22, 0.18, 0.16],
    };
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 10, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (machs) => {
          const cursor = { lo: 0 };
          for (const m of machs) expect(cdAtMachFrom(table, m, cursor)).toBe(cdAtMach(table, m));
        },
      ),
    );
  });
});
