/**
 * @module analysis/coverage
 * Coverage maps: for a grid of aim points around the defended area, the probability that the scenario's SAM
 * batteries kill one threat of a given type aimed there (docs/domain.md §3.1 "defended footprint", computed numerically).
 * The threat comes either along the scenario's threat axis (from each launch point the scenario uses for that type,
 * weighted by its rounds) or from every direction (launch points at the type's typical range on equally spaced
 * azimuths around each aim point). Each battery is evaluated by `engagementOdds` (nominal detection — aspect RCS
 * along the flight when the type has `rcsAspect`, terrain masking over the scenario's DEM —, confirmation,
 * reaction, intercept-point solve, salvo Pk), batteries combine as independent layers, axes are averaged.
 *
 * Speed: threats are not re-flown per aim point. Reference flights — one per azimuth ('all'), or one per 5 km of
 * range along the bearing from each launch point to the grid centre ('scenario') — are transported rigidly to each
 * cell and yawed to arrive from the right direction (`coverageTruth`). A 40 × 40 grid costs a few reference flights
 * (≈ 10 ms each) plus one engagement evaluation per cell, axis and battery in reach (≈ 0.5 ms), i.e. seconds.
 */
import { AspisError } from '../errors.js';
import { geodesicInverse } from '../geo/geodesic.js';
import { WGS84_A_m, WGS84_E2 } from '../geo/wgs84.js';
import { extentOf, maxOf } from '../math/extent.js';
import { spiralAimpoint } from '../scenario/compile.js';
import type { Asset, Geodetic, SamBattery, Scenario, ThreatType } from '../scenario/types.js';
import { createThreatModels, type ThreatModels } from '../threats/registry.js';
import { evaluateCell, ReferencePaths } from './coverageCell.js';
import { batteryModel } from './coverageEngagement.js';

/** How the threats reach each aim point. */
export type CoverageAzimuths = 'scenario' | 'all';

/** Options of `coverageMap` (plain data; see `defaultCoverageOptions`). */
export interface CoverageOptions {
  /** Threat type id; default: the type with the most rounds in the scenario. */
  readonly threatType?: string;
  /** Grid spacing between aim points, m (approximate east–west: the grid is regular in latitude/longitude). */
  readonly grid_m: number;
  /** Half-width of the square grid around `center`, m; default: the assets' and batteries' bounding box padded by
   * the longest intercept range plus 10 km, then grown side by side (up to `FIT_GROWTH_MAX` times) while cells with
   * P(kill) > 0 touch a side — a threat aimed beyond the battery can be intercepted on its way over it, so the
   * footprint reaches past the intercept range. A given extent is kept as it is. */
  readonly extent_m?: number;
  /** Grid centre; default: the centre of that bounding box. */
  readonly center?: Geodetic;
  /** 'scenario': from the scenario's launch points of that type; 'all': from `azimuthCount` directions. */
  readonly azimuths: CoverageAzimuths;
  /** Number of equally spaced launch azimuths in 'all' mode. */
  readonly azimuthCount: number;
  /** Launch distance from the aim point in 'all' mode, m; default: the scenario's mean launch range for that type,
   * else 70 % of the type's maximum range (100 km for drones and cruise missiles). */
  readonly launchRange_m?: number;
  /** SAM batteries to evaluate; default: the scenario's. */
  readonly batteries?: readonly SamBattery[];
}

/** Defaults: 2 km grid, scenario axis, 12 azimuths in 'all' mode. */
export function defaultCoverageOptions(): CoverageOptions {
  return { grid_m: 2000, azimuths: 'scenario', azimuthCount: 12 };
}

/** Largest grid evaluated (cells). */
export const MAX_COVERAGE_CELLS = 250_000;
/** Padding beyond the longest intercept range in the default extent, m. */
const EXTENT_PAD_m = 10_000;
/** The default extent grows side by side to fit the cells with P(kill) > 0, up to this many times its half-width. */
export const FIT_GROWTH_MAX = 2;
/** Extra ellipsoid height above the highest intercept ceiling for the low samples of the paths, m. */
const LOW_CEILING_PAD_m = 2000;

/** One direction a threat comes from. */
export interface CoverageAxis {
  /** Fixed launch point ('scenario'), or null in 'all' mode. */
  readonly from: Geodetic | null;
  /** Launch azimuth seen from the aim point, clockwise from north, rad ('all'); null for a fixed point. */
  readonly azimuthFromAim_rad: number | null;
  /** Weight in the average (rounds launched from this point, or 1). */
  readonly weight: number;
}

