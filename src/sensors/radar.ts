/**
 * @module sensors/radar
 * A sectored surveillance radar as a `Sensor`. At each dwell every truth target is tested for coverage (azimuth
 * sector, instrumented range, 4/3-Earth radar horizon, elevation limits); a covered target is detected with the
 * Swerling-1 probability that its range-equation SNR gives, and a detection carries the noisy polar measurement, its
 * conversion to ECEF and the linearised covariance. Poisson-distributed false alarms, uniform over the resolution
 * cells of the searched volume, follow the target detections. The scan is a pure function of its inputs and the rng.
 */
import type { Terrain } from '../env/terrain.js';
import { type Aer, dcmEnuFromEcef, enuToAer, rotateEcefToEnu, rotateEnuToEcef } from '../geo/frames.js';
import { radarHorizonRange_m, STANDARD_K_FACTOR } from '../geo/horizon.js';
import { ecefToGeodetic, geodeticToEcef, WGS84_MEAN_RADIUS_m } from '../geo/wgs84.js';
import { Float64Slab } from '../math/float64Slab.js';
import type { Rng } from '../math/rng.js';
import type { Jammer, Radar, RadarType } from '../scenario/types.js';
import { targetRcs_m2 } from './aspectRcs.js';
import { fromDb, pdSwerling1, snrFromRangeEquation } from './detection.js';
import type { Detection, Sensor, SensorInputs, SensorTarget } from './index.js';
import { createJammingField, signalToInterference_dB } from './jamming.js';
import { type LineOfSightSite, radarLineOfSight, siteTerrainMasked } from './lineOfSight.js';
import { type PolarSigmas, polarCovarianceEnu, rotateCovarianceEnuToEcef } from './measurement.js';
import { lowAltitudeEffects, sumInterference_dB } from './propagation.js';
import { detectionProbability } from './swerling.js';

const TWO_PI = 2 * Math.PI;

/** Effective Earth radius k·R for standard refraction (k = 4/3, R = WGS84 mean radius), m. */
const EFFECTIVE_EARTH_RADIUS_m = STANDARD_K_FACTOR * WGS84_MEAN_RADIUS_m;

/** Why a target is outside a radar's coverage. */
export type CoverageMissReason = 'sector' | 'elevation' | 'range' | 'horizon' | 'terrain';

/** Coverage of one point by one radar: visible with its geometry and detection odds, or the first limit it fails. */
export type RadarCoverage =
  | {
      readonly visible: true;
      /** Geometric azimuth (clockwise from north), elevation and slant range from the antenna. */
      readonly aer: Aer;
      /** Mean SNR from the range equation times the low-altitude propagation factor F⁴, dB. */
      readonly snr_dB: number;
      /** Clutter-to-noise ratio after cancellation, dB (−∞ without a low-altitude model). */
      readonly clutterToNoise_dB: number;
      /** Single-dwell detection probability on S/(N + C) (`radarDetectionProbability`). */
      readonly pd: number;
    }
  | { readonly visible: false; readonly reason: CoverageMissReason };

/** Precomputed antenna frame of one radar: ECEF origin and ECEF → ENU rotation. */
interface AntennaFrame {
  readonly origin_ecef: Float64Array;
  readonly dcmEnuFromEcef: Float64Array;
  /** Ellipsoid height of the ground at the site, m (the smooth-Earth reference for the horizon). */
  readonly groundHeight_m: number;
  /**
   * Scratch vector of the per-target and per-detection geometry (used and dropped within one call): a dwell tests
   * every target, so a typed array per test would be most of what the scan allocates.
   */
  readonly scratch: Float64Array;
}

function antennaFrame(radar: Radar): AntennaFrame {
  const { lat_rad, lon_rad, h_m } = radar.position;
  return {
    origin_ecef: geodeticToEcef(lat_rad, lon_rad, h_m + radar.type.antennaHeight_m),
    dcmEnuFromEcef: dcmEnuFromEcef(lat_rad, lon_rad),
    groundHeight_m: h_m,
    scratch: new Float64Array(3),
  };
}

