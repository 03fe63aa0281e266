import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../scenario/catalog.js';
import { loadScenario } from '../scenario/load.js';
import { renderVegaLiteSvg } from './charts.js';
import { timelineSpec } from './chartsRun.js';
import type { RunView, ThreatView } from './htmlData.js';

/** `n` threats in one raid, launched a second apart, all impacted (only what the timeline reads is filled in). */
function bigRaidView(n: number): RunView {
  const point = { lat_deg: 33.53, lon_deg: 44.35, alt_m: 0 };
  const threats: ThreatView[] = Array.from({ length: n }, (_, i) => ({
    id: `r0-${i + 1}`,
    type: 'notional-rocket-107mm',
    raid: 'r0',
    fate: 'impacted',
    launch_s: i,
    end_s: i + 30,
    firstDetection_s: null,
    trackConfirmed_s: null,
    firstShot_s: null,
    interceptorsFired: 0,
    gunRounds: 0,
    warning_s: null,
    targetAssetId: null,
    impactAssetId: null,
    launchPoint: point,
    endPoint: point,
    track: { t_s: [i], lat_deg: [point.lat_deg], lon_deg: [point.lon_deg], alt_m: [0] },
  }));
  return { threats, interceptors: [], timeline: [] };
}

describe('timelineSpec', () => {
  it('fuzz regression (big-raid-vega-sort-stack): a 9,000-round raid renders, threats in launch order', async () => {
    // found by `npm run fuzz` (schema case: one raid of 9,042 SRBMs): `sort: [ids…]` compiled to one nested
    // conditional per threat and vega's expression parser overflowed the call stack (report.html never written)
    const scenario = loadScenario(join(packageRoot(), 'scenarios', 'taji-2020-cram.yaml'));
    const spec = timelineSpec(scenario, bigRaidView(9_000), 600);
    const svg = await renderVegaLiteSvg(spec);
    expect(svg).toMatch(/discrete scale with 9000 values: r0-1, r0-2, r0-3, r0-4, r0-5, ending with r0-9000/);
  }, 120_000);
});