/** Coverage of one aim point. */
export interface CoverageCell {
  readonly lat_rad: number;
  readonly lon_rad: number;
  /** Kill probability averaged over the reachable axes (batteries as independent layers). */
  readonly pk: number;
  /** Worst axis's kill probability. */
  readonly pkMin: number;
  /** Weighted fraction of reachable axes on which some battery has a firing solution. */
  readonly feasibleFraction: number;
  /** Every reachable axis has a firing solution. */
  readonly feasible: boolean;
  /** Some axis can reach this aim point with this threat type (false: out of the threat's range). */
  readonly reachable: boolean;
  /** Kill probability of each battery alone (same order as `CoverageMap.batteryIds`), averaged over the axes. */
  readonly pkByBattery: readonly number[];
}

/** Regular latitude/longitude grid of cell centres, south-west first, rows south → north. */
export interface CoverageGrid {
  readonly south_rad: number;
  readonly west_rad: number;
  readonly dLat_rad: number;
  readonly dLon_rad: number;
  readonly rows: number;
  readonly cols: number;
  /** Nominal spacing, m. */
  readonly spacing_m: number;
}

/** A coverage map: cells row-major (index = row · cols + col). */
export interface CoverageMap {
  readonly threatTypeId: string;
  readonly azimuths: CoverageAzimuths;
  readonly axes: readonly CoverageAxis[];
  readonly batteryIds: readonly string[];
  readonly grid: CoverageGrid;
  readonly cells: readonly CoverageCell[];
  /** Sides of the grid where cells with P(kill) > 0 reach the edge: the coloured area goes on beyond the map
   * (the default extent grows to avoid this, up to `FIT_GROWTH_MAX` times; a flat flier's shadow behind a battery
   * can run on for the threat's whole range). Empty when the map holds all of it. */
  readonly edgeCut: readonly CoverageSide[];
}

/** A side of the coverage grid. */
export type CoverageSide = 'north' | 'south' | 'east' | 'west';

/** Meridional and prime-vertical radii of curvature of WGS84 at a latitude, m. */
function radiiOfCurvature_m(lat_rad: number): { meridional_m: number; primeVertical_m: number } {
  const w2 = 1 - WGS84_E2 * Math.sin(lat_rad) ** 2;
  return {
    meridional_m: (WGS84_A_m * (1 - WGS84_E2)) / w2 ** 1.5,
    primeVertical_m: WGS84_A_m / Math.sqrt(w2),
  };
}

/** The threat type with the most rounds (first in scenario order on ties). */
function defaultThreatType(scenario: Scenario): string {
  const counts = new Map<string, number>();
  for (const t of scenario.threats) counts.set(t.typeId, (counts.get(t.typeId) ?? 0) + 1);
  let best: string | null = null;
  for (const [id, n] of counts) if (best === null || n > counts.get(best)!) best = id;
  if (best === null)
    throw new AspisError(
      'E_USAGE',
      '--threat',
      'the scenario has no threats: name a threat type with --threat',
    );
  return best;
}

/** The scenario's SAM batteries. */
export function samBatteries(scenario: Scenario): SamBattery[] {
  return scenario.units.filter((u): u is SamBattery => u.kind === 'sam-battery');
}

/** Distinct launch points (by position) with the number of rounds from each; the type's own first. */
function launchAxes(scenario: Scenario, typeId: string): CoverageAxis[] {
  const ofType = scenario.threats.filter((t) => t.typeId === typeId);
  const launches = ofType.length > 0 ? ofType : scenario.threats;
  const axes: { from: Geodetic; weight: number }[] = [];
  for (const t of launches) {
    const same = axes.find(
      (a) =>
        a.from.lat_rad === t.from.lat_rad && a.from.lon_rad === t.from.lon_rad && a.from.h_m === t.from.h_m,
    );
    if (same) same.weight++;
    else axes.push({ from: t.from, weight: 1 });
  }
  return axes.map((a) => ({ from: a.from, azimuthFromAim_rad: null, weight: a.weight }));
}

/** Default launch range in 'all' mode (see `CoverageOptions.launchRange_m`). */
function typicalRange_m(scenario: Scenario, type: ThreatType): number {
  const ranges = scenario.threats
    .filter((t) => t.typeId === type.id)
    .map((t) => geodesicInverse(t.from.lat_rad, t.from.lon_rad, t.aim.lat_rad, t.aim.lon_rad).distance_m);
  if (ranges.length > 0) return ranges.reduce((a, b) => a + b, 0) / ranges.length;
  return type.kind === 'drone' || type.kind === 'cruise' ? 100_000 : 0.7 * type.maxRange_m;
}

