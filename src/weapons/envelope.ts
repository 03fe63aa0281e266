/**
 * @module weapons/envelope
 * The intercept-altitude floor of an interceptor against a given class of target. Against a ballistic re-entry body
 * the floor (`minInterceptAltitude_m`) is a debris keep-out: a kill below it still drops warhead and fragments on the
 * defended area. Against an air-breathing target (drone, cruise missile) the floor is the lower
 * `minInterceptAltitudeAirBreathing_m` when the type gives one (ground clutter, fuzing), else the same floor.
 */
import type { InterceptorType } from '../scenario/types.js';

/**
 * Lowest intercept height above the launcher, m, for a target the C2 classifies as air-breathing (a level flyer on
 * its track, `airBreathing` true) or ballistic (false).
 * @example
 * ```ts
 * import { loadScenario, minInterceptAltitudeFor, type SamBattery } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const battery = scenario.units.find((u): u is SamBattery => u.kind === 'sam-battery')!;
 * const interceptor = battery.launchers[0].interceptor;
 * console.log(minInterceptAltitudeFor(interceptor, false), minInterceptAltitudeFor(interceptor, true));
 * ```
 */
export function minInterceptAltitudeFor(type: InterceptorType, airBreathing: boolean): number {
  return airBreathing
    ? (type.minInterceptAltitudeAirBreathing_m ?? type.minInterceptAltitude_m)
    : type.minInterceptAltitude_m;
}
