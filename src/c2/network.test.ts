import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileScenario } from '../scenario/compile.js';
import { runScenario } from '../sim/engine.js';
import type { SimEvent } from '../world/events.js';
import {
  beginNetworkCycle,
  createLedger,
  engagePermission,
  recordAssessment,
  recordEngagement,
  recordIntent,
} from './network.js';

describe('engagement ledger rule', () => {
  const members = [
    { unitId: 'pac', tier: 'upper' as const },
    { unitId: 'pac-2', tier: 'upper' as const },
    { unitId: 'gun', tier: 'lower' as const },
  ];
  it('one shooter per track, unless the doctrine allows simultaneous engagements', () => {
    const ledger = createLedger('net', members, false, 10);
    expect(engagePermission(ledger, 'pac-2', 'T1', 60)).toBeNull();
    recordEngagement(ledger, 'pac', 'T1');
    expect(engagePermission(ledger, 'pac-2', 'T1', 60)).toBe('engaged-by-other-unit');
    expect(engagePermission(ledger, 'gun', 'T1', 2)).toBe('engaged-by-other-unit');
    const free = createLedger('net', members, true, 10);
    recordEngagement(free, 'pac', 'T1');
    expect(engagePermission(free, 'pac-2', 'T1', 60)).toBeNull();
  });
  it('lower tier defers to a waiting upper tier until a survived assessment or the last-chance window', () => {
    const ledger = createLedger('net', members, false, 10);
    beginNetworkCycle(ledger);
    recordIntent(ledger, 'pac', 'T1');
    expect(engagePermission(ledger, 'gun', 'T1', 30)).toBe('deferred-to-upper-tier');
    expect(engagePermission(ledger, 'gun', 'T1', 10)).toBeNull(); // last chance
    recordEngagement(ledger, 'pac', 'T1');
    recordAssessment(ledger, 'pac', 'T1', 'survived');
    expect(engagePermission(ledger, 'gun', 'T1', 30)).toBeNull(); // leaker
    beginNetworkCycle(ledger);
    expect(engagePermission(ledger, 'gun', 'T2', 30)).toBeNull(); // no upper intent on T2
    recordAssessment(ledger, 'gun', 'T2', 'killed');
    expect(engagePermission(ledger, 'pac', 'T2', 30)).toBe('assessed-killed-by-network');
  });
});

/** A battery block at (lat, lon) facing `sector`. */
function battery(id: string, lat: number, lon: number, sector: number, loaded = 4, extra = ''): string {
  return `
  - id: ${id}
    kind: sam-battery
    at: { lat: ${lat}, lon: ${lon}, alt: 188m }
    radar: { type: notional-mfr, sectorCenter: ${sector}deg, sectorWidth: 120deg }
    launchers: [{ count: 2, interceptor: ${extra || 'notional-pac2-gem'}, loaded: ${loaded}, capacity: 4 }]
    fireChannels: 5
    doctrine: { mode: salvo, shotsPerThreat: 2, maxShotsPerThreat: 4 }
    reactionTime: 8s
    defends: [base]`;
}

const HEAD = `
name: network test
seed: 1
start: 2020-01-08T01:00:00+03:00
duration: 12min
step: 0.1s
threatMargin: 1km
earlyWarning: { enabled: false }
assets:
  - { id: base, lat: 33.79, lon: 42.44, alt: 188m, radius: 3km, value: 10 }
`;
const SRBM = `
  - { raid: srbm, type: notional-srbm-500km, from: { lat: 34.31, lon: 47.07 }, target: base, count: 1, at: 60 }`;

function run(yaml: string) {
  return runScenario(compileScenario(parse(yaml)), { seed: 1 });
}
const ofType = <T extends SimEvent['type']>(events: readonly SimEvent[], type: T) =>
  events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

