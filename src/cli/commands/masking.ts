/**
 * @module cli/commands/masking
 * `aspis masking FILE [--unit ID] [--range 60km] [--out FILE.svg|FILE.geojson]`: terrain masking of each radar of a
 * scenario with a DEM. Prints, per radar, the lowest visible target height above the ground (AGL) every 30° of
 * azimuth at four ranges (¼, ½, ¾ and all of `--range`), and optionally writes the polar map (2° × range/40 cells)
 * as an SVG picture or GeoJSON polygons. Units are converted here, once (km and degrees out; SI inside).
 */

import Table from 'cli-table3';
import type { Command } from 'commander';
import { type LowestVisibleGrid, lowestVisibleHeightGrid } from '../../analysis/terrainCoverage.js';
import type { Terrain } from '../../env/terrain.js';
import { AspisError } from '../../errors.js';
import { writeFileAtomic } from '../../files.js';
import { geodesicDirect } from '../../geo/geodesic.js';
import { loadScenario } from '../../scenario/load.js';
import type { Radar } from '../../scenario/types.js';
import { parseLength } from './coverage.js';

const DEG = Math.PI / 180;
const TABLE_AZIMUTH_STEP_deg = 30;
const MAP_AZIMUTH_STEP_deg = 2;
const MAP_RANGE_CELLS = 40;

interface MaskingFlags {
  unit?: string;
  range: number;
  out?: string;
}

/** Every radar of the scenario's units (extra radars included), optionally of one unit. */
function radarsOf(
  units: readonly { id: string; radar: Radar; extraRadars?: readonly Radar[] }[],
  unit?: string,
) {
  const chosen = unit === undefined ? units : units.filter((u) => u.id === unit);
  if (chosen.length === 0) throw new AspisError('E_USAGE', '--unit', `no unit '${unit}' in the scenario`);
  return chosen.flatMap((u) => [u.radar, ...(u.extraRadars ?? [])]);
}

/** AGL floor colour: green (ground visible) → yellow → red (≥ 1 km masked). */
function floorColor(agl_m: number): string {
  const x = Math.min(1, Math.max(0, agl_m / 1000));
  const r = Math.round(x < 0.5 ? 510 * x : 255);
  const g = Math.round(x < 0.5 ? 200 : 200 * (2 - 2 * x));
  return `rgb(${r},${g},60)`;
}

