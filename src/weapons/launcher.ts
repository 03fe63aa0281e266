/**
 * @module weapons/launcher
 * Magazine bookkeeping of a battery's launchers: rounds on each launcher, reloads from the battery reserve. Plain
 * mutable data owned by the battery's slot in the `SimState`; every choice is deterministic (lowest launcher index
 * first). A reloading launcher holds its new rounds but cannot fire until `reloadingUntil_s`.
 */
import type { LauncherGroup } from '../scenario/types.js';

/** One launcher. */
export interface LauncherState {
  /** Index of its group in the battery's `launchers` list. */
  readonly group: number;
  /** Interceptor type id it carries. */
  readonly interceptorId: string;
  /** Rounds on the launcher (including rounds being loaded while it reloads). */
  rounds: number;
  /** Rounds it holds when full. */
  readonly capacity: number;
  /** Time one reload takes, s. */
  readonly reload_s: number;
  /** Scenario time until which it is reloading and cannot fire, s (−Infinity when not reloading). */
  reloadingUntil_s: number;
}

/** All launchers of a battery plus the per-group reserve. */
export interface MagazineState {
  readonly launchers: LauncherState[];
  /** Spare rounds per launcher group, in group order. */
  readonly reserve: number[];
}

/** Magazine at scenario start: every launcher holds `loaded` rounds, each group keeps its `reserve`. */
export function createMagazine(groups: readonly LauncherGroup[]): MagazineState {
  const launchers: LauncherState[] = [];
  const reserve: number[] = [];
  groups.forEach((g, group) => {
    reserve.push(Math.max(0, Math.floor(g.reserve)));
    for (let i = 0; i < g.count; i++) {
      launchers.push({
        group,
        interceptorId: g.interceptor.id,
        rounds: Math.max(0, Math.min(g.loaded, g.capacity)),
        capacity: g.capacity,
        reload_s: g.reload_s,
        reloadingUntil_s: Number.NEGATIVE_INFINITY,
      });
    }
  });
  return { launchers, reserve };
}

/** Whether launcher `l` can fire at `t_s` (not reloading), optionally only for one interceptor type. */
function canFire(l: LauncherState, t_s: number, interceptorId?: string): boolean {
  return l.reloadingUntil_s <= t_s && (interceptorId === undefined || l.interceptorId === interceptorId);
}

/** Rounds ready to fire at `t_s` (on launchers that are not reloading), optionally of one interceptor type. */
export function readyRounds(state: MagazineState, t_s: number, interceptorId?: string): number {
  let n = 0;
  for (const l of state.launchers) if (canFire(l, t_s, interceptorId)) n += l.rounds;
  return n;
}

/**
 * Takes one round from the lowest-index launcher able to fire at `t_s` (optionally of one interceptor type).
 * @returns the launcher index, or −1 when no round is ready
 */
export function takeRound(state: MagazineState, t_s: number, interceptorId?: string): number {
  for (let i = 0; i < state.launchers.length; i++) {
    const l = state.launchers[i];
    if (l.rounds > 0 && canFire(l, t_s, interceptorId)) {
      l.rounds--;
      return i;
    }
  }
  return -1;
}

/**
 * Starts reloading every empty, idle launcher whose group still has reserve rounds (lowest index first): it takes
 * min(capacity, reserve) rounds from its group's reserve and is ready at `t_s + reload_s`.
 * @returns the indices of the launchers that started a reload
 */
export function startReloads(state: MagazineState, t_s: number): number[] {
  const started: number[] = [];
  for (let i = 0; i < state.launchers.length; i++) {
    const l = state.launchers[i];
    const reserve = state.reserve[l.group];
    if (l.rounds > 0 || l.reloadingUntil_s > t_s || reserve <= 0) continue;
    const n = Math.min(l.capacity, reserve);
    state.reserve[l.group] = reserve - n;
    l.rounds = n;
    l.reloadingUntil_s = t_s + l.reload_s;
    started.push(i);
  }
  return started;
}

/** All rounds the battery still owns (on launchers, loading, and in reserve). */
export function totalRounds(state: MagazineState): number {
  let n = 0;
  for (const l of state.launchers) n += l.rounds;
  for (const r of state.reserve) n += r;
  return n;
}
