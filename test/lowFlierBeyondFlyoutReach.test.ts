/**
 * Regression of the saturation night's INTERCEPT_UNREACHABLE (issue 12, seed 1: 17 of them, e.g. "patriot-baghdad-I12
 * kill 35.18 km from patriot-baghdad, 0.501 km above it: beyond the notional-pac3-mse kinematic reach (flyout
 * table)"). The PAC-3 MSE-class rounds were fired at drones 500 m up, 35–36 km out, and reached them in ≈ 74.5 s,
 * inside the type's 75 s, yet the flyout table (weapons/flyout) called those points unreachable: its unguided shots
 * stopped at the ground and at the flight-time limit, so once the lower of two neighbouring shots had landed (or run
 * out of time) the pair bracketed nothing and the nodes between the ground and the higher shot's descending branch
 * stayed empty; the low band then filled them from a guided flight launched at ≈ 10° without the C2's flight-time
 * hint, which is 10–20 s slower than the lofted round the engine flies, or found them beyond 75 s. The table was
 * ragged (35.5 km / 1 km reachable in 61 s, 35 km / 1 km not at all), so fire control fired at a track whose
 * predicted point sat on a reachable node (1.1 km) while the drone was 600 m lower on an empty one. Second half of
 * the same disagreement: the battery launched its rounds without the planned flight time as their loft hint
 * (c2/batteryFire), so they flew a low mean-speed-guess loft and met drones 8–13 s after the time fire control had
 * planned (74.5 s instead of 61 s), or self-destructed. The simulated airframe is the reference: the table must
 * agree with the round the engine flies, the engine must fly the round that was planned, and a run must not break
 * the reach rule that fire control and the checker both read from that table.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { flyoutTableFor } from '../src/c2/battery.js';
import { ecefToGeodetic } from '../src/geo/wgs84.js';
import { createRng } from '../src/math/rng.js';
import { checkInvariants } from '../src/outcome/invariants.js';
import { loadCatalog } from '../src/scenario/catalog.js';
import { compileScenario } from '../src/scenario/compile.js';
import type { Geodetic, InterceptorType } from '../src/scenario/types.js';
import { runScenario } from '../src/sim/engine.js';
import type { Trajectory } from '../src/threats/index.js';
import { pointAt } from '../src/weapons/flyoutAimed.js';
import { flyInterceptor } from '../src/weapons/interceptor.js';

const SITE: Geodetic = { lat_rad: (33.28 * Math.PI) / 180, lon_rad: (44.32 * Math.PI) / 180, h_m: 0 };

/** A target that stays at `aim_ecef` (the nominal flight to a point). */
function standing(aim_ecef: Float64Array, end_s: number): Trajectory {
  return {
    launchTime_s: 0,
    endTime_s: end_s,
    outcome: 'impact',
    endPoint: ecefToGeodetic(aim_ecef),
    apexAltitude_m: 0,
    times_s: Float64Array.of(0, end_s),
    pos_ecef: Float64Array.of(...aim_ecef, ...aim_ecef),
    vel_ecef: new Float64Array(6),
    stateAt(t_s, pos_out, vel_out) {
      if (!(t_s >= 0 && t_s <= end_s)) return false;
      pos_out.set(aim_ecef);
      vel_out.fill(0);
      return true;
    },
  };
}

/** The engine's round (no failure, no guidance noise) aimed at a standing point with the C2's flight-time hint. */
function guidedTime_s(type: InterceptorType, range_m: number, height_m: number, hint_s: number): number {
  const aim_ecef = pointAt(SITE, (75 * Math.PI) / 180, range_m, height_m);
  const flight = flyInterceptor({
    type: { ...type, reliability: 1, guidanceNoise_m: 0 },
    site: SITE,
    launchTime_s: 0,
    aimPoint_ecef: aim_ecef,
    target: standing(aim_ecef, type.maxFlightTime_s + 30),
    rng: createRng(0),
    step_s: 0.05,
    recordEvery_s: 1000,
    flightTimeHint_s: hint_s,
    minInterceptAltitude_m: Number.NEGATIVE_INFINITY,
  });
  const o = flight.outcome;
  return o.kind === 'intercept' && o.miss_m <= 25 ? o.time_s : Number.POSITIVE_INFINITY;
}

