/**
 * The coverage map as a reader gets it: the default extent holds the whole coloured area (it grows where P(kill) > 0
 * touches an edge, and says where it is still cut), and the SVG carries its furniture — graticule, scale bar, north
 * arrow, a discrete P(kill) legend. A golden SVG pins the drawing: after an intended change, regenerate and review
 * the diff in the same commit with `ASPIS_REGENERATE=1 npx vitest run test/coverageMap.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CoverageCell, coverageMap, fitCoverageGrid } from '../src/analysis/coverage.js';
import { radarCoverageAt } from '../src/analysis/coverageRadar.js';
import { defendedFootprint } from '../src/analysis/footprint.js';
import { PK_CLASS_COLORS, pkColor, renderCoverageSvg } from '../src/report/coverageSvg.js';
import { graticuleStep_deg, niceStep } from '../src/report/mapFurniture.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { loadScenario } from '../src/scenario/load.js';

const REGENERATE = process.env.ASPIS_REGENERATE === '1';

const cell = (pk: number): CoverageCell => ({
  lat_rad: 0,
  lon_rad: 0,
  pk,
  pkMin: pk,
  feasibleFraction: pk > 0 ? 1 : 0,
  feasible: pk > 0,
  reachable: true,
  pkByBattery: [pk],
});

const area_km2 = (map: ReturnType<typeof coverageMap>) =>
  defendedFootprint(map, 0.5).features.reduce((s, f) => s + f.properties.area_km2, 0);

describe('the default extent fits the coverage', () => {
  it('grows each side that P(kill) > 0 touches until the coloured area is inside', () => {
    // a disc of radius 25 cells off centre (east), started from a ±10 square: only east, north and south grow
    const disc = (r: number, c: number) => cell(r * r + (c - 8) ** 2 < 625 ? 1 : 0);
    const fit = fitCoverageGrid(disc, 10, 40, 5);
    expect(fit.edgeCut).toEqual([]);
    expect(fit.bounds.west).toBe(-20); // the disc ends at column -17: -10 → -15 (still touched) → -20
    expect(fit.bounds.east).toBeGreaterThanOrEqual(33);
    expect(fit.bounds.north).toBeGreaterThanOrEqual(25);
    expect(fit.cells).toHaveLength(
      (fit.bounds.north - fit.bounds.south + 1) * (fit.bounds.east - fit.bounds.west + 1),
    );
  });

  it('stops at the cap and names the sides still cut (a flat flier’s shadow runs on)', () => {
    const wedge = (_r: number, c: number) => cell(c > 0 ? 0.8 : 0);
    const fit = fitCoverageGrid(wedge, 10, 20, 5);
    expect(fit.bounds.east).toBe(20);
    expect(fit.bounds.west).toBe(-10);
    expect(fit.edgeCut).toEqual(['north', 'south', 'east']);
    // a given extent (cap = start) never grows
    expect(fitCoverageGrid(wedge, 10, 10, 5).bounds).toEqual({ south: -10, north: 10, west: -10, east: 10 });
  });

  it('Al Asad: the footprint at the default extent equals the footprint on a much larger grid', () => {
    const scenario = loadScenario(join(packageRoot(), 'scenarios', 'al-asad-2020.yaml'));
    const byDefault = coverageMap(scenario, { grid_m: 6000 });
    const wide = coverageMap(scenario, { grid_m: 6000, extent_m: 120_000 });
    expect(byDefault.edgeCut).toEqual([]);
    expect(area_km2(byDefault)).toBeGreaterThan(500);
    expect(area_km2(byDefault)).toBeCloseTo(area_km2(wide), 6);
  });
});

describe('coverage SVG furniture', () => {
  const scenario = loadScenario(join(packageRoot(), 'scenarios', 'erbil-2020.yaml'));
  const map = coverageMap(scenario, { grid_m: 8000 });
  const footprint = defendedFootprint(map, 0.5);
  const radar = radarCoverageAt(scenario, 5000, 0.1);
  const svg = `${renderCoverageSvg({ scenario, map, footprint, radar, pkThreshold: 0.5 })}\n`;

  it('has a graticule with labelled lines, a km scale bar, a north arrow and a legend of P(kill) classes', () => {
    expect(svg).toMatch(/<g id="graticule" data-step-deg="[\d.]+">/);
    expect((svg.match(/°N</g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect((svg.match(/°E</g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(svg).toMatch(/<g id="scale-bar"[\s\S]*>km<\/text>/);
    expect(svg).toContain('<g id="north-arrow"');
    expect(svg).toContain('<g id="legend">');
    expect((svg.match(/class="pk-class"/g) ?? []).length).toBe(PK_CLASS_COLORS.length);
    expect(svg).toContain('footprint: P(kill) ≥ 0.5');
    expect(svg).not.toContain('id="edge-note"');
    // small: the basemap is clipped to the frame
    expect(svg.length).toBeLessThan(100_000);
  });

  it('colours cells by discrete classes, one colour per class', () => {
    expect(pkColor(0.05)).toBe(PK_CLASS_COLORS[0]);
    expect(pkColor(0.5)).toBe(PK_CLASS_COLORS[2]);
    expect(pkColor(0.51)).toBe(PK_CLASS_COLORS[3]);
    expect(pkColor(1)).toBe(PK_CLASS_COLORS[5]);
    const used = new Set(svg.match(/fill="#[0-9a-f]{6}"/g));
    expect(PK_CLASS_COLORS.filter((c) => used.has(`fill="${c}"`)).length).toBeGreaterThanOrEqual(3);
  });

  it('picks round scale and graticule steps', () => {
    expect(niceStep(37)).toBe(20);
    expect(niceStep(10)).toBe(10);
    expect(graticuleStep_deg(1.3, 6)).toBe(0.25);
    expect(graticuleStep_deg(0.5, 6)).toBe(0.1);
  });

  it('matches the golden SVG (ASPIS_REGENERATE=1 rewrites it)', () => {
    const file = join(packageRoot(), 'test', 'fixtures', 'coverage', 'erbil-2020-8km.svg');
    if (REGENERATE) writeFileSync(file, svg);
    expect(svg).toBe(readFileSync(file, 'utf8'));
  });
});
