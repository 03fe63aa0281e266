/**
 * @module scenario/catalog
 * The shipped catalog of notional threat, interceptor, radar and gun types: one YAML file per entry under
 * `<package root>/src/scenario/catalog/<kind>/<id>.yaml`, validated per kind (`E_CATALOG` errors name the file and
 * field). A scenario may add entries or override fields of existing ones with `extends:`; `extendCatalog` does that
 * on the raw fields, then validates the merged entry like a shipped one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { AspisError, type AspisErrorCode } from '../errors.js';
import {
  CATALOG_ENTRY_SCHEMAS,
  CATALOG_KINDS,
  type CatalogEntryTypes,
  type CatalogKind,
} from './catalogSchema.js';
import { issueToError, joinPath } from './fields.js';

/** One validated catalog entry with the raw fields it came from (for `extends`) and where it came from. */
export interface CatalogEntry<T> {
  /** The validated entry, SI. */
  readonly value: T;
  /** The fields as written (units not yet parsed), the base of `extends` overrides. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** File (or `scenario:<path>`) the entry came from. */
  readonly origin: string;
}

/** All catalog sections, by id. */
export type Catalog = {
  readonly [K in CatalogKind]: ReadonlyMap<string, CatalogEntry<CatalogEntryTypes[K]>>;
};

/** Walks up from this module to the directory that holds package.json (works from `src/` and `dist/src/`). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new AspisError('E_CATALOG', '', 'cannot find the aspis package root (package.json)');
    dir = parent;
  }
}

/** Directory of the shipped catalog: `<package root>/src/scenario/catalog`. */
export function defaultCatalogDir(): string {
  return join(packageRoot(), 'src', 'scenario', 'catalog');
}

/** Cross-field checks the per-field schema cannot express; returns [field, message] of the first failure. */
function crossCheck(kind: CatalogKind, value: Record<string, unknown>): [string, string] | undefined {
  const num = (key: string): number => value[key] as number;
  if ((kind === 'threats' && value.kind !== 'drone' && value.kind !== 'cruise') || kind === 'interceptors') {
    if (!(num('propellantMass_kg') < num('launchMass_kg'))) {
      return ['propellantMass_kg', 'expected less than launchMass_kg'];
    }
  }
  if (kind === 'threats' && value.kind === 'ballistic' && !(num('reentryMass_kg') <= num('launchMass_kg'))) {
    return ['reentryMass_kg', 'expected at most launchMass_kg'];
  }
  if (kind === 'threats' && value.kind === 'rocket' && !(num('minRange_m') < num('maxRange_m'))) {
    return ['minRange_m', 'expected less than maxRange_m'];
  }
  if (kind === 'interceptors' && !(num('minInterceptAltitude_m') < num('maxInterceptAltitude_m'))) {
    return ['minInterceptAltitude_m', 'expected less than maxInterceptAltitude_m'];
  }
  if (
    kind === 'interceptors' &&
    value.minInterceptAltitudeAirBreathing_m !== undefined &&
    !(num('minInterceptAltitudeAirBreathing_m') < num('maxInterceptAltitude_m'))
  ) {
    return ['minInterceptAltitudeAirBreathing_m', 'expected less than maxInterceptAltitude_m'];
  }
  if (kind === 'radars' && !(num('minElevation_rad') < num('maxElevation_rad'))) {
    return ['minElevation_rad', 'expected less than maxElevation_rad'];
  }
  return undefined;
}

/**
 * Validates one raw entry of `kind`, deep-freezing the result.
 * @param where path prefix for errors (`threats/x.yaml` or `catalog.threats.x`)
 */
export function validateCatalogEntry<K extends CatalogKind>(
  kind: K,
  raw: unknown,
  code: AspisErrorCode,
  where: string,
): CatalogEntryTypes[K] {
  const schema = CATALOG_ENTRY_SCHEMAS[kind] as unknown as z.ZodType<CatalogEntryTypes[K]>;
  const result = schema.safeParse(raw);
  if (!result.success) throw issueToError(result.error, code, where);
  const failure = crossCheck(kind, result.data as unknown as Record<string, unknown>);
  if (failure !== undefined) throw new AspisError(code, joinPath(where, failure[0]), failure[1]);
  return deepFreeze(result.data);
}

