import { describe, expect, it } from 'vitest';
import { cheapJpdaMarginals, jpdaAssociator, jpdaMarginals } from './jpdaAssociator.js';

describe('JPDA marginals', () => {
  it('match the hand-enumerated 2-track / 2-detection case', () => {
    // tracks A, B both gate detections 1 and 2; miss weight w0 for each
    const a1 = 3;
    const a2 = 1;
    const b1 = 2;
    const b2 = 4;
    const w0 = 0.5;
    const cluster = {
      nTracks: 2,
      rowStart: Int32Array.of(0, 2, 4),
      colIdx: Int32Array.of(1, 2, 1, 2),
      weight: Float64Array.of(a1, a2, b1, b2),
      missWeight: Float64Array.of(w0, w0),
    };
    const beta0 = new Float64Array(2);
    const beta = new Float64Array(4);
    jpdaMarginals(cluster, beta0, beta);
    // hypotheses: (0,0) (1,0) (2,0) (0,1) (0,2) (1,2) (2,1)
    const h = {
      none: w0 * w0,
      a1: a1 * w0,
      a2: a2 * w0,
      b1: w0 * b1,
      b2: w0 * b2,
      a1b2: a1 * b2,
      a2b1: a2 * b1,
    };
    const total = Object.values(h).reduce((s, v) => s + v, 0);
    expect(beta0[0]).toBeCloseTo((h.none + h.b1 + h.b2) / total, 14);
    expect(beta[0]).toBeCloseTo((h.a1 + h.a1b2) / total, 14);
    expect(beta[1]).toBeCloseTo((h.a2 + h.a2b1) / total, 14);
    expect(beta0[1]).toBeCloseTo((h.none + h.a1 + h.a2) / total, 14);
    expect(beta[2]).toBeCloseTo((h.b1 + h.a2b1) / total, 14);
    expect(beta[3]).toBeCloseTo((h.b2 + h.a1b2) / total, 14);
  });

  it('cheap JPDA equals the exact PDA for a single track', () => {
    const cluster = {
      nTracks: 1,
      rowStart: Int32Array.of(0, 3),
      colIdx: Int32Array.of(0, 1, 2),
      weight: Float64Array.of(0.2, 1.5, 0.7),
      missWeight: Float64Array.of(0.3),
    };
    const e0 = new Float64Array(1);
    const e = new Float64Array(3);
    const c0 = new Float64Array(1);
    const c = new Float64Array(3);
    jpdaMarginals(cluster, e0, e);
    cheapJpdaMarginals(cluster, c0, c);
    expect(c0[0]).toBeCloseTo(e0[0], 14);
    for (let i = 0; i < 3; i++) expect(c[i]).toBeCloseTo(e[i], 14);
  });

  it('clustered associator splits independent tracks and keeps every track normalised', () => {
    const assoc = jpdaAssociator(0.9, 1e-6);
    // tracks 0 and 1 share detection 1; track 2 alone with detection 3; track 3 with nothing gated
    const input = {
      nTracks: 4,
      nDetections: 4,
      rowStart: Int32Array.of(0, 2, 4, 5, 5),
      colIdx: Int32Array.of(0, 1, 1, 2, 3),
      d2: Float64Array.of(0.5, 4, 1, 2, 0.1),
      logNorm: Float64Array.of(-8, -8, -8, -8),
    };
    const out = { beta0: new Float64Array(4), beta: new Float64Array(5) };
    assoc.associate(input, out);
    expect(out.beta0[0] + out.beta[0] + out.beta[1]).toBeCloseTo(1, 12);
    expect(out.beta0[1] + out.beta[2] + out.beta[3]).toBeCloseTo(1, 12);
    expect(out.beta0[2] + out.beta[4]).toBeCloseTo(1, 12);
    expect(out.beta0[3]).toBe(1);
    // single-track cluster: PDA with miss weight (1 − Pd)λ against Pd·N
    const w = 0.9 * Math.exp(-8 - 0.05);
    expect(out.beta[4]).toBeCloseTo(w / (w + 0.1 * 1e-6), 12);
  });
});