/** Evaluates the coverage of single aim points; reference flights are cached across calls. */
export interface CoverageEvaluator {
  readonly threatType: ThreatType;
  readonly axes: readonly CoverageAxis[];
  readonly batteries: readonly SamBattery[];
  /** Coverage of a threat aimed at `aim` (ground point; its height is used as the aim height). */
  evaluate(aim: Geodetic): CoverageCell;
}

/**
 * The threat type coverage is computed for (`options.threatType`, else the scenario's default).
 * @throws AspisError `E_USAGE` when the scenario does not use it
 */
function coverageThreatType(
  scenario: Scenario,
  options: CoverageOptions,
): { typeId: string; type: ThreatType } {
  const typeId = options.threatType ?? defaultThreatType(scenario);
  const type = scenario.threatTypes[typeId];
  if (type === undefined) {
    const known = Object.keys(scenario.threatTypes).sort().join(', ');
    throw new AspisError(
      'E_USAGE',
      '--threat',
      `the scenario uses no threat type '${typeId}' (it uses: ${known})`,
    );
  }
  return { typeId, type };
}

/**
 * The threat axes: `azimuthCount` evenly spread azimuths around each aim ('all'), or the scenario's launch points.
 * @throws AspisError `E_USAGE` for a scenario without a threat axis of the type
 */
function coverageAxes(scenario: Scenario, options: CoverageOptions, typeId: string): CoverageAxis[] {
  if (options.azimuths === 'all') {
    const n = Math.max(1, Math.round(options.azimuthCount));
    return Array.from({ length: n }, (_, k) => ({
      from: null,
      azimuthFromAim_rad: (2 * Math.PI * k) / n,
      weight: 1,
    }));
  }
  const axes = launchAxes(scenario, typeId);
  if (axes.length === 0)
    throw new AspisError('E_USAGE', '--azimuths', 'the scenario has no threat axis: use --azimuths all');
  return axes;
}

/**
 * Builds a coverage evaluator for the scenario's batteries (or `options.batteries`) against one threat type.
 * @param referenceCenter point the 'all'-mode reference flights aim at (any point near the area of interest)
 * @param threatModels threat models (default: the registry's, terrain-following over the scenario's DEM)
 * @throws AspisError `E_USAGE` for an unknown threat type or a scenario without a threat axis
 */
export function coverageEvaluator(
  scenario: Scenario,
  options: CoverageOptions,
  referenceCenter: Geodetic,
  threatModels?: ThreatModels,
): CoverageEvaluator {
  // over a DEM the reference flights follow the terrain as the engine's cruise missiles do
  const models =
    threatModels ?? createThreatModels(scenario.terrain === undefined ? {} : { terrain: scenario.terrain });
  const { typeId, type } = coverageThreatType(scenario, options);
  const batteries = options.batteries ?? samBatteries(scenario);
  const models_ = batteries.map((b) => batteryModel(b, scenario.terrain, scenario.tracker));
  const lowCeiling_m =
    Math.max(0, maxOf(batteries.map((b) => b.position.h_m))) +
    Math.max(0, maxOf(models_.map((m) => m.ceiling_m))) +
    LOW_CEILING_PAD_m;
  const confirmM = scenario.tracker.confirmM;
  const axes = coverageAxes(scenario, options, typeId);
  const range_m = options.launchRange_m ?? typicalRange_m(scenario, type);
  const paths = new ReferencePaths(models, type, lowCeiling_m, referenceCenter, range_m);
  const evaluate = (aim: Geodetic): CoverageCell => evaluateCell(aim, axes, paths, models_, confirmM);
  return { threatType: type, axes, batteries, evaluate };
}

/** Bounding-box centre and half-width of the assets and SAM batteries, padded (default grid extent). */
function defaultExtent(
  scenario: Scenario,
  batteries: readonly SamBattery[],
): { center: Geodetic; half_m: number } {
  const points = [...scenario.assets.map((a) => a.position), ...batteries.map((b) => b.position)];
  if (points.length === 0)
    throw new AspisError('E_USAGE', 'assets', 'the scenario has no assets or batteries');
  const lats = points.map((p) => p.lat_rad);
  const lons = points.map((p) => p.lon_rad);
  const [south_rad, north_rad] = extentOf(lats);
  const [west_rad, east_rad] = extentOf(lons);
  const lat_rad = (south_rad + north_rad) / 2;
  const lon_rad = (west_rad + east_rad) / 2;
  const h_m =
    scenario.assets.length > 0
      ? scenario.assets.reduce((s, a) => s + a.position.h_m, 0) / scenario.assets.length
      : 0;
  const radii = radiiOfCurvature_m(lat_rad);
  const halfNS_m = ((north_rad - south_rad) / 2) * radii.meridional_m;
  const halfEW_m = ((east_rad - west_rad) / 2) * radii.primeVertical_m * Math.cos(lat_rad);
  const reach_m = Math.max(
    0,
    maxOf(batteries.flatMap((b) => b.launchers.map((g) => g.interceptor.maxInterceptRange_m))),
  );
  return { center: { lat_rad, lon_rad, h_m }, half_m: Math.max(halfNS_m, halfEW_m) + reach_m + EXTENT_PAD_m };
}

