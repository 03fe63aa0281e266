/**
 * @module scenario/fields
 * Zod building blocks shared by the scenario schema and the catalog entry schemas: unit-bearing quantities (parsed to
 * SI inside the schema, so every issue carries its field path), geodetic points in degrees, and the error mapping
 * from a zod issue to a coded `AspisError` with a `threats[0].from.lat` style path.
 */
import { z } from 'zod';
import { AspisError, type AspisErrorCode, type AspisIssue } from '../errors.js';
import { type Dimension, expectedForm, tryParseQuantity } from './quantity.js';

/** SI unit written in the schema docs for each dimension. */
const SI_UNIT: Readonly<Record<Dimension, string>> = {
  length: 'm',
  angle: 'rad',
  time: 's',
  speed: 'm/s',
  mass: 'kg',
  area: 'm²',
  force: 'N',
  accel: 'm/s²',
  dimensionless: '1',
  currency: 'USD',
};

/** A zod error function: "required field is missing" for absent input, else `expected <text>`. */
export function expecting(text: string) {
  return (issue: { input?: unknown }): string =>
    issue.input === undefined ? `required field is missing (expected ${text})` : `expected ${text}`;
}

/** Inclusive/exclusive bounds on the SI value of a quantity. */
export interface QuantityBounds {
  /** Smallest allowed SI value (inclusive). */
  readonly min?: number;
  /** Largest allowed SI value (inclusive). */
  readonly max?: number;
  /** Require the SI value to be strictly positive. */
  readonly positive?: boolean;
  /** Require an integer. */
  readonly integer?: boolean;
  /** Why the bounds are what they are, appended to the error message and the schema doc (docs/limits.md). */
  readonly why?: string;
}

/** Human text for bounds, e.g. "> 0" or "in 0..1". */
function describeBounds(bounds: QuantityBounds): string {
  const parts: string[] = [];
  if (bounds.positive) parts.push('> 0');
  if (bounds.min !== undefined && bounds.max !== undefined) parts.push(`in ${bounds.min}..${bounds.max}`);
  else if (bounds.min !== undefined) parts.push(`>= ${bounds.min}`);
  else if (bounds.max !== undefined) parts.push(`<= ${bounds.max}`);
  if (bounds.integer) parts.push('integer');
  return parts.join(', ');
}

/** True when `si` satisfies `bounds`. */
function withinBounds(si: number, bounds: QuantityBounds): boolean {
  if (bounds.positive && !(si > 0)) return false;
  if (bounds.min !== undefined && si < bounds.min) return false;
  if (bounds.max !== undefined && si > bounds.max) return false;
  if (bounds.integer && !Number.isInteger(si)) return false;
  return true;
}

/**
 * A quantity field: accepts an SI number or a string with a unit of `dimension`, outputs the SI number.
 * Bounds apply to the SI value (e.g. `{ positive: true }` for a radius).
 */
export function quantity(dimension: Dimension, description: string, bounds: QuantityBounds = {}) {
  const boundsText = describeBounds(bounds);
  const form = expectedForm(dimension);
  return z
    .union([z.number(), z.string()], { error: expecting(form) })
    .transform((value, ctx): number => {
      const si = tryParseQuantity(value, dimension);
      if (si === undefined) {
        ctx.addIssue({ code: 'custom', message: `expected ${form}` });
        return z.NEVER;
      }
      if (!withinBounds(si, bounds)) {
        ctx.addIssue({
          code: 'custom',
          message: `expected ${boundsText} (SI ${SI_UNIT[dimension]}), got ${si}${bounds.why ? `: ${bounds.why}` : ''}`,
        });
        return z.NEVER;
      }
      return si;
    })
    .describe(
      `${description} — number (SI, ${SI_UNIT[dimension]}) or string with unit` +
        (boundsText ? `; ${boundsText}` : '') +
        (bounds.why ? ` (${bounds.why})` : ''),
    );
}