/** Angle wrapped to (−π, π], rad. */
function wrapToPi(angle_rad: number): number {
  let a = (angle_rad + Math.PI) % TWO_PI;
  if (a <= 0) a += TWO_PI;
  return a - Math.PI;
}

/** Angle wrapped to [0, 2π), rad. */
function wrapToTwoPi(angle_rad: number): number {
  const a = angle_rad % TWO_PI;
  return a < 0 ? a + TWO_PI : a;
}

/** True when the sector covers all azimuths. */
function isAllRound(type: RadarType): boolean {
  return type.sectorWidth_rad >= TWO_PI;
}

/** Whether azimuth (clockwise from north) lies inside the radar's sector, wrap-around handled. */
function inSector(radar: Radar, azimuthFromNorthCw_rad: number): boolean {
  if (isAllRound(radar.type)) return true;
  return (
    Math.abs(wrapToPi(azimuthFromNorthCw_rad - radar.sectorCenter_rad)) <= radar.type.sectorWidth_rad / 2
  );
}

/**
 * Elevation of the target above the antenna's horizon in the 4/3-Earth geometry (the pointing angle the radar sees
 * with standard refraction), rad: sin ε = ((Re + h₂)² − (Re + h₁)² − r²) / (2 r (Re + h₁)).
 */
function apparentElevation_rad(range_m: number, antennaHeight_m: number, targetHeight_m: number): number {
  const radarRadius_m = EFFECTIVE_EARTH_RADIUS_m + antennaHeight_m;
  // (Re + h₂)² − (Re + h₁)² factored to keep precision
  const radiusSquaredGap_m2 =
    (targetHeight_m - antennaHeight_m) * (2 * EFFECTIVE_EARTH_RADIUS_m + targetHeight_m + antennaHeight_m);
  const sine = (radiusSquaredGap_m2 - range_m * range_m) / (2 * range_m * radarRadius_m);
  return Math.asin(Math.min(1, Math.max(-1, sine)));
}

/**
 * Coverage of `pos_ecef` in the antenna frame. The RCS is `rcs_m2`, or with `target` its aspect-dependent RCS
 * toward the antenna (`targetRcs_m2`), evaluated only once the geometry tests pass: a dwell tests every target, most
 * of which are beyond range or the horizon during the boost phase (no random draw depends on it).
 */
function coverageInFrame(
  radar: Radar,
  frame: AntennaFrame,
  pos_ecef: Readonly<Float64Array>,
  rcs_m2: number,
  lineOfSight: LineOfSightSite | undefined,
  target?: SensorTarget,
): RadarCoverage {
  const type = radar.type;
  const relative_ecef = frame.scratch;
  relative_ecef[0] = pos_ecef[0] - frame.origin_ecef[0];
  relative_ecef[1] = pos_ecef[1] - frame.origin_ecef[1];
  relative_ecef[2] = pos_ecef[2] - frame.origin_ecef[2];
  const aer = enuToAer(rotateEcefToEnu(frame.dcmEnuFromEcef, relative_ecef, relative_ecef));
  if (!inSector(radar, aer.azimuth_rad)) return { visible: false, reason: 'sector' };
  if (aer.range_m > type.maxRange_m) return { visible: false, reason: 'range' };
  // heights above the smooth Earth through the site's ground
  const geodetic = ecefToGeodetic(pos_ecef);
  const targetHeight_m = geodetic.h_m - frame.groundHeight_m;
  const horizon_m = radarHorizonRange_m(type.antennaHeight_m, targetHeight_m);
  if (aer.range_m > horizon_m) return { visible: false, reason: 'horizon' };
  // terrain masking on the 4/3 Earth when the scenario has a DEM (sensors/lineOfSight)
  if (lineOfSight !== undefined && siteTerrainMasked(lineOfSight, geodetic)) {
    return { visible: false, reason: 'terrain' };
  }
  const elevation_rad = apparentElevation_rad(aer.range_m, type.antennaHeight_m, targetHeight_m);
  if (elevation_rad < type.minElevation_rad || elevation_rad > type.maxElevation_rad) {
    return { visible: false, reason: 'elevation' };
  }
  // multipath lobing on the echo and clutter in the range cell (0 dB and −∞ without a low-altitude model)
  const lowAltitude = lowAltitudeEffects(type, {
    antennaHeight_m: type.antennaHeight_m,
    targetHeight_m,
    range_m: aer.range_m,
    elevation_rad,
    earthRadius_m: EFFECTIVE_EARTH_RADIUS_m,
  });
  const rcs = target === undefined ? rcs_m2 : targetRcs_m2(target, frame.origin_ecef);
  const snr_dB = snrFromRangeEquation(type, aer.range_m, rcs) + lowAltitude.propagationGain_dB;
  const clutterToNoise_dB = lowAltitude.clutterToNoise_dB;
  const pd = radarDetectionProbability(type, signalToInterference_dB(snr_dB, clutterToNoise_dB));
  return { visible: true, aer, snr_dB, clutterToNoise_dB, pd };
}

