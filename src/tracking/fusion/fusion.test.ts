import { describe, expect, it } from 'vitest';
import { createRng } from '../../math/rng.js';
import { cholesky, invertWithLogDet, matMul, transpose } from '../filters/denseMatrix.js';
import { stateLayout } from '../mtt/models/layout.js';
import { positionMeasurementModel, rangeAzimuthMeasurementModel } from '../mtt/models/measurement.js';
import { constantVelocityModel } from '../mtt/models/transition.js';
import { covarianceIntersection } from './covarianceIntersection.js';
import { OutOfSequenceFuser, type SensorMeasurement, sequentialUpdate } from './sequentialUpdate.js';

const n = 3;

/** A random joint covariance of two n-dim estimates, split into Pa, Pb and the cross term Pab. */
function randomJoint(seed: number): { Pa: Float64Array; Pb: Float64Array; Pab: Float64Array } {
  const rng = createRng(seed);
  const N = 2 * n;
  const L = new Float64Array(N * N);
  for (let i = 0; i < N * N; i++) L[i] = rng.normal() * 10;
  const J = matMul(L, transpose(L, N, N), N, N, N);
  for (let i = 0; i < N; i++) J[i * N + i] += 1;
  const block = (r0: number, c0: number): Float64Array => {
    const b = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i * n + j] = J[(r0 + i) * N + c0 + j];
    return b;
  };
  return { Pa: block(0, 0), Pb: block(n, n), Pab: block(0, n) };
}

function trace(P: Float64Array): number {
  let t = 0;
  for (let i = 0; i < n; i++) t += P[i * n + i];
  return t;
}

describe('covariance intersection', () => {
  it('reduces to either input at ω = 1 and ω = 0', () => {
    const { Pa, Pb } = randomJoint(1);
    const xa = Float64Array.of(1, 2, 3);
    const xb = Float64Array.of(-1, 0, 5);
    const a = covarianceIntersection(xa, Pa, xb, Pb, { omega: 1 });
    const b = covarianceIntersection(xa, Pa, xb, Pb, { omega: 0 });
    for (let i = 0; i < n; i++) {
      expect(a.x[i]).toBeCloseTo(xa[i], 8);
      expect(b.x[i]).toBeCloseTo(xb[i], 8);
    }
    for (let i = 0; i < n * n; i++) {
      expect(a.P[i]).toBeCloseTo(Pa[i], 6);
      expect(b.P[i]).toBeCloseTo(Pb[i], 6);
    }
  });

  it('finds the trace-minimising ω of a brute-force grid and never exceeds either input trace', () => {
    for (const seed of [2, 3, 4, 5]) {
      const { Pa, Pb } = randomJoint(seed);
      const x = Float64Array.of(0, 0, 0);
      const best = covarianceIntersection(x, Pa, x, Pb);
      let gridMin = Number.POSITIVE_INFINITY;
      for (let k = 0; k <= 10000; k++) {
        gridMin = Math.min(gridMin, trace(covarianceIntersection(x, Pa, x, Pb, { omega: k / 10000 }).P));
      }
      expect(trace(best.P)).toBeLessThanOrEqual(gridMin + 1e-9 * gridMin);
      expect(trace(best.P)).toBeLessThanOrEqual(Math.min(trace(Pa), trace(Pb)) + 1e-9);
    }
  });

  it('is consistent: P_ci ⪰ the true error covariance for any cross-correlation', () => {
    for (const seed of [10, 11, 12, 13, 14, 15]) {
      const { Pa, Pb, Pab } = randomJoint(seed);
      const x = Float64Array.of(0, 0, 0);
      for (const options of [{}, { criterion: 'determinant' as const }, { omega: 0.3 }]) {
        const { P, omega } = covarianceIntersection(x, Pa, x, Pb, options);
        // x_ci = Ka xa + Kb xb with Ka = ω P Pa⁻¹, Kb = (1 − ω) P Pb⁻¹
        const Ka = matMul(P, invertWithLogDet(Pa, n).inv, n, n, n).map((v) => omega * v);
        const Kb = matMul(P, invertWithLogDet(Pb, n).inv, n, n, n).map((v) => (1 - omega) * v);
        const KaT = transpose(Ka, n, n);
        const KbT = transpose(Kb, n, n);
        const Pba = transpose(Pab, n, n);
        const terms = [
          matMul(matMul(Ka, Pa, n, n, n), KaT, n, n, n),
          matMul(matMul(Ka, Pab, n, n, n), KbT, n, n, n),
          matMul(matMul(Kb, Pba, n, n, n), KaT, n, n, n),
          matMul(matMul(Kb, Pb, n, n, n), KbT, n, n, n),
        ];
        const D = new Float64Array(n * n);
        for (let i = 0; i < n * n; i++) D[i] = P[i] - terms.reduce((s, t) => s + t[i], 0);
        const eps = 1e-9 * trace(P);
        for (let i = 0; i < n; i++) D[i * n + i] += eps;
        expect(() => cholesky(D, n)).not.toThrow();
      }
    }
  });
});

