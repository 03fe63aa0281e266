/**
 * Kill assessment with the doctrine's assessment errors, end to end on the shipped Al Asad scenario flown with
 * shoot-look-shoot: a perfect assessment (the default) always matches the truth; `missJudgedKill: 1` judges every
 * engagement a kill, so nothing is re-engaged and the threats whose single round missed leak; `killJudgedMiss: 1`
 * judges every engagement a miss.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../scenario/catalog.js';
import { parseScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { type RunResult, runScenario } from '../sim/engine.js';
import type { KillAssessEvent } from '../world/events.js';

const SLS = 'mode: shoot-look-shoot, shotsPerThreat: 1';

function alAsadSls(error: string | null): Scenario {
  const path = join(packageRoot(), 'scenarios', 'al-asad-2020.yaml');
  let text = readFileSync(path, 'utf8');
  expect(text).toContain('mode: salvo, shotsPerThreat: 2');
  text = text.replace('mode: salvo, shotsPerThreat: 2', SLS);
  if (error !== null) {
    expect(text).toContain('salvoInterval: 1s }');
    text = text.replace('salvoInterval: 1s }', `salvoInterval: 1s, killAssessmentError: ${error} }`);
  }
  return parseScenario(text, path);
}

const assessments = (run: RunResult): KillAssessEvent[] =>
  run.events.filter((e): e is KillAssessEvent => e.type === 'c2.killAssessment');

/**
 * The truth behind each assessment, in order: whether the engagement's round killed. Under shoot-look-shoot an
 * engagement is one round, so it is the track's latest launched interceptor at the time of the assessment.
 */
function truthOfAssessments(run: RunResult): boolean[] {
  const lastInterceptor = new Map<string, string>();
  const killedBy = new Set<string>();
  const out: boolean[] = [];
  for (const e of run.events) {
    if (e.type === 'interceptor.launch') lastInterceptor.set(e.trackId, e.interceptorId);
    if (e.type === 'interceptor.end' && e.result === 'kill') killedBy.add(e.interceptorId);
    if (e.type === 'c2.killAssessment') out.push(killedBy.has(lastInterceptor.get(e.trackId) ?? ''));
  }
  return out;
}

/** Every assessment's `correct` flag says whether it matches the truth. */
function checkCorrectFlags(run: RunResult): void {
  const truth = truthOfAssessments(run);
  assessments(run).forEach((e, i) => {
    expect(e.correct).toBe((e.assessed === 'killed') === truth[i]);
  });
}

function engagementsPerTrack(run: RunResult): Map<string, number> {
  const n = new Map<string, number>();
  for (const e of run.events) if (e.type === 'c2.engage') n.set(e.trackId, (n.get(e.trackId) ?? 0) + 1);
  return n;
}

describe('kill assessment error (shoot-look-shoot, Al Asad)', () => {
  const seeds = [1, 2, 3];

  it('compiles a perfect assessment by default', () => {
    const battery = alAsadSls(null).units[0];
    if (battery.kind !== 'sam-battery') throw new Error('expected a battery');
    expect(battery.doctrine.killAssessmentError).toEqual({ missJudgedKill: 0, killJudgedMiss: 0 });
  });

  it('rejects an assessment error outside [0, 1]', () => {
    expect(() => alAsadSls('{ missJudgedKill: 1.5 }')).toThrow(/missJudgedKill/);
  });

  it('by default every assessment is correct: killed exactly when a round of the engagement killed', () => {
    const scenario = alAsadSls(null);
    let reengaged = 0;
    for (const seed of seeds) {
      const run = runScenario(scenario, { seed });
      const list = assessments(run);
      expect(list.length).toBeGreaterThan(0);
      for (const e of list) expect(e.correct).toBe(true);
      checkCorrectFlags(run);
      reengaged += [...engagementsPerTrack(run).values()].filter((n) => n > 1).length;
    }
    // the look in shoot-look-shoot is exercised: some surviving threat was engaged again
    expect(reengaged).toBeGreaterThan(0);
  });

  it('with missJudgedKill: 1 every engagement is judged a kill, nothing is re-engaged, and misses leak', () => {
    const scenario = alAsadSls('{ missJudgedKill: 1 }');
    let wrong = 0;
    let impacted = 0;
    for (const seed of seeds) {
      const run = runScenario(scenario, { seed });
      const list = assessments(run);
      expect(list.length).toBeGreaterThan(0);
      for (const e of list) expect(e.assessed).toBe('killed');
      for (const [, n] of engagementsPerTrack(run)) expect(n).toBe(1);
      checkCorrectFlags(run);
      wrong += list.filter((e) => !e.correct).length;
      impacted += run.summary.totals.impacted;
    }
    expect(wrong).toBeGreaterThan(0);
    expect(impacted).toBeGreaterThan(0);
  });

  it('with killJudgedMiss: 1 every engagement is judged a miss, and the wrong ones were kills', () => {
    const scenario = alAsadSls('{ killJudgedMiss: 1 }');
    let wrong = 0;
    for (const seed of seeds) {
      const run = runScenario(scenario, { seed });
      const list = assessments(run);
      expect(list.length).toBeGreaterThan(0);
      for (const e of list) expect(e.assessed).toBe('survived');
      checkCorrectFlags(run);
      wrong += list.filter((e) => !e.correct).length;
    }
    expect(wrong).toBeGreaterThan(0);
  });
});