describe('layered C2 in the engine', () => {
  const twoBatteries = (flag: boolean) => `${HEAD}
units:${battery('pac-a', 33.8, 42.45, 81)}${battery('pac-b', 33.78, 42.43, 81)}
networks: [{ id: net, units: [pac-a, pac-b], allowSimultaneous: ${flag} }]
threats:${SRBM}`;

  it('two netted batteries, one threat: exactly one engagement; two with allowSimultaneous', () => {
    const one = ofType(run(twoBatteries(false)).events, 'c2.engage');
    expect(one.length).toBe(1);
    const both = ofType(run(twoBatteries(true)).events, 'c2.engage');
    expect(new Set(both.map((e) => e.unitId))).toEqual(new Set(['pac-a', 'pac-b']));
  });

  it('without a network the two batteries both engage (each its own picture), as before networks existed', () => {
    const yaml = `${HEAD}
units:${battery('pac-a', 33.8, 42.45, 81)}${battery('pac-b', 33.78, 42.43, 81)}
threats:${SRBM}`;
    const engages = ofType(run(yaml).events, 'c2.engage');
    expect(new Set(engages.map((e) => e.unitId))).toEqual(new Set(['pac-a', 'pac-b']));
  });

  /** pac-fwd faces the threat but has no rounds; pac-rear faces away (261°) and never sees it itself in time. */
  const rearFacing = (interceptor: string) => `${HEAD}
catalog:
  interceptors: { remote-pac: { extends: notional-pac2-gem, requiresOwnRadarTrack: false } }
units:${battery('pac-fwd', 33.78, 42.43, 81, 0, interceptor)}${battery('pac-rear', 33.8, 42.45, 261, 4, interceptor)}
networks: [{ id: net, units: [pac-fwd, pac-rear] }]
threats:${SRBM}`;

  it('engage on remote: a rear-facing battery whose type allows it kills a threat only a netted forward radar sees', () => {
    const { events } = run(rearFacing('remote-pac'));
    const engages = ofType(events, 'c2.engage');
    expect(engages.map((e) => e.unitId)).toEqual(['pac-rear']);
    // pac-rear's own radar first sees the SRBM (if ever) only overhead, after it has engaged on pac-fwd's track
    const ownSight = ofType(events, 'sensor.firstDetection').find((e) => e.unitId === 'pac-rear');
    expect(ownSight === undefined || ownSight.t_s > engages[0].t_s).toBe(true);
    const launches = ofType(events, 'interceptor.launch');
    expect(launches.length).toBeGreaterThan(0);
    expect(launches.every((e) => e.unitId === 'pac-rear' && e.threatId === 'srbm-1')).toBe(true);
  });

  it('no engage on remote for track-via-missile: a rear-facing PAC-2-class battery holds fire on another unit’s track', () => {
    // the bug: a PAC-2-class battery whose own radar faced away killed missiles on another unit's track
    const { events } = run(rearFacing('notional-pac2-gem'));
    expect(ofType(events, 'c2.engage').length).toBe(0);
    expect(ofType(events, 'interceptor.launch').length).toBe(0);
    const holds = ofType(events, 'c2.holdFire').filter((e) => e.unitId === 'pac-rear');
    expect(holds.map((e) => e.reason)).toContain('no-own-radar-track');
  });

  it('a Patriot engages a drone at 200 m AGL (air-breathing floor), which the TBM floor of 5 km forbade', () => {
    const yaml = (floor: string) => `${HEAD}
catalog:
  threats: { low-drone: { extends: notional-owa-drone, cruiseAltitude_m: 200m, reliability: 1 } }
  interceptors: { pac: { extends: notional-pac2-gem, minInterceptAltitudeAirBreathing_m: ${floor} } }
units:${battery('pac-a', 33.8, 42.45, 81, 4, 'pac')}
threats:
  - { raid: uav, type: low-drone, from: { lat: 33.85, lon: 42.75 }, target: base, at: 0 }`;
    const low = run(yaml('60m')).events;
    expect(ofType(low, 'c2.engage').length).toBeGreaterThan(0);
    expect(ofType(low, 'interceptor.launch').length).toBeGreaterThan(0);
    const tbmFloor = run(yaml('5km')).events;
    expect(ofType(tbmFloor, 'c2.engage').length).toBe(0);
    expect(ofType(tbmFloor, 'c2.holdFire').map((e) => e.reason)).toContain('too-low');
  });
});

