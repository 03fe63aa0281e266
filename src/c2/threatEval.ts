/**
 * @module c2/threatEval
 * Threat evaluation: does a track's predicted impact fall on a defended asset (radius + margin)? Ballistic tracks
 * are judged by their impact-point prediction (the one asset-hit rule, `geo/groundRange.isOnDisc`), slow level
 * flyers (drones) by the closest approach of their straight ground track to each asset. Threats are ranked by asset
 * value and time to impact (see `engagementValue`).
 *
 * Hysteresis (docs/impact-prediction.md §4): a young track's predicted impact wanders by kilometres from one cycle to the next, so
 * a single threshold makes it flip between 'threat' and 'ignore'. The decision is a Schmitt trigger with two
 * thresholds: a track becomes a threat when its predicted miss is within radius + margin, and stops being one only
 * when the miss exceeds radius + margin + band. Either flip therefore needs the prediction to cross the whole band.
 * The band is {@link THREAT_HYSTERESIS_SIGMAS} standard deviations of the predicted impact, at least
 * {@link THREAT_HYSTERESIS_MIN_m}: σ ≈ √(σₚ² + (t_go σᵥ)²) from the track's covariance (per-axis RMS position and
 * velocity 1σ, the velocity error carried over the time to go), so it narrows as the track matures. The declaration
 * threshold itself is unchanged, so hysteresis never delays a first declaration.
 */
import { dcmEnuFromEcef, rotateEcefToEnu } from '../geo/frames.js';
import { isOnDisc } from '../geo/groundRange.js';
import { geodeticToEcef } from '../geo/wgs84.js';
import type { Asset, Geodetic } from '../scenario/types.js';
import type { Trajectory } from '../threats/index.js';
import type { ImpactPredictor } from './impactPrediction.js';

/** The verdict on one track at one C2 cycle. */
export type Assessment =
  | {
      readonly decision: 'threat';
      readonly asset: Asset;
      readonly predictedImpact: Geodetic;
      readonly impactTime_s: number;
      readonly timeToImpact_s: number;
      /** Predicted ballistic path to the impact, or null for a level flyer (extrapolate its velocity). */
      readonly path: () => Trajectory | null;
    }
  | {
      readonly decision: 'ignore';
      readonly predictedImpact: Geodetic | null;
      readonly impactTime_s: number;
      readonly reason: 'impact-off-assets' | 'no-impact-predicted' | 'moving-away';
    };

/** Precomputed asset geometry (ECEF centre and ENU rotation) so each cycle only does vector arithmetic. */
export interface AssetFrame {
  readonly asset: Asset;
  readonly center_ecef: Float64Array;
  readonly dcmEnuFromEcef: Float64Array;
}

/** Builds the per-asset frames a C2 node needs once, at start. */
export function assetFrames(assets: readonly Asset[]): AssetFrame[] {
  return assets.map((asset) => ({
    asset,
    center_ecef: geodeticToEcef(asset.position.lat_rad, asset.position.lon_rad, asset.position.h_m),
    dcmEnuFromEcef: dcmEnuFromEcef(asset.position.lat_rad, asset.position.lon_rad),
  }));
}

/** Least hysteresis band beyond the declaration threshold, m [N] (a third of the default 3 km asset radius). */
export const THREAT_HYSTERESIS_MIN_m = 1000;
/** Width of the hysteresis band in standard deviations of the predicted impact [N] (module note). */
export const THREAT_HYSTERESIS_SIGMAS = 2;

/** What threat evaluation may know beyond the track state. */
export interface AssessOptions {
  /** β the ballistic prediction flies on (the track's learned value), kg/m²; absent: the class-assumed one. */
  readonly ballisticCoefficient_kgpm2?: number;
  /** The track's previous decision (hysteresis); null or absent: none yet. */
  readonly previous?: 'threat' | 'ignore' | null;
  /** The track's covariance (row-major 6×6, ECEF; sizes the hysteresis band); absent: the least band. */
  readonly covariance?: Readonly<Float64Array>;
}

/**
 * 1σ of a track's predicted impact point, m: √(σₚ² + (t_go σᵥ)²) from the covariance's per-axis RMS position and
 * velocity (row-major 6×6, ECEF), the position error grown by the velocity error over the time to go; NaN when the
 * covariance is not finite.
 */
function predictedImpactSigma_m(covariance: Readonly<Float64Array>, timeToGo_s: number): number {
  const varPos_m2 = (covariance[0] + covariance[7] + covariance[14]) / 3;
  const varVel_m2ps2 = (covariance[21] + covariance[28] + covariance[35]) / 3;
  const tgo_s = Math.max(0, timeToGo_s);
  return Math.sqrt(Math.max(0, varPos_m2 + tgo_s * tgo_s * varVel_m2ps2));
}

/**
 * Hysteresis band for a track whose prediction looks `timeToGo_s` ahead (module note), m: 2σ of the predicted
 * impact ({@link predictedImpactSigma_m}), at least {@link THREAT_HYSTERESIS_MIN_m}.
 */
export function hysteresisBand_m(covariance: Readonly<Float64Array> | undefined, timeToGo_s: number): number {
  if (covariance === undefined) return THREAT_HYSTERESIS_MIN_m;
  const sigma_m = predictedImpactSigma_m(covariance, timeToGo_s);
  return Number.isFinite(sigma_m)
    ? Math.max(THREAT_HYSTERESIS_MIN_m, THREAT_HYSTERESIS_SIGMAS * sigma_m)
    : THREAT_HYSTERESIS_MIN_m;
}

