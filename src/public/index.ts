/**
 * @module public
 * The package's public API: everything `import … from 'aspis'` offers, and nothing else. Units are SI with the
 * unit in each name (`range_m`, `lat_rad`); frames are in the names (`pos_ecef`).
 */

export { assetCoverage, coverageMap } from '../analysis/coverage.js';
export { radarCoverageAt } from '../analysis/coverageRadar.js';
export { runDistributedMonteCarlo, runDistributedMonteCarloFile } from '../analysis/distributed.js';
export { defendedFootprint } from '../analysis/footprint.js';
export { runMonteCarlo } from '../analysis/monteCarlo.js';
export { evaluateLayout, optimizePlacement } from '../analysis/placement.js';
export { startWorker } from '../analysis/queueWorker.js';
export { aggregateReplications, runReplication } from '../analysis/replication.js';
export {
  type LowestVisible,
  type LowestVisibleGrid,
  lowestVisibleHeight_m,
  lowestVisibleHeightGrid,
} from '../analysis/terrainCoverage.js';
export {
  elevationForRange,
  type FiringTableRow,
  firingTable,
  maxRangeElevation,
  type Trajectory2dParams,
  type Trajectory2dResult,
  trajectory2d,
} from '../dynamics/trajectory2d.js';
// environment and dynamics
export { type AtmosphereState, atmosphere1976 } from '../env/atmosphere.js';
export { demFromGeoTiff, readDem } from '../env/dem.js';
export { freeFallAccelEcef, gravitationEcef } from '../env/gravity.js';
export { makeTerrain, type Terrain, terrainHeight_m } from '../env/terrain.js';
// errors
export { AspisError, type AspisErrorCode } from '../errors.js';
export {
  type Aer,
  aerToEnu,
  dcmEnuFromEcef,
  ecefToAer,
  ecefToEnu,
  enuToAer,
  enuToEcef,
} from '../geo/frames.js';
export {
  type GeodesicDirect,
  type GeodesicInverse,
  geodesicDirect,
  geodesicInverse,
} from '../geo/geodesic.js';
export { isAboveHorizon, radarHorizonRange_m, radarHorizonVisible } from '../geo/horizon.js';
// geography
export { ecefToGeodetic, geodeticToEcef, WGS84_A_m, WGS84_B_m, WGS84_F } from '../geo/wgs84.js';
export { eventsToCsv, threatsToCsv } from '../io/csv.js';
export { toCzml } from '../io/czml.js';
export { toGeoJson } from '../io/geojson.js';
export { toKml } from '../io/kml.js';
export { loadRunData } from '../io/runData.js';
// randomness
export { createRng, type Rng } from '../math/rng.js';
// planning: Monte Carlo, distributed runs, run store, coverage and placement
export { meanInterval, wilsonInterval } from '../math/stats.js';
export {
  buildOutcomes,
  buildStories,
  LEAK_CATEGORIES,
  type LeakCategory,
  type OutcomeCode,
  type RunJson,
  runToJson,
  type ThreatFate,
  type ThreatOutcome,
  type ThreatStory,
  verdictText,
  type WhyJson,
} from '../outcome/index.js';
// run invariants (`aspis check`)
export {
  checkInvariants,
  INVARIANTS,
  type InvariantCode,
  type InvariantInfo,
  type RunToCheck,
  type Violation,
} from '../outcome/invariants.js';
// visualisation and exports
export { renderHtmlReport } from '../report/html.js';
export { writeRun, writeRunReport } from '../report/output.js';
export { renderSummary } from '../report/terminal.js';
export { compileScenario } from '../scenario/compile.js';
// scenarios, runs and reports
export { loadScenario, parseScenario } from '../scenario/load.js';
export { scenarioJsonSchema } from '../scenario/schema.js';
export type * from '../scenario/types.js';
export {
  checkWork,
  DEFAULT_MAX_EVENTS,
  estimateWork,
  MAX_ROUNDS,
  type WorkEstimate,
  type WorkTerm,
} from '../scenario/work.js';
export { aspectAngle_rad, rcsAtAspect_m2, targetRcs_m2 } from '../sensors/aspectRcs.js';
export { planFrame } from '../sensors/budget.js';
// sensors
export {
  albersheimSnr_dB,
  pdSwerling1,
  requiredSnrSwerling1_dB,
  snrFromRangeEquation,
} from '../sensors/detection.js';
export type { Detection, Sensor, SensorInputs, SensorTarget } from '../sensors/index.js';
export {
  antennaOnTerrain,
  prepareLineOfSight,
  radarLineOfSight,
  radialLowestVisibleAltitude_m,
  siteTerrainMasked,
  terrainMasked,
} from '../sensors/lineOfSight.js';
export {
  amentRoughnessFactor,
  clutterToNoise_dB,
  lowAltitudeEffects,
  multipathFactor,
  twoRayFactor,
} from '../sensors/propagation.js';
export { createRadarSensor, radarCoverageCheck } from '../sensors/radar.js';
export {
  type DetectionProbabilityInputs,
  detectionProbability,
  detectionThreshold,
  type RadarEquationParams,
  type RequiredSnrInputs,
  radarMaxRange_m,
  radarSnr_dB,
  requiredSnr_dB,
  type SwerlingCase,
} from '../sensors/swerling.js';
export { createApp } from '../server/app.js';
export { startServer } from '../server/serve.js';
export { type RunOptions, type RunResult, runScenario } from '../sim/engine.js';
export type { RunSummary, RunTotals, ThreatSummary } from '../sim/summary.js';
export { wallTimeWatchdog } from '../sim/watchdog.js';
export { openRunStore, type RunRow, type RunStore } from '../store/runStore.js';
// threats and weapons
export type { ThreatModel, Trajectory } from '../threats/index.js';
export { createThreatModels } from '../threats/registry.js';
// tracking
export { solveAssignment, solveSparseAssignment } from '../tracking/association/assignment.js';
export { createEngineTracker } from '../tracking/engine/index.js';
export { kalmanFilter, rtsSmoother } from '../tracking/filters/kalman.js';
export { unscentedTransform } from '../tracking/filters/unscented.js';
export { gospa, ospa } from '../tracking/metrics/index.js';
export { createMttTracker, defaultMttTrackerConfig, type MttTrackerConfig } from '../tracking/mttTracker.js';
export { closestApproach } from '../weapons/closestApproach.js';
export { minInterceptAltitudeFor } from '../weapons/envelope.js';
export {
  type FireControlReason,
  type FireControlSolution,
  reengagementWindow,
  solveEngagement,
} from '../weapons/fireControl.js';
export { buildFlyoutTable, predictInterceptPoint } from '../weapons/flyout.js';
export { gunReach_m, gunTimeOfFlight_s } from '../weapons/gun.js';
export { flyInterceptor } from '../weapons/interceptor.js';
export { expectedKillProbability, killProbability } from '../weapons/lethality.js';
export { type PlanarEngagementOptions, planarEngagement } from '../weapons/planarEngagement.js';
export type { SimEvent } from '../world/events.js';
export { canonicalEventJson, type EventObserver, eventsToJsonl } from '../world/recorder.js';
