import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../scenario/catalog.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import type { RunSummary } from '../sim/summary.js';
import type { LogPoint, SimEvent } from '../world/events.js';
import type { RunPaths } from '../world/paths.js';
import { checkInvariants, INVARIANTS, type InvariantCode, type RunToCheck } from './invariants.js';

// a hand-made run against the shipped Al Asad battery (patriot-1, PAC-2 class: floor 5 km, ceiling 20 km, range
// 25 km, 90 s of flight), reduced to its first threat (an SRBM from the east)
const full = loadScenario(join(packageRoot(), 'scenarios', 'al-asad-2020.yaml'));
const scenario: Scenario = { ...full, threats: [full.threats[0]] };
const threat = scenario.threats[0];
const battery = scenario.units[0];
const DEG = 180 / Math.PI;
const site = { lat_deg: battery.position.lat_rad * DEG, lon_deg: battery.position.lon_rad * DEG };
/** Degrees of longitude per km east at the battery. */
const LON_PER_KM = 1 / (111.32 * Math.cos(battery.position.lat_rad));

/** A point `east_km` east of the battery (up the threat axis) and `up_km` above it. */
function near(east_km: number, up_km: number): LogPoint {
  return {
    lat_deg: site.lat_deg,
    lon_deg: site.lon_deg + east_km * LON_PER_KM,
    alt_m: battery.position.h_m + up_km * 1000,
  };
}

const ID = threat.id;
const launch: SimEvent = {
  t_s: 0,
  type: 'threat.launch',
  threatId: ID,
  threatType: threat.typeId,
  from: { lat_deg: threat.from.lat_rad * DEG, lon_deg: threat.from.lon_rad * DEG, alt_m: threat.from.h_m },
  aim: { lat_deg: threat.aim.lat_rad * DEG, lon_deg: threat.aim.lon_rad * DEG, alt_m: threat.aim.h_m },
  targetAssetId: 'al-asad',
  plannedEnd_s: 300,
  apexAltitude_m: 150_000,
};
const engagePoint = near(5, 10);
const killPoint = near(5, 10);

/** A clean run: launch, detection, engagement, one round that kills at 10 km up, 5 km up-range. */
function cleanEvents(): SimEvent[] {
  return [
    launch,
    { t_s: 150, type: 'sensor.firstDetection', unitId: 'patriot-1', threatId: ID, range_m: 150_000 },
    {
      t_s: 200,
      type: 'c2.engage',
      unitId: 'patriot-1',
      trackId: 'T1',
      shots: 1,
      predictedIntercept_s: 230,
      predictedInterceptPoint: engagePoint,
      expectedValue: 5,
    },
    {
      t_s: 200,
      type: 'interceptor.launch',
      unitId: 'patriot-1',
      interceptorId: 'patriot-1-I1',
      interceptorType: 'notional-pac2-gem',
      trackId: 'T1',
      threatId: ID,
      launcher: 0,
    },
    {
      t_s: 230,
      type: 'interceptor.end',
      unitId: 'patriot-1',
      interceptorId: 'patriot-1-I1',
      threatId: ID,
      result: 'kill',
      reason: 'lethal',
      miss_m: 3,
      point: killPoint,
    },
    { t_s: 230, type: 'threat.killed', threatId: ID, point: killPoint, assetId: null, by: 'patriot-1-I1' },
  ];
}

function cleanSummary(): RunSummary {
  return {
    scenario: scenario.name,
    start: scenario.start,
    duration_s: scenario.duration_s,
    totals: {
      launched: 1,
      failed: 0,
      detected: 1,
      engaged: 1,
      killed: 1,
      impacted: 0,
      leakersOnAssets: 0,
      interceptorsFired: 1,
      gunRoundsFired: 0,
      costDefender_usd: 0,
      costAttacker_usd: 0,
    },
    leakersPerAsset: { 'al-asad': 0 },
    firstDetection_s: 150,
    firstIntercept_s: 230,
    interceptorsByUnit: { 'patriot-1': 1 },
    threats: [
      {
        id: ID,
        type: threat.typeId,
        launchTime_s: 0,
        fate: 'killed',
        fateTime_s: 230,
        interceptorsFired: 1,
        gunRounds: 0,
        firstDetection_s: 150,
        warning_s: null,
      },
    ],
  };
}

