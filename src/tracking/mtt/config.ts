/**
 * @module tracking/mtt/config
 * Checks of an `aspis track` configuration, before any role is built (one place for the fast path and the
 * full-covariance tracker). Every failure is an `AspisError('E_USAGE')` naming the option.
 */
import { AspisError } from '../../errors.js';
import type { MttSetup, MttTrackerConfig } from '../mttTracker.js';

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