/**
 * The coverage grid of a scenario against one threat type. Cells are aim points on a latitude/longitude grid of
 * about `grid_m` spacing; each gets the independent-layer kill probability of the SAM batteries, averaged over the
 * threat axes (see the module header). Deterministic: the same scenario and options give the same map.
 * @throws AspisError `E_USAGE` for an unknown threat type, a grid larger than `MAX_COVERAGE_CELLS`, or no axis
 * @example
 * ```ts
 * import { coverageMap, defendedFootprint, loadScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const map = coverageMap(scenario, { grid_m: 2_000 });
 * const footprint = defendedFootprint(map, 0.5); // GeoJSON polygons where P(kill) ≥ 0.5
 * ```
 */
export function coverageMap(scenario: Scenario, options: Partial<CoverageOptions> = {}): CoverageMap {
  const opt: CoverageOptions = { ...defaultCoverageOptions(), ...options };
  if (!(opt.grid_m > 0))
    throw new AspisError('E_USAGE', '--grid', `expected a positive spacing, got ${opt.grid_m}`);
  const batteries = opt.batteries ?? samBatteries(scenario);
  const extent = defaultExtent(scenario, batteries);
  const center = opt.center ?? extent.center;
  const half_m = opt.extent_m ?? extent.half_m;
  const radii = radiiOfCurvature_m(center.lat_rad);
  const dLat_rad = opt.grid_m / radii.meridional_m;
  const dLon_rad = opt.grid_m / (radii.primeVertical_m * Math.cos(center.lat_rad));
  const halfCount = Math.ceil(half_m / opt.grid_m);
  const side = 2 * halfCount + 1;
  if (side * side > MAX_COVERAGE_CELLS) {
    throw new AspisError(
      'E_USAGE',
      '--grid',
      `${side} × ${side} cells exceed ${MAX_COVERAGE_CELLS}: use a coarser --grid or a smaller extent`,
    );
  }
  const evaluator = coverageEvaluator(scenario, { ...opt, batteries }, center);
  const cellAt = (row: number, col: number): CoverageCell =>
    evaluator.evaluate({
      lat_rad: center.lat_rad + row * dLat_rad,
      lon_rad: center.lon_rad + col * dLon_rad,
      h_m: center.h_m,
    });
  const stepCount = Math.max(2, Math.ceil(EXTENT_PAD_m / opt.grid_m));
  // a given --extent is the user's frame; only the default one grows to fit the footprint
  const fitted = fitCoverageGrid(
    cellAt,
    halfCount,
    opt.extent_m === undefined ? halfCount * FIT_GROWTH_MAX : halfCount,
    stepCount,
  );
  const grid: CoverageGrid = {
    south_rad: center.lat_rad + fitted.bounds.south * dLat_rad,
    west_rad: center.lon_rad + fitted.bounds.west * dLon_rad,
    dLat_rad,
    dLon_rad,
    rows: fitted.bounds.north - fitted.bounds.south + 1,
    cols: fitted.bounds.east - fitted.bounds.west + 1,
    spacing_m: opt.grid_m,
  };
  return {
    threatTypeId: evaluator.threatType.id,
    azimuths: opt.azimuths,
    axes: evaluator.axes,
    batteryIds: batteries.map((b) => b.id),
    grid,
    cells: fitted.cells,
    edgeCut: fitted.edgeCut,
  };
}

/** Grid bounds in cells from the centre (south and west ≤ 0 ≤ north and east). */
export interface CellBounds {
  south: number;
  north: number;
  west: number;
  east: number;
}

const SIDES = ['north', 'south', 'east', 'west'] as const;

/**
 * Evaluates a square of ±`halfCount` cells around the centre, then pushes each side out by `stepCount` cells while
 * a cell on it has P(kill) > 0, up to `maxHalfCount` cells from the centre and `MAX_COVERAGE_CELLS` in all. Cells
 * depend on their aim point only, so growing never changes a cell already evaluated. Returns the cells row-major
 * (south → north, west → east) and the sides still cut (a cell with P(kill) > 0 on the last row or column).
 * @example
 * ```ts
 * // a disc of covered cells 30 cells across, started from a ±10 square: grows until the disc is inside
 * const fit = fitCoverageGrid((r, c) => cellWithPk(r * r + c * c < 900 ? 1 : 0), 10, 40, 5);
 * fit.edgeCut; // []
 * ```
 */
