import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/scenario/catalog.js';
import { NOTIONAL_CRAM, NOTIONAL_PAC2_GEM, NOTIONAL_PAC3_MSE } from './weaponFixtures.js';

describe('weapon fixtures', () => {
  it('match the catalog YAML numbers they mirror', () => {
    const catalog = loadCatalog();
    const strip = <T extends object>(v: T) => {
      const { source: _source, name: _name, ...numbers } = v as T & { source: string; name: string };
      return numbers;
    };
    for (const fixture of [NOTIONAL_PAC2_GEM, NOTIONAL_PAC3_MSE]) {
      const entry = catalog.interceptors.get(fixture.id);
      expect(entry).toBeDefined();
      if (entry) expect(strip(entry.value)).toEqual(strip(fixture));
    }
    const gun = catalog.guns.get(NOTIONAL_CRAM.id);
    expect(gun).toBeDefined();
    if (gun) expect(strip(gun.value)).toEqual(strip(NOTIONAL_CRAM));
  });
});
