/**
 * @module tracking/mtt/models/measurement
 * Measurement models over a {@link StateLayout}: the linear position sensor of the `mtt-scenario` files
 * (z = x[pos] + v, R = σ²I) and a nonlinear 2-D range/azimuth sensor (z = [range m, azimuth from north clockwise
 * rad], x east, y north; Bar-Shalom et al. 2001 §10.3 for the Jacobian). Residuals wrap angles to (−π, π].
 */
import { posIndex, type StateLayout } from './layout.js';

/** A (possibly nonlinear) Gaussian measurement model z = h(x) + v, v ~ N(0, R). */
export interface MeasurementModel {
  readonly layout: StateLayout;
  /** Measurement dimension m. */
  readonly m: number;
  /** True when h is linear in x. */
  readonly linear: boolean;
  /** Noise covariance R, row-major m×m. */
  readonly R: Readonly<Float64Array>;
  /** out (length m) = h(x at xOff). */
  apply(out: Float64Array, x: Readonly<Float64Array>, xOff: number): void;
  /** out (m×n) = ∂h/∂x at x. */
  jacobian(out: Float64Array, x: Readonly<Float64Array>, xOff: number): void;
  /** out (length m, at outOff) = z (at zOff) − zPred, angles wrapped. */
  residual(
    out: Float64Array,
    outOff: number,
    z: Readonly<Float64Array>,
    zOff: number,
    zPred: Readonly<Float64Array>,
  ): void;
}

/** Position measurement of every axis with noise σ (m) per axis: H picks x, y(, z). */
export function positionMeasurementModel(layout: StateLayout, sigma_m: number): MeasurementModel {
  const m = layout.dim;
  const n = layout.n;
  const R = new Float64Array(m * m);
  for (let i = 0; i < m; i++) R[i * m + i] = sigma_m * sigma_m;
  return {
    layout,
    m,
    linear: true,
    R,
    apply(out, x, xOff) {
      for (let a = 0; a < m; a++) out[a] = x[xOff + posIndex(layout, a)];
    },
    jacobian(out) {
      out.fill(0, 0, m * n);
      for (let a = 0; a < m; a++) out[a * n + posIndex(layout, a)] = 1;
    },
    residual(out, outOff, z, zOff, zPred) {
      for (let a = 0; a < m; a++) out[outOff + a] = z[zOff + a] - zPred[a];
    },
  };
}

/** Wrap an angle to (−π, π]. */
export function wrapAngle_rad(a: number): number {
  let r = a % (2 * Math.PI);
  if (r > Math.PI) r -= 2 * Math.PI;
  else if (r <= -Math.PI) r += 2 * Math.PI;
  return r;
}

/** Index of the range in a range/azimuth measurement. */
export const RANGE_INDEX = 0;
/** Index of the azimuth in a range/azimuth measurement. */
export const AZIMUTH_INDEX = 1;

/**
 * 2-D range/azimuth radar at `sensor_m` = [east, north]: z = [√(Δx² + Δy²), atan2(Δx, Δy)] with the azimuth
 * measured from north (+y) clockwise (toward +x), noise σ_r (m) and σ_az (rad), uncorrelated.
 */
export function rangeAzimuthMeasurementModel(
  layout: StateLayout,
  sensor_m: readonly [number, number],
  sigmaRange_m: number,
  sigmaAzimuth_rad: number,
): MeasurementModel {
  const n = layout.n;
  const px = posIndex(layout, 0);
  const py = posIndex(layout, 1);
  const R = Float64Array.of(sigmaRange_m * sigmaRange_m, 0, 0, sigmaAzimuth_rad * sigmaAzimuth_rad);
  return {
    layout,
    m: 2,
    linear: false,
    R,
    apply(out, x, xOff) {
      const dx = x[xOff + px] - sensor_m[0];
      const dy = x[xOff + py] - sensor_m[1];
      out[RANGE_INDEX] = Math.hypot(dx, dy);
      out[AZIMUTH_INDEX] = Math.atan2(dx, dy);
    },
    jacobian(out, x, xOff) {
      out.fill(0, 0, 2 * n);
      const dx = x[xOff + px] - sensor_m[0];
      const dy = x[xOff + py] - sensor_m[1];
      const r2 = dx * dx + dy * dy;
      const r = Math.sqrt(r2);
      out[RANGE_INDEX * n + px] = dx / r;
      out[RANGE_INDEX * n + py] = dy / r;
      out[AZIMUTH_INDEX * n + px] = dy / r2;
      out[AZIMUTH_INDEX * n + py] = -dx / r2;
    },
    residual(out, outOff, z, zOff, zPred) {
      out[outOff + RANGE_INDEX] = z[zOff + RANGE_INDEX] - zPred[RANGE_INDEX];
      out[outOff + AZIMUTH_INDEX] = wrapAngle_rad(z[zOff + AZIMUTH_INDEX] - zPred[AZIMUTH_INDEX]);
    },
  };
}
