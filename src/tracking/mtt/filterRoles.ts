/**
 * @module tracking/mtt/filterRoles
 * Composition root of the full-covariance tracker: turns the `filter` string of an `aspis track` configuration
 * ('kf' | 'ekf' | 'ukf' | 'imm') into the predictor and updater role objects, the state layout and the prior spreads
 * of a new track, and the `assoc` string ('gnn' | 'jpda') into the confirmed tracks' associator. The tracker itself
 * (`fullCovTracker.ts`) only receives these objects.
 */
import type { MttSetup, MttTrackerConfig } from '../mttTracker.js';
import { gnnAssociator } from './associator/gnnAssociator.js';
import type { Associator } from './associator/index.js';
import { jpdaAssociator } from './associator/jpdaAssociator.js';
import { compileImm, defaultImmOptions } from './immOptions.js';
import { type StateLayout, stateLayout } from './models/layout.js';
import { positionMeasurementModel } from './models/measurement.js';
import { constantVelocityModel } from './models/transition.js';
import { immPredictor } from './predictor/immPredictor.js';
import type { Predictor } from './predictor/index.js';
import { kalmanPredictor } from './predictor/kalmanPredictor.js';
import { unscentedPredictor } from './predictor/unscentedPredictor.js';
import { immUpdater } from './updater/immUpdater.js';
import type { Updater } from './updater/index.js';
import { kalmanUpdater } from './updater/kalmanUpdater.js';
import { unscentedUpdater } from './updater/unscentedUpdater.js';

/** The filter roles a full-covariance tracker is wired from. */
export interface FilterRoles {
  readonly layout: StateLayout;
  /** Gaussian components per track (IMM: the number of modes; else 1). */
  readonly r: number;
  readonly predictor: Predictor;
  readonly updater: Updater;
  readonly initialProbabilities: number[];
  /** Prior spreads of a new track beyond position and velocity (0 where the layout has no such state). */
  readonly accelerationStd_mps2: number;
  readonly turnRateStd_radps: number;
}

/** Filter roles for `config.filter` (NCV Kalman for kf/ekf, unscented for ukf, the IMM of `config.imm`). */
export function filterRoles(setup: MttSetup, config: MttTrackerConfig): FilterRoles {
  if (config.filter === 'imm') {
    const imm = config.imm ?? defaultImmOptions();
    const c = compileImm(imm, setup.dim, setup.q);
    return {
      layout: c.layout,
      r: c.models.length,
      predictor: immPredictor(c.models, c.transition),
      updater: immUpdater(
        positionMeasurementModel(c.layout, setup.sigma),
        c.models.length,
        setup.pd,
        setup.clutterDensity,
      ),
      initialProbabilities: c.initialProbabilities,
      accelerationStd_mps2: imm.initialAccelerationStd_mps2 ?? 10,
      turnRateStd_radps: imm.initialTurnRateStd_radps ?? 0.1,
    };
  }
  const layout = stateLayout(setup.dim, 2, false);
  const motion = constantVelocityModel(layout, setup.q);
  const measurement = positionMeasurementModel(layout, setup.sigma);
  const ukf = config.filter === 'ukf';
  return {
    layout,
    r: 1,
    predictor: ukf ? unscentedPredictor(motion) : kalmanPredictor(motion),
    updater: ukf ? unscentedUpdater(measurement) : kalmanUpdater(measurement),
    initialProbabilities: [1],
    accelerationStd_mps2: 0,
    turnRateStd_radps: 0,
  };
}

/** The associators of the full-covariance tracker: tentative tracks always GNN, confirmed ones per `config.assoc`. */
export interface AssociationRoles {
  readonly confirmed: Associator;
  readonly tentative: Associator;
  /** JPDA: a detection whose Σ_t β_tj ≥ ½ is consumed (starts no track, not offered to tentative tracks). */
  readonly consumeLikely: boolean;
}

/** Associators for `config.assoc` (GNN with missed cost `gate`; JPDA with the file's P_D and clutter density). */
export function associationRoles(setup: MttSetup, config: MttTrackerConfig): AssociationRoles {
  const gnn = gnnAssociator(config.gate);
  if (config.assoc !== 'jpda') return { confirmed: gnn, tentative: gnn, consumeLikely: false };
  return { confirmed: jpdaAssociator(setup.pd, setup.clutterDensity), tentative: gnn, consumeLikely: true };
}
