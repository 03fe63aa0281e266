/**
 * @module test/support/threatFixtures
 * Shared fixtures of the threat-model tests: the shipped catalog's threat types and the docs/domain.md §1.8 sites.
 */
import { loadCatalog } from '../../src/scenario/catalog.js';
import type {
  BallisticThreatType,
  Geodetic,
  RocketThreatType,
  ThreatLaunch,
  ThreatType,
} from '../../src/scenario/types.js';

const RAD_PER_DEG = Math.PI / 180;

/** Geodetic point from degrees and metres (test I/O edge). */
export function site(lat_deg: number, lon_deg: number, h_m: number): Geodetic {
  return { lat_rad: lat_deg * RAD_PER_DEG, lon_rad: lon_deg * RAD_PER_DEG, h_m };
}

/** Kermanshah (notional launch area), Al Asad (188 m) and Erbil, docs/domain.md §1.8. */
export const KERMANSHAH = site(34.31, 47.07, 1300);
export const AL_ASAD = site(33.79, 42.44, 188);
export const ERBIL = site(36.24, 43.96, 420);

/** A threat type of the shipped catalog by id. */
export function catalogThreat<T extends ThreatType>(id: string): T {
  const entry = loadCatalog().threats.get(id);
  if (entry === undefined) throw new Error(`catalog has no threat ${id}`);
  return entry.value as T;
}

export const srbm = (id: string): BallisticThreatType => catalogThreat<BallisticThreatType>(id);
export const rocketType = (id: string): RocketThreatType => catalogThreat<RocketThreatType>(id);

/** A launch of `typeId` from `from` at `aim`, at t = 0 unless given. */
export function launchOf(typeId: string, from: Geodetic, aim: Geodetic, launchTime_s = 0): ThreatLaunch {
  return { id: 'raid-1', raid: 'raid', typeId, launchTime_s, from, aim, targetAssetId: null, waypoints: [] };
}
