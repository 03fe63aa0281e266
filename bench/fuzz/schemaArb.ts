/**
 * @module bench/fuzz/schemaArb
 * fast-check arbitraries for documents of a JSON Schema (the one `aspis schema` prints, src/scenario/schema.ts).
 * Numbers lie within the bounds the schema or its description states (edges come from mutations, cases.ts);
 * quantities (`number | string`) also as strings with their SI unit; ids come from a small pool so references between assets, units and
 * raids resolve often enough to reach the engine; catalog ids from the shipped catalog (docs/fuzz.md).
 */
import fc from 'fast-check';

type Schema = Record<string, unknown>;

/** Ids used for every id-like string, so references resolve. */
const ID_POOL = ['a', 'b', 'c'];

/** Options of `schemaArb`. */
export interface SchemaArbOptions {
  /** Catalog ids by the word the description uses ("Threat catalog id" → threat ids). */
  readonly catalogIds: Readonly<Record<'threat' | 'interceptor' | 'radar' | 'gun', readonly string[]>>;
  /** Largest generated array length (schemas allow up to 10,000 rounds; a fuzz case stays small). */
  readonly maxArray: number;
}

/** SI unit the description names (`number (SI, s)`), mapped to unit strings the quantity parser reads. */
function unitsOf(description: string): string[] {
  const m = /\(SI, ([^)]+)\)/.exec(description);
  switch (m?.[1]) {
    case 's':
      return ['s'];
    case 'm':
      return ['m'];
    case 'rad':
      return ['rad'];
    default:
      return [''];
  }
}

/** Bounds the description states (`in 0..600`, `> 0, <= 10`, `>= 0`), SI; the schema's own when it has them. */
function boundsOf(schema: Schema): { min: number; max: number; strict: boolean } {
  const description = String(schema.description ?? '');
  const num = '(-?[0-9.]+(?:e[+-]?[0-9]+)?)';
  const range = new RegExp(`in ${num}\\.\\.${num}`).exec(description);
  const above = new RegExp(`>=? ${num}`).exec(description);
  const below = new RegExp(`<= ${num}`).exec(description);
  let min = range ? Number(range[1]) : above ? Number(above[1]) : -1e6;
  let max = range ? Number(range[2]) : below ? Number(below[1]) : 1e6;
  if (typeof schema.minimum === 'number') min = schema.minimum;
  if (typeof schema.maximum === 'number') max = schema.maximum;
  return { min, max, strict: /(^|[^>])> /.test(description) && !/>=/.test(description) };
}

function numberArb(schema: Schema): fc.Arbitrary<number> {
  const { min, max, strict } = boundsOf(schema);
  const integer = /integer/.test(String(schema.description ?? ''));
  const inRange = integer
    ? fc.integer({ min: Math.max(Math.ceil(min), -1e6), max: Math.min(Math.floor(max), 1e6) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  // edges come from the case's mutations (cases.ts), so most documents reach the engine
  return strict ? inRange.filter((v) => v > min) : inRange;
}

function quantityArb(schema: Schema): fc.Arbitrary<number | string> {
  const unit = unitsOf(String(schema.description ?? ''))[0];
  const { min, max, strict } = boundsOf(schema);
  // in range, skewed to the low end (a fuzz run should stay short), written as SI or with its unit
  const inRange = fc
    .double({ min: 0, max: 1, noNaN: true })
    .map((u) => Math.max(min, Math.min(max, min + (Math.min(max, 1e4) - min) * u ** 3)))
    .filter((v) => !strict || v > min);
  return fc.oneof(
    inRange,
    inRange.map((n) => `${n}${unit}`),
  );
}

function stringArb(schema: Schema, options: SchemaArbOptions): fc.Arbitrary<string> {
  const description = String(schema.description ?? '');
  const catalog = /^(Threat|Interceptor|Radar|Gun) catalog id/.exec(description);
  if (catalog) {
    const kind = catalog[1].toLowerCase() as keyof SchemaArbOptions['catalogIds'];
    return fc.constantFrom(...options.catalogIds[kind]);
  }
  if (/M\/N/.test(description) || /"M\/N"/.test(description))
    return fc.constantFrom('3/4', '1/1', '31/31', '2/3');
  if (/ISO-8601/.test(description))
    return fc.constantFrom('2020-01-08T01:30:00+03:00', '2021-02-15T21:00:00Z');
  if (/DEM/.test(description)) return fc.constantFrom('terrain/missing.tif', '../package.json');
  if (typeof schema.pattern === 'string') return fc.constantFrom(...ID_POOL);
  return fc.constantFrom('fuzz', 'x y', 'ü');
}

/** Resolves a local `$ref` (`#/$defs/x`). */
function deref(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Schema)[part];
  return node as Schema;
}

/**
 * An arbitrary producing documents of `schema` (mostly valid, with edge values), or `fc.constant({})` where the
 * schema says nothing usable (free-form catalog entries).
 * @param depth guard for self-referencing schemas
 */
export function schemaArb(
  input: Schema,
  root: Schema,
  options: SchemaArbOptions,
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = deref(input, root);
  if (depth > 12) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const branches = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (Array.isArray(branches))
    return fc.oneof(...branches.map((b) => schemaArb(b, root, options, depth + 1)));
  const type = schema.type;
  if (Array.isArray(type)) {
    if (type.includes('number') && type.includes('string')) return quantityArb(schema);
    return fc.constant(null);
  }
  switch (type) {
    case 'object':
      return objectArb(schema, root, options, depth);
    case 'array': {
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : options.maxArray;
      const maxLength = Math.max(minLength, Math.min(maxItems, options.maxArray));
      return fc.array(schemaArb((schema.items ?? {}) as Schema, root, options, depth + 1), {
        minLength,
        maxLength,
      });
    }
    case 'number':
    case 'integer':
      return numberArb(schema);
    case 'string':
      return stringArb(schema, options);
    case 'boolean':
      return fc.boolean();
    default:
      return fc.constant({});
  }
}

function objectArb(
  schema: Schema,
  root: Schema,
  options: SchemaArbOptions,
  depth: number,
): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const keys = Object.keys(properties);
  if (keys.length === 0) return fc.constant({});
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of keys) model[key] = schemaArb(properties[key], root, options, depth + 1);
  return fc.record(model, { requiredKeys: keys.filter((k) => required.has(k)) });
}
