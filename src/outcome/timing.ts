/**
 * @module outcome/timing
 * The shortest time each defence unit needs between a confirmed track and a kill, for the story's measured
 * "detected late" verdict: a threat whose first confirmed track came less than this before its impact could not have
 * been engaged by that unit however the C2 decided. Every figure is a floor (it leaves out anything that only adds
 * time: gravity and drag on the fly-out, slew between targets, dwell cycles), so "late" is never claimed wrongly.
 */

import type { InterceptorType, Scenario } from '../scenario/types.js';
import type { SimEvent } from '../world/events.js';

/** What a unit needs at least to engage, s, and whether it is a gun (C-RAM) or a missile battery. */
export interface UnitTiming {
  readonly kind: 'battery' | 'gun';
  /** Shortest confirmed-track-to-kill time, s (a floor). */
  readonly minEngagement_s: number;
}

/** Unit id → its timing floor. */
export type StoryTiming = ReadonlyMap<string, UnitTiming>;

/**
 * Shortest fly-out time of an interceptor to its lowest intercept altitude, s: straight up from rest at the burnout
 * acceleration thrust/(launch − propellant mass) (the largest it reaches) until its speed cap, then at the cap;
 * d = ½ a t² up to v²/(2a), then t = v/a + (d − v²/(2a))/v (constant-acceleration kinematics). Gravity, drag and the
 * finite burn only lengthen it, so this is a floor.
 */
export function minFlyout_s(interceptor: InterceptorType): number {
  const floor_m = Math.min(
    interceptor.minInterceptAltitude_m,
    interceptor.minInterceptAltitudeAirBreathing_m ?? interceptor.minInterceptAltitude_m,
  );
  const burnoutMass_kg = Math.max(1e-9, interceptor.launchMass_kg - interceptor.propellantMass_kg);
  const accel_mps2 = interceptor.thrust_N / burnoutMass_kg;
  const cap_mps = interceptor.maxSpeed_mps;
  if (!(accel_mps2 > 0) || !(cap_mps > 0)) return 0;
  const toCap_m = (cap_mps * cap_mps) / (2 * accel_mps2);
  if (floor_m <= toCap_m) return Math.sqrt((2 * Math.max(0, floor_m)) / accel_mps2);
  return cap_mps / accel_mps2 + (floor_m - toCap_m) / cap_mps;
}

/**
 * Each unit's floor from the scenario: a battery needs its reaction time plus its fastest interceptor's
 * `minFlyout_s`; a gun needs one burst (`burst_s`; the rounds' time of flight to the mount itself is zero).
 */
export function storyTimingOf(scenario: Scenario): StoryTiming {
  const timing = new Map<string, UnitTiming>();
  for (const unit of scenario.units) {
    if (unit.kind === 'c-ram') {
      timing.set(unit.id, { kind: 'gun', minEngagement_s: unit.gun.burst_s });
      continue;
    }
    let flyout_s = Number.POSITIVE_INFINITY;
    for (const group of unit.launchers) flyout_s = Math.min(flyout_s, minFlyout_s(group.interceptor));
    if (Number.isFinite(flyout_s))
      timing.set(unit.id, { kind: 'battery', minEngagement_s: unit.reactionTime_s + flyout_s });
  }
  return timing;
}

/**
 * The fallback when the scenario is not at hand (a stored run without its scenario): a battery's shortest
 * decision-to-predicted-intercept time over its `c2.engage` events in this log (reaction and fly-out as the battery
 * itself planned them). Guns log no plan, so they get no entry, and the story then claims no lateness for a threat
 * a gun might have engaged.
 */
export function storyTimingFromEvents(events: readonly SimEvent[]): StoryTiming {
  const timing = new Map<string, UnitTiming>();
  for (const e of events) {
    if (e.type !== 'c2.engage') continue;
    const planned_s = e.predictedIntercept_s - e.t_s;
    if (!(planned_s >= 0)) continue;
    const known = timing.get(e.unitId);
    if (known === undefined || planned_s < known.minEngagement_s)
      timing.set(e.unitId, { kind: 'battery', minEngagement_s: planned_s });
  }
  return timing;
}