/** The polar maps as one SVG: one disc per radar, north up, cells coloured by the AGL floor. */
function renderSvg(grids: readonly LowestVisibleGrid[], range_m: number): string {
  const size = 360;
  const radius = 160;
  const parts: string[] = [];
  grids.forEach((grid, k) => {
    const cx = k * size + size / 2;
    const cy = size / 2 + 20;
    const dAz = MAP_AZIMUTH_STEP_deg * DEG;
    grid.cells.forEach((row, a) => {
      const az0 = grid.azimuths_rad[a] - dAz / 2;
      const az1 = az0 + dAz;
      row.forEach((cell, j) => {
        const r0 = (radius * (j === 0 ? 0 : grid.ranges_m[j - 1])) / range_m;
        const r1 = (radius * grid.ranges_m[j]) / range_m;
        const p = (r: number, az: number) =>
          `${(cx + r * Math.sin(az)).toFixed(1)},${(cy - r * Math.cos(az)).toFixed(1)}`;
        parts.push(
          `<polygon points="${p(r0, az0)} ${p(r1, az0)} ${p(r1, az1)} ${p(r0, az1)}" fill="${floorColor(cell.aboveGround_m)}"/>`,
        );
      });
    });
    parts.push(`<circle cx="${cx}" cy="${cy}" r="${radius}" fill="none" stroke="#333"/>`);
    parts.push(
      `<text x="${cx}" y="16" font-size="13" text-anchor="middle">${escapeXml(grid.radarId)}</text>`,
    );
  });
  const width = size * Math.max(1, grids.length);
  // two legend lines: one line does not fit the picture's width
  const legend =
    `<text x="10" y="${size + 32}" font-size="11">lowest visible height AGL: green 0 → yellow 500 m → red ≥ 1 km</text>` +
    `<text x="10" y="${size + 47}" font-size="11">radius ${(range_m / 1000).toFixed(0)} km, north up</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${size + 55}" font-family="sans-serif">${parts.join('')}${legend}</svg>\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The polar maps as GeoJSON polygons (RFC 7946: lon/lat degrees, counter-clockwise rings). */
function toGeoJson(grids: readonly LowestVisibleGrid[], radars: readonly Radar[]) {
  const features = grids.flatMap((grid, k) => {
    const site = radars[k].position;
    const corner = (az: number, r: number): [number, number] => {
      if (r <= 0) return [site.lon_rad / DEG, site.lat_rad / DEG];
      const p = geodesicDirect(site.lat_rad, site.lon_rad, az, r);
      return [p.lon_rad / DEG, p.lat_rad / DEG];
    };
    const dAz = MAP_AZIMUTH_STEP_deg * DEG;
    return grid.cells.flatMap((row, a) =>
      row.map((cell, j) => {
        const az0 = grid.azimuths_rad[a] - dAz / 2;
        const r0 = j === 0 ? 0 : grid.ranges_m[j - 1];
        const r1 = grid.ranges_m[j];
        // clockwise azimuths: walking az1 → az0 on the outer arc keeps the ring counter-clockwise
        const ring = [
          corner(az0, r0),
          corner(az0 + dAz, r0),
          corner(az0 + dAz, r1),
          corner(az0, r1),
        ].reverse();
        ring.push(ring[0]);
        return {
          type: 'Feature' as const,
          properties: {
            radarId: grid.radarId,
            azimuth_deg: grid.azimuths_rad[a] / DEG,
            range_m: r1,
            lowestVisibleAgl_m: cell.aboveGround_m,
            lowestVisibleAlt_m: cell.aboveEllipsoid_m,
            limitedBy: cell.limitedBy,
          },
          geometry: { type: 'Polygon' as const, coordinates: [ring] },
        };
      }),
    );
  });
  return { type: 'FeatureCollection' as const, features };
}

function steps(count: number, step: number, offset = 0): number[] {
  return Array.from({ length: count }, (_, i) => offset + (i + 1) * step);
}

/** Lowest visible AGL floors every 30° at four ranges, for one radar. */
function tableFor(radar: Radar, terrain: Terrain, range_m: number): string {
  const azimuths_deg = Array.from(
    { length: 360 / TABLE_AZIMUTH_STEP_deg },
    (_, i) => i * TABLE_AZIMUTH_STEP_deg,
  );
  const ranges_m = steps(4, range_m / 4);
  const grid = lowestVisibleHeightGrid(
    radar,
    terrain,
    azimuths_deg.map((a) => a * DEG),
    ranges_m,
  );
  const table = new Table({ head: ['range', ...azimuths_deg.map((a) => `${a}°`)] });
  ranges_m.forEach((r, j) => {
    table.push([`${(r / 1000).toFixed(1)} km`, ...grid.cells.map((row) => row[j].aboveGround_m.toFixed(0))]);
  });
  return `${radar.id}: lowest visible height above ground, m (line of sight only)\n${table.toString()}\n`;
}

export function registerMasking(program: Command): void {
  program
    .command('masking')
    .description('terrain masking: lowest visible height above ground around each radar (needs terrain.dem)')
    .argument('<scenario>', 'scenario YAML file with a terrain.dem')
    .option('--unit <id>', 'only the radars of this unit')
    .option('--range <length>', 'outer ground range, e.g. 60km', parseLength('--range'), 60_000)
    .option('--out <file>', 'write the polar map: .svg picture or .geojson polygons')
    .action((file: string, flags: MaskingFlags) => {
      const scenario = loadScenario(file);
      const terrain = scenario.terrain;
      if (terrain === undefined) {
        throw new AspisError('E_USAGE', file, 'the scenario has no terrain.dem: masking needs a DEM');
      }
      if (!(flags.range > 0)) throw new AspisError('E_USAGE', '--range', 'expected a positive range');
      const radars = radarsOf(scenario.units, flags.unit);
      for (const radar of radars) process.stdout.write(tableFor(radar, terrain, flags.range));
      if (flags.out === undefined) return;
      const azimuths_rad = Array.from(
        { length: 360 / MAP_AZIMUTH_STEP_deg },
        (_, i) => (i + 0.5) * MAP_AZIMUTH_STEP_deg * DEG,
      );
      const ranges_m = steps(MAP_RANGE_CELLS, flags.range / MAP_RANGE_CELLS);
      const grids = radars.map((radar) => lowestVisibleHeightGrid(radar, terrain, azimuths_rad, ranges_m));
      if (flags.out.toLowerCase().endsWith('.geojson')) {
        writeFileAtomic(flags.out, `${JSON.stringify(toGeoJson(grids, radars))}\n`);
      } else if (flags.out.toLowerCase().endsWith('.svg')) {
        writeFileAtomic(flags.out, renderSvg(grids, flags.range));
      } else {
        throw new AspisError('E_USAGE', '--out', `expected a .svg or .geojson file, got "${flags.out}"`);
      }
      process.stdout.write(`wrote ${flags.out}\n`);
    });
}
