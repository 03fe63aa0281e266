import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AspisError } from '../errors.js';
import { type Dimension, parseQuantity, STANDARD_GRAVITY_mps2 } from './quantity.js';

const DIMENSIONS: Dimension[] = [
  'length',
  'angle',
  'time',
  'speed',
  'mass',
  'area',
  'force',
  'accel',
  'dimensionless',
  'currency',
];

describe('parseQuantity', () => {
  const table: [unknown, Dimension, number][] = [
    [430000, 'length', 430000],
    ['430km', 'length', 430000],
    ['3 km', 'length', 3000],
    ['188m', 'length', 188],
    ['107mm', 'length', 0.107],
    ['-500m', 'length', -500],
    ['81deg', 'angle', (81 * Math.PI) / 180],
    ['0.5rad', 'angle', 0.5],
    ['10mrad', 'angle', 0.01],
    ['90s', 'time', 90],
    ['2h', 'time', 7200],
    ['15min', 'time', 900],
    ['4m', 'time', 240],
    ['1.5ms', 'time', 0.0015],
    ['185km/h', 'speed', 185 / 3.6],
    ['1.2km/s', 'speed', 1200],
    ['340m/s', 'speed', 340],
    ['200kg', 'mass', 200],
    ['1.5t', 'mass', 1500],
    ['0.1m2', 'area', 0.1],
    ['50kN', 'force', 50000],
    ['30g', 'accel', 30 * STANDARD_GRAVITY_mps2],
    ['300m/s2', 'accel', 300],
    ['$4M', 'currency', 4e6],
    ['4e6', 'currency', 4e6],
    ['4M', 'currency', 4e6],
    ['20k', 'currency', 20000],
    ['$1000M', 'currency', 1e9],
    [4e6, 'currency', 4e6],
    ['50%', 'dimensionless', 0.5],
    ['1e-6', 'dimensionless', 1e-6],
    [' 2.5 ', 'dimensionless', 2.5],
  ];
  it.each(table)('reads %s as %s in SI', (value, dimension, expected) => {
    expect(parseQuantity(value, dimension, 'x')).toBeCloseTo(expected, 12);
  });

  const bad: [unknown, Dimension][] = [
    [Number.NaN, 'length'],
    [Number.POSITIVE_INFINITY, 'time'],
    ['', 'length'],
    ['   ', 'time'],
    ['km', 'length'],
    ['3 parsecs', 'length'],
    ['81deg', 'length'],
    ['3km', 'time'],
    ['30g', 'speed'],
    ['1e999m', 'length'],
    ['3km extra', 'length'],
    [null, 'length'],
    [true, 'length'],
    [{ value: 3 }, 'length'],
    [[3], 'length'],
    ['$4M', 'length'],
    ['3constructor', 'length'],
    ['3__proto__', 'time'],
  ];
  it.each(bad)('rejects %s as %s with E_SCENARIO_FIELD naming the path and form', (value, dimension) => {
    let caught: unknown;
    try {
      parseQuantity(value, dimension, 'threats[2].interval');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AspisError);
    const error = caught as AspisError;
    expect(error.code).toBe('E_SCENARIO_FIELD');
    expect(error.path).toBe('threats[2].interval');
    expect(error.message).toMatch(/^E_SCENARIO_FIELD threats\[2\]\.interval: expected /);
  });

  it('never throws anything but AspisError and never returns a non-finite number (fuzz)', () => {
    const unitish = fc.stringMatching(/^[-+]?[0-9.eE]{0,6}\s?[a-zA-Z/$%°²0-9]{0,5}$/);
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.string(), unitish, fc.double()),
        fc.constantFrom(...DIMENSIONS),
        (v, d) => {
          try {
            const si = parseQuantity(v, d, 'p');
            return Number.isFinite(si);
          } catch (err) {
            return err instanceof AspisError && err.code === 'E_SCENARIO_FIELD';
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