function codes(run: RunToCheck): InvariantCode[] {
  return [...new Set(checkInvariants(run).map((v) => v.code))].sort();
}

/** The clean run with its events replaced by `edit(events)` (summary and scenario kept). */
function edited(edit: (events: SimEvent[]) => SimEvent[], summary: RunSummary | null = cleanSummary()) {
  return { events: edit(cleanEvents()), summary, scenario };
}

function replaceAt(events: SimEvent[], type: SimEvent['type'], patch: Record<string, unknown>): SimEvent[] {
  return events.map((e) => (e.type === type ? ({ ...e, ...patch } as SimEvent) : e));
}

describe('checkInvariants', () => {
  it('finds nothing wrong in a clean hand-made run, with or without summary and scenario', () => {
    expect(checkInvariants({ events: cleanEvents(), summary: cleanSummary(), scenario })).toEqual([]);
    expect(checkInvariants({ events: cleanEvents() })).toEqual([]);
  });

  it('documents every code with a rule and a tolerance', () => {
    for (const info of Object.values(INVARIANTS)) {
      expect(info.rule.length).toBeGreaterThan(20);
      expect(info.tolerance.length).toBeGreaterThan(3);
    }
  });

  it('EVENT_ORDER: an event earlier than the one before it', () => {
    expect(codes(edited((e) => [...e.slice(0, 2), { ...e[2], t_s: 100 }, ...e.slice(3)]))).toContain(
      'EVENT_ORDER',
    );
  });

  it('NON_FINITE: NaN in a live log, and null (JSON-written NaN) in a number field of a stored log', () => {
    const nan = codes(edited((e) => replaceAt(e, 'sensor.firstDetection', { range_m: Number.NaN })));
    expect(nan).toContain('NON_FINITE');
    const inf = codes(edited((e) => replaceAt(e, 'c2.engage', { expectedValue: Number.POSITIVE_INFINITY })));
    expect(inf).toContain('NON_FINITE');
    const nulled = checkInvariants(edited((e) => replaceAt(e, 'sensor.firstDetection', { range_m: null })));
    expect(nulled.map((v) => v.code)).toContain('NON_FINITE');
    // the nullable fields may be null
    const missNull = codes(edited((e) => replaceAt(e, 'interceptor.end', { result: 'miss', miss_m: null })));
    expect(missNull).not.toContain('NON_FINITE');
  });

  it('LAUNCH_DUPLICATE and LAUNCH_MISSING', () => {
    expect(codes(edited((e) => [e[0], ...e]))).toContain('LAUNCH_DUPLICATE');
    expect(codes(edited((e) => e.slice(1)))).toContain('LAUNCH_MISSING');
  });

  it('FATE_NONE: a threat whose flight ends inside the run has no fate', () => {
    const run = edited((e) => e.filter((x) => x.type !== 'threat.killed'));
    expect(codes(run)).toContain('FATE_NONE');
    // still flying at the end of the run is not a violation
    const flying = edited((e) =>
      replaceAt(
        e.filter((x) => x.type !== 'threat.killed'),
        'threat.launch',
        { plannedEnd_s: scenario.duration_s + 10 },
      ),
    );
    expect(codes(flying)).not.toContain('FATE_NONE');
  });

  it('FATE_MULTIPLE: a killed threat that also impacts', () => {
    const impact: SimEvent = {
      t_s: 300,
      type: 'threat.impact',
      threatId: ID,
      point: near(0, 0),
      assetId: 'al-asad',
      by: null,
    };
    const found = checkInvariants(edited((e) => [...e, impact])).filter((v) => v.code === 'FATE_MULTIPLE');
    expect(found).toHaveLength(1);
    expect(found[0].threatId).toBe(ID);
    expect(found[0].events).toEqual([5, 6]);
  });

  it('FATE_UNLAUNCHED: a fate for a threat that never launched', () => {
    const ghost: SimEvent = {
      t_s: 10,
      type: 'threat.failed',
      threatId: 'ghost',
      point: near(0, 0),
      assetId: null,
      by: null,
    };
    expect(codes(edited((e) => [e[0], ghost, ...e.slice(1)]))).toContain('FATE_UNLAUNCHED');
  });

  it('FATE_SUMMARY: the summary says impacted, the log says killed', () => {
    const summary = cleanSummary();
    const wrong = { ...summary, threats: [{ ...summary.threats[0], fate: 'impacted' as const }] };
    expect(codes(edited((e) => e, wrong))).toContain('FATE_SUMMARY');
  });

  it('TOTALS: a summary total the log does not support (a failed missile counted as a kill)', () => {
    const summary = cleanSummary();
    expect(codes(edited((e) => e, { ...summary, totals: { ...summary.totals, killed: 2 } }))).toContain(
      'TOTALS',
    );
    expect(
      codes(edited((e) => e, { ...summary, leakersPerAsset: { 'al-asad': 1 } })).filter(
        (c) => c === 'TOTALS',
      ),
    ).toEqual(['TOTALS']);
  });

  it('TOTALS_IDENTITY: launched ≠ killed + impacted + failed + airborne', () => {
    const summary = cleanSummary();
    const run = edited((e) => e, { ...summary, totals: { ...summary.totals, launched: 2 } });
    expect(codes(run)).toContain('TOTALS_IDENTITY');
  });

  it('UNIT_COUNTS: interceptors per unit disagree with the launches', () => {
    const summary = { ...cleanSummary(), interceptorsByUnit: { 'patriot-1': 2 } };
    expect(codes(edited((e) => e, summary))).toContain('UNIT_COUNTS');
  });

  it('THREAT_COUNTS: per-threat interceptors and first detection disagree with the log', () => {
    const summary = cleanSummary();
    const t = summary.threats[0];
    expect(codes(edited((e) => e, { ...summary, threats: [{ ...t, interceptorsFired: 3 }] }))).toContain(
      'THREAT_COUNTS',
    );
    expect(codes(edited((e) => e, { ...summary, threats: [{ ...t, firstDetection_s: 140 }] }))).toContain(
      'THREAT_COUNTS',
    );
  });

  it('MAGAZINE: more rounds than the launchers and reserve hold (80: 4 × 4 + 2 × 12 ready, 16 + 24 spare)', () => {
    const extra: SimEvent[] = [];
    for (let k = 2; k <= 81; k++)
      extra.push({
        t_s: 200,
        type: 'interceptor.launch',
        unitId: 'patriot-1',
        interceptorId: `patriot-1-I${k}`,
        interceptorType: 'notional-pac2-gem',
        trackId: 'T1',
        threatId: null,
        launcher: 0,
      });
    expect(
      codes({ events: [...cleanEvents().slice(0, 4), ...extra, ...cleanEvents().slice(4)], scenario }),
    ).toContain('MAGAZINE');
  });

  it('INTERCEPTOR_PAIRING: an end without a launch, and a round that never ends inside the run', () => {
    expect(codes(edited((e) => e.filter((x) => x.type !== 'interceptor.launch')))).toContain(
      'INTERCEPTOR_PAIRING',
    );
    const unended = edited((e) =>
      e.filter((x) => x.type !== 'interceptor.end' && x.type !== 'threat.killed'),
    );
    expect(codes(unended)).toContain('INTERCEPTOR_PAIRING');
  });

  it('KILL_PAIRING: a weapon kill without threat.killed, and threat.killed by nobody', () => {
    expect(codes(edited((e) => replaceAt(e, 'threat.killed', { by: 'patriot-1-I9' })))).toContain(
      'KILL_PAIRING',
    );
  });

  it('KILL_AFTER_IMPACT: a kill after the threat is down', () => {
    const impact: SimEvent = {
      t_s: 220,
      type: 'threat.impact',
      threatId: ID,
      point: near(0, 0),
      assetId: 'al-asad',
      by: null,
    };
    expect(codes({ events: [...cleanEvents().slice(0, 4), impact, ...cleanEvents().slice(4)] })).toContain(
      'KILL_AFTER_IMPACT',
    );
    // after the planned end, without an impact event
    expect(codes({ events: replaceAt(cleanEvents(), 'threat.launch', { plannedEnd_s: 225 }) })).toContain(
      'KILL_AFTER_IMPACT',
    );
  });

  describe('gun bursts', () => {
    const rocketLaunch: SimEvent = { ...launch, threatId: 'R1', plannedEnd_s: 40, apexAltitude_m: 2000 };
    const impact: SimEvent = {
      t_s: 40,
      type: 'threat.impact',
      threatId: 'R1',
      point: near(0, 0),
      assetId: 'al-asad',
      by: null,
    };
    const cue: SimEvent = {
      t_s: 20,
      type: 'warning.cue',
      source: 'sense-and-warn',
      unitId: 'cram-1',
      threatId: 'R1',
      trackId: 'G1',
    };
    const burst = (t_s: number, result: 'kill' | 'miss', threatId: string | null): SimEvent => ({
      t_s,
      type: 'gun.burst',
      unitId: 'cram-1',
      trackId: 'G1',
      threatId,
      rounds: 150,
      range_m: 1500,
      pk: 0.3,
      result,
    });

    it('GUN_KILL_AFTER_IMPACT: a burst kills a rocket that is already down', () => {
      const run = { events: [rocketLaunch, cue, impact, burst(42, 'kill', 'R1')] };
      expect(codes(run)).toContain('GUN_KILL_AFTER_IMPACT');
    });

    it('GUN_BURST_AFTER_IMPACT: a burst on a cued track resolves after its rocket is down; in time it is fine', () => {
      expect(codes({ events: [rocketLaunch, cue, impact, burst(42, 'miss', null)] })).toEqual([
        'GUN_BURST_AFTER_IMPACT',
      ]);
      expect(codes({ events: [rocketLaunch, cue, burst(35, 'miss', 'R1'), impact] })).toEqual([]);
    });
  });

  it('KILL_ABOVE_CEILING, KILL_BELOW_FLOOR, KILL_BEYOND_RANGE: kills outside the PAC-2 envelope', () => {
    const at = (p: LogPoint) =>
      edited((e) => replaceAt(replaceAt(e, 'interceptor.end', { point: p }), 'threat.killed', { point: p }));
    expect(codes(at(near(5, 21.1)))).toContain('KILL_ABOVE_CEILING');
    expect(codes(at(near(5, 4)))).toContain('KILL_BELOW_FLOOR');
    expect(codes(at(near(26, 10)))).toContain('KILL_BEYOND_RANGE');
    // within the miss distance of the limit is tolerated
    expect(codes(at(near(5, 20.002)))).not.toContain('KILL_ABOVE_CEILING');
  });

  it('KILL_BELOW_FLOOR uses the air-breathing floor (60 m) against a drone, the ballistic one (5 km) otherwise', () => {
    const droneScenario: Scenario = {
      ...scenario,
      threatTypes: {
        ...scenario.threatTypes,
        drone: { ...full.threatTypes[threat.typeId], kind: 'drone' } as never,
      },
    };
    const low = near(5, 1);
    const run = (threatType: string) => ({
      events: replaceAt(
        replaceAt(replaceAt(cleanEvents(), 'interceptor.end', { point: low }), 'threat.killed', {
          point: low,
        }),
        'threat.launch',
        { threatType },
      ),
      scenario: droneScenario,
    });
    expect(codes(run('drone'))).not.toContain('KILL_BELOW_FLOOR');
    expect(codes(run(threat.typeId))).toContain('KILL_BELOW_FLOOR');
  });

  it('INTERCEPT_UNREACHABLE: faster than the flyout table, or longer than the flight time', () => {
    // 5 km out and 10 km up in 2 s: no PAC-2-class round gets there
    const fast = edited((e) => replaceAt(e, 'interceptor.launch', { t_s: 228 }));
    expect(codes(fast)).toContain('INTERCEPT_UNREACHABLE');
    const slow = edited((e) =>
      replaceAt(replaceAt(e, 'interceptor.launch', { t_s: 100 }), 'c2.engage', { t_s: 100 }),
    );
    expect(codes({ ...slow, events: [...slow.events].sort((a, b) => a.t_s - b.t_s) })).toContain(
      'INTERCEPT_UNREACHABLE',
    );
  });

  it('INTERCEPT_BEHIND: a planned intercept 20 km behind the battery while the missile is crossing', () => {
    // 20 km west of the battery (down the threat axis) at the 20 km ceiling, the missile past the battery
    const behind = near(-20, 19.5);
    const path: RunPaths = {
      threats: [
        {
          id: ID,
          kind: 'threat',
          type: threat.typeId,
          unitId: null,
          t_s: [228, 230, 232],
          // moving west and down at ~45°, i.e. nearly perpendicular to the line of sight from the battery
          lat_deg: [site.lat_deg, site.lat_deg, site.lat_deg],
          lon_deg: [-18, -20, -22].map((x) => site.lon_deg + x * LON_PER_KM),
          alt_m: [21.5e3, 19.5e3, 17.5e3].map((h) => h + battery.position.h_m),
        },
      ],
      interceptors: [],
    };
    const run = edited((e) => replaceAt(e, 'c2.engage', { predictedInterceptPoint: behind }));
    const found = checkInvariants({ ...run, paths: path }).filter((v) => v.code === 'INTERCEPT_BEHIND');
    expect(found).toHaveLength(1);
    expect(found[0].events).toEqual([2, 3]);
    // a steep dive 3 km past the battery is still closing on it: not behind
    const steep = near(-3, 10);
    const diving: RunPaths = {
      threats: [
        {
          ...path.threats[0],
          lon_deg: [-2.5, -3, -3.5].map((x) => site.lon_deg + x * LON_PER_KM),
          alt_m: [12e3, 10e3, 8e3],
        },
      ],
      interceptors: [],
    };
    const closing = edited((e) => replaceAt(e, 'c2.engage', { predictedInterceptPoint: steep }));
    expect(codes({ ...closing, paths: diving })).not.toContain('INTERCEPT_BEHIND');
  });

  it('DETECTION_BEFORE_LAUNCH', () => {
    const early = cleanEvents();
    const run = {
      events: [
        { ...early[1], t_s: 0 },
        { ...early[0], t_s: 5 },
      ] as SimEvent[],
    };
    expect(codes(run)).toContain('DETECTION_BEFORE_LAUNCH');
  });

  it('DETECTION_BEYOND_HORIZON: 150 km is visible at a 150 km apex, not at a 300 m one', () => {
    // horizon ≈ 4.12 (√(188 + 4) + √300) km ≈ 129 km
    const low = edited((e) => replaceAt(e, 'threat.launch', { apexAltitude_m: 300 }));
    expect(codes(low)).toContain('DETECTION_BEYOND_HORIZON');
  });

  it('DETECTION_BEYOND_MAX_RANGE: farther than the radar instruments', () => {
    const far = edited((e) => replaceAt(e, 'sensor.firstDetection', { range_m: 2_000_000 }));
    expect(codes(far)).toContain('DETECTION_BEYOND_MAX_RANGE');
  });
});

describe('docs/invariants.md', () => {
  it('lists every invariant code', () => {
    const doc = readFileSync(join(packageRoot(), 'docs', 'invariants.md'), 'utf8');
    for (const code of Object.keys(INVARIANTS)) expect(doc).toContain(`| \`${code}\` |`);
  });
});