describe('upper tier first, lower tier for what it cannot and for leakers', () => {
  const yaml = (pkMax: number) => `${HEAD}
catalog:
  interceptors: { pac: { extends: notional-pac2-gem, pkMax: ${pkMax} } }
units:${battery('pac-a', 33.8, 42.45, 81, 4, 'pac')}
  - { id: cram-1, kind: c-ram, at: { lat: 33.79, lon: 42.442, alt: 188m }, defends: [base] }
networks: [{ id: net, units: [pac-a, cram-1] }]
threats:${SRBM}
  - { raid: rockets, type: notional-rocket-107mm, from: { lat: 33.745, lon: 42.495 }, target: base, count: 3, at: 300, interval: 1s, spread: 300m }`;

  it('the Patriot takes the SRBM, the C-RAM the rockets', () => {
    const { events } = run(yaml(0.8));
    const launches = ofType(events, 'interceptor.launch');
    expect(launches.length).toBeGreaterThan(0);
    expect(launches.every((e) => e.threatId === 'srbm-1')).toBe(true);
    const bursts = ofType(events, 'gun.burst');
    expect(bursts.length).toBeGreaterThan(0);
    // every burst resolves on a rocket still in the air (none is fired to arrive after the impact)
    expect(bursts.every((e) => e.threatId?.startsWith('rockets-'))).toBe(true);
    // the gun fires on the SRBM's track only after the battery's engagement was assessed survived (a leaker)
    const srbmTracks = new Set(launches.map((e) => e.trackId));
    const survived = ofType(events, 'c2.killAssessment').find(
      (e) => srbmTracks.has(e.trackId) && e.assessed === 'survived',
    );
    for (const b of bursts.filter((e) => srbmTracks.has(e.trackId)))
      expect(survived !== undefined && b.t_s >= survived.t_s).toBe(true);
  });

  it('a PAC leaker (pkMax 0) is left to the lower tier, whose gun holds because no burst can beat its impact', () => {
    const { events } = run(yaml(0));
    const srbmTracks = new Set(
      ofType(events, 'interceptor.launch')
        .filter((e) => e.threatId === 'srbm-1')
        .map((e) => e.trackId),
    );
    expect(srbmTracks.size).toBeGreaterThan(0);
    // the ledger releases the leaker to the C-RAM, but a 2 s burst plus the rounds' flight cannot arrive before a
    // re-entry body falling at over 1 km/s through the gun's 1.5 km reach hits the ground: it holds, fires nothing
    const gunHolds = ofType(events, 'c2.holdFire').filter(
      (e) => e.unitId === 'cram-1' && srbmTracks.has(e.trackId),
    );
    expect(gunHolds.map((e) => e.reason)).toContain('burst-arrives-after-impact');
    expect(ofType(events, 'gun.burst').filter((e) => srbmTracks.has(e.trackId)).length).toBe(0);
  });
});

describe('scenario networks: validation', () => {
  const withNetworks = (networks: string) => `${HEAD}
units:${battery('pac-a', 33.8, 42.45, 81)}
  - { id: cram-1, kind: c-ram, at: { lat: 33.79, lon: 42.442 } }
networks: ${networks}`;
  const codeAndPath = (yaml: string) => {
    try {
      compileScenario(parse(yaml));
    } catch (e) {
      const err = e as { code: string; path: string };
      return `${err.code} ${err.path}`;
    }
    return 'ok';
  };
  it('defaults tiers by kind and compiles to SI', () => {
    const s = compileScenario(parse(withNetworks('[{ id: n, units: [pac-a, cram-1], lastChance: 6s }]')));
    expect(s.networks).toEqual([
      {
        id: 'n',
        members: [
          { unitId: 'pac-a', tier: 'upper' },
          { unitId: 'cram-1', tier: 'lower' },
        ],
        allowSimultaneous: false,
        lastChance_s: 6,
      },
    ]);
    expect(
      compileScenario(parse(`${HEAD}\nunits:${battery('pac-a', 33.8, 42.45, 81)}`)).networks,
    ).toBeUndefined();
  });
  it('rejects unknown units, a unit on two networks, a bad tier, with a coded error and path', () => {
    expect(codeAndPath(withNetworks('[{ id: n, units: [nope] }]'))).toBe(
      'E_SCENARIO_REF networks[0].units[0]',
    );
    expect(codeAndPath(withNetworks('[{ id: n, units: [pac-a] }, { id: m, units: [cram-1, pac-a] }]'))).toBe(
      'E_SCENARIO_FIELD networks[1].units[1]',
    );
    expect(codeAndPath(withNetworks('[{ id: n, units: [{ unit: pac-a, tier: middle }] }]'))).toMatch(
      /^E_SCENARIO_FIELD networks\[0\]\.units\[0\]/,
    );
    expect(codeAndPath(withNetworks('[{ id: n, units: [] }]'))).toMatch(
      /^E_SCENARIO_FIELD networks\[0\]\.units/,
    );
  });
});
