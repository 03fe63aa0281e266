/**
 * Planner consistency as a tested property (docs/validation.md): placement's fast score ranks candidate sites like
 * its own Monte Carlo (Spearman ρ ≥ 0.9 over ≥ 8 sites behind, at, beside and ahead of the base, sectors on and off
 * the threat axis), and coverage's P(kill) lies inside the engine's 95 % interval at ≥ 90 % of the sampled aim
 * points. `ASPIS_REGENERATE=1` rewrites docs/validation.md from this run; otherwise the committed file must match.
 * About 15 s of CPU.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/scenario/catalog.js';
import {
  type AimRow,
  aimRows,
  insideInterval,
  placementRho,
  placementRows,
  type SiteRow,
  siteCases,
  studyScenario,
  validationMarkdown,
} from './support/plannerConsistency.js';

const DOC = join(packageRoot(), 'docs', 'validation.md');

describe('planner consistency (fast planner vs Monte Carlo of the engine)', () => {
  const study = studyScenario();
  let sites: SiteRow[] = [];
  let aims: AimRow[] = [];
  beforeAll(() => {
    sites = placementRows(study);
    aims = aimRows(study);
  }, 180_000);

  it('covers ≥ 8 candidate sites, some scoring and some not', () => {
    expect(siteCases(study.assets[0].position).length).toBeGreaterThanOrEqual(8);
    expect(sites.some((r) => r.fast > 0)).toBe(true);
    expect(sites.some((r) => r.fast === 0)).toBe(true);
  });

  it("placement's fast score ranks the sites like its Monte Carlo (Spearman ρ ≥ 0.9)", () => {
    expect(placementRho(sites)).toBeGreaterThanOrEqual(0.9);
    // a site the planner rejects outright must not be one the engine defends from: the engine saves at most a sixth
    // of what it saves at the base. Ahead 20 km the 750 km-class SRBMs pass overhead at ~20 km: the model refuses the
    // seeker look, while the engine's noisy track flickers between `seeker-look` and `awaiting-launch-window` from
    // cycle to cycle and is engaged on a cycle where it passes (one kill in 8 of 10 replications since issue 12's
    // changes, one in six to ten before; docs/validation.md). A known disagreement, stated in the closing note of
    // issue 12; the bound still fails if the engine defends from there as from the base.
    const atBase = sites.find((r) => r.name === 'at base, on axis');
    expect(atBase).toBeDefined();
    for (const r of sites) {
      if (r.fast !== 0) continue;
      expect(r.mcMean).toBeLessThanOrEqual((atBase?.mcMean ?? 0) / 6);
    }
  });

  it("coverage's P(kill) lies inside the engine's 95 % interval at ≥ 90 % of the aim points", () => {
    expect(aims.length).toBeGreaterThanOrEqual(8);
    expect(aims.filter(insideInterval).length / aims.length).toBeGreaterThanOrEqual(0.9);
  });

  it('docs/validation.md is this run (ASPIS_REGENERATE=1 rewrites it)', () => {
    const text = validationMarkdown(sites, aims);
    if (process.env.ASPIS_REGENERATE === '1') writeFileSync(DOC, text);
    expect(readFileSync(DOC, 'utf8')).toBe(text);
  });
});