/** A plain finite number with bounds (counts, probabilities, dB). */
export function plainNumber(description: string, bounds: QuantityBounds = {}) {
  const boundsText = describeBounds(bounds);
  return z
    .number({ error: expecting(`a number${boundsText ? ` ${boundsText}` : ''}`) })
    .refine((n) => withinBounds(n, bounds), {
      message: `expected ${boundsText}${bounds.why ? `: ${bounds.why}` : ''}`,
    })
    .describe(
      (boundsText ? `${description}; ${boundsText}` : description) + (bounds.why ? ` (${bounds.why})` : ''),
    );
}

/** Latitude in decimal degrees. */
export const latitudeDeg = z
  .number({ error: expecting('a latitude in decimal degrees, -90..90') })
  .min(-90, { error: 'expected -90..90' })
  .max(90, { error: 'expected -90..90' })
  .describe('Latitude, decimal degrees north (WGS84), -90..90');

/** Longitude in decimal degrees. */
export const longitudeDeg = z
  .number({ error: expecting('a longitude in decimal degrees, -180..180') })
  .min(-180, { error: 'expected -180..180' })
  .max(180, { error: 'expected -180..180' })
  .describe('Longitude, decimal degrees east (WGS84), -180..180');

/** A point on the ground or in the air: lat/lon in degrees, optional height above the ellipsoid. */
export const pointSchema = z
  .strictObject({
    lat: latitudeDeg,
    lon: longitudeDeg,
    alt: quantity('length', 'Height above the WGS84 ellipsoid', { min: -500, max: 1e6 }).prefault('0m'),
  })
  .describe('Geodetic point: { lat, lon } in decimal degrees, optional alt (default 0 m)');

/** An identifier: letters, digits, `-`, `_`, `.`, starting with a letter or digit. */
export const idSchema = z
  .string({ error: expecting('an id string') })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'expected an id of letters, digits, "-", "_" or "."' })
  .max(100, { error: 'expected an id of at most 100 characters' });

/** Formats a zod path as `threats[0].from.lat`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Joins a prefix path and a sub-path (`catalog.threats.x` + `cep_m`). */
export function joinPath(prefix: string, sub: string): string {
  if (prefix === '') return sub;
  if (sub === '') return prefix;
  return sub.startsWith('[') ? `${prefix}${sub}` : `${prefix}.${sub}`;
}

/** The most specific issue: inside a union, the branch issue that reaches deepest into the input. */
function mostSpecificIssue(issue: z.core.$ZodIssue): { issue: z.core.$ZodIssue; path: PropertyKey[] } {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    let best: { issue: z.core.$ZodIssue; path: PropertyKey[] } | undefined;
    for (const branch of issue.errors) {
      const first = branch[0];
      if (first === undefined) continue;
      const candidate = mostSpecificIssue(first);
      if (best === undefined || candidate.path.length > best.path.length) best = candidate;
    }
    // a branch that fails at the union's own level says less than the union's message
    if (best !== undefined && best.path.length > 0) {
      return { issue: best.issue, path: [...issue.path, ...best.path] };
    }
  }
  return { issue, path: [...issue.path] };
}

/** Maps one zod issue to a coded issue with a `threats[0].from.lat` style path (one per unknown key). */
function issuesOf(
  zodIssue: z.core.$ZodIssue,
  code: AspisErrorCode,
  prefix: string,
  describeWhere: (path: string) => string,
): AspisIssue[] {
  const { issue, path } = mostSpecificIssue(zodIssue);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      code,
      path: describeWhere(joinPath(prefix, formatPath([...path, key]))),
      message: 'unknown key (check the spelling; `aspis schema` lists fields)',
    }));
  }
  return [{ code, path: describeWhere(joinPath(prefix, formatPath(path))), message: issue.message }];
}

/**
 * Maps every zod issue to one `AspisError` listing them all, sorted by path
 * (`E_SCENARIO_FIELD threats[0].from.lat: expected -90..90`, one line per problem).
 * @param prefix path prepended to the issue path (e.g. `catalog.threats.my-srbm`)
 */
export function issueToError(
  error: z.ZodError,
  code: AspisErrorCode,
  prefix = '',
  describeWhere: (path: string) => string = (path) => path,
): AspisError {
  const issues = error.issues.flatMap((issue) => issuesOf(issue, code, prefix, describeWhere));
  if (issues.length === 0) return new AspisError(code, prefix, 'invalid input');
  return AspisError.ofIssues(issues, { cause: error });
}
