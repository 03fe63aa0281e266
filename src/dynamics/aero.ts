/**
 * @module dynamics/aero
 * Aerodynamic coefficient look-ups. A drag coefficient is given as a table of Cd against Mach number, linearly
 * interpolated and clamped at both ends (no extrapolation): the usual form of published zero-lift drag curves
 * (e.g. McCoy, *Modern Exterior Ballistics*, ch. 4).
 */
/**
 * Drag coefficient versus Mach number, linearly interpolated, clamped at the ends. Defined here, beside its only
 * reader, so dynamics needs nothing from the scenario layer; `scenario/types` re-exports it.
 */
export interface CdTable {
  readonly mach: readonly number[];
  readonly cd: readonly number[];
}

/**
 * Drag coefficient at a Mach number from a Cd(Mach) table: linear interpolation between rows, clamped to the
 * first/last value outside the table. The table's `mach` must be increasing (validated where catalogs are compiled)
 * and as long as `cd` (checked here: a mismatch or an empty table throws a RangeError).
 * @param table Cd versus Mach (dimensionless)
 * @param mach Mach number (dimensionless, ≥ 0)
 * @returns drag coefficient (dimensionless)
 */
export function cdAtMach(table: CdTable, mach: number): number {
  const machs = table.mach;
  const cds = table.cd;
  const n = machs.length;
  if (n === 0 || cds.length !== n) {
    throw new RangeError(
      `cdAtMach: table needs as many cd values as mach values (got ${cds.length} cd, ${n} mach) and at least one row`,
    );
  }
  if (!(mach > machs[0])) return cds[0];
  if (mach >= machs[n - 1]) return cds[n - 1];
  // binary search for the bracketing interval [lo, lo + 1]
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (machs[mid] <= mach) lo = mid;
    else hi = mid;
  }
  const fraction = (mach - machs[lo]) / (machs[hi] - machs[lo]);
  return cds[lo] + fraction * (cds[hi] - cds[lo]);
}

/** Where the last {@link cdAtMachFrom} look-up in a table found its interval (one per integrated body). */
export interface CdCursor {
  /** Index of the lower row of the last interval used. */
  lo: number;
}

/**
 * `cdAtMach` for a body whose Mach number changes a little between calls (an integrator's stages): the interval
 * search starts from the cursor's last interval and walks to the neighbouring one, so a call costs O(1) instead of
 * a binary search. Same interval, same arithmetic, so bit-identical to `cdAtMach`. The table must be valid (as
 * compiled catalogs are; not re-checked here).
 * @param table Cd versus Mach (dimensionless)
 * @param mach Mach number (dimensionless, ≥ 0)
 * @param cursor the body's cursor, updated in place (start it at `{ lo: 0 }`)
 * @returns drag coefficient (dimensionless)
 * @example
 * ```ts
 * import { cdAtMachFrom } from '../dynamics/aero.js';
 * const cursor = { lo: 0 };
 * cdAtMachFrom({ mach: [0, 1, 2], cd: [0.2, 0.4, 0.3] }, 1.5, cursor); // 0.35, cursor.lo = 1
 * ```
 */
export function cdAtMachFrom(table: CdTable, mach: number, cursor: CdCursor): number {
  const machs = table.mach;
  const cds = table.cd;
  const last = machs.length - 1;
  if (!(mach > machs[0])) return cds[0];
  if (mach >= machs[last]) return cds[last];
  let lo = cursor.lo;
  if (lo >= last) lo = last - 1;
  while (machs[lo] > mach) lo--;
  while (machs[lo + 1] <= mach) lo++;
  cursor.lo = lo;
  const hi = lo + 1;
  const fraction = (mach - machs[lo]) / (machs[hi] - machs[lo]);
  return cds[lo] + fraction * (cds[hi] - cds[lo]);
}