/**
 * Single-dwell detection probability of a radar type at a signal-to-noise(-plus-interference) ratio, with the
 * type's Swerling case (default 1) and non-coherently integrated pulse count (default 1), after
 * `detectionProbability` (Richards §6.3; Mahafza ch. 2). The default (Swerling 1, one pulse) evaluates the same law
 * through its closed form Pd = Pfa^(1/(1+SNR)) (`pdSwerling1`), as the scan always has, so default runs are unchanged
 * draw for draw; the two agree to rounding (tested).
 * @param type radar type (pfa, swerling, pulses)
 * @param snr_dB SNR (or S/(N + I)) per pulse, dB
 * @returns Pd in [pfa, 1]
 */
export function radarDetectionProbability(type: RadarType, snr_dB: number): number {
  const swerling = type.swerling ?? 1;
  const pulses = type.pulses ?? 1;
  if (swerling === 1 && pulses === 1) return pdSwerling1(fromDb(snr_dB), type.pfa);
  if (Number.isNaN(snr_dB)) return type.pfa;
  return detectionProbability({ snr_dB, pfa: type.pfa, swerling, pulses });
}

/**
 * Whether a radar covers a point, and with what SNR and Pd; otherwise the first limit it fails, tested in the order
 * sector → range → horizon → elevation (so a low flyer beyond the horizon reports 'horizon', not 'elevation').
 *
 * - sector: |wrap(az − sectorCenter)| ≤ width/2 (all-round when width ≥ 2π);
 * - range: slant range ≤ `maxRange_m`;
 * - horizon: slant range ≤ √(2kR h₁) + √(2kR h₂), k = 4/3 (`radarHorizonRange_m`; Skolnik, *Introduction to Radar
 *   Systems*, §8.2), heights above a smooth Earth through the site's ground: h₁ = antenna height,
 *   h₂ = target ellipsoid height − site ellipsoid height (so geoid undulation and site altitude cancel);
 * - elevation: the 4/3-Earth (refracted) elevation within [`minElevation_rad`, `maxElevation_rad`];
 * - terrain (only with a DEM, tested after the horizon): the path-profile clearance of `sensors/lineOfSight`.
 *
 * SNR from `snrFromRangeEquation` plus the low-altitude propagation gain 40 log10 F and clutter C/N when the type
 * has `lowAltitude` (`sensors/propagation`); Pd from `radarDetectionProbability` on S/(N + C) at the type's Pfa.
 * @param radar placed radar (position geodetic, sector centre clockwise from north)
 * @param pos_ecef target position, ECEF, m
 * @param rcs_m2 target mean radar cross-section, m²
 * @param terrain the scenario's DEM (absent: smooth Earth)
 * @example
 * ```ts
 * import { geodeticToEcef, loadScenario, radarCoverageCheck } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const check = radarCoverageCheck(scenario.units[0].radar, geodeticToEcef(0.6, 0.75, 5_000), 0.1);
 * ```
 */
