/**
 * @module analysis/placement
 * Battery placement: choose a site and a radar orientation for each of N SAM batteries so as to maximise the
 * expected asset value saved against the scenario's raid (or the mean kill probability at the assets' centres).
 *
 * Objective (fast, deterministic): every threat of the raid is flown nominally (`coverageTruth`); each battery type
 * × candidate site × orientation gets its kill probability against each threat (`engagementOdds`: detection,
 * confirmation, reaction, the engine's own fire-control model `weapons/fireControl` — envelope with margins, time,
 * closing geometry, seeker look —, salvo Pk); batteries combine as independent layers. docs/validation.md checks
 * that this score ranks sites like the Monte Carlo. With the
 * scenario's DEM (`Scenario.terrain`) detections are masked by terrain and cruise flights follow it, as in coverage
 * maps, so a site behind a ridge loses the low fliers it cannot see.
 * - `value-saved`: Σ over threats of (value of the asset aimed at) × (threat reliability) × P(kill);
 * - `coverage`: for each asset, one threat of each (type, launch point) of the raid aimed at its centre; the mean
 *   over assets of the mean P(kill).
 * Inventory, fire channels and the interplay of several threats are ignored here; the top layouts are then run in
 * the full engine (`placementMc`) and reported with Monte Carlo intervals.
 *
 * Optimiser (seeded, reproducible): greedy — battery 1 at its best (site, orientation), then battery 2 given
 * battery 1, … — then local search: random moves (move a battery to another site, rotate it, swap two batteries'
 * sites) from the seeded stream, kept when they improve the objective, then best-response sweeps (each battery
 * re-optimised over every site and orientation given the others) until none improves. Same scenario, options and
 * seed ⇒ same layout.
 */
import { AspisError } from '../errors.js';
import { geodesicInverse } from '../geo/geodesic.js';
import { isOnDisc } from '../geo/groundRange.js';
import { extentOf, maxOf } from '../math/extent.js';
import type { Asset, Geodetic, SamBattery, Scenario, ThreatType } from '../scenario/types.js';
import { createThreatModels } from '../threats/registry.js';
import { samBatteries } from './coverage.js';
import {
  type BatteryModel,
  batteryModel,
  confirmationTime_s,
  type EngagementOdds,
  engagementAfter,
  placedBattery,
  withinReach,
} from './coverageEngagement.js';
import { flyNominal, type TruthPath } from './coverageTruth.js';
import { type BatteryPlacement, type LayoutMonteCarlo, layoutMonteCarlo } from './placementMc.js';

export type { BatteryPlacement, LayoutMonteCarlo } from './placementMc.js';

import { beats, type IndexLayout, search } from './placementSearch.js';
/** What the optimiser maximises. */
export type PlacementObjective = 'value-saved' | 'coverage';

/** Options of `optimizePlacement` (plain data; see `defaultPlacementOptions`). */
export interface PlacementOptions {
  /** Number of batteries to place: the scenario's SAM batteries in order, the last one cloned when more are asked. */
  readonly batteries: number;
  /** Candidate sites, or 'grid' (a grid within `candidateRadius_m` of any asset, plus every asset's centre). */
  readonly candidates: readonly Geodetic[] | 'grid';
  /** Spacing of the candidate grid, m. */
  readonly candidateGrid_m: number;
  /** Radius around each asset of the candidate grid, m; default: the longest intercept range of the batteries. */
  readonly candidateRadius_m?: number;
  /** Radar sector orientations tried, clockwise from north, rad; default: 12 at 30° steps. */
  readonly orientations_rad?: readonly number[];
  /** Seed of the local search and of the Monte Carlo replications. */
  readonly seed: number;
  readonly objective: PlacementObjective;
  /** Random local-search moves before the best-response sweeps. */
  readonly iterations: number;
  /** Layouts reported in the ranking (and confirmed by Monte Carlo). */
  readonly top: number;
  /** Monte Carlo replications per ranked layout (0: fast objective only). */
  readonly runs: number;
}

/** Defaults: 10 km candidate grid, value saved, 400 moves, top 3, 20 replications, seed 1. */
export function defaultPlacementOptions(): PlacementOptions {
  return {
    batteries: 2,
    candidates: 'grid',
    candidateGrid_m: 10_000,
    seed: 1,
    objective: 'value-saved',
    iterations: 400,
    top: 3,
    runs: 20,
  };
}

