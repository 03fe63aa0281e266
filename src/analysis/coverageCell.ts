/**
 * @module analysis/coverageCell
 * The coverage of one aim point (`analysis/coverage`): the paths threats fly to it, moved from a few cached
 * reference flights, and the axis-weighted engagement odds of the batteries against them.
 */

import { geodesicDirect, geodesicInverse } from '../geo/geodesic.js';
import type { Geodetic, ThreatType } from '../scenario/types.js';
import type { ThreatModels } from '../threats/registry.js';
import type { CoverageAxis, CoverageCell } from './coverage.js';
import { type batteryModel, combineIndependent, engagementOdds } from './coverageEngagement.js';
import { flyNominal, type TruthPath, transportPath } from './coverageTruth.js';

/** Spacing of the reference flights in range along the threat axis, m. */
const REFERENCE_RANGE_STEP_m = 5000;
/** A reference flight that ends farther than this from its aim cannot reach it (beyond or below the type's range), m. */
const UNREACHED_m = 1000;

/**
 * The paths threats fly to an aim: a few reference flights (cached by axis and range bucket) moved onto each aim,
 * instead of one flight per cell.
 */
export class ReferencePaths {
  // reference flights, keyed by axis and range bucket; null when the type cannot reach its aim
  private readonly references = new Map<string, { path: TruthPath; arrival_rad: number } | null>();

  constructor(
    private readonly models: ThreatModels,
    private readonly type: ThreatType,
    private readonly lowCeiling_m: number,
    private readonly referenceCenter: Geodetic,
    private readonly range_m: number,
  ) {}

  /** The path a threat on `axis` flies to `aim`, or null when it cannot reach it. */
  pathTo(axis: CoverageAxis, index: number, aim: Geodetic): TruthPath | null {
    const referenceCenter = this.referenceCenter;
    if (axis.from === null) {
      const ground = { ...referenceCenter, h_m: aim.h_m };
      const start = geodesicDirect(ground.lat_rad, ground.lon_rad, axis.azimuthFromAim_rad!, this.range_m);
      const from: Geodetic = { lat_rad: start.lat_rad, lon_rad: start.lon_rad, h_m: ground.h_m };
      const ref = this.reference(`az${index}:${aim.h_m}`, from, ground);
      return ref && transportPath(ref.path, ref.path.endPoint, aim, 0);
    }
    const from = axis.from;
    const toAim = geodesicInverse(from.lat_rad, from.lon_rad, aim.lat_rad, aim.lon_rad);
    const bearing = geodesicInverse(
      from.lat_rad,
      from.lon_rad,
      referenceCenter.lat_rad,
      referenceCenter.lon_rad,
    );
    const bucket = Math.max(1, Math.round(toAim.distance_m / REFERENCE_RANGE_STEP_m));
    const point = geodesicDirect(
      from.lat_rad,
      from.lon_rad,
      bearing.azimuth1_rad,
      bucket * REFERENCE_RANGE_STEP_m,
    );
    const refAim: Geodetic = { lat_rad: point.lat_rad, lon_rad: point.lon_rad, h_m: aim.h_m };
    const ref = this.reference(`p${index}:${bucket}:${aim.h_m}`, from, refAim);
    return ref && transportPath(ref.path, ref.path.endPoint, aim, toAim.azimuth2_rad - ref.arrival_rad);
  }

  /** The cached reference flight from `from` to `aim`, flown on first use; null when it does not arrive. */
  private reference(
    key: string,
    from: Geodetic,
    aim: Geodetic,
  ): { path: TruthPath; arrival_rad: number } | null {
    if (this.references.has(key)) return this.references.get(key)!;
    const path = flyNominal(this.models, this.type, from, aim, this.lowCeiling_m);
    const miss = geodesicInverse(aim.lat_rad, aim.lon_rad, path.endPoint.lat_rad, path.endPoint.lon_rad);
    const arrival = geodesicInverse(from.lat_rad, from.lon_rad, path.endPoint.lat_rad, path.endPoint.lon_rad);
    const value = miss.distance_m <= UNREACHED_m ? { path, arrival_rad: arrival.azimuth2_rad } : null;
    this.references.set(key, value);
    return value;
  }
}

/** The coverage of one aim: the axis-weighted engagement odds of every battery against every reachable axis. */
export function evaluateCell(
  aim: Geodetic,
  axes: readonly CoverageAxis[],
  paths: ReferencePaths,
  batteryModels: readonly ReturnType<typeof batteryModel>[],
  confirmM: number,
): CoverageCell {
  let weight = 0;
  let pkSum = 0;
  let pkMin = 1;
  let feasibleWeight = 0;
  const byBattery = new Array<number>(batteryModels.length).fill(0);
  axes.forEach((axis, index) => {
    const path = paths.pathTo(axis, index, aim);
    if (path === null) return;
    const odds = batteryModels.map((m) => engagementOdds(m, path, confirmM));
    const pk = combineIndependent(odds.map((o) => o.pk));
    weight += axis.weight;
    pkSum += axis.weight * pk;
    pkMin = Math.min(pkMin, pk);
    if (odds.some((o) => o.feasible)) feasibleWeight += axis.weight;
    odds.forEach((o, b) => {
      byBattery[b] += axis.weight * o.pk;
    });
  });
  if (weight === 0) {
    return {
      lat_rad: aim.lat_rad,
      lon_rad: aim.lon_rad,
      pk: 0,
      pkMin: 0,
      feasibleFraction: 0,
      feasible: false,
      reachable: false,
      pkByBattery: byBattery,
    };
  }
  return {
    lat_rad: aim.lat_rad,
    lon_rad: aim.lon_rad,
    pk: pkSum / weight,
    pkMin,
    feasibleFraction: feasibleWeight / weight,
    feasible: feasibleWeight === weight,
    reachable: true,
    pkByBattery: byBattery.map((p) => p / weight),
  };
}
