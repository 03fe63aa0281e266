/**
 * A small deterministic generator of fast random scenarios for whole-run property tests (test/invariants.test.ts):
 * one base, 1–3 raids of random catalog threat types from random azimuths and ranges, 0–2 units (SAM batteries of
 * a random interceptor type, or C-RAM mounts) at random offsets with random sector centres, a 5-minute run.
 * Every draw comes from `math/rng` seeded by the scenario number.
 */
import { createRng, type Rng } from '../../src/math/rng.js';
import { compileScenario } from '../../src/scenario/compile.js';
import type { InterceptorType, Scenario } from '../../src/scenario/types.js';

const THREAT_TYPES: readonly { id: string; range_km: [number, number] }[] = [
  { id: 'notional-rocket-107mm', range_km: [3, 8] },
  { id: 'notional-rocket-122mm', range_km: [6, 18] },
  { id: 'notional-srbm-300km', range_km: [100, 180] },
  { id: 'notional-owa-drone', range_km: [3, 8] },
  { id: 'notional-small-uas', range_km: [2, 6] },
  { id: 'notional-cruise-missile', range_km: [10, 30] },
];
const INTERCEPTORS = ['notional-pac2-gem', 'notional-pac3-mse', 'notional-shorad-ir'];
const RADARS: Record<string, string> = {
  'notional-pac2-gem': 'notional-mfr',
  'notional-pac3-mse': 'notional-mfr',
  'notional-shorad-ir': 'notional-shorad-radar',
};

/** A point `range_km` from (lat, lon) toward `azimuth_deg` (flat-Earth offset: fine for a test's geometry). */
function offset(lat: number, lon: number, azimuth_deg: number, range_km: number) {
  const a = (azimuth_deg * Math.PI) / 180;
  const dLat = (range_km * Math.cos(a)) / 111.32;
  const dLon = (range_km * Math.sin(a)) / (111.32 * Math.cos((lat * Math.PI) / 180));
  return { lat: Number((lat + dLat).toFixed(5)), lon: Number((lon + dLon).toFixed(5)) };
}

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[rng.integer(0, list.length - 1)];
}

/** Scenario document number `seed`: 1–3 threats of random types and directions, 0–2 units with random sectors. */
export function randomScenario(seed: number): Scenario {
  const rng = createRng(seed).fork('invariants-generator');
  const lat = 32 + rng.uniformRange(0, 3);
  const lon = 42 + rng.uniformRange(0, 3);
  const threats = [];
  const raids = rng.integer(1, 3);
  for (let k = 0; k < raids; k++) {
    const type = pick(rng, THREAT_TYPES);
    threats.push({
      raid: `r${k}`,
      type: type.id,
      from: offset(lat, lon, rng.uniformRange(0, 360), rng.uniformRange(...type.range_km)),
      target: 'base',
      count: rng.integer(1, 2),
      at: `${Math.round(rng.uniformRange(0, 30))}s`,
      interval: '2s',
      spread: '500m',
    });
  }
  const units = [];
  const nUnits = rng.integer(0, 2);
  for (let k = 0; k < nUnits; k++) {
    const at = offset(lat, lon, rng.uniformRange(0, 360), rng.uniformRange(0, 15));
    const sector = `${Math.round(rng.uniformRange(0, 360))}deg`;
    if (rng.chance(0.3)) {
      units.push({
        id: `gun-${k}`,
        kind: 'c-ram',
        at,
        radar: { type: 'notional-cram-radar', sectorCenter: sector },
        gun: 'notional-cram',
        defends: ['base'],
        warnThreshold: '5s',
      });
      continue;
    }
    const interceptor = pick(rng, INTERCEPTORS);
    units.push({
      id: `sam-${k}`,
      kind: 'sam-battery',
      at,
      radar: { type: RADARS[interceptor], sectorCenter: sector, sectorWidth: '120deg' },
      launchers: [{ count: 2, interceptor, loaded: 4, capacity: 4, reload: '5min', reserve: 0 }],
      fireChannels: 3,
      doctrine: {
        mode: 'salvo',
        shotsPerThreat: 2,
        maxShotsPerThreat: 4,
        killAssessmentDelay: '3s',
        salvoInterval: '1s',
      },
      reactionTime: '6s',
      defends: ['base'],
      cost: '$100M',
    });
  }
  const compiled = compileScenario({
    name: `random-${seed}`,
    seed,
    start: '2020-01-08T01:00:00+03:00',
    duration: '5min',
    step: '0.1s',
    threatMargin: '1km',
    earlyWarning: { enabled: rng.chance(0.5), delay: '60s' },
    assets: [
      {
        id: 'base',
        name: 'Base',
        lat: Number(lat.toFixed(5)),
        lon: Number(lon.toFixed(5)),
        radius: '2km',
        value: 5,
      },
    ],
    units,
    threats,
  });
  return shareInterceptorTypes(compiled);
}

/** One `InterceptorType` object per catalog id across generated scenarios. */
const interceptorTypes = new Map<string, InterceptorType>();

/**
 * The scenario with each interceptor type replaced by the first generated object of that id (same catalog data):
 * flyout tables are memoised per type object (`c2/battery` `flyoutTableFor`, ≈ 1 s each), so sharing the objects
 * builds each table once for all generated scenarios, as one compiled scenario does for a Monte Carlo run.
 */
function shareInterceptorTypes(scenario: Scenario): Scenario {
  const shared = (type: InterceptorType): InterceptorType => {
    const known = interceptorTypes.get(type.id);
    if (known) return known;
    interceptorTypes.set(type.id, type);
    return type;
  };
  return {
    ...scenario,
    units: scenario.units.map((u) =>
      u.kind === 'sam-battery'
        ? { ...u, launchers: u.launchers.map((g) => ({ ...g, interceptor: shared(g.interceptor) })) }
        : u,
    ),
  };
}
