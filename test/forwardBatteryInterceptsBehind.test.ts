/**
 * Regression (issue 10, item 1): the Al Asad battery moved 40 km up the threat axis fired all 24 rounds at intercept
 * points 21–23 km *behind* it (tail chases its seeker could never acquire) and killed nothing, while the planner
 * scored the site like the base. With one fire-control model (weapons/fireControl) the battery either holds fire with
 * a coded geometric reason or intercepts ahead of itself, and no kill is scored outside the interceptor's envelope.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageEvaluator, defaultCoverageOptions } from '../src/analysis/coverage.js';
import { geodesicInverse } from '../src/geo/geodesic.js';
import { buildOutcomes, storyTimingOf } from '../src/outcome/index.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { parseScenario } from '../src/scenario/load.js';
import type { SamBattery } from '../src/scenario/types.js';
import { runScenario } from '../src/sim/engine.js';

/** The repro: `sed 's/lat: 33.80, lon: 42.45/lat: 33.85, lon: 42.88/' scenarios/al-asad-2020.yaml`. */
function forwardScenario() {
  const text = readFileSync(join(packageRoot(), 'scenarios', 'al-asad-2020.yaml'), 'utf8');
  const moved = text.replace('lat: 33.80, lon: 42.45', 'lat: 33.85, lon: 42.88');
  expect(moved).not.toBe(text);
  return parseScenario(moved, 'fwd.yaml');
}

const DEG = Math.PI / 180;

describe('forward battery: no intercepts behind the battery', () => {
  const scenario = forwardScenario();
  const battery = scenario.units.find((u): u is SamBattery => u.kind === 'sam-battery')!;
  const result = runScenario(scenario, { seed: 1 });

  it('holds fire with a fire-control reason, or engages points ahead of the battery', () => {
    const engages = result.events.filter((e) => e.type === 'c2.engage');
    for (const e of engages) {
      // ahead = toward the launch area (bearing ~81°): the PIP's bearing from the battery within 90° of the axis
      const p = e.predictedInterceptPoint;
      const g = geodesicInverse(
        battery.position.lat_rad,
        battery.position.lon_rad,
        p.lat_deg * DEG,
        p.lon_deg * DEG,
      );
      const off = Math.abs(
        Math.atan2(Math.sin(g.azimuth1_rad - 81 * DEG), Math.cos(g.azimuth1_rad - 81 * DEG)),
      );
      expect(off).toBeLessThan(Math.PI / 2);
    }
    if (engages.length === 0) {
      const reasons = new Set(result.events.filter((e) => e.type === 'c2.holdFire').map((e) => e.reason));
      expect(reasons.has('seeker-look') || reasons.has('behind')).toBe(true);
    }
    // before the fix: 24 rounds, 0 kills
    expect(result.summary.totals.interceptorsFired === 0 || result.summary.totals.killed > 0).toBe(true);
  });

  // regression: the leakers' outcome said "detected late" (the last hold, "no solution in time", came after the
  // geometric holds), although the track was confirmed ~150 km out: the geometry is the reason
  it('explains its leakers by the geometry (out of envelope), not as detected late', () => {
    const outcomes = buildOutcomes(result.events, storyTimingOf(scenario)).filter((o) => o.fate === 'leaked');
    expect(outcomes.length).toBeGreaterThan(0);
    for (const o of outcomes) expect(o.category).toBe('out-of-envelope');
  });

  it("coverage no longer credits the forward site with the base's P(kill) (0.68 before)", () => {
    const base = scenario.assets[0].position;
    const evaluator = coverageEvaluator(scenario, defaultCoverageOptions(), base);
    expect(evaluator.evaluate(base).pk).toBeLessThan(0.1);
  });
});
