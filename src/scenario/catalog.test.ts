import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AspisError } from '../errors.js';
import { defaultCatalogDir, extendCatalog, loadCatalog } from './catalog.js';

/** Runs `fn` and returns the AspisError it throws. */
function errorOf(fn: () => unknown): AspisError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AspisError) return err;
    throw err;
  }
  throw new Error('expected an AspisError');
}

/** True when every number reachable from `value` is finite. */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  return Object.values(value).every(allFinite);
}

/** A copy of the shipped catalog in a temp dir, to break one file. */
function catalogCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aspis-catalog-'));
  cpSync(defaultCatalogDir(), dir, { recursive: true });
  return dir;
}

describe('loadCatalog', () => {
  const catalog = loadCatalog();

  it('loads every shipped entry, notional, with a source note and SI numbers', () => {
    expect([...catalog.threats.keys()].sort()).toEqual([
      'notional-cruise-missile',
      'notional-owa-drone',
      'notional-rocket-107mm',
      'notional-rocket-122mm',
      'notional-small-uas',
      'notional-srbm-300km',
      'notional-srbm-500km',
      'notional-srbm-750km',
    ]);
    expect([...catalog.interceptors.keys()].sort()).toEqual([
      'notional-pac2-gem',
      'notional-pac3-mse',
      'notional-shorad-ir',
    ]);
    expect([...catalog.radars.keys()].sort()).toEqual([
      'notional-cram-radar',
      'notional-mfr',
      'notional-shorad-radar',
    ]);
    expect([...catalog.guns.keys()]).toEqual(['notional-cram']);
    for (const section of [catalog.threats, catalog.interceptors, catalog.radars, catalog.guns]) {
      for (const entry of section.values()) {
        expect(entry.value.notional).toBe(true);
        expect(entry.value.source.length).toBeGreaterThan(20);
        expect(allFinite(entry.value)).toBe(true);
        expect(Object.isFrozen(entry.value)).toBe(true);
      }
    }
  });

  it('parses unit strings by the field suffix', () => {
    const drone = catalog.threats.get('notional-owa-drone')?.value;
    expect(drone?.kind === 'drone' && drone.speed_mps).toBeCloseTo(185 / 3.6, 12);
    const cruise = catalog.threats.get('notional-cruise-missile')?.value;
    expect(cruise?.kind === 'cruise' && cruise.speed_mps).toBeCloseTo(800 / 3.6, 12);
    expect(cruise).toMatchObject({ cruiseHeightAgl_m: 50, terminal: 'dive', rcs_m2: 0.1 });
    expect(catalog.radars.get('notional-mfr')?.value.sectorWidth_rad).toBeCloseTo((2 * Math.PI) / 3, 12);
    expect(catalog.guns.get('notional-cram')?.value).toMatchObject({
      rateOfFire_rps: 75,
      ammunition: 1500,
      engagementRadius_m: 1500,
    });
    expect(catalog.interceptors.get('notional-pac3-mse')?.value.cost_usd).toBe(4e6);
    expect(catalog.threats.get('notional-srbm-750km')?.value.reliability).toBe(0.75);
  });

  it('names the file and field of an invalid entry with E_CATALOG', () => {
    const dir = catalogCopy();
    const file = join(dir, 'threats', 'notional-srbm-500km.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('cep_m: 30m', 'cep_m: 30deg'));
    const error = errorOf(() => loadCatalog(dir));
    expect(error.code).toBe('E_CATALOG');
    expect(error.path).toBe('threats/notional-srbm-500km.yaml.cep_m');
  });

  it('rejects an entry whose id differs from its file name, and a missing field', () => {
    const dir = catalogCopy();
    mkdirSync(join(dir, 'guns'), { recursive: true });
    const gun = readFileSync(join(dir, 'guns', 'notional-cram.yaml'), 'utf8');
    writeFileSync(join(dir, 'guns', 'other.yaml'), gun);
    expect(errorOf(() => loadCatalog(dir)).path).toBe('guns/other.yaml.id');
    writeFileSync(
      join(dir, 'guns', 'other.yaml'),
      gun.replace('id: notional-cram', 'id: other').replace(/^burst_s.*$/m, ''),
    );
    const missing = errorOf(() => loadCatalog(dir));
    expect(missing.path).toBe('guns/other.yaml.burst_s');
    expect(missing.message).toMatch(/required/);
  });

  it('rejects a missing catalog directory with E_CATALOG', () => {
    expect(errorOf(() => loadCatalog(join(tmpdir(), 'aspis-no-catalog-here'))).code).toBe('E_CATALOG');
  });
});

describe('extendCatalog', () => {
  const catalog = loadCatalog();

  it('overrides only the listed fields of an extended entry, and keeps the base untouched', () => {
    const extended = extendCatalog(catalog, {
      threats: { 'my-srbm': { extends: 'notional-srbm-500km', cep_m: '50m' } },
    });
    const mine = extended.threats.get('my-srbm')?.value;
    const base = catalog.threats.get('notional-srbm-500km')?.value;
    expect(mine).toEqual({
      ...base,
      id: 'my-srbm',
      cep_m: 50,
      name: `${base?.name} (modified)`,
      source: mine?.source,
    });
    expect(mine?.source).toContain(base?.source ?? '?');
    expect(catalog.threats.has('my-srbm')).toBe(false);
  });

  it('follows extends chains inside the scenario and rejects cycles', () => {
    const chained = extendCatalog(catalog, {
      radars: {
        a: { extends: 'notional-mfr', maxRange_m: '100km' },
        b: { extends: 'a', scanInterval_s: '2s' },
      },
    });
    expect(chained.radars.get('b')?.value).toMatchObject({ maxRange_m: 100000, scanInterval_s: 2 });
    const cycle = errorOf(() =>
      extendCatalog(catalog, { radars: { a: { extends: 'b' }, b: { extends: 'a' } } }),
    );
    expect(cycle.code).toBe('E_SCENARIO_REF');
  });

  it('validates a new entry without extends like a shipped one', () => {
    const error = errorOf(() =>
      extendCatalog(catalog, { guns: { g: { name: 'x', notional: true, source: 's' } } }),
    );
    expect(error.code).toBe('E_SCENARIO_FIELD');
    expect(error.path).toMatch(/^catalog\.guns\.g\./);
  });
});