export function radarCoverageCheck(
  radar: Radar,
  pos_ecef: Readonly<Float64Array>,
  rcs_m2: number,
  terrain?: Terrain,
): RadarCoverage {
  const lineOfSight = terrain === undefined ? undefined : radarLineOfSight(radar, terrain);
  return coverageInFrame(radar, antennaFrame(radar), pos_ecef, rcs_m2, lineOfSight);
}

/** Throws a RangeError naming the field when a radar type cannot be simulated. */
function assertRadarType(radar: Radar): void {
  const t = radar.type;
  const fail = (field: string, rule: string): never => {
    throw new RangeError(`radar '${radar.id}' (type '${t.id}'): ${field} ${rule}`);
  };
  if (!(t.pfa > 0 && t.pfa < 1)) fail('pfa', `must lie in (0, 1), got ${t.pfa}`);
  if (!(t.referenceRange_m > 0)) fail('referenceRange_m', `must be > 0, got ${t.referenceRange_m}`);
  if (!(t.referenceRcs_m2 > 0)) fail('referenceRcs_m2', `must be > 0, got ${t.referenceRcs_m2}`);
  if (!Number.isFinite(t.referenceSnr_dB))
    fail('referenceSnr_dB', `must be finite, got ${t.referenceSnr_dB}`);
  if (!(t.maxRange_m > 0)) fail('maxRange_m', `must be > 0, got ${t.maxRange_m}`);
  if (!(t.scanInterval_s > 0)) fail('scanInterval_s', `must be > 0, got ${t.scanInterval_s}`);
  if (!(t.falseAlarmsPerScan >= 0)) fail('falseAlarmsPerScan', `must be ≥ 0, got ${t.falseAlarmsPerScan}`);
  if (!(t.rangeSigma_m >= 0 && t.azimuthSigma_rad >= 0 && t.elevationSigma_rad >= 0)) {
    fail('rangeSigma_m/azimuthSigma_rad/elevationSigma_rad', 'must all be ≥ 0');
  }
  if (!(t.sectorWidth_rad > 0)) fail('sectorWidth_rad', `must be > 0, got ${t.sectorWidth_rad}`);
  if (!(t.minElevation_rad < t.maxElevation_rad)) {
    fail(
      'minElevation_rad',
      `must be below maxElevation_rad (${t.minElevation_rad} ≥ ${t.maxElevation_rad})`,
    );
  }
  if (!(t.antennaHeight_m >= 0)) fail('antennaHeight_m', `must be ≥ 0, got ${t.antennaHeight_m}`);
  if (t.swerling !== undefined && ![0, 1, 2, 3, 4].includes(t.swerling)) {
    fail('swerling', `must be 0, 1, 2, 3 or 4, got ${t.swerling}`);
  }
  if (t.pulses !== undefined && !(Number.isInteger(t.pulses) && t.pulses >= 1)) {
    fail('pulses', `must be an integer ≥ 1, got ${t.pulses}`);
  }
  const low = t.lowAltitude;
  if (low !== undefined) {
    if (!(Math.abs(low.reflectionCoefficient) <= 1)) {
      fail('lowAltitude.reflectionCoefficient', `must lie in [−1, 1], got ${low.reflectionCoefficient}`);
    }
    if (!(low.surfaceRoughness_m >= 0)) {
      fail('lowAltitude.surfaceRoughness_m', `must be ≥ 0, got ${low.surfaceRoughness_m}`);
    }
    if (!Number.isFinite(low.clutterGamma_dB)) {
      fail('lowAltitude.clutterGamma_dB', `must be finite, got ${low.clutterGamma_dB}`);
    }
    if (!(low.clutterImprovement_dB >= 0)) {
      fail('lowAltitude.clutterImprovement_dB', `must be ≥ 0, got ${low.clutterImprovement_dB}`);
    }
    if (!(low.beamwidth_rad > 0)) fail('lowAltitude.beamwidth_rad', `must be > 0, got ${low.beamwidth_rad}`);
    if (!(low.pulseWidth_s > 0)) fail('lowAltitude.pulseWidth_s', `must be > 0, got ${low.pulseWidth_s}`);
  }
}

