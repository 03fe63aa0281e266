/**
 * @module weapons
 * Interceptors and guns: homing guidance (`Guidance`), whole-flight interceptor simulation against a threat's truth
 * trajectory, flyout tables and the predicted-intercept-point solver used by the C2, lethality, C-RAM gun helpers
 * and launcher magazine bookkeeping.
 */

export type { ClosestApproach } from './closestApproach.js';
export { closestApproach } from './closestApproach.js';
export type {
  EngagementGeometry,
  EngagementQuery,
  FireControlReason,
  FireControlRefusal,
  FireControlSolution,
} from './fireControl.js';
export {
  closestApproachEnvelope,
  engagementGeometry,
  reengagementWindow,
  solveEngagement,
} from './fireControl.js';
export type {
  FlyoutOptions,
  FlyoutTable,
  InterceptRefusal,
  InterceptSolution,
  PredictedState,
} from './flyout.js';
export {
  buildFlyoutTable,
  defaultFlyoutOptions,
  predictInterceptPoint,
} from './flyout.js';
export type { Guidance, GuidanceInputs } from './guidance.js';
export { augmentedPN, limitLateral, proportionalNavigation } from './guidance.js';
export type { GunEngagementArgs, GunEngagementPlan } from './gun.js';
export { GUN_VELOCITY_DECAY_per_m, gunPkPerBurst, gunTimeOfFlight_s, planGunEngagement } from './gun.js';
export type {
  FlightOptions,
  FlightPath,
  FlightStats,
  FlyInterceptorArgs,
  InterceptOutcome,
  InterceptorFlight,
} from './interceptor.js';
export { defaultFlightOptions, flyInterceptor } from './interceptor.js';
export type { LauncherState, MagazineState, Reload } from './launcher.js';
export { createMagazine, readyRounds, startReload, takeRound } from './launcher.js';
export { killProbability } from './lethality.js';
