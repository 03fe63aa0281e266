/**
 * @module tracking/mtt/config
 * Checks of an `aspis track` configuration, before any role is built (one place for the fast path and the
 * full-covariance tracker). Every failure is an `AspisError('E_USAGE')` naming the option.
 */
import { AspisError } from '../../errors.js';
import type { MttSetup, MttTrackerConfig } from '../mttTracker.js';

/**
 * Defaults: the Stone Soup reference values with the native M-of-N window 3/4.
 * @example
 * ```ts
 * import { createMttTracker, defaultMttTrackerConfig } from 'aspis';
 * const tracker = createMttTracker(
 *   { dim: 2, dt: 1, q: 1, sigma: 20, pd: 0.9, clutterDensity: 1e-9 },
 *   { ...defaultMttTrackerConfig(), filter: 'imm', assoc: 'jpda' },
 * );
 * const out = tracker.step(0, 0, [[1_000, 2_000], [5_000, -300]]); // scan 0 at t = 0 s
 * const histories = tracker.histories();
 * ```
 */
export function defaultMttTrackerConfig(): MttTrackerConfig {
  return { filter: 'kf', assoc: 'gnn', gate: 3, confirmM: 3, confirmN: 4, deleteMisses: 3, compat: null };
}

/**
 * Whether `config` runs on the per-axis fast path (`axisTracker.ts`: filter kf, assoc gnn) rather than the
 * full-covariance tracker: the composition root's choice, here so `aspis track` can load only the path it runs.
 * @example
 * ```ts
 * usesAxisTracker({ ...defaultMttTrackerConfig(), compat: 'stonesoup' }); // true
 * ```
 */
export function usesAxisTracker(config: MttTrackerConfig): boolean {
  return config.filter === 'kf' && config.assoc === 'gnn';
}

/** Throws for a configuration the trackers cannot run (see `MttTrackerConfig` for each field). */
export function validateMttTrackerConfig(setup: MttSetup, config: MttTrackerConfig): void {
  const compat = config.compat === 'stonesoup';
  if (compat && (config.filter !== 'kf' || config.assoc !== 'gnn')) {
    throw new AspisError(
      'E_USAGE',
      '--compat',
      `the Stone Soup compatible mode is kf + gnn; got filter "${config.filter}" with assoc "${config.assoc}"`,
    );
  }
  if (compat && config.deleteCovariance_m2 !== undefined) {
    throw new AspisError(
      'E_USAGE',
      '--delete-covariance',
      'the Stone Soup compatible mode deletes on misses only (the reference uses no covariance deleter)',
    );
  }
  if (!(config.gate > 0) || config.confirmM < 1 || config.deleteMisses < 1) {
    throw new AspisError('E_USAGE', 'config', 'need gate > 0, confirmM ≥ 1 and deleteMisses ≥ 1');
  }
  // compat mode does not use confirmN (the Stone Soup rule counts updates in total)
  if (!compat && !(config.confirmN >= config.confirmM && config.confirmN <= 30)) {
    throw new AspisError('E_USAGE', '--confirm', 'need confirmM ≤ confirmN ≤ 30');
  }
  const maxTrace = config.deleteCovariance_m2;
  if (maxTrace !== undefined && !(maxTrace > 0 && Number.isFinite(maxTrace))) {
    throw new AspisError(
      'E_USAGE',
      '--delete-covariance',
      `need a finite trace threshold > 0 m², got ${maxTrace}`,
    );
  }
  if (config.assoc === 'jpda' && !(setup.pd > 0 && setup.pd <= 1 && setup.clutterDensity >= 0)) {
    throw new AspisError('E_USAGE', 'pd', 'JPDA needs 0 < pd ≤ 1 and clutterDensity ≥ 0');
  }
}
