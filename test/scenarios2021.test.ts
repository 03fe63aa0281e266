/**
 * The 2019–2021 airbreathing-threat scenarios end to end: Erbil 2021 (small drones from outside the radar's sector)
 * and the Abqaiq-style mixed raid (drones and cruise missiles from the north against a south-facing battery), plus
 * the cruise-missile kinematics (cruise height, speed) and the radar horizon that bounds a low flyer's detection.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ecefToGeodetic, geodeticToEcef } from '../src/geo/wgs84.js';
import { createRng } from '../src/math/rng.js';
import { runToJson } from '../src/outcome/index.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { parseScenario } from '../src/scenario/load.js';
import type { CruiseThreatType, RadarType, SamBattery, Scenario } from '../src/scenario/types.js';
import { runScenario } from '../src/sim/engine.js';
import { CruiseThreatModel } from '../src/threats/cruise.js';
import type { PathRecord } from '../src/world/paths.js';
import { allNumbers, shipped } from './helpers.js';

const DEG = Math.PI / 180;
/** 4/3-Earth effective radius k·R (R: WGS84 mean radius (2a + b)/3), m. */
const K_R_m = (4 / 3) * 6_371_008.8;
/** Radar horizon over a smooth 4/3 Earth, √(2kR h₁) + √(2kR h₂), m (Skolnik §8.2). */
const horizon_m = (h1_m: number, h2_m: number) => Math.sqrt(2 * K_R_m * h1_m) + Math.sqrt(2 * K_R_m * h2_m);

function variant(file: string, edit: (text: string) => string): Scenario {
  const path = join(packageRoot(), 'scenarios', file);
  return parseScenario(edit(readFileSync(path, 'utf8')), path);
}

function battery(scenario: Scenario): SamBattery {
  const unit = scenario.units.find((u): u is SamBattery => u.kind === 'sam-battery');
  if (unit === undefined) throw new Error('no battery');
  return unit;
}

/** Azimuth (clockwise from north) and slant range from an ECEF origin to a geodetic point, via local ENU. */
function azimuthRange(
  siteLat_rad: number,
  siteLon_rad: number,
  origin: Float64Array,
  lat_deg: number,
  lon_deg: number,
  h_m: number,
): { azimuth_rad: number; range_m: number } {
  const p = geodeticToEcef(lat_deg * DEG, lon_deg * DEG, h_m, new Float64Array(3));
  const d = [p[0] - origin[0], p[1] - origin[1], p[2] - origin[2]];
  const sl = Math.sin(siteLat_rad);
  const cl = Math.cos(siteLat_rad);
  const so = Math.sin(siteLon_rad);
  const co = Math.cos(siteLon_rad);
  const east = -so * d[0] + co * d[1];
  const north = -sl * co * d[0] - sl * so * d[1] + cl * d[2];
  return { azimuth_rad: Math.atan2(east, north), range_m: Math.hypot(d[0], d[1], d[2]) };
}

/** Path sample linearly interpolated at t (paths are dense: every threat-path interval). */
function pathAt(path: PathRecord, t_s: number): { lat_deg: number; lon_deg: number; alt_m: number } {
  let i = 0;
  while (i + 2 < path.t_s.length && path.t_s[i + 1] < t_s) i++;
  const f = Math.min(1, Math.max(0, (t_s - path.t_s[i]) / (path.t_s[i + 1] - path.t_s[i])));
  const lerp = (a: number[]) => a[i] + (a[i + 1] - a[i]) * f;
  return { lat_deg: lerp(path.lat_deg), lon_deg: lerp(path.lon_deg), alt_m: lerp(path.alt_m) };
}

describe.each(['erbil-2021-drones.yaml', 'abqaiq-style-2019.yaml'])('%s', (file) => {
  it('compiles and runs deterministically (same hash twice), with no NaN', () => {
    const a = runScenario(shipped(file), { seed: 1 });
    const b = runScenario(shipped(file), { seed: 1 });
    expect(a.hash).toBe(b.hash);
    expect(a.events.length).toBeGreaterThan(0);
    const json = runToJson(a);
    for (const x of allNumbers(json)) expect(Number.isFinite(x)).toBe(true);
    expect(json.totals.killed + json.totals.impacted + json.totals.failed).toBe(json.totals.launched);
  });
});

