/**
 * The multifunction radar's time budget end to end (`sensors/budget`, docs/radar-budget.md): a raid of 30
 * simultaneous SRBMs held in track leaves a tight-budget radar little time to search, so eight late missiles from
 * other azimuths are first detected later than by the same radar without a budget — by at most one fence revisit
 * 1/s frames, s = (F − N τ) / searchFrame — while an ample budget (the whole sector searched every frame) changes
 * nothing at all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventsToCsv } from '../src/io/csv.js';
import { parseEventsJsonl } from '../src/io/runData.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { parseScenario } from '../src/scenario/load.js';
import type { RadarBudget, Scenario } from '../src/scenario/types.js';
import { runScenario } from '../src/sim/engine.js';
import { eventsToJsonl } from '../src/world/recorder.js';

const SOURCE = readFileSync(join(packageRoot(), 'scenarios', 'al-asad-2020.yaml'), 'utf8');
const BASE_LAT_deg = 33.79;
const BASE_LON_deg = 42.44;

/** A launch point 430 km from the base on `bearing_deg` (flat-Earth degrees, 111.3 km per degree of latitude). */
function launchPoint(bearing_deg: number): string {
  const b_rad = (bearing_deg * Math.PI) / 180;
  const lat = BASE_LAT_deg + (430 * Math.cos(b_rad)) / 111.3;
  const lon = BASE_LON_deg + (430 * Math.sin(b_rad)) / (111.3 * Math.cos((BASE_LAT_deg * Math.PI) / 180));
  return `{ lat: ${lat.toFixed(3)}, lon: ${lon.toFixed(3)} }`;
}

/** Bearings of the late missiles: spread over the 21°…141° sector, away from the raid's 81° axis. */
const LATE_BEARINGS_deg = [30, 45, 60, 70, 95, 105, 120, 135];
const RAID_COUNT = 30;

/**
 * The Al Asad battery (no rounds, so nothing is killed and the track count is the raid's) against 30 SRBMs launched
 * together and 8 launched 20 s later from other bearings; all reliable, radar SNR raised so that Pd ≈ 1 in coverage
 * and no false alarms: first detection then happens at the first look after a missile enters coverage.
 */
function raidScenario(budget: RadarBudget | undefined): Scenario {
  const head = SOURCE.slice(0, SOURCE.indexOf('threats:'))
    .replace('duration: 2.5h', 'duration: 8min')
    .replace('loaded: 4', 'loaded: 0');
  const threats = [
    `  - { raid: raid, type: notional-srbm-750km, from: { lat: 34.31, lon: 47.07 }, target: al-asad, count: ${RAID_COUNT}, at: "01:21:00", interval: 0s, spread: 3km }`,
    ...LATE_BEARINGS_deg.map(
      (b, i) =>
        `  - { raid: late-${i}, type: notional-srbm-750km, from: ${launchPoint(b)}, target: al-asad, count: 1, at: "01:21:20" }`,
    ),
  ];
  const s = parseScenario(`${head}threats:\n${threats.join('\n')}\n`, 'radar-budget-raid.yaml');
  const threatTypes = Object.fromEntries(
    Object.entries(s.threatTypes).map(([id, t]) => [id, { ...t, reliability: 1 }]),
  );
  const units = s.units.map((u) => ({
    ...u,
    radar: { ...u.radar, type: { ...u.radar.type, referenceSnr_dB: 60, falseAlarmsPerScan: 0, budget } },
  }));
  return { ...s, threatTypes, units } as Scenario;
}

/** First detection time of each late missile, s. */
function lateFirstDetections(scenario: Scenario, seed: number): number[] {
  const run = runScenario(scenario, { seed });
  return run.summary.threats
    .filter((t) => t.id.startsWith('late'))
    .map((t) => {
      expect(t.firstDetection_s).not.toBeNull();
      return t.firstDetection_s as number;
    });
}

const FRAME_s = 1;
/** 20 ms per track at 1 s, search frame 4 s: N tracks leave s = (1 − 0.02 N) / 4 of the sector per frame. */
const TIGHT: RadarBudget = {
  searchFrame_s: 4,
  trackDwell_s: 0.02,
  trackInterval_s: 1,
  maxTrackFraction: 0.9,
};
const searchFraction = (n: number) => (FRAME_s - n * TIGHT.trackDwell_s) / TIGHT.searchFrame_s;

