/**
 * Planner-consistency study (docs/validation.md): does the fast planner (placement's objective, coverage's P(kill))
 * agree with Monte Carlo runs of the full engine? Built on the shipped Al Asad scenario, cut to its first two waves
 * (9 SRBMs, 40 min) so that the whole study runs in well under a minute of CPU.
 * - Placement: one battery at ≥ 8 candidate sites (behind, at, beside and ahead of the base; radar sectors on and off
 *   the threat axis); fast objective (`evaluateLayout`, value saved) against its own Monte Carlo (`layoutMonteCarlo`,
 *   paired value saved), ranked by Spearman's ρ.
 * - Coverage: the battery at the base; at sampled aim points, coverage's P(kill) of one 500 km-class SRBM aimed
 *   there against the engine's kill fraction of a stream of such threats aimed there (an asset placed at the aim
 *   point so that threat evaluation engages them; threats that fail in flight are not counted), with its Wilson 95 %
 *   interval.
 */
import { coverageEvaluator, defaultCoverageOptions, samBatteries } from '../../src/analysis/coverage.js';
import { placedBattery } from '../../src/analysis/coverageEngagement.js';
import { evaluateLayout } from '../../src/analysis/placement.js';
import { runReplication } from '../../src/analysis/replication.js';
import { geodesicDirect } from '../../src/geo/geodesic.js';
import { type ProportionInterval, spearmanRho, wilsonInterval } from '../../src/math/stats.js';
import { deepFreeze } from '../../src/scenario/catalog.js';
import type { Geodetic, SamBattery, Scenario, ThreatLaunch } from '../../src/scenario/types.js';
import { shipped } from '../helpers.js';

const DEG = Math.PI / 180;
/** Threat axis of the Al Asad scenario (bearing from the base to Kermanshah), rad. */
const AXIS_rad = 81 * DEG;

/** Seed of every Monte Carlo run of the study. */
export const SEED = 1;
/** Replications per candidate site (10: with 6 the near-tied sites at and behind the base swapped ranks on noise alone). */
export const PLACEMENT_RUNS = 10;
/** Threats per sampled aim point (one replication each, 120 s apart). */
export const THREATS_PER_AIM = 16;

/** The study scenario: Al Asad, waves 1–2 only, 40 minutes. */
export function studyScenario(): Scenario {
  const s = shipped('al-asad-2020.yaml');
  const threats = s.threats.filter((t) => t.raid === 'wave-1' || t.raid === 'wave-2');
  return deepFreeze({ ...s, threats, duration_s: 2400 });
}

/** A point at `distance_m` from `origin` on bearing `bearing_rad` (height of the origin). */
function offset(origin: Geodetic, bearing_rad: number, distance_m: number): Geodetic {
  const p = geodesicDirect(origin.lat_rad, origin.lon_rad, bearing_rad, distance_m);
  return { lat_rad: p.lat_rad, lon_rad: p.lon_rad, h_m: origin.h_m };
}

/** One candidate of the placement study. */
export interface SiteCase {
  readonly name: string;
  readonly position: Geodetic;
  readonly sectorCenter_rad: number;
}

/** The candidate sites: behind, at, beside and ahead of the base, sectors on and off the threat axis. */
export function siteCases(base: Geodetic): SiteCase[] {
  const on = AXIS_rad;
  return [
    { name: 'at base, on axis', position: base, sectorCenter_rad: on },
    { name: 'at base, sector 60° off axis', position: base, sectorCenter_rad: on + 60 * DEG },
    { name: 'at base, sector 90° off axis', position: base, sectorCenter_rad: on + 90 * DEG },
    { name: 'at base, sector facing away', position: base, sectorCenter_rad: on + Math.PI },
    { name: 'behind 10 km, on axis', position: offset(base, on + Math.PI, 10_000), sectorCenter_rad: on },
    { name: 'behind 20 km, on axis', position: offset(base, on + Math.PI, 20_000), sectorCenter_rad: on },
    {
      name: 'beside 12 km north, on axis',
      position: offset(base, on - 90 * DEG, 12_000),
      sectorCenter_rad: on,
    },
    {
      name: 'beside 20 km south, on axis',
      position: offset(base, on + 90 * DEG, 20_000),
      sectorCenter_rad: on,
    },
    { name: 'ahead 10 km, on axis', position: offset(base, on, 10_000), sectorCenter_rad: on },
    { name: 'ahead 20 km, on axis', position: offset(base, on, 20_000), sectorCenter_rad: on },
    { name: 'ahead 40 km, on axis', position: offset(base, on, 40_000), sectorCenter_rad: on },
  ];
}

