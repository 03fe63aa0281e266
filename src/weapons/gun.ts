/**
 * @module weapons/gun
 * C-RAM (land-based Phalanx class) gun helpers, pure: per-burst kill probability versus range, round time of flight,
 * and the engagement window of one target. Firing bursts, spending ammunition and drawing kills belong to the engine
 * (`gunPkPerBurst` + its rng). Time of flight uses a drag-decay model: with drag ∝ v² and a constant ballistic
 * coefficient, dv/dx = −k v, so v(x) = v₀ e^(−k x) and t(x) = (e^(k x) − 1) / (k v₀) (flat fire, gravity drop
 * ignored over ≤ 2 km). k is notional: a 20 mm round keeps ~64 % of its speed at 1.5 km [N].
 */
import type { Geodetic, GunType } from '../scenario/types.js';
import type { PredictedState } from './flyout.js';
import { heightAboveSite_m, siteFrame } from './geometry.js';

/** Velocity decay constant of the 20 mm round, 1/m (v(1.5 km) ≈ 0.64 v₀) [N]. */
export const GUN_VELOCITY_DECAY_per_m = 3e-4;

/**
 * Kill probability of one burst at slant range `range_m` (m): linear interpolation of `gun.pkPerBurst`, the first
 * value below the first tabulated range, 0 beyond the last tabulated range or beyond the gun's reach (`gunReach_m`).
 */
export function gunPkPerBurst(gun: GunType, range_m: number): number {
  const r = gun.pkPerBurst.range_m;
  const pk = gun.pkPerBurst.pk;
  const n = r.length;
  if (n === 0 || !(range_m >= 0) || range_m > gunReach_m(gun) || range_m > r[n - 1]) return 0;
  if (range_m <= r[0]) return pk[0];
  let i = 1;
  while (r[i] < range_m) i++;
  const f = (range_m - r[i - 1]) / (r[i] - r[i - 1]);
  return pk[i - 1] + f * (pk[i] - pk[i - 1]);
}

/**
 * Slant range a round covers in `time_s` (s), m: the inverse of `gunTimeOfFlight_s`, x(t) = ln(1 + k v₀ t)/k.
 */
export function gunRangeAtTime_m(gun: GunType, time_s: number): number {
  const k = GUN_VELOCITY_DECAY_per_m;
  return Math.log1p(k * gun.muzzleVelocity_mps * Math.max(0, time_s)) / k;
}

/**
 * How far the gun can engage, m: its engagement radius, cut to the range its rounds cover before they self-destruct
 * (`selfDestructTime_s`, when the type has one).
 * @example
 * ```ts
 * import { type GunMount, gunReach_m, gunTimeOfFlight_s, loadScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/taji-2020-cram.yaml');
 * const mount = scenario.units.find((u): u is GunMount => u.kind === 'c-ram')!;
 * console.log(gunReach_m(mount.gun), gunTimeOfFlight_s(mount.gun, 1_000));
 * ```
 */
export function gunReach_m(gun: GunType): number {
  const t_s = gun.selfDestructTime_s;
  return t_s === undefined
    ? gun.engagementRadius_m
    : Math.min(gun.engagementRadius_m, gunRangeAtTime_m(gun, t_s));
}

/**
 * Time of flight of a round to slant range `range_m` (m), s: (e^(k x) − 1)/(k v₀) (module note).
 * @example
 * ```ts
 * import { type GunMount, gunReach_m, gunTimeOfFlight_s, loadScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/taji-2020-cram.yaml');
 * const mount = scenario.units.find((u): u is GunMount => u.kind === 'c-ram')!;
 * console.log(gunReach_m(mount.gun), gunTimeOfFlight_s(mount.gun, 1_000));
 * ```
 */
export function gunTimeOfFlight_s(gun: GunType, range_m: number): number {
  const x = Math.max(0, range_m);
  const k = GUN_VELOCITY_DECAY_per_m;
  return Math.expm1(k * x) / (k * gun.muzzleVelocity_mps);
}

/**
 * Time from the start of a burst until its last rounds reach a target at slant range `range_m`, s: the burst length
 * plus the rounds' time of flight. The burst's kill is resolved then (`c2/gunNode`), so a burst is worth firing only
 * when this is shorter than the target's time to impact. Uses the range at firing: an incoming target is nearer
 * when the rounds arrive, so this errs towards holding fire.
 */
export function burstArrival_s(gun: GunType, range_m: number): number {
  return gun.burst_s + gunTimeOfFlight_s(gun, range_m);
}

/** Arguments of `planGunEngagement`. */
export interface GunEngagementArgs {
  readonly gun: GunType;
  /** Mount position, ECEF m. */
  readonly site_ecef: Readonly<Float64Array>;
  /** Mount position (geodetic; informational, the geometry uses `site_ecef`). */
  readonly siteGeodetic: Geodetic;
  /** Predicted target state at a scenario time (track prediction), or null when it no longer exists. */
  readonly target: (t_s: number) => PredictedState | null;
  /** Scenario time now, s. */
  readonly now_s: number;
  /** Rounds left in the mount. */
  readonly ammoLeft: number;
  /** Look-ahead of the scan, s (default 120). */
  readonly horizon_s?: number;
}

