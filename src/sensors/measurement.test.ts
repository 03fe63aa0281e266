import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Aer, aerToEnu, dcmEnuFromEcef } from '../geo/frames.js';
import { polarCovarianceEnu, rotateCovarianceEnuToEcef } from './measurement.js';

const aerArbitrary = fc.record({
  azimuth_rad: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true, maxExcluded: true }),
  elevation_rad: fc.double({ min: -0.2, max: 1.5, noNaN: true }),
  range_m: fc.double({ min: 100, max: 300_000, noNaN: true }),
});

/** Numerical Jacobian ∂(e, n, u)/∂(r, az, el) by central differences, columns in that order. */
function numericJacobian(aer: Aer): number[][] {
  const steps = [1e-3, 1e-8, 1e-8];
  const keys = ['range_m', 'azimuth_rad', 'elevation_rad'] as const;
  return keys.map((key, column) => {
    const plus = aerToEnu({ ...aer, [key]: aer[key] + steps[column] });
    const minus = aerToEnu({ ...aer, [key]: aer[key] - steps[column] });
    return [0, 1, 2].map((i) => (plus[i] - minus[i]) / (2 * steps[column]));
  });
}

describe('polar → ENU converted-measurement covariance', () => {
  it('equals J·diag(σ²)·Jᵀ with the Jacobian taken numerically', () => {
    fc.assert(
      fc.property(aerArbitrary, (aer) => {
        const sigmas = { range_m: 20, azimuth_rad: 2e-3, elevation_rad: 3e-3 };
        const columns = numericJacobian(aer);
        const variances = [sigmas.range_m ** 2, sigmas.azimuth_rad ** 2, sigmas.elevation_rad ** 2];
        const cov = polarCovarianceEnu(aer, sigmas);
        const scale = Math.max(1, (aer.range_m * 3e-3) ** 2);
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 3; j++) {
            let expected = 0;
            for (let k = 0; k < 3; k++) expected += columns[k][i] * variances[k] * columns[k][j];
            expect(Math.abs(cov[3 * i + j] - expected) / scale).toBeLessThan(1e-5);
          }
        }
      }),
    );
  });

  it('puts the whole range variance along the line of sight', () => {
    const aer: Aer = { azimuth_rad: 0.7, elevation_rad: 0.2, range_m: 50_000 };
    const cov = polarCovarianceEnu(aer, { range_m: 30, azimuth_rad: 0, elevation_rad: 0 });
    const los = aerToEnu({ ...aer, range_m: 1 });
    let alongLos = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) alongLos += los[i] * cov[3 * i + j] * los[j];
    expect(alongLos).toBeCloseTo(900, 6);
  });
});

describe('ENU → ECEF covariance rotation', () => {
  it('keeps symmetry and trace and works in place (out === cov_enu)', () => {
    fc.assert(
      fc.property(
        aerArbitrary,
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (aer, lat_rad, lon_rad) => {
          const cov_enu = polarCovarianceEnu(aer, { range_m: 25, azimuth_rad: 1e-3, elevation_rad: 2e-3 });
          const dcm = dcmEnuFromEcef(lat_rad, lon_rad);
          const cov_ecef = rotateCovarianceEnuToEcef(dcm, cov_enu);
          const trace = cov_enu[0] + cov_enu[4] + cov_enu[8];
          expect(cov_ecef[0] + cov_ecef[4] + cov_ecef[8]).toBeCloseTo(
            trace,
            6 - Math.log10(Math.max(1, trace)),
          );
          expect(cov_ecef[1]).toBeCloseTo(cov_ecef[3], 6);
          expect(cov_ecef[2]).toBeCloseTo(cov_ecef[6], 6);
          expect(cov_ecef[5]).toBeCloseTo(cov_ecef[7], 6);
          const inPlace = rotateCovarianceEnuToEcef(dcm, cov_enu, cov_enu);
          expect(inPlace).toBe(cov_enu);
          expect(Array.from(inPlace)).toEqual(Array.from(cov_ecef));
        },
      ),
    );
  });
});
