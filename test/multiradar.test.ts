/**
 * Several radars feed one C2 node's picture (`extraRadars`): a battery whose own radar faces away from the threat
 * axis is blind to the Al Asad raid until the end; a forward radar netted into its tracker lets it engage.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/scenario/catalog.js';
import { parseScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';
import { type RunResult, runScenario } from '../src/sim/engine.js';

const AL_ASAD = join(packageRoot(), 'scenarios', 'al-asad-2020.yaml');

/** The shipped Al Asad scenario with the battery radar turned to 261° (away from the 81° threat axis). */
function variant(extraRadars: string | null): Scenario {
  const text = readFileSync(AL_ASAD, 'utf8');
  const mainRadar = '    radar: { type: notional-mfr, sectorCenter: 81deg, sectorWidth: 120deg }\n';
  expect(text).toContain(mainRadar);
  const edited = text.replace(
    mainRadar,
    `    radar: { type: notional-mfr, sectorCenter: 261deg, sectorWidth: 120deg }\n${extraRadars ?? ''}`,
  );
  return parseScenario(edited, AL_ASAD);
}

// 20 km from the battery (33.80 N, 42.45 E) on bearing 81°: Δlat = 20 km·cos 81° / 111.3 km, Δlon = 20 km·sin 81° /
// (111.3 km·cos 33.8°)
const FORWARD_RADAR =
  '    extraRadars:\n' +
  '      - { type: notional-mfr, at: { lat: 33.828, lon: 42.664, alt: 200m }, sectorCenter: 81deg }\n';

/** Mean time from first detection to the threat's fate over the launched, non-failed threats, s. */
function meanWarning_s(run: RunResult): number {
  const threats = run.summary.threats.filter((t) => t.fate === 'killed' || t.fate === 'impacted');
  let sum = 0;
  for (const t of threats) sum += t.firstDetection_s === null ? 0 : t.fateTime_s! - t.firstDetection_s;
  return sum / threats.length;
}

describe('extraRadars: several radars feed one C2 picture', () => {
  const netted = variant(FORWARD_RADAR);
  const alone = variant(null);
  const withExtra = runScenario(netted, { seed: 1 });
  const without = runScenario(alone, { seed: 1 });

  it('compiles the extra radar with its own id, position and sector', () => {
    const unit = netted.units[0];
    expect(unit.extraRadars).toHaveLength(1);
    const r = unit.extraRadars[0];
    expect(r.id).toBe('patriot-1/r1');
    expect(r.position.lat_rad).toBeCloseTo((33.828 * Math.PI) / 180, 12);
    expect(r.position.h_m).toBe(200);
    expect(r.sectorCenter_rad).toBeCloseTo((81 * Math.PI) / 180, 12);
    expect(unit.radar.id).toBe('patriot-1-radar');
    expect(alone.units[0].extraRadars).toEqual([]);
  });

  it('defaults the extra radar position to the unit and its type to the unit kind', () => {
    const s = variant('    extraRadars: [{ sectorCenter: 81deg }]\n');
    const r = s.units[0].extraRadars[0];
    expect(r.position).toEqual(s.units[0].position);
    expect(r.type.id).toBe('notional-mfr');
  });

  it('detects and engages the raid with the forward radar; without it the battery sees the raid late', () => {
    const a = withExtra.summary.totals;
    const b = without.summary.totals;
    expect(a.killed).toBeGreaterThan(0);
    expect(a.engaged).toBeGreaterThan(b.engaged);
    expect(a.killed).toBeGreaterThan(b.killed);
    // the forward radar sees each SRBM well before its fate; the rear-facing radar only at the very end
    const warnA = meanWarning_s(withExtra);
    const warnB = meanWarning_s(without);
    expect(warnA).toBeGreaterThan(warnB + 30);
    // detections by the extra radar reach the battery's tracks
    expect(withExtra.events.some((e) => e.type === 'track.confirmed' && e.unitId === 'patriot-1')).toBe(true);
  });

  it('is deterministic: the same scenario and seed give the same hash', () => {
    expect(runScenario(netted, { seed: 1 }).hash).toBe(withExtra.hash);
    expect(runScenario(netted, { seed: 2 }).hash).not.toBe(withExtra.hash);
    expect(withExtra.hash).not.toBe(without.hash);
  });
});
