/**
 * @module threats/registry
 * One model instance per threat kind for a scenario, so the aim and firing caches survive across Monte Carlo
 * replications. Create one registry per scenario (per worker) with `createThreatModels()` and route every launch
 * through `threatModelFor(type)`; nothing here is global.
 */
import type { Terrain } from '../env/terrain.js';
import type { Rng } from '../math/rng.js';
import type { ThreatLaunch, ThreatType } from '../scenario/types.js';
import { type BallisticModelOptions, BallisticThreatModel } from './ballistic.js';
import { CruiseThreatModel } from './cruise.js';
import { DroneThreatModel } from './drone.js';
import type { ThreatModel, Trajectory } from './index.js';
import { type RocketModelOptions, RocketThreatModel } from './rocket.js';

/** Options of every kind's model (defaults when omitted). */
export interface ThreatModelsOptions {
  readonly ballistic?: BallisticModelOptions;
  readonly rocket?: RocketModelOptions;
  /** The scenario's DEM: cruise missiles follow it (absent: smooth Earth). */
  readonly terrain?: Terrain;
}

/** The per-scenario set of threat models. */
export interface ThreatModels {
  readonly ballistic: BallisticThreatModel;
  readonly rocket: RocketThreatModel;
  readonly drone: DroneThreatModel;
  readonly cruise: CruiseThreatModel;
  /** The model for `type.kind`, typed for any `ThreatType` (it checks the kind it is given). */
  threatModelFor(type: ThreatType): ThreatModel;
  /** Flies one launch with the model of its type's kind. */
  fly(launch: ThreatLaunch, type: ThreatType, rng: Rng): Trajectory;
}

/**
 * A fresh registry: one ballistic, one rocket, one drone and one cruise-missile model, each with its own caches.
 * @example
 * ```ts
 * import { createRng, createThreatModels, loadScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const models = createThreatModels();
 * const launch = scenario.threats[0];
 * const trajectory = models.fly(launch, scenario.threatTypes[launch.typeId], createRng(1));
 * console.log(trajectory.endTime_s, trajectory.apexAltitude_m);
 * ```
 */
export function createThreatModels(options: ThreatModelsOptions = {}): ThreatModels {
  const ballistic = new BallisticThreatModel(options.ballistic);
  const rocket = new RocketThreatModel(options.rocket);
  const drone = new DroneThreatModel();
  const cruise = new CruiseThreatModel(options.terrain);
  const fly = (launch: ThreatLaunch, type: ThreatType, rng: Rng): Trajectory => {
    switch (type.kind) {
      case 'ballistic':
        return ballistic.fly(launch, type, rng);
      case 'rocket':
        return rocket.fly(launch, type, rng);
      case 'drone':
        return drone.fly(launch, type, rng);
      case 'cruise':
        return cruise.fly(launch, type, rng);
    }
  };
  const dispatcher: ThreatModel = { fly };
  return { ballistic, rocket, drone, cruise, threatModelFor: () => dispatcher, fly };
}
