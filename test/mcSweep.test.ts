/**
 * Sweeps: path parsing, field replacement in the scenario document, and a tiny two-point sweep with its SVG plot.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePath, parseSweep, runSweep, withField } from '../src/analysis/sweep.js';
import { sweepPlotSvg } from '../src/analysis/sweepPlot.js';
import { packageRoot } from '../src/scenario/catalog.js';

const erbilPath = join(packageRoot(), 'scenarios', 'erbil-2020.yaml');

describe('sweep paths', () => {
  it('parses keys, indices and hyphenated catalog ids', () => {
    expect(parsePath('units[0].doctrine.shotsPerThreat')).toEqual(['units', 0, 'doctrine', 'shotsPerThreat']);
    expect(parsePath('catalog.interceptors.my-pac2.pkMax')).toEqual([
      'catalog',
      'interceptors',
      'my-pac2',
      'pkMax',
    ]);
    expect(parseSweep('units[0].fireChannels=1, 2,3').values).toEqual([1, 2, 3]);
    expect(parseSweep('units[0].doctrine.mode=salvo,shoot-look-shoot').values).toEqual([
      'salvo',
      'shoot-look-shoot',
    ]);
    expect(() => parseSweep('units[0].fireChannels')).toThrow(/path=v1,v2/);
  });

  it('replaces one field in a copy, creates missing mappings and explains missing catalog entries', () => {
    const doc = { units: [{ doctrine: { shotsPerThreat: 2 } }, { id: 'b' }] };
    const out = withField(doc, ['units', 1, 'doctrine', 'shotsPerThreat'], 3) as typeof doc & {
      units: { doctrine?: { shotsPerThreat: number } }[];
    };
    expect(out.units[1].doctrine?.shotsPerThreat).toBe(3);
    expect(doc.units[1]).toEqual({ id: 'b' });
    expect(() => withField(doc, ['units', 5, 'x'], 1)).toThrow(/units\[5\]/);
    expect(() => withField(doc, ['catalog', 'interceptors', 'my-pac2', 'pkMax'], 0.5)).toThrow(/extends/);
  });
});

describe('runSweep', () => {
  it('runs one batch per value with common seeds and plots PRA and leakers', async () => {
    const yaml = readFileSync(erbilPath, 'utf8');
    // a catalog override swept through a scenario-level entry that extends the shipped interceptor
    const withCatalog = `${yaml.replace('interceptor: notional-pac2-gem', 'interceptor: my-pac2')}\ncatalog:\n  interceptors:\n    my-pac2: { extends: notional-pac2-gem }\n`;
    const points = await runSweep(
      withCatalog,
      'erbil.yaml',
      parseSweep('catalog.interceptors.my-pac2.pkMax=0.3,0.9'),
      {
        runs: 4,
        seed: 2,
      },
    );
    expect(points.map((p) => p.value)).toEqual([0.3, 0.9]);
    expect(points[0].result.aggregate.pra.p).toBeLessThanOrEqual(points[1].result.aggregate.pra.p);
    const svg = await sweepPlotSvg(points, 'pkMax', 'test');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('PRA');
  });
});
