/**
 * @module tracking/mtt/models/layout
 * State-vector layout of the full-covariance tracker. The state is interleaved per axis like the `mtt-scenario`
 * files (Stone Soup's convention): [x, vx(, ax), y, vy(, ay)(, z, vz(, az))(, ω)]. Acceleration components are present
 * only when a constant-acceleration model is in use, the turn rate ω (rad/s, counter-clockwise from +x toward +y)
 * only when a coordinated-turn model estimates it. All models of one IMM share one layout, so mixing is a plain
 * moment match (a model that does not use a component drives it to 0, or holds ω).
 */

/** Layout of the tracker state vector. */
export interface StateLayout {
  /** Spatial dimension. */
  readonly dim: 2 | 3;
  /** Components per axis: 2 (position m, velocity m/s) or 3 (+ acceleration m/s²). */
  readonly perAxis: 2 | 3;
  /** Index of the turn rate ω (rad/s), or −1 when absent. */
  readonly omegaIndex: number;
  /** State dimension n. */
  readonly n: number;
}

/** Build a layout. */
export function stateLayout(dim: 2 | 3, perAxis: 2 | 3, withOmega: boolean): StateLayout {
  const base = dim * perAxis;
  return Object.freeze({ dim, perAxis, omegaIndex: withOmega ? base : -1, n: base + (withOmega ? 1 : 0) });
}

/** Index of the position component of `axis` (0 = x). */
export function posIndex(layout: StateLayout, axis: number): number {
  return axis * layout.perAxis;
}

/**
 * Copy the [x, vx, y, vy(, z, vz)] part of a state (at `off`) into `out` (length 2·dim), dropping accelerations
 * and ω; with `P` and `pOut` also the matching covariance block (row-major).
 */
export function extractPositionVelocity(
  layout: StateLayout,
  x: Readonly<Float64Array>,
  xOff: number,
  out: number[],
  P?: Readonly<Float64Array>,
  pOff?: number,
  pOut?: number[],
): void {
  const sd = 2 * layout.dim;
  const idx = new Array<number>(sd);
  for (let a = 0; a < layout.dim; a++) {
    idx[2 * a] = a * layout.perAxis;
    idx[2 * a + 1] = a * layout.perAxis + 1;
  }
  for (let i = 0; i < sd; i++) out[i] = x[xOff + idx[i]];
  if (P !== undefined && pOut !== undefined) {
    const n = layout.n;
    const o = pOff ?? 0;
    for (let i = 0; i < sd; i++) for (let j = 0; j < sd; j++) pOut[i * sd + j] = P[o + idx[i] * n + idx[j]];
  }
}
