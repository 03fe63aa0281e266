/**
 * @module c2/weaponAssignment
 * Weapon–target assignment of one fire unit for one decision cycle. Rows are engagement slots per launcher group
 * (as many as its ready rounds allow), columns are targets; the assignment maximising total expected value saved
 * is solved exactly (shortest augmenting path, `solveAssignment`), so a high-value pairing is never lost to a
 * first-come or greedy choice. Fire channels are shared by all groups and cannot be expressed in a 2-D assignment:
 * the chosen pairs are committed in descending value while channels last (documented approximation). A fire channel
 * is one engaged *target* (the radar tracks one target and guides every round of its salvo), so a salvo of any size
 * takes one channel (docs/model.md, "Fire channels").
 */

import { minOf } from '../math/extent.js';
import { solveAssignment } from '../tracking/association/assignment.js';

/** Fire channels one engagement occupies: one target, however many rounds its salvo fires. */
export const CHANNELS_PER_ENGAGEMENT = 1;

/** One feasible (launcher group, target) engagement and its expected value. */
export interface WtaCandidate {
  readonly group: number;
  readonly targetId: string;
  /** Interceptors the engagement fires (salvo size). */
  readonly shots: number;
  /** Expected value saved, > 0. */
  readonly value: number;
}

/** Resources of the fire unit now. */
export interface WtaResources {
  /** Ready rounds per launcher group. */
  readonly readyRounds: readonly number[];
  /** Fire channels not engaged on a target (one channel per engaged target, whatever the salvo size). */
  readonly freeChannels: number;
}

/** Chooses the engagements to commit now (each target at most once), best value first. */
export function assignWeapons<C extends WtaCandidate>(
  candidates: readonly C[],
  resources: WtaResources,
): C[] {
  if (candidates.length === 0 || resources.freeChannels <= 0) return [];
  const targets = [...new Set(candidates.map((c) => c.targetId))].sort();
  const byPair = new Map<string, C>();
  for (const c of candidates) byPair.set(`${c.group}\u0000${c.targetId}`, c);
  const rows: number[] = [];
  resources.readyRounds.forEach((rounds, g) => {
    const shots = candidates.filter((c) => c.group === g).map((c) => c.shots);
    if (shots.length === 0) return;
    const slots = Math.min(targets.length, Math.floor(rounds / minOf(shots)));
    for (let i = 0; i < slots; i++) rows.push(g);
  });
  if (rows.length === 0) return [];
  const value = rows.map((g) =>
    targets.map((id) => byPair.get(`${g}\u0000${id}`)?.value ?? Number.NEGATIVE_INFINITY),
  );
  const solution = solveAssignment(value, { maximize: true });
  const chosen: C[] = [];
  rows.forEach((g, r) => {
    const col = solution.rowToCol[r];
    const c = col >= 0 ? byPair.get(`${g}\u0000${targets[col]}`) : undefined;
    if (c) chosen.push(c);
  });
  chosen.sort(
    (a, b) =>
      b.value - a.value || (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : a.group - b.group),
  );
  const roundsLeft = [...resources.readyRounds];
  let channels = resources.freeChannels;
  const accepted: C[] = [];
  for (const c of chosen) {
    if (channels < CHANNELS_PER_ENGAGEMENT || c.shots > roundsLeft[c.group]) continue;
    channels -= CHANNELS_PER_ENGAGEMENT;
    roundsLeft[c.group] -= c.shots;
    accepted.push(c);
  }
  return accepted;
}