export function fitCoverageGrid(
  cellAt: (row: number, col: number) => CoverageCell,
  halfCount: number,
  maxHalfCount: number,
  stepCount: number,
): { bounds: CellBounds; cells: CoverageCell[]; edgeCut: CoverageSide[] } {
  const cache = new Map<string, CoverageCell>();
  const at = (row: number, col: number): CoverageCell => {
    const key = `${row},${col}`;
    let cell = cache.get(key);
    if (cell === undefined) {
      cell = cellAt(row, col);
      cache.set(key, cell);
    }
    return cell;
  };
  const b: CellBounds = { south: -halfCount, north: halfCount, west: -halfCount, east: halfCount };
  const edgeCovered = (side: CoverageSide): boolean => {
    const ns = side === 'north' || side === 'south';
    const fixed = b[side];
    const [lo, hi] = ns ? [b.west, b.east] : [b.south, b.north];
    for (let k = lo; k <= hi; k++) if ((ns ? at(fixed, k) : at(k, fixed)).pk > 0) return true;
    return false;
  };
  for (;;) {
    const grow = SIDES.filter((side) => edgeCovered(side) && Math.abs(b[side]) < maxHalfCount);
    if (grow.length === 0) break;
    const next = { ...b };
    for (const side of grow) {
      const sign = side === 'north' || side === 'east' ? 1 : -1;
      next[side] = sign * Math.min(maxHalfCount, Math.abs(b[side]) + stepCount);
    }
    if ((next.north - next.south + 1) * (next.east - next.west + 1) > MAX_COVERAGE_CELLS) break;
    Object.assign(b, next);
  }
  const cells: CoverageCell[] = [];
  for (let row = b.south; row <= b.north; row++)
    for (let col = b.west; col <= b.east; col++) cells.push(at(row, col));
  return { bounds: b, cells, edgeCut: SIDES.filter(edgeCovered) };
}

/** Coverage of one asset: Pk at its centre and the share of its disc defended at the threshold. */
export interface AssetCoverage {
  readonly assetId: string;
  readonly name: string;
  /** Kill probability of a threat aimed at the asset's centre. */
  readonly pkCenter: number;
  /** Worst axis at the centre. */
  readonly pkMinCenter: number;
  /** Equal-area share of the asset's disc whose aim points reach `pkThreshold`, in [0, 1]. */
  readonly areaDefended: number;
  /** Mean kill probability over the disc. */
  readonly pkMean: number;
}

/** Aim points sampled on each asset's disc (equal-area golden-angle spiral). */
export const ASSET_DISC_SAMPLES = 16;

/**
 * Coverage of each asset: the evaluator at its centre and at `ASSET_DISC_SAMPLES` equal-area points of its disc
 * (Vogel spiral, as the scenario compiler spreads aimpoints).
 * @example
 * ```ts
 * import { assetCoverage, loadScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * for (const a of assetCoverage(scenario, { grid_m: 2_000 })) console.log(a.name, a.pkCenter.toFixed(2));
 * ```
 */
export function assetCoverage(
  scenario: Scenario,
  options: Partial<CoverageOptions> = {},
  pkThreshold = 0.5,
  assets: readonly Asset[] = scenario.assets,
): AssetCoverage[] {
  const opt: CoverageOptions = { ...defaultCoverageOptions(), ...options };
  const batteries = opt.batteries ?? samBatteries(scenario);
  const center = opt.center ?? defaultExtent(scenario, batteries).center;
  const evaluator = coverageEvaluator(scenario, { ...opt, batteries }, center);
  return assets.map((asset) => {
    const middle = evaluator.evaluate(asset.position);
    let inside = 0;
    let pkSum = 0;
    for (let i = 0; i < ASSET_DISC_SAMPLES; i++) {
      const cell = evaluator.evaluate(spiralAimpoint(asset.position, i, ASSET_DISC_SAMPLES, asset.radius_m));
      pkSum += cell.pk;
      if (cell.pk >= pkThreshold) inside++;
    }
    return {
      assetId: asset.id,
      name: asset.name,
      pkCenter: middle.pk,
      pkMinCenter: middle.pkMin,
      areaDefended: inside / ASSET_DISC_SAMPLES,
      pkMean: pkSum / ASSET_DISC_SAMPLES,
    };
  });
}