describe('low fliers beyond the flyout reach (issue 12, saturation night INTERCEPT_UNREACHABLE)', () => {
  it('the PAC-3 MSE table reaches the low band out to 37.5 km, within 2 s of the round the engine flies', () => {
    const type = loadCatalog().interceptors.get('notional-pac3-mse')?.value as InterceptorType;
    const table = flyoutTableFor(type);
    const rows: string[] = [];
    for (const range_m of [30_000, 33_000, 35_000, 35_200, 36_000, 37_000, 37_500])
      for (const height_m of [60, 250, 500, 750, 1000]) {
        const table_s = table.timeToPoint(range_m, height_m);
        // the hint is what the C2 passes (its PIP solver's table time); the table's own lofted shot otherwise
        const guided_s = guidedTime_s(type, range_m, height_m, Number.isFinite(table_s) ? table_s : 65);
        rows.push(
          `${range_m} m, ${height_m} m: table ${table_s.toFixed(2)} s, round ${guided_s.toFixed(2)} s`,
        );
        expect(Number.isFinite(guided_s), rows.at(-1)).toBe(true);
        expect(Number.isFinite(table_s), rows.at(-1)).toBe(true);
        expect(Math.abs(table_s - guided_s), rows.at(-1)).toBeLessThan(2);
      }
  });

  it('the table grows with range along every low row (no empty node between reachable ones)', () => {
    const type = loadCatalog().interceptors.get('notional-pac3-mse')?.value as InterceptorType;
    const table = flyoutTableFor(type);
    for (const height_m of [0, 250, 500, 750, 1000, 1250]) {
      let previous_s = 0;
      let ended = false;
      for (let range_m = 2000; range_m <= type.maxInterceptRange_m; range_m += 250) {
        const t_s = table.timeToPoint(range_m, height_m);
        if (!Number.isFinite(t_s)) {
          ended = true;
          continue;
        }
        expect(ended, `${range_m} m, ${height_m} m reachable after an unreachable node`).toBe(false);
        expect(t_s).toBeGreaterThan(previous_s);
        previous_s = t_s;
      }
    }
  });

  it('one PAC-3 MSE battery against drones at 500 m breaks no reach rule', () => {
    const scenario = compileScenario(
      parse(`
name: low fliers beyond the flyout reach
seed: 1
start: 2024-04-14T01:00:00+03:00
duration: 30min
step: 0.1s
threatMargin: 1km
earlyWarning: { enabled: false }
assets:
  - { id: base, lat: 33.26, lon: 44.23, radius: 3km, value: 10 }
units:
  - id: pac3
    kind: sam-battery
    at: { lat: 33.28, lon: 44.32 }
    radar: { type: notional-mfr, sectorCenter: 65deg, sectorWidth: 120deg }
    launchers: [{ count: 2, interceptor: notional-pac3-mse, loaded: 12, capacity: 12 }]
    fireChannels: 5
    doctrine: { mode: salvo, shotsPerThreat: 2, maxShotsPerThreat: 4, killAssessmentDelay: 5s, salvoInterval: 1s }
    reactionTime: 8s
    defends: [base]
threats:
  - raid: drones
    type: notional-owa-drone
    from: { lat: 33.45, lon: 44.95 }
    target: base
    count: 6
    at: 0
    interval: 20s
    spread: 1.2km
`),
    );
    const result = runScenario(scenario, { seed: 1, recordPaths: true });
    const launches = result.events.filter((e) => e.type === 'interceptor.launch');
    expect(launches.length).toBeGreaterThan(0);
    // the round flies the flight fire control planned (the table's time is its loft hint): before, launched on a
    // mean-speed loft guess, it met drones 35 km out 8–13 s after the planned time or self-destructed at 75 s
    const planned = new Map<string, number>();
    const launched = new Map<string, number>();
    const late: string[] = [];
    for (const e of result.events) {
      if (e.type === 'c2.engage') planned.set(e.trackId, e.predictedIntercept_s);
      if (e.type === 'interceptor.launch')
        launched.set(e.interceptorId, planned.get(e.trackId) ?? Number.NaN);
      if (e.type !== 'interceptor.end' || e.result === 'no-intercept') continue;
      const late_s = e.t_s - (launched.get(e.interceptorId) ?? Number.NaN);
      if (!(late_s < 5)) late.push(`${e.interceptorId} ${late_s.toFixed(1)} s after its planned intercept`);
    }
    expect(late).toEqual([]);
    expect(result.events.filter((e) => e.type === 'interceptor.end' && e.reason === 'self-destruct')).toEqual(
      [],
    );
    const violations = checkInvariants({
      events: result.events,
      summary: result.summary,
      scenario,
      paths: result.paths,
    });
    expect(violations.map((v) => `${v.code}: ${v.message}`)).toEqual([]);
  }, 120_000);
});