/** Fast objective and Monte Carlo value saved of one site. */
export interface SiteRow {
  readonly name: string;
  readonly fast: number;
  readonly mcMean: number;
  readonly mcLo: number;
  readonly mcHi: number;
}

/** The placement half of the study. */
export function placementRows(scenario: Scenario): SiteRow[] {
  const base = scenario.assets[0].position;
  return siteCases(base).map((c) => {
    const layout = evaluateLayout(
      scenario,
      [{ unitId: samBatteries(scenario)[0].id, position: c.position, sectorCenter_rad: c.sectorCenter_rad }],
      { runs: PLACEMENT_RUNS, seed: SEED },
    );
    const mc = layout.monteCarlo!.valueSaved;
    return { name: c.name, fast: layout.objective, mcMean: mc.mean, mcLo: mc.lo, mcHi: mc.hi };
  });
}

/** Coverage P(kill) and the engine's kill fraction at one aim point. */
export interface AimRow {
  readonly name: string;
  readonly coverage: number;
  readonly kills: number;
  readonly engaged: number;
  readonly interval: ProportionInterval;
}

/** Aim points around the base: centre, along and across the threat axis. */
export function aimCases(base: Geodetic): { name: string; aim: Geodetic }[] {
  return [
    { name: 'base centre', aim: base },
    { name: '8 km up-axis', aim: offset(base, AXIS_rad, 8000) },
    { name: '16 km up-axis', aim: offset(base, AXIS_rad, 16_000) },
    { name: '8 km down-axis', aim: offset(base, AXIS_rad + Math.PI, 8000) },
    { name: '12 km down-axis', aim: offset(base, AXIS_rad + Math.PI, 12_000) },
    { name: '20 km down-axis', aim: offset(base, AXIS_rad + Math.PI, 20_000) },
    { name: '10 km north', aim: offset(base, AXIS_rad - 90 * DEG, 10_000) },
    { name: '15 km north', aim: offset(base, AXIS_rad - 90 * DEG, 15_000) },
    { name: '20 km south', aim: offset(base, AXIS_rad + 90 * DEG, 20_000) },
    { name: '35 km south', aim: offset(base, AXIS_rad + 90 * DEG, 35_000) },
  ];
}

/**
 * The scenario for one aim point: an asset (radius 3 km) at the aim point, the shipped battery at the base with
 * 16 launchers (no inventory limit over the stream), and `THREATS_PER_AIM` 500 km-class SRBMs from Kermanshah aimed
 * at the point, 120 s apart (one engagement at a time: no fire-channel contention).
 */
function aimScenario(study: Scenario, aim: Geodetic): Scenario {
  const battery = samBatteries(study)[0];
  const armed: SamBattery = {
    ...placedBattery(battery, battery.position, battery.radar.sectorCenter_rad, ['aim']),
    launchers: battery.launchers.map((g) => ({ ...g, count: 16 })),
  };
  const from = study.threats[0].from;
  const threats: ThreatLaunch[] = Array.from({ length: THREATS_PER_AIM }, (_, k) => ({
    id: `aim-${k + 1}`,
    raid: 'aim',
    typeId: 'notional-srbm-500km',
    launchTime_s: 60 + 120 * k,
    from,
    aim,
    targetAssetId: 'aim',
    waypoints: [],
  }));
  const last = threats[threats.length - 1].launchTime_s;
  return deepFreeze({
    ...study,
    assets: [{ id: 'aim', name: 'aim point', position: aim, radius_m: 3000, value: 1 }],
    units: [armed],
    threats,
    duration_s: last + 600,
  });
}

/** The coverage half of the study. */
export function aimRows(study: Scenario): AimRow[] {
  const base = study.assets[0].position;
  const evaluator = coverageEvaluator(
    study,
    { ...defaultCoverageOptions(), threatType: 'notional-srbm-500km' },
    base,
  );
  return aimCases(base).map(({ name, aim }) => {
    const coverage = evaluator.evaluate(aim).pk;
    const run = runReplication(aimScenario(study, aim), SEED, 0);
    const flown = run.threats.filter((t) => t.fate !== 'failed' && t.fate !== 'not-launched');
    const kills = flown.filter((t) => t.fate === 'killed').length;
    return { name, coverage, kills, engaged: flown.length, interval: wilsonInterval(kills, flown.length) };
  });
}

/** Spearman ρ of the fast objective against the Monte Carlo mean over the sites. */
export function placementRho(rows: readonly SiteRow[]): number {
  return spearmanRho(
    rows.map((r) => r.fast),
    rows.map((r) => r.mcMean),
  );
}

