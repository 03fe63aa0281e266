/**
 * @module math/hermite
 * Cubic Hermite interpolation of a 3-D state (position and velocity) across one interval, used wherever a flight
 * is read between integration steps (sampled trajectories, ground crossings, closest approaches).
 */

/**
 * Cubic Hermite interpolation of one state at fraction `s` ∈ [0, 1] of an interval of length `h_s`: position from
 * the two end positions and velocities (offsets `a` and `b` into the given arrays), velocity as its time derivative.
 */
export function hermiteState(
  s: number,
  h_s: number,
  pos0: Readonly<Float64Array>,
  vel0: Readonly<Float64Array>,
  a: number,
  pos1: Readonly<Float64Array>,
  vel1: Readonly<Float64Array>,
  b: number,
  pos_out: Float64Array,
  vel_out: Float64Array,
): void {
  const s2 = s * s;
  const s3 = s2 * s;
  // hermite basis (position) and its derivative wrt time (velocity)
  const h00 = 2 * s3 - 3 * s2 + 1;
  const h10 = (s3 - 2 * s2 + s) * h_s;
  const h01 = -2 * s3 + 3 * s2;
  const h11 = (s3 - s2) * h_s;
  const d00 = (6 * s2 - 6 * s) / h_s;
  const d10 = 3 * s2 - 4 * s + 1;
  const d01 = (-6 * s2 + 6 * s) / h_s;
  const d11 = 3 * s2 - 2 * s;
  for (let k = 0; k < 3; k++) {
    pos_out[k] = h00 * pos0[a + k] + h10 * vel0[a + k] + h01 * pos1[b + k] + h11 * vel1[b + k];
    vel_out[k] = d00 * pos0[a + k] + d10 * vel0[a + k] + d01 * pos1[b + k] + d11 * vel1[b + k];
  }
}