describe('radar time budget against a raid', () => {
  const extras: number[] = [];
  for (const seed of [1, 2]) {
    const free = lateFirstDetections(raidScenario(undefined), seed);
    const tight = lateFirstDetections(raidScenario(TIGHT), seed);
    for (let i = 0; i < free.length; i++) extras.push(tight[i] - free[i]);
  }

  it('detects late missiles later, by at most one fence revisit 1/s (s for 30…38 tracks: 0.1…0.06)', () => {
    // with N between the raid (30) and raid + late missiles (38), one revisit lasts 10 to 16.7 frames
    const longestRevisit_s = FRAME_s * Math.ceil(1 / searchFraction(RAID_COUNT + LATE_BEARINGS_deg.length));
    expect(longestRevisit_s).toBe(17);
    for (const extra_s of extras) {
      expect(extra_s).toBeGreaterThanOrEqual(0);
      expect(extra_s).toBeLessThanOrEqual(longestRevisit_s);
    }
    expect(Math.max(...extras)).toBeGreaterThanOrEqual(5);
  });

  it('delays them on average about half a revisit, (1/s − 1)/2 frames at s for 34 tracks (5.75 s)', () => {
    const predicted_s = (FRAME_s * (1 / searchFraction(34) - 1)) / 2;
    expect(predicted_s).toBeCloseTo(5.75, 12);
    const mean_s = extras.reduce((a, b) => a + b, 0) / extras.length;
    // the fence phase at each missile's entry is set by the geometry, not uniform: allow a factor ~2
    expect(mean_s).toBeGreaterThan(0.4 * predicted_s);
    expect(mean_s).toBeLessThan(1.6 * predicted_s);
  });

  it('reports saturation once per change with the loads of that frame', () => {
    const run = runScenario(raidScenario(TIGHT), { seed: 1 });
    const loads = run.events.filter((e) => e.type === 'radar.load');
    expect(loads.length).toBeGreaterThan(0);
    for (let i = 0; i < loads.length; i++) {
      const e = loads[i];
      if (e.type !== 'radar.load') continue;
      // alternating: enter, leave, enter, …
      expect(e.saturated).toBe(i % 2 === 0);
      expect(e.trackFraction).toBeLessThanOrEqual(TIGHT.maxTrackFraction + 1e-12);
      expect(e.searchFraction).toBeGreaterThanOrEqual(0);
      expect(e.searchFraction).toBeLessThanOrEqual(1);
      if (e.saturated) expect(e.tracksDeferred).toBeGreaterThan(0);
    }
    // the exports carry the new event: CSV row with its loads in `extra`, JSON Lines round trip
    const csv = eventsToCsv(run.events).split('\n');
    expect(csv.filter((line) => line.includes(',radar.load,patriot-1,')).length).toBe(loads.length);
    const jsonl = eventsToJsonl(loads);
    const parsed = parseEventsJsonl(jsonl, 'loads.jsonl');
    expect(parsed.map((e) => e.type)).toEqual(loads.map(() => 'radar.load'));
    expect(eventsToJsonl(parsed)).toBe(jsonl);
  });
});

describe('an ample budget', () => {
  it('searches the whole sector every frame: the shipped Al Asad history is byte-identical', () => {
    const shipped = parseScenario(SOURCE, 'al-asad-2020.yaml');
    const withBudget = (budget: RadarBudget | undefined): Scenario =>
      ({
        ...shipped,
        units: shipped.units.map((u) => ({ ...u, radar: { ...u.radar, type: { ...u.radar.type, budget } } })),
      }) as Scenario;
    const ample: RadarBudget = {
      searchFrame_s: 0.5,
      trackDwell_s: 0.001,
      trackInterval_s: 1,
      maxTrackFraction: 0.5,
    };
    expect(runScenario(withBudget(ample), { seed: 1 }).hash).toBe(
      runScenario(withBudget(undefined), { seed: 1 }).hash,
    );
  });
});
