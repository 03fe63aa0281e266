/**
 * In-flight failure modes end to end (threats/failure, docs/model.md "Outcome bookkeeping"): a guidance failure's
 * warhead counts where it lands, a break-up ends the body in the air and nothing is killed after it.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/sim/engine.js';
import type { SimEvent, ThreatEndEvent } from '../src/world/events.js';
import { shipped } from './helpers.js';

const ofType = <T extends SimEvent['type']>(events: readonly SimEvent[], type: T) =>
  events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);
/** The `threat.impact` / `threat.failed` events (one event type with three `type` values). */
const endsOf = (events: readonly SimEvent[], type: ThreatEndEvent['type']) =>
  events.filter((e): e is ThreatEndEvent => e.type === type);

describe('in-flight failure modes (Al Asad)', () => {
  it('a guidance-failed missile landing on the base is a leaker (the bug: "failed" bodies 1.3 km from the centre never were)', () => {
    // replication 7 of the undefended raid: wave-3-1 loses guidance after burnout and lands 1.3 km from the centre
    const scenario = shipped('al-asad-2020-no-defense.yaml');
    const run = runScenario(scenario, { seed: scenario.seed, replication: 7 });
    const threat = run.summary.threats.find((t) => t.id === 'wave-3-1');
    expect(threat?.failure).toBe('guidance-failure');
    expect(threat?.fate).toBe('impacted');
    expect(threat?.impact?.assetId).toBe('al-asad');
    const impact = endsOf(run.events, 'threat.impact').find((e) => e.threatId === 'wave-3-1');
    expect(impact?.failure).toBe('guidance-failure');
    expect(run.summary.leakersPerAsset['al-asad']).toBeGreaterThanOrEqual(1);
  });

  it('a broken-up body ends at its break-up: fate failed, no warhead, no kill or detection after it', () => {
    const scenario = shipped('al-asad-2020.yaml');
    for (const replication of [0, 8]) {
      const run = runScenario(scenario, { seed: scenario.seed, replication });
      const brokenUp = run.summary.threats.filter((t) => t.failure === 'break-up');
      expect(brokenUp.length).toBeGreaterThan(0);
      const plannedEnd = new Map(
        ofType(run.events, 'threat.launch').map((e) => [e.threatId, e.plannedEnd_s]),
      );
      for (const t of brokenUp) {
        const end_s = plannedEnd.get(t.id)!;
        // ends in the air, well before a re-entry body would reach the ground (~6 min of flight)
        expect(end_s - t.launchTime_s).toBeLessThan(120);
        if (t.fate === 'failed') {
          expect(t.fateTime_s).toBe(end_s);
          const failed = endsOf(run.events, 'threat.failed').find((e) => e.threatId === t.id);
          expect(failed?.failure).toBe('break-up');
        } else expect(t.fate).toBe('killed');
        // regression: the launch cue 90 s after launch gave a body that broke up before it a warning of −25 s
        if (t.warning_s !== null) expect(t.warning_s).toBeGreaterThanOrEqual(0);
      }
      // nothing is first detected, killed, or resolved as a kill after the body's end (break-up or impact)
      for (const e of ofType(run.events, 'sensor.firstDetection'))
        expect(e.t_s).toBeLessThanOrEqual(plannedEnd.get(e.threatId)!);
      for (const e of endsOf(run.events, 'threat.killed'))
        expect(e.t_s).toBeLessThanOrEqual(plannedEnd.get(e.threatId)!);
      for (const e of ofType(run.events, 'interceptor.end'))
        if (e.result === 'kill') expect(e.t_s).toBeLessThanOrEqual(plannedEnd.get(e.threatId!)!);
    }
  });
});