/** The window during which the target is engageable. Times are scenario times, s. */
export type GunEngagementPlan =
  | {
      readonly ok: true;
      /** First time the gun can fire on it: entry into the zone, but not before now + slew time, s. */
      readonly start_s: number;
      /** Last time it is inside the zone (exit, or the end of the prediction), s. */
      readonly end_s: number;
      /** Smallest slant range inside the window, m. */
      readonly bestRange_m: number;
    }
  | {
      readonly ok: false;
      /**
       * `no-ammo`: fewer rounds than one burst; `out-of-range`: never inside the engagement radius within the
       * horizon; `too-low`: inside the radius only below the minimum engagement altitude; `no-time`: the window
       * closes before the gun can slew onto it.
       */
      readonly reason: 'no-ammo' | 'out-of-range' | 'too-low' | 'no-time';
    };

/** Scan spacing of the window search, s. */
const GUN_SCAN_STEP_s = 0.1;
/** Bisections refining each window edge. */
const GUN_EDGE_BISECTIONS = 20;

/**
 * Engagement window of one target: the first contiguous time interval from now on during which the predicted target
 * is within the gun's reach (`gunReach_m`: engagement radius, or less when rounds self-destruct sooner) slant range of the mount and at least `minEngagementAltitude_m` above it. The start
 * is delayed to now + `slewTime_s` when needed. Rounds take `gunTimeOfFlight_s` to arrive: the engine fires a burst
 * that long before the time it wants it to arrive inside the window.
 */
export function planGunEngagement(args: GunEngagementArgs): GunEngagementPlan {
  const { gun, now_s } = args;
  if (args.ammoLeft < Math.max(1, Math.round(gun.rateOfFire_rps * gun.burst_s)))
    return { ok: false, reason: 'no-ammo' };
  const site = siteFrame(args.site_ecef);
  const horizon_s = args.horizon_s ?? 120;
  const reach_m = gunReach_m(gun);
  // 0: gone, 1: outside radius, 2: inside radius but too low, 3: engageable
  const zoneAt = (t_s: number): { zone: 0 | 1 | 2 | 3; range_m: number } => {
    const state = args.target(t_s);
    if (state === null) return { zone: 0, range_m: Number.POSITIVE_INFINITY };
    const dx = state.pos[0] - site.pos_ecef[0];
    const dy = state.pos[1] - site.pos_ecef[1];
    const dz = state.pos[2] - site.pos_ecef[2];
    const range_m = Math.hypot(dx, dy, dz);
    if (range_m > reach_m) return { zone: 1, range_m };
    if (heightAboveSite_m(site, state.pos) < gun.minEngagementAltitude_m) return { zone: 2, range_m };
    return { zone: 3, range_m };
  };
  let sawLow = false;
  let entry_s = Number.NaN;
  let bestRange_m = Number.POSITIVE_INFINITY;
  let previous_s = now_s;
  let t_s = now_s;
  for (; t_s <= now_s + horizon_s; t_s += GUN_SCAN_STEP_s) {
    const z = zoneAt(t_s);
    if (Number.isNaN(entry_s)) {
      if (z.zone === 0) break;
      if (z.zone === 2) sawLow = true;
      if (z.zone === 3) {
        entry_s = t_s === now_s ? now_s : refineEdge(zoneAt, previous_s, t_s, true);
        bestRange_m = z.range_m;
      }
    } else {
      if (z.zone !== 3) {
        const exit_s =
          z.zone === 0 ? lastAlive(args.target, previous_s, t_s) : refineEdge(zoneAt, previous_s, t_s, false);
        return windowResult(gun, now_s, entry_s, exit_s, bestRange_m);
      }
      bestRange_m = Math.min(bestRange_m, z.range_m);
    }
    previous_s = t_s;
  }
  if (!Number.isNaN(entry_s)) return windowResult(gun, now_s, entry_s, previous_s, bestRange_m);
  return { ok: false, reason: sawLow ? 'too-low' : 'out-of-range' };
}

function windowResult(
  gun: GunType,
  now_s: number,
  entry_s: number,
  exit_s: number,
  bestRange_m: number,
): GunEngagementPlan {
  const start_s = Math.max(entry_s, now_s + gun.slewTime_s);
  if (start_s >= exit_s) return { ok: false, reason: 'no-time' };
  return { ok: true, start_s, end_s: exit_s, bestRange_m };
}

/** Bisects the boundary of the engageable zone between `lo` and `hi`; `entering` says which side is inside. */
function refineEdge(
  zoneAt: (t_s: number) => { zone: number },
  lo: number,
  hi: number,
  entering: boolean,
): number {
  for (let i = 0; i < GUN_EDGE_BISECTIONS; i++) {
    const mid = 0.5 * (lo + hi);
    const inside = zoneAt(mid).zone === 3;
    if (inside === entering) hi = mid;
    else lo = mid;
  }
  return entering ? hi : lo;
}

/** Last time in [lo, hi] at which the prediction still exists. */
function lastAlive(target: (t_s: number) => PredictedState | null, lo: number, hi: number): number {
  for (let i = 0; i < GUN_EDGE_BISECTIONS; i++) {
    const mid = 0.5 * (lo + hi);
    if (target(mid) === null) hi = mid;
    else lo = mid;
  }
  return lo;
}
