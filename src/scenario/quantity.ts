/**
 * @module scenario/quantity
 * Quantities with units at the I/O edge. A scenario or catalog file may write a physical value as an SI number
 * (`430000`) or as a string with a unit (`430km`, `81deg`, `15min`, `185km/h`, `30g`, `$4M`); this module turns
 * either into one SI number (m, rad, s, m/s, kg, m², N, m/s², USD) exactly once, and rejects anything else with a
 * coded `E_SCENARIO_FIELD` error that names the field and the accepted form.
 */
import { AspisError } from '../errors.js';

/** The physical dimensions a scenario quantity can have; each maps to one SI unit. */
export type Dimension =
  | 'length'
  | 'angle'
  | 'time'
  | 'speed'
  | 'mass'
  | 'area'
  | 'force'
  | 'accel'
  | 'dimensionless'
  | 'currency';

/** Standard gravity, m/s² (CGPM 1901), used by the `g` unit of acceleration. */
export const STANDARD_GRAVITY_mps2 = 9.80665;

/** Unit symbol → factor to the SI unit of the dimension; the empty symbol is the SI unit itself. */
const UNITS: Readonly<Record<Dimension, Readonly<Record<string, number>>>> = {
  length: { '': 1, m: 1, km: 1000, cm: 0.01, mm: 0.001, ft: 0.3048, mi: 1609.344, nmi: 1852 },
  angle: { '': 1, rad: 1, mrad: 0.001, deg: Math.PI / 180, '°': Math.PI / 180 },
  time: { '': 1, s: 1, ms: 0.001, m: 60, min: 60, h: 3600, d: 86400 },
  speed: { '': 1, 'm/s': 1, mps: 1, 'km/h': 1000 / 3600, kph: 1000 / 3600, 'km/s': 1000, kn: 1852 / 3600 },
  mass: { '': 1, kg: 1, g: 0.001, t: 1000, lb: 0.45359237 },
  area: { '': 1, m2: 1, 'm²': 1, cm2: 1e-4, 'cm²': 1e-4 },
  force: { '': 1, N: 1, kN: 1000, MN: 1e6 },
  accel: { '': 1, 'm/s2': 1, 'm/s²': 1, mps2: 1, g: STANDARD_GRAVITY_mps2 },
  dimensionless: { '': 1, '%': 0.01 },
  currency: { '': 1, k: 1e3, M: 1e6, B: 1e9, bn: 1e9, USD: 1 },
};

/** SI unit and an example string, for error messages. */
const EXPECTED_FORM: Readonly<Record<Dimension, string>> = {
  length: "a length: number (SI, m) or string with unit like '3km', '188m'",
  angle: "an angle: number (SI, rad) or string with unit like '81deg', '0.5rad'",
  time: "a duration: number (SI, s) or string with unit like '90s', '15min' (or '15m'), '2h'",
  speed: "a speed: number (SI, m/s) or string with unit like '185km/h', '1.2km/s', '340m/s'",
  mass: "a mass: number (SI, kg) or string with unit like '200kg', '1.5t'",
  area: "an area: number (SI, m²) or string with unit like '0.1m2'",
  force: "a force: number (SI, N) or string with unit like '50kN'",
  accel: "an acceleration: number (SI, m/s²) or string with unit like '30g', '300m/s2'",
  dimensionless: "a plain number, or a percentage like '50%'",
  currency: "an amount in USD: number or string like '$4M', '20k', '$1000M'",
};

/** A decimal number (optional sign, fraction, exponent) followed by an optional unit symbol. */
const QUANTITY_PATTERN = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-z%°²/]*[A-Za-z%°²0-9]*)$/;

/** The form a quantity of `dimension` may take, for documentation and error messages. */
export function expectedForm(dimension: Dimension): string {
  return EXPECTED_FORM[dimension];
}

/**
 * Parses one quantity into its SI value.
 * @param value an SI number, or a string `<number><unit>` (spaces allowed between; a leading `$` for currency)
 * @param dimension what the field measures; picks the accepted units and the SI unit of the result
 * @param path field path for the error, e.g. `threats[0].interval`
 * @returns the value in SI (m, rad, s, m/s, kg, m², N, m/s², USD); always finite
 * @throws AspisError `E_SCENARIO_FIELD` for a non-finite number, an empty or malformed string, or a unit of another
 *   dimension
 */
export function parseQuantity(value: unknown, dimension: Dimension, path: string): number {
  const result = tryParseQuantity(value, dimension);
  if (result === undefined)
    throw new AspisError('E_SCENARIO_FIELD', path, `expected ${EXPECTED_FORM[dimension]}`);
  return result;
}

/** As `parseQuantity`, but returns `undefined` instead of throwing (for schema transforms that report issues). */
export function tryParseQuantity(value: unknown, dimension: Dimension): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  let text = value.trim();
  // currency may start with a dollar sign
  if (dimension === 'currency' && text.startsWith('$')) text = text.slice(1).trim();
  const match = QUANTITY_PATTERN.exec(text);
  if (match === null) return undefined;
  const units = UNITS[dimension];
  if (!Object.hasOwn(units, match[2])) return undefined;
  const factor = units[match[2]];
  const si = Number(match[1]) * factor;
  return Number.isFinite(si) ? si : undefined;
}
