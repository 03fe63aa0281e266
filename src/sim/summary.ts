/**
 * @module sim/summary
 * The per-run summary every front end prints: totals, leakers per asset, per-threat fates, costs and key times.
 * Derived from the final truth and the event log only (an observer's view, never fed back into the run).
 */
import type { DefenseUnit } from '../scenario/types.js';
import type { SimEvent } from '../world/events.js';
import type { ThreatState } from '../world/threatState.js';
import type { World } from '../world/world.js';

/** Fate of one threat. `airborne`: still flying when the scenario's duration ran out. */
export interface ThreatSummary {
  readonly id: string;
  readonly type: string;
  readonly launchTime_s: number;
  readonly fate: 'killed' | 'impacted' | 'failed' | 'airborne' | 'not-launched';
  readonly fateTime_s: number | null;
  readonly impact?: { readonly lat_deg: number; readonly lon_deg: number; readonly assetId: string | null };
  /** In-flight failure mode (`threats/failure`), present only when the threat failed in flight. */
  readonly failure?: 'break-up' | 'guidance-failure';
  readonly interceptorsFired: number;
  readonly gunRounds: number;
  readonly firstDetection_s: number | null;
  /**
   * Warning time before the fate (impact) from the first warning that concerned this threat, s; null without a
   * warning before the fate (none, or only after the body broke up).
   */
  readonly warning_s: number | null;
}

export interface RunTotals {
  readonly launched: number;
  readonly failed: number;
  readonly detected: number;
  readonly engaged: number;
  readonly killed: number;
  readonly impacted: number;
  readonly leakersOnAssets: number;
  readonly interceptorsFired: number;
  readonly gunRoundsFired: number;
  readonly costDefender_usd: number;
  readonly costAttacker_usd: number;
}

export interface RunSummary {
  readonly scenario: string;
  /** Scenario start (ISO with offset), for local clock display. */
  readonly start: string;
  readonly duration_s: number;
  readonly totals: RunTotals;
  /** Impacts inside each asset's footprint. */
  readonly leakersPerAsset: Readonly<Record<string, number>>;
  readonly firstDetection_s: number | null;
  readonly firstIntercept_s: number | null;
  /** Interceptors per unit and type. */
  readonly interceptorsByUnit: Readonly<Record<string, number>>;
  readonly threats: readonly ThreatSummary[];
}

function orNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function threatSummary(threat: ThreatState): ThreatSummary {
  const launched = threat.trajectory !== null;
  const fate = !launched ? 'not-launched' : threat.fate === 'pending' ? 'airborne' : threat.fate;
  const end = threat.endPoint;
  // a warning that came after the fate (the launch cue of a missile that had already broken up) warned of nothing
  const warning_s =
    Number.isFinite(threat.firstWarning_s) &&
    Number.isFinite(threat.fateTime_s) &&
    threat.firstWarning_s <= threat.fateTime_s
      ? threat.fateTime_s - threat.firstWarning_s
      : null;
  return {
    id: threat.launch.id,
    type: threat.type.id,
    launchTime_s: threat.launch.launchTime_s,
    fate,
    fateTime_s: orNull(threat.fateTime_s),
    ...(fate === 'impacted' && end
      ? {
          impact: {
            lat_deg: (end.lat_rad * 180) / Math.PI,
            lon_deg: (end.lon_rad * 180) / Math.PI,
            assetId: threat.impactAssetId,
          },
        }
      : {}),
    ...(threat.trajectory?.failure ? { failure: threat.trajectory.failure } : {}),
    interceptorsFired: threat.interceptorsFired,
    gunRounds: threat.gunRounds,
    firstDetection_s: orNull(threat.firstDetection_s),
    warning_s,
  };
}

function firstTime(events: readonly SimEvent[], predicate: (e: SimEvent) => boolean): number | null {
  const e = events.find(predicate);
  return e ? e.t_s : null;
}

/** Builds the summary at the end of a replication. */
export function summarize(world: World, units: readonly DefenseUnit[]): RunSummary {
  const events = world.recorder.events;
  const threats = world.threats.map(threatSummary);
  const interceptorCost = new Map<string, number>();
  for (const u of units)
    if (u.kind === 'sam-battery')
      for (const g of u.launchers) interceptorCost.set(g.interceptor.id, g.interceptor.cost_usd);
  const gunCost = new Map<string, number>();
  for (const u of units) if (u.kind === 'c-ram') gunCost.set(u.id, u.gun.costPerRound_usd);
  const interceptorsByUnit: Record<string, number> = {};
  let costDefender_usd = 0;
  let gunRoundsFired = 0;
  let interceptorsFired = 0;
  for (const e of events) {
    if (e.type === 'interceptor.launch') {
      interceptorsFired++;
      interceptorsByUnit[e.unitId] = (interceptorsByUnit[e.unitId] ?? 0) + 1;
      costDefender_usd += interceptorCost.get(e.interceptorType) ?? 0;
    } else if (e.type === 'gun.burst') {
      gunRoundsFired += e.rounds;
      costDefender_usd += e.rounds * (gunCost.get(e.unitId) ?? 0);
    }
  }
  const leakersPerAsset: Record<string, number> = {};
  for (const a of world.scenario.assets) leakersPerAsset[a.id] = 0;
  for (const t of threats) if (t.impact?.assetId) leakersPerAsset[t.impact.assetId]++;
  const launchedStates = world.threats.filter((t) => t.trajectory !== null);
  const totals: RunTotals = {
    launched: launchedStates.length,
    failed: threats.filter((t) => t.fate === 'failed').length,
    detected: threats.filter((t) => t.firstDetection_s !== null).length,
    engaged: threats.filter((t) => t.interceptorsFired > 0 || t.gunRounds > 0).length,
    killed: threats.filter((t) => t.fate === 'killed').length,
    impacted: threats.filter((t) => t.fate === 'impacted').length,
    leakersOnAssets: Object.values(leakersPerAsset).reduce((a, b) => a + b, 0),
    interceptorsFired,
    gunRoundsFired,
    costDefender_usd,
    costAttacker_usd: launchedStates.reduce((sum, t) => sum + t.type.cost_usd, 0),
  };
  return {
    scenario: world.scenario.name,
    start: world.scenario.start,
    duration_s: world.scenario.duration_s,
    totals,
    leakersPerAsset,
    firstDetection_s: firstTime(events, (e) => e.type === 'sensor.firstDetection'),
    firstIntercept_s: firstTime(events, (e) => e.type === 'threat.killed'),
    interceptorsByUnit,
    threats,
  };
}