/** A layout with its fast objective and (when run) its Monte Carlo confirmation. */
export interface Layout {
  readonly placements: readonly BatteryPlacement[];
  /** Fast objective (value saved, or mean P(kill) at the assets). */
  readonly objective: number;
  /** Nearest asset to each battery and the distance to it, m (for reading the answer). */
  readonly nearest: readonly { readonly assetId: string; readonly distance_m: number }[];
  readonly monteCarlo: LayoutMonteCarlo | null;
}

/** Result of `optimizePlacement`. */
export interface PlacementResult {
  readonly best: Layout;
  /** Best distinct site assignments found, best first (at most `top`). */
  readonly ranking: readonly Layout[];
  /** The scenario's own layout under the same objective (its first N batteries as placed in the file). */
  readonly asGiven: Layout | null;
  /** Objective if every threat were killed (value at risk, or 1 for coverage). */
  readonly objectiveCeiling: number;
  readonly candidates: readonly Geodetic[];
  readonly orientations_rad: readonly number[];
  /** Layouts whose objective was evaluated. */
  readonly evaluations: number;
}

/** A threat of the objective: its nominal path and weight. */
interface WeightedThreat {
  readonly path: TruthPath;
  readonly weight: number;
}

/** The batteries to place: the scenario's SAM batteries in order, the last cloned as `<id>-2`, `<id>-3`, …. */
export function placementBatteries(scenario: Scenario, count: number): SamBattery[] {
  const own = samBatteries(scenario);
  if (own.length === 0)
    throw new AspisError(
      'E_USAGE',
      'units',
      'the scenario has no SAM battery to place (add one to copy its equipment)',
    );
  if (!(Number.isInteger(count) && count >= 1))
    throw new AspisError('E_USAGE', '--batteries', `expected a positive integer, got ${count}`);
  const specs = own.slice(0, count);
  const last = own[own.length - 1];
  for (let k = specs.length; k < count; k++) specs.push({ ...last, id: `${last.id}-${k - own.length + 2}` });
  return specs;
}

/** Value of the asset a threat is aimed at (by id, else the asset whose disc holds the aim point), or 0. */
function targetValue(scenario: Scenario, targetAssetId: string | null, aim: Geodetic): number {
  if (targetAssetId !== null) return scenario.assets.find((a) => a.id === targetAssetId)?.value ?? 0;
  for (const a of scenario.assets) if (isOnDisc(a, aim)) return a.value;
  return 0;
}

/** The threats the objective weighs, flown nominally. */
function objectiveThreats(
  scenario: Scenario,
  objective: PlacementObjective,
  lowCeiling_m: number,
): WeightedThreat[] {
  // over a DEM the nominal flights follow the terrain as the engine's cruise missiles do (as coverage maps fly them)
  const models = createThreatModels(scenario.terrain === undefined ? {} : { terrain: scenario.terrain });
  const type = (id: string): ThreatType => scenario.threatTypes[id];
  if (objective === 'value-saved') {
    return scenario.threats.map((t) => ({
      path: flyNominal(models, type(t.typeId), t.from, t.aim, lowCeiling_m),
      weight: targetValue(scenario, t.targetAssetId, t.aim) * type(t.typeId).reliability,
    }));
  }
  // coverage: each distinct (type, launch point) aimed at each asset centre
  const axes: { typeId: string; from: Geodetic }[] = [];
  for (const t of scenario.threats) {
    const same = axes.some(
      (a) => a.typeId === t.typeId && a.from.lat_rad === t.from.lat_rad && a.from.lon_rad === t.from.lon_rad,
    );
    if (!same) axes.push({ typeId: t.typeId, from: t.from });
  }
  const weight = 1 / (Math.max(1, axes.length) * Math.max(1, scenario.assets.length));
  return scenario.assets.flatMap((asset) =>
    axes.map((axis) => ({
      path: flyNominal(models, type(axis.typeId), axis.from, asset.position, lowCeiling_m),
      weight,
    })),
  );
}