/** Whether coverage's P(kill) lies inside the Monte Carlo Wilson 95 % interval. */
export function insideInterval(row: AimRow): boolean {
  return row.coverage >= row.interval.lo && row.coverage <= row.interval.hi;
}

const f1 = (x: number): string => x.toFixed(1);
const f2 = (x: number): string => x.toFixed(2);

/** docs/validation.md, from the two halves of the study. */
export function validationMarkdown(sites: readonly SiteRow[], aims: readonly AimRow[]): string {
  const rho = placementRho(sites);
  const inside = aims.filter(insideInterval).length;
  const lines = [
    '# Validation: the planner against the engine',
    '',
    'Generated by `test/plannerConsistency.test.ts` (`ASPIS_REGENERATE=1 npx vitest run',
    'test/plannerConsistency.test.ts` rewrites this file; without the switch the test checks the numbers below).',
    'Study: `scenarios/al-asad-2020.yaml` cut to waves 1–2 (9 SRBMs, 40 min), seed 1. Placement, coverage and the',
    "engine's fire decision share one fire-control model (`src/weapons/fireControl.ts`, docs/fire-control.md); the",
    "planner's Pk of an engagement against a ballistic target depends on where it intercepts (`src/c2/endgamePk.ts`,",
    'docs/planning-coverage.md §"Endgame Pk").',
    '',
    '## Placement: fast score against its Monte Carlo',
    '',
    `One battery per candidate; fast objective = value saved (\`aspis place\`), Monte Carlo = paired value saved over ${PLACEMENT_RUNS}`,
    'replications of the full engine, mean and 95 % interval (Student t).',
    '',
    '| site | fast score | MC mean | MC 95 % interval |',
    '| --- | ---: | ---: | --- |',
    ...sites.map((r) => `| ${r.name} | ${f1(r.fast)} | ${f1(r.mcMean)} | ${f1(r.mcLo)} – ${f1(r.mcHi)} |`),
    '',
    `Spearman ρ (fast score vs MC mean, fractional ranks): **${f2(rho)}** (required ≥ 0.9).`,
    '',
    '## Coverage: P(kill) at aim points against the engine',
    '',
    `Battery at the base, sector on the threat axis; ${THREATS_PER_AIM} notional 500 km-class SRBMs aimed at each point,`,
    '120 s apart, an asset at the point so that threat evaluation engages them; threats that failed in flight are',
    'not counted. Interval: Wilson 95 %.',
    '',
    '| aim point | coverage P(kill) | engine kills / flown | engine 95 % interval | inside |',
    '| --- | ---: | ---: | --- | :---: |',
    ...aims.map(
      (r) =>
        `| ${r.name} | ${f2(r.coverage)} | ${r.kills} / ${r.engaged} | ${f2(r.interval.lo)} – ${f2(r.interval.hi)} | ${insideInterval(r) ? 'yes' : 'no'} |`,
    ),
    '',
    `Coverage inside the engine's interval at **${inside} of ${aims.length}** aim points (required ≥ 90 %).`,
    '',
    '## Before the one fire-control model',
    '',
    'The same study on commit c5c19ee (planner: range, altitude and time of flight only; engine: kills scored',
    'wherever the closest approach fell) gave Spearman ρ = 0.63: the sites 20 km and 40 km ahead scored 48.7 like the',
    'base while the Monte Carlo gave 40.0 and 0.0, and the site 20 km behind scored 23.3 against 35.0 — half of those',
    'kills at 24.7–25.1 km range and 4.7–6.5 km height, on and outside the 25 km / 5 km envelope edge. Coverage',
    'credited the aim point 20 km down-axis with 0.68 (engine 8 / 15, inside) and 20 km south with 0.68 (engine',
    '3 / 14, outside). Now the forward sites and the site 20 km behind score 0 in both, as do those aim points.',
    '',
    '## Before the endgame Pk table',
    '',
    'With the GEM-T / MSE default battery and one nominal Pk per interceptor type for every engagement (commit 6d72984),',
    'every site with a firing solution scored 66.4 and every covered aim point 0.92: the sites 20 km behind and 20 km',
    "beside (MSE-class intercepts at 23–35 km range, low down or crossing 20 km abeam, where the engine's rounds miss",
    'by metres to a kilometre or never acquire) against Monte Carlo means of 35.0 and 36.7, Spearman ρ = 0.85; coverage',
    'at 20 km south 0.92 against 12 / 16 (0.51–0.90), inside at 8 of 10 aim points. The two rows that stay outside',
    '(the site 20 km ahead, the aim point 20 km down-axis) are feasibility, not Pk: the fire control refuses a path',
    "that passes just under the ceiling, which the engine's noisy track sometimes engages.",
    '',
  ];
  return lines.join('\n');
}