describe('Erbil 2021: small drones from the north-west, sector facing 126°', () => {
  const scenario = shipped('erbil-2021-drones.yaml');
  const run = runScenario(scenario, { seed: 1, recordPaths: true });
  const json = runToJson(run);
  const unit = battery(scenario);
  const radar = unit.radar;

  it('flies two small UAS that stay outside the 120° sector centred on 126° all the way in', () => {
    expect(scenario.threats.map((t) => t.typeId)).toEqual(['notional-small-uas', 'notional-small-uas']);
    expect(radar.sectorCenter_rad / DEG).toBeCloseTo(126, 9);
    expect(radar.type.sectorWidth_rad / DEG).toBeCloseTo(120, 9);
    const origin = geodeticToEcef(
      unit.position.lat_rad,
      unit.position.lon_rad,
      unit.position.h_m,
      new Float64Array(3),
    );
    const paths = run.paths?.threats ?? [];
    expect(paths).toHaveLength(2);
    for (const path of paths) {
      expect(path.t_s.length).toBeGreaterThan(100);
      for (let i = 0; i < path.t_s.length; i++) {
        const { azimuth_rad } = azimuthRange(
          unit.position.lat_rad,
          unit.position.lon_rad,
          origin,
          path.lat_deg[i],
          path.lon_deg[i],
          path.alt_m[i],
        );
        // angular distance from the sector centre, wrapped to [0, π]
        const off = Math.abs(
          Math.atan2(Math.sin(azimuth_rad - 126 * DEG), Math.cos(azimuth_rad - 126 * DEG)),
        );
        expect(off).toBeGreaterThan(60 * DEG);
      }
    }
  });

  it('never detects them, and both impact on the airport', () => {
    expect(run.events.filter((e) => e.type === 'sensor.firstDetection')).toHaveLength(0);
    for (const t of json.threats) {
      expect(t.firstDetection_s).toBeNull();
      expect(t.fate).toBe('impacted');
    }
    expect(json.totals.detected).toBe(0);
    expect(json.totals.interceptorsFired).toBe(0);
    expect(json.totals.leakersOnAssets).toBe(2);
  });
});

describe('Abqaiq-style 2019: mixed raid from the north, battery facing south', () => {
  const scenario = shipped('abqaiq-style-2019.yaml');
  const json = runToJson(runScenario(scenario, { seed: 1 }));

  it('is 18 drones and 7 cruise missiles, none detected by the south-facing radar', () => {
    const kinds = scenario.threats.map((t) => scenario.threatTypes[t.typeId].kind);
    expect(kinds.filter((k) => k === 'drone')).toHaveLength(18);
    expect(kinds.filter((k) => k === 'cruise')).toHaveLength(7);
    expect(json.totals.detected).toBe(0);
    expect(json.totals.impacted).toBeGreaterThan(15);
  });
});

