/**
 * Issue 11, "Crashes on large valid inputs": the output paths at saturation scale. Before the fix a 1,000-round salvo,
 * 999 cruise missiles, a launch from the pole and a shot at the antipode each ran, printed the summary and then died
 * with "Maximum call stack size exceeded" (array spreads into Math.min/max in the map framing, and a 1,000-entry sort
 * array that Vega-Lite compiles into 1,000 nested ternaries in the timeline): no report.html, exit 1. All four ride in
 * one scenario here (one report render, the slow part), with a 1 s step (the largest the schema accepts) to keep the flights cheap; the whole-CLI
 * path (`aspis run --out`) calls the same `renderHtmlReport`.
 */
import { describe, expect, it } from 'vitest';
import type { AspisWarning } from '../src/errors.js';
import { renderHtmlReport } from '../src/report/html.js';
import { parseScenario } from '../src/scenario/load.js';
import { runScenario } from '../src/sim/engine.js';

const SCENARIO = `
name: saturation
start: 2020-01-08T01:20:00+03:00
duration: 2h
step: 1s
assets:
  - { id: base, lat: 33.79, lon: 42.44 }
  - { id: north, lat: 88.0, lon: 0 }
threats:
  - { raid: salvo, type: notional-rocket-122mm, from: { lat: 33.85, lon: 42.50 }, target: base, count: 1000, interval: 0.1s, spread: 2km }
  - { raid: cruise, type: notional-cruise-missile, from: { lat: 33.85, lon: 42.50 }, target: base, count: 999, interval: 0.1s }
  - { raid: pole, type: notional-srbm-300km, from: { lat: 90, lon: 0 }, target: north }
  - { raid: antipode, type: notional-srbm-300km, from: { lat: 10, lon: 20 }, target: { lat: -10, lon: -160 } }
`;

describe('output paths at saturation scale (issue 11)', () => {
  it('a 1,000-round salvo, 999 cruise missiles, a pole launch and an antipodal aim render report.html', async () => {
    const warnings: AspisWarning[] = [];
    const scenario = parseScenario(SCENARIO, 'saturation.yaml', { onWarning: (w) => warnings.push(w) });
    // the semantic check says why the antipodal shot falls short
    expect(warnings.map((w) => `${w.code} ${w.path}`)).toContain('W_OUT_OF_RANGE threats[3].target');
    const result = runScenario(scenario, { recordPaths: true });
    expect(result.summary.totals.launched).toBe(2001);
    // the renderer `aspis run` calls for report.html; it threw RangeError before the fix
    const html = await renderHtmlReport({ scenario, result, scenarioFile: 'saturation.yaml' });
    expect(html).toContain('cruise-999');
    expect(html).toContain('salvo-1000');
    expect(html).toContain('<svg');
  });
});