/** Candidate sites on a lat/lon grid within `radius_m` of some asset, plus each asset's centre (height of the nearest asset). */
export function candidateGrid(assets: readonly Asset[], spacing_m: number, radius_m: number): Geodetic[] {
  if (!(spacing_m > 0))
    throw new AspisError('E_USAGE', '--grid', `expected a positive spacing, got ${spacing_m}`);
  const sites: Geodetic[] = assets.map((a) => a.position);
  if (assets.length === 0) return sites;
  const metresPerRadLat = 6_367_000;
  const lats = assets.map((a) => a.position.lat_rad);
  const lons = assets.map((a) => a.position.lon_rad);
  const [minLat, maxLat] = extentOf(lats);
  const [minLon, maxLon] = extentOf(lons);
  const midLat = (minLat + maxLat) / 2;
  const dLat = spacing_m / metresPerRadLat;
  const dLon = spacing_m / (metresPerRadLat * Math.cos(midLat));
  const padLat = radius_m / metresPerRadLat;
  const padLon = radius_m / (metresPerRadLat * Math.cos(midLat));
  // grid anchored on a multiple of the spacing so it does not move when assets are added far away
  const south = Math.floor((minLat - padLat) / dLat) * dLat;
  const west = Math.floor((minLon - padLon) / dLon) * dLon;
  for (let lat = south; lat <= maxLat + padLat; lat += dLat) {
    for (let lon = west; lon <= maxLon + padLon; lon += dLon) {
      let nearest: Asset | null = null;
      let nearest_m = Number.POSITIVE_INFINITY;
      for (const a of assets) {
        const d = geodesicInverse(a.position.lat_rad, a.position.lon_rad, lat, lon).distance_m;
        if (d < nearest_m) {
          nearest_m = d;
          nearest = a;
        }
      }
      if (nearest !== null && nearest_m <= radius_m)
        sites.push({ lat_rad: lat, lon_rad: lon, h_m: nearest.position.h_m });
    }
  }
  return sites;
}

/** Fast-objective machinery for one scenario: per battery, site and orientation, the kill probability per threat. */
export interface PlacementStudy {
  readonly specs: readonly SamBattery[];
  readonly candidates: readonly Geodetic[];
  readonly orientations_rad: readonly number[];
  readonly objectiveCeiling: number;
  /** Fast objective of a layout: site index and orientation index per battery (battery order). */
  objective(sites: readonly number[], orientations: readonly number[]): number;
  /** Fast objective of arbitrary placements (not restricted to the candidates). */
  objectiveOf(placements: readonly BatteryPlacement[]): number;
  /** Distance from each candidate to its nearest asset, m (first tie-break: batteries close to what they defend). */
  readonly nearestAsset_m: readonly number[];
  /** |sector centre − bearing to the nearest launch point of the raid| per candidate and orientation, rad (second
   * tie-break: radars facing the threat axis). */
  readonly axisOffset_rad: readonly (readonly number[])[];
  /** Layouts evaluated so far. */
  evaluations(): number;
}

/** Key of the things that make two batteries engage alike (equipment, doctrine, radar type), not their id. */
function equipmentKey(b: SamBattery): string {
  return JSON.stringify([
    b.launchers.map((g) => g.interceptor.id),
    b.doctrine,
    b.reactionTime_s,
    b.radar.type.id,
    b.radar.type.sectorWidth_rad,
  ]);
}

/**
 * Kill-probability vectors (one entry per objective threat) of a battery's equipment at a site and orientation,
 * computed on first use and shared by batteries that engage alike; `combine` turns a layout's vectors into the
 * objective and counts the evaluations.
 */
class KillTable {
  private readonly table = new Map<string, Float64Array>();
  private readonly equipment: string[];
  private readonly confirmM: number;
  evaluations = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly specs: readonly SamBattery[],
    private readonly threats: readonly WeightedThreat[],
  ) {
    this.equipment = specs.map(equipmentKey);
    this.confirmM = scenario.tracker.confirmM;
  }

  /** The vector of battery `b` placed at `site` facing `orientation_rad`; `key` names the placement. */
  vectorAt(b: number, site: Geodetic, orientation_rad: number, key: string): Float64Array {
    const full = `${this.equipment[b]}|${key}`;
    let v = this.table.get(full);
    if (!v) {
      const { scenario } = this;
      v = this.killVector(
        batteryModel(placedBattery(this.specs[b], site, orientation_rad), scenario.terrain, scenario.tracker),
      );
      this.table.set(full, v);
    }
    return v;
  }

  /** The objective of a layout: Σ weight × P(at least one battery kills), batteries independent. */
  combine(vectors: readonly Float64Array[]): number {
    this.evaluations++;
    let total = 0;
    this.threats.forEach((t, i) => {
      let survive = 1;
      for (const v of vectors) survive *= 1 - v[i];
      total += t.weight * (1 - survive);
    });
    return total;
  }

  /** Kill probability per threat of one placed battery (0 where it cannot reach or confirm the threat). */
  private killVector(model: BatteryModel): Float64Array {
    const threats = this.threats;
    const out = new Float64Array(threats.length);
    const afterCache = new Map<string, EngagementOdds>();
    threats.forEach((t, i) => {
      if (t.weight === 0 || !withinReach(model, t.path)) return;
      const confirm_s = confirmationTime_s(
        model.battery.radar,
        model.antenna_ecef,
        t.path,
        this.confirmM,
        model.terrain,
      );
      if (confirm_s === null) return;
      const key = `${i}:${confirm_s}`;
      let odds = afterCache.get(key);
      if (!odds) {
        odds = engagementAfter(model, t.path, confirm_s);
        afterCache.set(key, odds);
      }
      out[i] = odds.pk;
    });
    return out;
  }
}

