/**
 * @module analysis/placementSearch
 * The search of a placement study (`analysis/placement`) over site and orientation indices: greedy placement, a
 * seeded random local search, then best-response sweeps until no battery can improve alone; ties settle by distance
 * to the assets, then by facing the threat axis.
 */

import { createRng } from '../math/rng.js';
import type { PlacementStudy } from './placement.js';

/** A layout as site and orientation indices per battery, with its objective and tie-break scores. */
export interface IndexLayout {
  sites: number[];
  orientations: number[];
  value: number;
  /** Σ distance of each battery to its nearest asset, m. */
  distance_m: number;
  /** Σ offset of each radar from the threat axis, rad. */
  offset_rad: number;
}

/** Objectives closer than this (relative) are ties, settled by the tie-breaks. */
const TIE_RELATIVE = 1e-9;

/** True when `a` beats `b`: higher objective, then (on a tie) nearer the assets, then facing the threat axis. */
export function beats(a: IndexLayout, b: IndexLayout): boolean {
  const tolerance = TIE_RELATIVE * Math.max(1, Math.abs(a.value), Math.abs(b.value));
  if (a.value > b.value + tolerance) return true;
  if (a.value < b.value - tolerance) return false;
  if (a.distance_m !== b.distance_m) return a.distance_m < b.distance_m - 1e-6;
  return a.offset_rad < b.offset_rad - 1e-9;
}

/** Scores layouts of a study and remembers, per distinct site assignment, its best-scoring layout. */
class LayoutScorer {
  constructor(
    private readonly study: PlacementStudy,
    private readonly visited: Map<string, IndexLayout>,
  ) {}

  /** The layout with its objective and tie-break scores (a complete one is remembered for the ranking). */
  evaluate(sites: readonly number[], orientations: readonly number[]): IndexLayout {
    const study = this.study;
    let distance_m = 0;
    let offset_rad = 0;
    sites.forEach((c, b) => {
      distance_m += study.nearestAsset_m[c];
      offset_rad += study.axisOffset_rad[c][orientations[b]];
    });
    const layout: IndexLayout = {
      sites: [...sites],
      orientations: [...orientations],
      value: study.objective(sites, orientations),
      distance_m,
      offset_rad,
    };
    if (sites.length === study.specs.length) {
      // remember the best orientation per distinct site assignment for the ranking
      const key = sites.join(',');
      const seen = this.visited.get(key);
      if (!seen || beats(layout, seen)) this.visited.set(key, layout);
    }
    return layout;
  }

  /** The best (site, orientation) of battery b given the others. */
  bestResponse(current: IndexLayout, b: number): IndexLayout {
    let best: IndexLayout | null = null;
    const sites = [...current.sites];
    const orientations = [...current.orientations];
    for (let c = 0; c < this.study.candidates.length; c++) {
      for (let o = 0; o < this.study.orientations_rad.length; o++) {
        sites[b] = c;
        orientations[b] = o;
        const layout = this.evaluate(sites, orientations);
        if (best === null || beats(layout, best)) best = layout;
      }
    }
    return best!;
  }
}

/** Random local search from the seeded stream: move a site, turn a radar or swap two batteries; keep improvements. */
function localSearch(
  scorer: LayoutScorer,
  study: PlacementStudy,
  start: IndexLayout,
  iterations: number,
  seed: number,
): IndexLayout {
  const n = study.specs.length;
  const nSites = study.candidates.length;
  const nOrient = study.orientations_rad.length;
  let layout = start;
  const rng = createRng(seed).fork('placement');
  for (let k = 0; k < iterations; k++) {
    const sites = [...layout.sites];
    const orientations = [...layout.orientations];
    const move = rng.integer(0, n > 1 ? 2 : 1);
    const b = rng.integer(0, n - 1);
    if (move === 0) sites[b] = rng.integer(0, nSites - 1);
    else if (move === 1) orientations[b] = rng.integer(0, nOrient - 1);
    else {
      const other = (b + rng.integer(1, n - 1)) % n;
      [sites[b], sites[other]] = [sites[other], sites[b]];
      [orientations[b], orientations[other]] = [orientations[other], orientations[b]];
    }
    const next = scorer.evaluate(sites, orientations);
    if (beats(next, layout)) layout = next;
  }
  return layout;
}

/** Greedy then seeded local search then best-response sweeps (module header). */
export function search(
  study: PlacementStudy,
  iterations: number,
  seed: number,
  visited: Map<string, IndexLayout>,
): IndexLayout {
  const n = study.specs.length;
  const scorer = new LayoutScorer(study, visited);
  // greedy: each battery in turn at its best given those already placed
  let layout = scorer.evaluate([], []);
  for (let b = 0; b < n; b++)
    layout = scorer.bestResponse(scorer.evaluate([...layout.sites, 0], [...layout.orientations, 0]), b);
  layout = localSearch(scorer, study, layout, iterations, seed);
  // best-response sweeps until no battery can improve alone
  for (let improved = true; improved; ) {
    improved = false;
    for (let b = 0; b < n; b++) {
      const next = scorer.bestResponse(layout, b);
      if (beats(next, layout)) {
        layout = next;
        improved = true;
      }
    }
  }
  return layout;
}