/**
 * Where the detections of one radar get their covariances: a 3×3 (72 bytes) is past V8's 64-byte limit for typed
 * arrays on the JS heap, so each would get its own off-heap buffer; views on shared slabs cost a tenth of that
 * (`math/float64Slab`). `enu` is the scratch of the ENU covariance before its rotation.
 */
interface CovarianceStore {
  readonly slab: Float64Slab;
  readonly enu: Float64Array;
}

/** Builds one detection from a measured polar point: ECEF position and converted-measurement covariance. */
function makeDetection(
  radarId: string,
  frame: AntennaFrame,
  sigmas: PolarSigmas,
  covariances: CovarianceStore,
  t_s: number,
  measured: Aer,
  truthId: string | null,
  snr_dB: number,
): Detection {
  const cosEl = Math.cos(measured.elevation_rad);
  const pos_enu = frame.scratch;
  pos_enu[0] = measured.range_m * cosEl * Math.sin(measured.azimuth_rad);
  pos_enu[1] = measured.range_m * cosEl * Math.cos(measured.azimuth_rad);
  pos_enu[2] = measured.range_m * Math.sin(measured.elevation_rad);
  const pos_ecef = rotateEnuToEcef(frame.dcmEnuFromEcef, pos_enu, new Float64Array(3));
  pos_ecef[0] += frame.origin_ecef[0];
  pos_ecef[1] += frame.origin_ecef[1];
  pos_ecef[2] += frame.origin_ecef[2];
  const cov_ecef = rotateCovarianceEnuToEcef(
    frame.dcmEnuFromEcef,
    polarCovarianceEnu(measured, sigmas, covariances.enu),
    covariances.slab.take(),
  );
  return {
    sensorId: radarId,
    t_s,
    range_m: measured.range_m,
    azimuth_rad: measured.azimuth_rad,
    elevation_rad: measured.elevation_rad,
    pos_ecef,
    cov_ecef,
    truthId,
    snr_dB,
  };
}

/**
 * A radar `Sensor`. Each `scan` is one dwell over the whole sector at `inputs.t_s`:
 *
 * 1. targets, in input order: coverage per `radarCoverageCheck`; a covered target is detected with its Swerling-1 Pd
 *    (one Bernoulli draw), then measured as (r + σr·n, az + σa·n, el + σe·n) with independent standard normals n;
 * 2. false alarms: a Poisson(`falseAlarmsPerScan`) count of points uniform over the resolution cells of the searched
 *    volume (range in [0, maxRange], azimuth in the sector, elevation within the limits), `truthId` null and
 *    `snr_dB` NaN.
 *
 * Detections carry geometric (refraction-corrected) polar values from the antenna, the ECEF position converted from
 * them and the linearised covariance J·diag(σr², σa², σe²)·Jᵀ rotated to ECEF (`polarCovarianceEnu`). `snr_dB` is the
 * mean (range-equation) SNR. The result is a pure function of (radar, inputs, rng state).
 *
 * With `jammers`, a covered target's SNR is replaced by the signal-to-interference ratio S/(J + N) =
 * SNR − 10 log10(1 + JNR) before the Pd draw (`sensors/jamming`): stand-off jammers active at `t_s` count against
 * every target, a self-screening jammer only against the rounds of its raid. The detection's `snr_dB` is then that
 * ratio. Without jammers the scan is unchanged, draw for draw.
 * @param radar placed radar
 * @param jammers the scenario's jammers (default none)
 * @param terrain the scenario's DEM: targets it masks are not covered (absent: smooth Earth)
 * @throws RangeError when the radar type has an out-of-domain parameter (Pfa ∉ (0,1), non-positive ranges, …)
 * @example
 * ```ts
 * import { createRadarSensor, loadScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const sensor = createRadarSensor(scenario.units[0].radar, scenario.jammers ?? [], scenario.terrain);
 * ```
 */