/**
 * The candidate sites: a grid around the assets out to the longest intercept range (or `candidateRadius_m`), or
 * the given list.
 * @throws AspisError `E_USAGE` when there is none
 */
function candidateSites(scenario: Scenario, opt: PlacementOptions, specs: readonly SamBattery[]): Geodetic[] {
  const radius_m =
    opt.candidateRadius_m ??
    maxOf(specs.flatMap((b) => b.launchers.map((g) => g.interceptor.maxInterceptRange_m)));
  const candidates =
    opt.candidates === 'grid'
      ? candidateGrid(scenario.assets, opt.candidateGrid_m, radius_m)
      : [...opt.candidates];
  if (candidates.length === 0) throw new AspisError('E_USAGE', '--candidates', 'no candidate sites');
  return candidates;
}

/** Per candidate and orientation, how far the radar faces off the bearing to the nearest launch point, rad. */
function axisOffsets(
  scenario: Scenario,
  candidates: readonly Geodetic[],
  orientations_rad: readonly number[],
): number[][] {
  return candidates.map((c) => {
    const bearing_rad = bearingToNearestLaunch(scenario, c);
    return orientations_rad.map((o) =>
      bearing_rad === null ? 0 : Math.abs(Math.atan2(Math.sin(o - bearing_rad), Math.cos(o - bearing_rad))),
    );
  });
}

/** Builds the fast objective of a placement study (see the module header). */
export function placementStudy(scenario: Scenario, options: Partial<PlacementOptions> = {}): PlacementStudy {
  const opt: PlacementOptions = { ...defaultPlacementOptions(), ...options };
  const specs = placementBatteries(scenario, opt.batteries);
  const candidates = candidateSites(scenario, opt, specs);
  const orientations_rad = opt.orientations_rad ?? Array.from({ length: 12 }, (_, k) => (k * Math.PI) / 6);
  const ceiling_m = maxOf(
    specs.flatMap((b) => b.launchers.map((g) => g.interceptor.maxInterceptAltitude_m + b.position.h_m)),
  );
  const threats = objectiveThreats(
    scenario,
    opt.objective,
    ceiling_m + Math.max(0, maxOf(candidates.map((c) => c.h_m))) + 2000,
  );
  const objectiveCeiling = threats.reduce((s, t) => s + t.weight, 0);
  const kills = new KillTable(scenario, specs, threats);
  const nearestAsset_m = candidates.map((c) => nearestAsset(scenario, c).distance_m);
  const axisOffset_rad = axisOffsets(scenario, candidates, orientations_rad);
  return {
    specs,
    candidates,
    orientations_rad,
    objectiveCeiling,
    nearestAsset_m,
    axisOffset_rad,
    objective: (sites, orientations) =>
      kills.combine(
        sites.map((c, b) =>
          kills.vectorAt(b, candidates[c], orientations_rad[orientations[b]], `${c}:${orientations[b]}`),
        ),
      ),
    objectiveOf: (placements) =>
      kills.combine(
        placements.map((p, b) =>
          kills.vectorAt(
            b,
            p.position,
            p.sectorCenter_rad,
            `${p.position.lat_rad},${p.position.lon_rad},${p.position.h_m}:${p.sectorCenter_rad}`,
          ),
        ),
      ),
    evaluations: () => kills.evaluations,
  };
}