describe('sequential multi-sensor update', () => {
  const layout = stateLayout(2, 2, false);
  const motion = constantVelocityModel(layout, 1);
  const radarA = rangeAzimuthMeasurementModel(layout, [0, 0], 10, 0.002);
  const radarB = positionMeasurementModel(layout, 30);
  const prior = {
    t_s: 0,
    x: Float64Array.of(1000, 50, 5000, -20),
    P: Float64Array.of(400, 0, 0, 0, 0, 100, 0, 0, 0, 0, 400, 0, 0, 0, 0, 100),
  };
  const truthAt = (t: number): [number, number] => [1000 + 52 * t, 5000 - 21 * t];
  const rng = createRng(7);
  const measurements: SensorMeasurement[] = [];
  for (let k = 1; k <= 10; k++) {
    const tA = k;
    const [xa, ya] = truthAt(tA);
    measurements.push({
      sensorId: 'A',
      t_s: tA,
      z: [Math.hypot(xa, ya) + 10 * rng.normal(), Math.atan2(xa, ya) + 0.002 * rng.normal()],
      model: radarA,
    });
    const tB = k + 0.4;
    const [xb, yb] = truthAt(tB);
    measurements.push({
      sensorId: 'B',
      t_s: tB,
      z: [xb + 30 * rng.normal(), yb + 30 * rng.normal()],
      model: radarB,
    });
  }

  it('sorts by time and converges on the truth with both sensors', () => {
    const shuffled = [...measurements].reverse();
    const a = sequentialUpdate(prior, measurements, motion);
    const b = sequentialUpdate(prior, shuffled, motion);
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    const [tx, ty] = truthAt(a.t_s);
    expect(Math.hypot(a.x[0] - tx, a.x[2] - ty)).toBeLessThan(30);
  });

  it('buffer-and-replay gives exactly the in-order result for out-of-sequence arrivals', () => {
    const inOrder = sequentialUpdate(prior, measurements, motion);
    const fuser = new OutOfSequenceFuser(prior, motion, 5);
    // sensor B's reports arrive 1.6 s late: B(k + 0.4) after A(k + 2)
    const arrival = [...measurements].sort(
      (p, q) => (p.sensorId === 'B' ? p.t_s + 1.6 : p.t_s) - (q.sensorId === 'B' ? q.t_s + 1.6 : q.t_s),
    );
    let lateCount = 0;
    for (const m of arrival) {
      const r = fuser.add(m);
      expect(r.status).toBe('fused');
      if (r.status === 'fused' && r.late) lateCount++;
    }
    expect(lateCount).toBeGreaterThan(5);
    const est = fuser.estimate();
    expect(est.t_s).toBe(inOrder.t_s);
    for (let i = 0; i < 4; i++) expect(est.x[i]).toBeCloseTo(inOrder.x[i], 9);
    for (let i = 0; i < 16; i++) expect(est.P[i]).toBeCloseTo(inOrder.P[i], 9);
    // a report older than the lag window is refused
    expect(fuser.add({ ...measurements[0], t_s: 1 }).status).toBe('too-late');
  });
});
