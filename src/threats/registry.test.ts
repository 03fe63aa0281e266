import { describe, expect, it } from 'vitest';
import {
  AL_ASAD,
  catalogThreat,
  ERBIL,
  KERMANSHAH,
  launchOf,
  rocketType,
  site,
  srbm,
} from '../../test/support/threatFixtures.js';
import { createRng } from '../math/rng.js';
import type { DroneThreatType } from '../scenario/types.js';
import { createThreatModels } from './registry.js';

describe('threat model registry', () => {
  it('dispatches on the kind and keeps one model (and cache) per kind', () => {
    const models = createThreatModels();
    const fateh = srbm('notional-srbm-500km');
    const traj = models
      .threatModelFor(fateh)
      .fly(launchOf(fateh.id, KERMANSHAH, AL_ASAD), fateh, createRng(1));
    expect(traj.endTime_s - traj.launchTime_s).toBeGreaterThan(200);
    expect(models.ballistic.solveAim(fateh, KERMANSHAH, AL_ASAD).ok).toBe(true);
    const grad = rocketType('notional-rocket-122mm');
    const rocket = models.fly(
      launchOf(grad.id, site(33.6, 44.3, 40), site(33.53, 44.28, 40)),
      grad,
      createRng(2),
    );
    expect(rocket.endTime_s).toBeLessThan(120);
    const drone = catalogThreat<DroneThreatType>('notional-owa-drone');
    const flight = models.fly(launchOf(drone.id, site(36.0, 44.3, 400), ERBIL), drone, createRng(3));
    expect(flight.endTime_s).toBeGreaterThan(600);
  });
});