/** Nearest asset of a site and the distance to it. */
function nearestAsset(scenario: Scenario, site: Geodetic): { assetId: string; distance_m: number } {
  let best = { assetId: '', distance_m: Number.POSITIVE_INFINITY };
  for (const a of scenario.assets) {
    const d = geodesicInverse(a.position.lat_rad, a.position.lon_rad, site.lat_rad, site.lon_rad).distance_m;
    if (d < best.distance_m) best = { assetId: a.id, distance_m: d };
  }
  return best;
}

/** Bearing from a site to the nearest launch point of the raid, clockwise from north, rad; null without threats. */
function bearingToNearestLaunch(scenario: Scenario, site: Geodetic): number | null {
  let best: { distance_m: number; azimuth_rad: number } | null = null;
  for (const t of scenario.threats) {
    const g = geodesicInverse(site.lat_rad, site.lon_rad, t.from.lat_rad, t.from.lon_rad);
    if (best === null || g.distance_m < best.distance_m)
      best = { distance_m: g.distance_m, azimuth_rad: g.azimuth1_rad };
  }
  return best?.azimuth_rad ?? null;
}

/**
 * Objective (and Monte Carlo, when `runs` > 0) of given layouts, e.g. a naive one to compare against.
 * @param placements one entry per battery of `placementBatteries(scenario, placements.length)`
 * @example
 * ```ts
 * import { evaluateLayout, loadScenario, type SamBattery } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const battery = scenario.units.find((u): u is SamBattery => u.kind === 'sam-battery')!;
 * const layout = evaluateLayout(scenario, [
 *   { unitId: battery.id, position: battery.position, sectorCenter_rad: battery.radar.sectorCenter_rad },
 * ]);
 * console.log(layout.objective);
 * ```
 */
export function evaluateLayout(
  scenario: Scenario,
  placements: readonly BatteryPlacement[],
  options: Partial<PlacementOptions> = {},
  study: PlacementStudy = placementStudy(scenario, { ...options, batteries: placements.length }),
): Layout {
  const opt: PlacementOptions = { ...defaultPlacementOptions(), ...options };
  return {
    placements,
    objective: study.objectiveOf(placements),
    nearest: placements.map((p) => nearestAsset(scenario, p.position)),
    monteCarlo: opt.runs > 0 ? layoutMonteCarlo(scenario, study.specs, placements, opt.runs, opt.seed) : null,
  };
}

/**
 * Chooses sites and radar orientations for N batteries (module header), ranks the best distinct site assignments
 * by the fast objective and confirms each with `runs` Monte Carlo replications of the full engine.
 * @throws AspisError `E_USAGE` when the scenario has no SAM battery, N < 1, or there are no candidates
 * @example
 * ```ts
 * import { loadScenario, optimizePlacement } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const result = optimizePlacement(scenario, { batteries: 1, candidates: 'grid', seed: 1 });
 * console.log(result.best.placements[0].position, result.best.objective);
 * ```
 */
export function optimizePlacement(
  scenario: Scenario,
  options: Partial<PlacementOptions> = {},
): PlacementResult {
  const opt: PlacementOptions = { ...defaultPlacementOptions(), ...options };
  const study = placementStudy(scenario, opt);
  const visited = new Map<string, IndexLayout>();
  search(study, opt.iterations, opt.seed, visited);
  const toPlacements = (l: IndexLayout): BatteryPlacement[] =>
    l.sites.map((c, b) => ({
      unitId: study.specs[b].id,
      position: study.candidates[c],
      sectorCenter_rad: study.orientations_rad[l.orientations[b]],
    }));
  // ranking: best distinct site assignments, ties broken by the assignment key for determinism
  const ranked = [...visited.entries()]
    .sort((a, b) => (beats(a[1], b[1]) ? -1 : beats(b[1], a[1]) ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, Math.max(1, opt.top))
    .map(([, l]) => evaluateLayout(scenario, toPlacements(l), opt, study));
  const own = samBatteries(scenario).slice(0, study.specs.length);
  const asGiven =
    own.length === study.specs.length
      ? evaluateLayout(
          scenario,
          own.map((b) => ({
            unitId: b.id,
            position: b.position,
            sectorCenter_rad: b.radar.sectorCenter_rad,
          })),
          opt,
          study,
        )
      : null;
  return {
    best: ranked[0],
    ranking: ranked,
    asGiven,
    objectiveCeiling: study.objectiveCeiling,
    candidates: study.candidates,
    orientations_rad: study.orientations_rad,
    evaluations: study.evaluations(),
  };
}
