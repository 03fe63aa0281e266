import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog, validateCatalogEntry } from '../scenario/catalog.js';
import type { RcsAspectTable } from '../scenario/types.js';
import { aspectAngle_rad, aspectAveragedRcs_m2, rcsAtAspect_m2, targetRcs_m2 } from './aspectRcs.js';

const DEG = Math.PI / 180;

/** SRBM-like table: nose-on 0.1 m², broadside 1 m². */
const table: RcsAspectTable = {
  aspect_rad: [0, 30 * DEG, 90 * DEG, 180 * DEG],
  rcs_m2: [0.1, 0.4, 1, 0.4],
};

const v = (x: number, y: number, z: number): Float64Array => Float64Array.of(x, y, z);

describe('rcsAtAspect_m2', () => {
  it('returns the table values at the nodes', () => {
    expect(rcsAtAspect_m2(table, 0)).toBeCloseTo(0.1, 14);
    expect(rcsAtAspect_m2(table, 30 * DEG)).toBeCloseTo(0.4, 14);
    expect(rcsAtAspect_m2(table, 90 * DEG)).toBeCloseTo(1, 14);
  });

  it('interpolates linearly in dB: midway between 0.1 and 0.4 m² is their geometric mean 0.2 m²', () => {
    expect(rcsAtAspect_m2(table, 15 * DEG)).toBeCloseTo(0.2, 12);
    // a third of the way from 0.4 (−3.979 dBsm) to 1 m² (0 dBsm) at 50°: −2.653 dBsm = 0.5429 m²
    expect(rcsAtAspect_m2(table, 50 * DEG)).toBeCloseTo(10 ** ((-3.9794000867 * 2) / 3 / 10), 9);
  });

  it('clamps outside the table', () => {
    const partial: RcsAspectTable = { aspect_rad: [10 * DEG, 90 * DEG], rcs_m2: [0.05, 2] };
    expect(rcsAtAspect_m2(partial, 0)).toBe(0.05);
    expect(rcsAtAspect_m2(partial, 170 * DEG)).toBe(2);
  });
});

describe('aspectAngle_rad', () => {
  const radar = v(0, 0, 0);
  it('is 0 nose-on, π/2 broadside, π tail-on', () => {
    expect(aspectAngle_rad(v(1000, 0, 0), v(-300, 0, 0), radar)).toBeCloseTo(0, 12);
    expect(aspectAngle_rad(v(1000, 0, 0), v(0, 300, 0), radar)).toBeCloseTo(Math.PI / 2, 12);
    expect(aspectAngle_rad(v(1000, 0, 0), v(300, 0, 0), radar)).toBeCloseTo(Math.PI, 12);
  });

  it('is NaN for a target at rest (no defined aspect), and the mean RCS is used', () => {
    expect(aspectAngle_rad(v(1000, 0, 0), v(0, 0, 0), radar)).toBeNaN();
    expect(
      targetRcs_m2({ pos_ecef: v(1000, 0, 0), vel_ecef: v(0, 0, 0), rcs_m2: 0.5, rcsAspect: table }, radar),
    ).toBe(0.5);
  });

  it('is symmetric: radars mirrored about the velocity see the same RCS', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        (along_m, across_m) => {
          const target = { pos_ecef: v(0, 0, 0), vel_ecef: v(250, 0, 0), rcs_m2: 0.5, rcsAspect: table };
          const left = targetRcs_m2(target, v(along_m, across_m, 0));
          const right = targetRcs_m2(target, v(along_m, -across_m, 0));
          const above = targetRcs_m2(target, v(along_m, 0, across_m));
          expect(right).toBeCloseTo(left, 12);
          expect(above).toBeCloseTo(left, 12);
        },
      ),
    );
  });

  it('leaves a target without a table at its single rcs_m2', () => {
    expect(targetRcs_m2({ pos_ecef: v(1000, 0, 0), vel_ecef: v(-1, 0, 0), rcs_m2: 0.7 }, radar)).toBe(0.7);
  });
});

describe('aspectAveragedRcs_m2', () => {
  it('is the constant for a flat table and ½∫σ sin α dα for a two-level table', () => {
    expect(aspectAveragedRcs_m2({ aspect_rad: [0, Math.PI], rcs_m2: [0.3, 0.3] })).toBeCloseTo(0.3, 6);
    // a step is not representable (interpolation); a 1°-wide ramp is close to: ½(1 − cos 90°)·1 + ½(1 + cos 90°)·0.01
    const step = { aspect_rad: [0, 89.5 * DEG, 90.5 * DEG, Math.PI], rcs_m2: [1, 1, 0.01, 0.01] };
    expect(aspectAveragedRcs_m2(step)).toBeCloseTo(0.505, 2);
  });

  it('matches rcs_m2 within 1 dB for every shipped threat with an aspect table', () => {
    const threats = [...loadCatalog().threats.values()].map((entry) => entry.value);
    const withTables = threats.filter((t) => t.rcsAspect !== undefined);
    expect(withTables.length).toBe(threats.length);
    for (const threat of withTables) {
      const mean_m2 = aspectAveragedRcs_m2(threat.rcsAspect as RcsAspectTable);
      expect(Math.abs(10 * Math.log10(mean_m2 / threat.rcs_m2)), threat.id).toBeLessThan(1);
    }
  });
});

describe('rcsAspect catalog validation', () => {
  const base = [...loadCatalog().threats.values()].find((e) => e.value.id === 'notional-owa-drone');
  it.each([
    [{ aspect_rad: ['0deg', '90deg'], rcs_m2: ['0.1m2'] }, 'rcsAspect.rcs_m2'],
    [{ aspect_rad: ['90deg', '0deg'], rcs_m2: ['0.1m2', '0.2m2'] }, 'rcsAspect.aspect_rad'],
    [{ aspect_rad: ['0deg', '200deg'], rcs_m2: ['0.1m2', '0.2m2'] }, 'rcsAspect.aspect_rad'],
    [{ aspect_rad: ['0deg', '90deg'], rcs_m2: ['0.1m2', '-1m2'] }, 'rcsAspect.rcs_m2'],
  ])('rejects %j with E_SCENARIO_FIELD at %s', (rcsAspect, path) => {
    const raw = { ...(base?.raw as object), rcsAspect };
    let error: unknown;
    try {
      validateCatalogEntry('threats', raw, 'E_SCENARIO_FIELD', 'catalog');
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ code: 'E_SCENARIO_FIELD' });
    expect(String((error as Error).message)).toContain(path);
  });
});