/**
 * 1σ of a track's predicted time to impact, s: the predicted impact point's σ ({@link predictedImpactSigma_m}) over
 * the track's speed — the time the threat takes to cover that distance along its path (first-order; no drag or
 * gravity change within it). Infinity without a covariance or at zero speed (nothing can be promised).
 */
export function impactTimeSigma_s(
  covariance: Readonly<Float64Array> | undefined,
  timeToGo_s: number,
  speed_mps: number,
): number {
  if (covariance === undefined || !(speed_mps > 0)) return Number.POSITIVE_INFINITY;
  const sigma_m = predictedImpactSigma_m(covariance, timeToGo_s);
  return Number.isFinite(sigma_m) ? sigma_m / speed_mps : Number.POSITIVE_INFINITY;
}

function assessBallistic(
  impact: Geodetic,
  impactTime_s: number,
  path: () => Trajectory | null,
  t_s: number,
  frames: readonly AssetFrame[],
  margin_m: number,
): Assessment {
  let best: AssetFrame | null = null;
  for (const f of frames) {
    if (isOnDisc(f.asset, impact, margin_m) && (best === null || f.asset.value > best.asset.value)) best = f;
  }
  if (best === null)
    return { decision: 'ignore', predictedImpact: impact, impactTime_s, reason: 'impact-off-assets' };
  return {
    decision: 'threat',
    asset: best.asset,
    predictedImpact: impact,
    impactTime_s,
    timeToImpact_s: Math.max(0, impactTime_s - t_s),
    path,
  };
}

/**
 * @param held whether the track was a threat (the margin then widens by {@link hysteresisBand_m} at the
 *   closest-approach time)
 */
function assessLevel(
  state: Readonly<Float64Array>,
  t_s: number,
  frames: readonly AssetFrame[],
  margin_m: number,
  held: boolean,
  covariance: Readonly<Float64Array> | undefined,
): Assessment {
  let best: { frame: AssetFrame; tti: number } | null = null;
  const d = new Float64Array(3);
  const enu = new Float64Array(3);
  const venu = new Float64Array(3);
  for (const f of frames) {
    d[0] = state[0] - f.center_ecef[0];
    d[1] = state[1] - f.center_ecef[1];
    d[2] = state[2] - f.center_ecef[2];
    rotateEcefToEnu(f.dcmEnuFromEcef, d, enu);
    d[0] = state[3];
    d[1] = state[4];
    d[2] = state[5];
    rotateEcefToEnu(f.dcmEnuFromEcef, d, venu);
    const speed2 = venu[0] * venu[0] + venu[1] * venu[1];
    if (speed2 < 1) continue;
    // time of closest approach of the horizontal straight line to the asset centre
    const tca = -(enu[0] * venu[0] + enu[1] * venu[1]) / speed2;
    if (tca <= 0) continue;
    const miss_m = Math.hypot(enu[0] + venu[0] * tca, enu[1] + venu[1] * tca);
    const band_m = held ? hysteresisBand_m(covariance, tca) : 0;
    if (miss_m > f.asset.radius_m + margin_m + band_m) continue;
    if (best === null || f.asset.value > best.frame.asset.value) best = { frame: f, tti: tca };
  }
  if (best === null)
    return { decision: 'ignore', predictedImpact: null, impactTime_s: Number.NaN, reason: 'moving-away' };
  return {
    decision: 'threat',
    asset: best.frame.asset,
    predictedImpact: best.frame.asset.position,
    impactTime_s: t_s + best.tti,
    timeToImpact_s: best.tti,
    path: () => null,
  };
}

/**
 * Assesses one track state `[px,py,pz,vx,vy,vz]` (ECEF) at `t_s` against the defended assets. A track that was a
 * threat stays one until its predicted miss leaves the hysteresis band beyond radius + margin (module note).
 */
export function assessTrack(
  state: Readonly<Float64Array>,
  t_s: number,
  predictor: ImpactPredictor,
  frames: readonly AssetFrame[],
  margin_m: number,
  kinematics: 'auto' | 'level' = 'auto',
  options: AssessOptions = {},
): Assessment {
  const prediction = predictor.predict(state, t_s, kinematics, options.ballisticCoefficient_kgpm2);
  if (!prediction.ok)
    return {
      decision: 'ignore',
      predictedImpact: null,
      impactTime_s: Number.NaN,
      reason: 'no-impact-predicted',
    };
  const held = options.previous === 'threat';
  if (prediction.mode === 'level') return assessLevel(state, t_s, frames, margin_m, held, options.covariance);
  const band_m = held ? hysteresisBand_m(options.covariance, prediction.impactTime_s - t_s) : 0;
  return assessBallistic(
    prediction.impact,
    prediction.impactTime_s,
    prediction.path,
    t_s,
    frames,
    margin_m + band_m,
  );
}

/**
 * Expected value saved by an engagement: asset value × P(kill with `shots` independent rounds) × urgency, where
 * urgency = 1 + 60 s / (60 s + time to impact) favours the threat that lands first when values tie (docs/domain.md §3.1:
 * P_k(n) = 1 − (1 − Pk)^n).
 */
export function engagementValue(
  assetValue: number,
  pkSingle: number,
  shots: number,
  timeToImpact_s: number,
): number {
  const pkSalvo = 1 - (1 - pkSingle) ** shots;
  return assetValue * pkSalvo * (1 + 60 / (60 + Math.max(0, timeToImpact_s)));
}