describe('cruise missile kinematics', () => {
  const scenario = shipped('abqaiq-style-2019.yaml');
  const launch = scenario.threats.find((t) => t.id === 'cruise-n-1')!;
  const type = scenario.threatTypes[launch.typeId] as CruiseThreatType;
  const exact: CruiseThreatType = { ...type, reliability: 1, cep_m: 0 };

  it('flies at its cruise height (±10 m) and its speed (±2 %) during cruise', () => {
    expect(type.speed_mps).toBeCloseTo(800 / 3.6, 9);
    expect(type.cruiseHeightAgl_m).toBe(50);
    // launch and aim are both at 30 m: the smooth-Earth ground is 30 m all along
    expect(launch.from.h_m).toBe(30);
    expect(launch.aim.h_m).toBe(30);
    const traj = new CruiseThreatModel().fly(launch, exact, createRng(1));
    const pos = new Float64Array(3);
    const vel = new Float64Array(3);
    const prev = new Float64Array(3);
    const prevVel = new Float64Array(3);
    let corners = 0;
    let n = 0;
    let minH = Infinity;
    let maxH = -Infinity;
    // cruise: after the climb-out (284 m, about 1.3 s) and before the terminal dive (87 m, 0.4 s)
    for (let t = traj.launchTime_s + 10; t < traj.endTime_s - 5; t += 0.5) {
      expect(traj.stateAt(t, pos, vel)).toBe(true);
      const h_m = ecefToGeodetic(pos).h_m;
      minH = Math.min(minH, h_m);
      maxH = Math.max(maxH, h_m);
      expect(Math.abs(h_m - 30 - 50)).toBeLessThanOrEqual(10);
      expect(Math.abs(Math.hypot(vel[0], vel[1], vel[2]) / type.speed_mps - 1)).toBeLessThanOrEqual(0.02);
      const cos =
        (vel[0] * prevVel[0] + vel[1] * prevVel[1] + vel[2] * prevVel[2]) /
        (Math.hypot(vel[0], vel[1], vel[2]) * Math.hypot(prevVel[0], prevVel[1], prevVel[2]));
      // chord speed between samples, except across the instantaneous turn at the waypoint (the chord cuts the corner)
      if (n > 0 && cos < Math.cos(0.5 * DEG)) corners++;
      else if (n > 0) {
        const chord_mps = Math.hypot(pos[0] - prev[0], pos[1] - prev[1], pos[2] - prev[2]) / 0.5;
        expect(Math.abs(chord_mps / type.speed_mps - 1)).toBeLessThanOrEqual(0.02);
      }
      prev.set(pos);
      prevVel.set(vel);
      n++;
    }
    expect(n).toBeGreaterThan(500);
    expect(corners).toBeLessThanOrEqual(2);
    expect(maxH - minH).toBeLessThan(1);
    expect(traj.outcome).toBe('impact');
    expect(traj.endPoint.h_m).toBeCloseTo(30, 6);
  });

  it('is first detected inside the 4/3-Earth radar horizon when the battery faces it', () => {
    const facing = variant('abqaiq-style-2019.yaml', (text) =>
      text.replace('sectorCenter: 180deg', 'sectorCenter: 0deg'),
    );
    const unit = battery(facing);
    expect(unit.radar.sectorCenter_rad).toBe(0);
    const radarType: RadarType = unit.radar.type;
    const h1_m = radarType.antennaHeight_m;
    const h2_m = type.cruiseHeightAgl_m;
    const bound_m = horizon_m(h1_m, h2_m);
    expect(bound_m / 1000).toBeCloseTo(37.4, 1);
    const run = runScenario(facing, { seed: 1, recordPaths: true });
    const origin = geodeticToEcef(
      unit.position.lat_rad,
      unit.position.lon_rad,
      unit.position.h_m + h1_m,
      new Float64Array(3),
    );
    let checked = 0;
    for (const e of run.events) {
      if (e.type !== 'sensor.firstDetection' || !e.threatId.startsWith('cruise-')) continue;
      const path = run.paths!.threats.find((p) => p.id === e.threatId)!;
      const at = pathAt(path, e.t_s);
      const truth = azimuthRange(
        unit.position.lat_rad,
        unit.position.lon_rad,
        origin,
        at.lat_deg,
        at.lon_deg,
        at.alt_m,
      );
      // at cruise height when first seen, inside the horizon (true range), and the horizon, not sensitivity, binds
      expect(Math.abs(at.alt_m - 80)).toBeLessThan(10);
      expect(truth.range_m).toBeLessThanOrEqual(bound_m);
      expect(truth.range_m).toBeGreaterThan(0.9 * bound_m);
      expect(e.range_m).toBeLessThanOrEqual(bound_m + 3 * radarType.rangeSigma_m);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});
