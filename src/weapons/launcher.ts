/**
 * @module weapons/launcher
 * Magazine bookkeeping of a battery's launchers: rounds on each launcher, reloads from the per-group reserve. Plain
 * mutable data owned by the battery's slot in `c2/unitState`, changed only through these pure functions (no kernel:
 * the battery schedules the event that announces a finished reload). Every choice is deterministic (lowest launcher
 * index first). A reloading launcher holds its new rounds at once, but none of them is ready (to count or to take)
 * before `reloadingUntil_s`, so to every reader they arrive then.
 */
import type { LauncherGroup } from '../scenario/types.js';

/** One launcher. */
export interface LauncherState {
  /** Index of its group in the battery's `launchers` list. */
  readonly group: number;
  /** Rounds on the launcher (including rounds being loaded while it reloads). */
  rounds: number;
  /** Rounds it holds after a reload. */
  readonly capacity: number;
  /** Time one reload takes, s. */
  readonly reload_s: number;
  /** Scenario time until which it is reloading and cannot fire, s (−Infinity when it never reloaded). */
  reloadingUntil_s: number;
}

/** All launchers of a battery (groups in order, launchers of a group consecutive) plus the per-group reserve. */
export interface MagazineState {
  readonly launchers: LauncherState[];
  /** Spare rounds per launcher group, in group order. */
  readonly reserve: number[];
}

/** A reload that `startReload` began: what the battery announces when it ends. */
export interface Reload {
  /** Rounds moved from the group reserve onto the launcher. */
  readonly rounds: number;
  /** Scenario time at which the launcher can fire again, s. */
  readonly ready_s: number;
}

/**
 * Magazine at scenario start: every launcher holds `loaded` rounds, each group keeps its `reserve` (the scenario
 * compiler guarantees non-negative integers with `loaded ≤ capacity`).
 */
export function createMagazine(groups: readonly LauncherGroup[]): MagazineState {
  const launchers: LauncherState[] = [];
  groups.forEach((g, group) => {
    for (let i = 0; i < g.count; i++) {
      launchers.push({
        group,
        rounds: g.loaded,
        capacity: g.capacity,
        reload_s: g.reload_s,
        reloadingUntil_s: Number.NEGATIVE_INFINITY,
      });
    }
  });
  return { launchers, reserve: groups.map((g) => g.reserve) };
}

/** Whether launcher `l` of `group` can fire at `t_s` (it belongs to the group and is not reloading). */
function canFire(l: LauncherState, group: number, t_s: number): boolean {
  return l.group === group && l.reloadingUntil_s <= t_s;
}

/** Rounds of launcher group `group` ready to fire at `t_s` (on its launchers that are not reloading). */
export function readyRounds(state: MagazineState, group: number, t_s: number): number {
  let n = 0;
  for (const l of state.launchers) if (canFire(l, group, t_s)) n += l.rounds;
  return n;
}

/**
 * Takes one round from the lowest-index launcher of `group` able to fire at `t_s`.
 * @returns the launcher index (into `state.launchers`), or −1 when the group has no round ready
 */
export function takeRound(state: MagazineState, group: number, t_s: number): number {
  for (let i = 0; i < state.launchers.length; i++) {
    const l = state.launchers[i];
    if (l.rounds > 0 && canFire(l, group, t_s)) {
      l.rounds--;
      return i;
    }
  }
  return -1;
}

/**
 * Starts reloading launcher `launcherIndex` at `t_s` if it is empty, not already reloading and its group still has
 * reserve rounds: it takes min(capacity, reserve) rounds from the reserve and can fire again at `t_s + reload_s`.
 * @returns the reload begun, or null when none was (launcher not empty, reloading, or reserve exhausted)
 */
export function startReload(state: MagazineState, launcherIndex: number, t_s: number): Reload | null {
  const l = state.launchers[launcherIndex];
  const reserve = state.reserve[l.group];
  if (l.rounds > 0 || l.reloadingUntil_s > t_s || reserve <= 0) return null;
  const rounds = Math.min(l.capacity, reserve);
  state.reserve[l.group] = reserve - rounds;
  l.rounds = rounds;
  l.reloadingUntil_s = t_s + l.reload_s;
  return { rounds, ready_s: l.reloadingUntil_s };
}