export function createRadarSensor(radar: Radar, jammers: readonly Jammer[] = [], terrain?: Terrain): Sensor {
  assertRadarType(radar);
  const lineOfSight = terrain === undefined ? undefined : radarLineOfSight(radar, terrain);
  const jamming = createJammingField(radar, jammers);
  const type = radar.type;
  const frame = antennaFrame(radar);
  const sigmas: PolarSigmas = {
    range_m: type.rangeSigma_m,
    azimuth_rad: type.azimuthSigma_rad,
    elevation_rad: type.elevationSigma_rad,
  };
  const halfWidth_rad = Math.min(type.sectorWidth_rad, TWO_PI) / 2;
  const covariances: CovarianceStore = { slab: new Float64Slab(9), enu: new Float64Array(9) };
  return {
    id: radar.id,
    scanInterval_s: type.scanInterval_s,
    scan(inputs: SensorInputs, rng: Rng): Detection[] {
      const detections: Detection[] = [];
      // targets in input order: one Bernoulli draw when covered, three normals when detected
      for (const target of inputs.targets) {
        // aspect-dependent RCS toward this antenna (the single rcs_m2 without a table), once the target is in view
        const coverage = coverageInFrame(radar, frame, target.pos_ecef, target.rcs_m2, lineOfSight, target);
        if (!coverage.visible) continue;
        let snr_dB = signalToInterference_dB(coverage.snr_dB, coverage.clutterToNoise_dB);
        let pd = coverage.pd;
        if (jamming !== null) {
          // the dwell's beam points at the target: the jammer's gain is the pattern off that direction
          const jnr_dB = jamming(
            inputs.t_s,
            target.id,
            coverage.aer.range_m,
            coverage.aer.azimuth_rad,
            coverage.aer.elevation_rad,
          );
          if (jnr_dB !== Number.NEGATIVE_INFINITY) {
            // S/(N + J + C): jamming and clutter both add to the noise
            const interference_dB = sumInterference_dB(jnr_dB, coverage.clutterToNoise_dB);
            snr_dB = signalToInterference_dB(coverage.snr_dB, interference_dB);
            pd = radarDetectionProbability(type, snr_dB);
          }
        }
        if (!rng.chance(pd)) continue;
        const measured: Aer = {
          range_m: Math.max(0, coverage.aer.range_m + sigmas.range_m * rng.normal()),
          azimuth_rad: wrapToTwoPi(coverage.aer.azimuth_rad + sigmas.azimuth_rad * rng.normal()),
          elevation_rad: coverage.aer.elevation_rad + sigmas.elevation_rad * rng.normal(),
        };
        detections.push(
          makeDetection(radar.id, frame, sigmas, covariances, inputs.t_s, measured, target.id, snr_dB),
        );
      }
      // false alarms after the targets, uniform over range/azimuth/elevation cells
      // a budgeted radar searches only its slice (cyclic within the sector): fewer false alarms, all inside it
      const slice = inputs.searchSlice;
      const falseAlarmCount = rng.poisson(type.falseAlarmsPerScan * (slice?.fraction ?? 1));
      for (let i = 0; i < falseAlarmCount; i++) {
        const range_m = rng.uniformRange(0, type.maxRange_m);
        const offset_rad =
          slice === undefined
            ? rng.uniformRange(-halfWidth_rad, halfWidth_rad)
            : 2 * halfWidth_rad * ((slice.start + slice.fraction * rng.uniform()) % 1) - halfWidth_rad;
        const measured: Aer = {
          range_m,
          azimuth_rad: wrapToTwoPi(radar.sectorCenter_rad + offset_rad),
          elevation_rad: rng.uniformRange(type.minElevation_rad, type.maxElevation_rad),
        };
        detections.push(
          makeDetection(radar.id, frame, sigmas, covariances, inputs.t_s, measured, null, Number.NaN),
        );
      }
      return detections;
    },
  };
}