/** True for a plain mapping (not null, not an array). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and validates one entry file. */
function readEntryFile<K extends CatalogKind>(
  kind: K,
  file: string,
  label: string,
): CatalogEntry<CatalogEntryTypes[K]> {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AspisError(
      'E_CATALOG',
      label,
      `cannot read or parse: ${err instanceof Error ? err.message : err}`,
      {
        cause: err,
      },
    );
  }
  if (!isRecord(raw)) throw new AspisError('E_CATALOG', label, 'expected a mapping of fields');
  const value = validateCatalogEntry(kind, raw, 'E_CATALOG', label);
  const stem = file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');
  if (value.id !== stem) throw new AspisError('E_CATALOG', `${label}.id`, `expected the file name '${stem}'`);
  return { value, raw: Object.freeze({ ...raw }), origin: label };
}

/**
 * Loads every entry of the catalog.
 * @param dir catalog directory with `threats/`, `interceptors/`, `radars/`, `guns/` (default: the shipped one)
 * @throws AspisError `E_CATALOG` naming the file and field of the first invalid entry
 */
export function loadCatalog(dir: string = defaultCatalogDir()): Catalog {
  const root = resolve(dir);
  if (!existsSync(root)) throw new AspisError('E_CATALOG', root, 'catalog directory not found');
  const sections: Partial<Record<CatalogKind, Map<string, CatalogEntry<unknown>>>> = {};
  for (const kind of CATALOG_KINDS) {
    const entries = new Map<string, CatalogEntry<unknown>>();
    const folder = join(root, kind);
    const files = existsSync(folder) ? readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)) : [];
    // sorted so that load order never depends on the file system
    files.sort();
    for (const name of files) {
      const entry = readEntryFile(kind, join(folder, name), `${kind}/${name}`);
      if (entries.has(entry.value.id))
        throw new AspisError('E_CATALOG', `${kind}/${name}.id`, 'duplicate id');
      entries.set(entry.value.id, entry);
    }
    sections[kind] = entries;
  }
  return sections as unknown as Catalog;
}

/** The raw fields of `id` in `kind`, resolving `extends` chains among `overrides` first, then the catalog. */
function resolveRaw(
  catalog: Catalog,
  kind: CatalogKind,
  overrides: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  id: string,
  prefix: string,
  seen: readonly string[],
): Record<string, unknown> {
  const path = `${prefix}.${kind}.${id}`;
  if (seen.includes(id))
    throw new AspisError('E_SCENARIO_REF', `${path}.extends`, `circular extends (${seen.join(' → ')})`);
  const own = overrides[id];
  if (own === undefined) {
    const shipped = catalog[kind].get(id);
    if (shipped === undefined) throw new AspisError('E_SCENARIO_REF', path, `unknown ${kind} id '${id}'`);
    return { ...shipped.raw };
  }
  const { extends: base, ...fields } = own;
  if (base === undefined) return { ...fields, id };
  if (typeof base !== 'string')
    throw new AspisError('E_SCENARIO_FIELD', `${path}.extends`, 'expected a catalog id');
  if (overrides[base] === undefined && !catalog[kind].has(base)) {
    throw new AspisError('E_SCENARIO_REF', `${path}.extends`, `unknown ${kind} id '${base}'`);
  }
  const parent = resolveRaw(catalog, kind, overrides, base, prefix, [...seen, id]);
  return {
    ...parent,
    name: `${String(parent.name)} (modified)`,
    source: `${String(parent.source)}; fields overridden by the scenario`,
    ...fields,
    id,
  };
}

/**
 * A new catalog with the scenario's additions and overrides (`catalog:` section of a scenario file).
 * Entries with `extends: <id>` start from that entry's raw fields; others must give every field of their kind.
 * @param prefix path prefix for errors (`catalog`)
 * @throws AspisError `E_SCENARIO_REF` for an unknown `extends`, `E_SCENARIO_FIELD` for an invalid merged entry
 */
export function extendCatalog(
  catalog: Catalog,
  overrides: Partial<Record<CatalogKind, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>,
  prefix = 'catalog',
): Catalog {
  const out: Partial<Record<CatalogKind, Map<string, CatalogEntry<unknown>>>> = {};
  for (const kind of CATALOG_KINDS) {
    const section = new Map<string, CatalogEntry<unknown>>(catalog[kind]);
    const own = overrides[kind] ?? {};
    for (const id of Object.keys(own).sort()) {
      const raw = resolveRaw(catalog, kind, own, id, prefix, []);
      const where = `${prefix}.${kind}.${id}`;
      const value = validateCatalogEntry(kind, raw, 'E_SCENARIO_FIELD', where);
      section.set(id, { value, raw: Object.freeze(raw), origin: `scenario:${where}` });
    }
    out[kind] = section;
  }
  return out as unknown as Catalog;
}

/** Recursively freezes an object graph (plain objects and arrays) and returns it. */
export function deepFreeze<T>(value: T): T {
  // typed arrays (terrain heights) cannot be frozen; they are read-only by convention
  if (ArrayBuffer.isView(value)) return value;
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
