/**
 * @module sensors/jamming
 * Noise (barrage) jamming of a surveillance radar: jammer-to-noise ratio at the radar receiver for a stand-off jammer
 * (SOJ, a fixed emitter seen through the radar's mainlobe or sidelobes) and for a self-screening jammer (SSJ, carried
 * by the target, always in the mainlobe), the signal-to-interference ratio S/(J + N) that replaces the SNR in the
 * detection law, and the burn-through ranges. Equations after Skolnik, *Introduction to Radar Systems*, 3rd ed.,
 * §14 (ECM), and Schleher, *Electronic Warfare in the Information Age*, ch. 3.
 *
 * The radar side stays in the normalised form of `snrFromRangeEquation`: the target echo is SNR·N with N = k T B, so
 * only the receive chain is needed here: antenna gain G, sidelobe level, receiver bandwidth B, system noise
 * temperature T and wavelength λ (optional `RadarType` fields with the defaults of `radarReceiver`). The jammer is an
 * effective radiated power ERP = Pj·Gj (W) spread uniformly over a noise bandwidth Bj (Hz). One-way jammer power in
 * the receiver (Skolnik eq. 14.1, polarisation and atmospheric losses neglected):
 *
 *   J = ERP · G(θ) · λ² / ((4π)² Rj²) · min(1, B / Bj),   JNR = J / (k T B)
 *
 * so JNR falls 20 log10 per decade of jammer range (6 dB per doubling), against 40 log10 for the echo.
 *
 * G(θ) is the receive pattern toward the jammer for the dwell's pointing direction: the beam points at the target
 * it is looking at, θ is the angle between that direction and the jammer's, and the pattern is the Gaussian pencil
 * beam of `sensors/propagation` `beamVoltageGain` (power −3 dB at θ₃/2, one-way beamwidth θ₃ = `beamwidth_rad`)
 * floored at the average sidelobe level (Barton, *Radar Equations for Modern Radar*, §5.1). So a stand-off jammer
 * is a main-lobe jammer only against targets near its bearing *and* elevation; against every other target it enters
 * through the sidelobes, wherever it sits inside the scanned sector.
 */
import { dcmEnuFromEcef, enuToAer, rotateEcefToEnu } from '../geo/frames.js';
import { radarHorizonRange_m } from '../geo/horizon.js';
import { geodeticToEcef } from '../geo/wgs84.js';
import type { Jammer, Radar, RadarType, StandOffJammer } from '../scenario/types.js';
import { fromDb, snrFromRangeEquation, toDb } from './detection.js';
import { beamVoltageGain } from './propagation.js';
import { BOLTZMANN_J_PER_K } from './swerling.js';

/** Default antenna gain of a radar type without `antennaGain_dB`, dB (a mid-size phased array). */
export const DEFAULT_ANTENNA_GAIN_dB = 38;
/** Default receiver (matched-filter) bandwidth, Hz (1 µs pulse). */
export const DEFAULT_BANDWIDTH_Hz = 1e6;
/** Default system noise temperature, K. */
export const DEFAULT_NOISE_TEMPERATURE_K = 1000;
/** Default average sidelobe level relative to the mainlobe gain, dB (a low-sidelobe array, −30 dB). */
export const DEFAULT_SIDELOBE_LEVEL_dB = -30;
/** Default wavelength, m (S band, 3 GHz). */
export const DEFAULT_WAVELENGTH_m = 0.1;
/** Default one-way 3 dB beamwidth, rad (3°: a pencil beam of a mid-size array, ≈ 70 λ/D with D ≈ 2.3 m at 0.1 m). */
export const DEFAULT_BEAMWIDTH_rad = (3 * Math.PI) / 180;

/** The receive chain of a radar as a jammer sees it. */
export interface RadarReceiver {
  /** Mainlobe antenna gain, dB. */
  readonly gain_dB: number;
  /** Average sidelobe level relative to the mainlobe, dB (< 0). */
  readonly sidelobeLevel_dB: number;
  /** Receiver noise bandwidth, Hz. */
  readonly bandwidth_Hz: number;
  /** System noise temperature, K. */
  readonly noiseTemperature_K: number;
  /** Wavelength, m. */
  readonly wavelength_m: number;
  /** One-way 3 dB beamwidth, rad. */
  readonly beamwidth_rad: number;
}

/** A noise jammer's emission: effective radiated power toward the radar and noise bandwidth. */
export interface JammerEmission {
  /** Effective radiated power Pj·Gj toward the radar, W. */
  readonly erp_W: number;
  /** Noise bandwidth, Hz. */
  readonly bandwidth_Hz: number;
}

/** The receive chain of a radar type, defaults filled for the optional fields. */
export function radarReceiver(type: RadarType): RadarReceiver {
  return {
    gain_dB: type.antennaGain_dB ?? DEFAULT_ANTENNA_GAIN_dB,
    sidelobeLevel_dB: type.sidelobeLevel_dB ?? DEFAULT_SIDELOBE_LEVEL_dB,
    bandwidth_Hz: type.bandwidth_Hz ?? DEFAULT_BANDWIDTH_Hz,
    noiseTemperature_K: type.noiseTemperature_K ?? DEFAULT_NOISE_TEMPERATURE_K,
    wavelength_m: type.wavelength_m ?? DEFAULT_WAVELENGTH_m,
    beamwidth_rad: type.beamwidth_rad ?? type.lowAltitude?.beamwidth_rad ?? DEFAULT_BEAMWIDTH_rad,
  };
}

/**
 * Receive gain toward a direction `offBoresight_rad` from the beam's pointing direction, relative to the main-lobe
 * peak, dB (≤ 0): the Gaussian pencil beam, floored at the sidelobe level (module note).
 */
export function relativeAntennaGain_dB(rx: RadarReceiver, offBoresight_rad: number): number {
  const voltage = beamVoltageGain(offBoresight_rad, rx.beamwidth_rad, rx.sidelobeLevel_dB);
  return 20 * Math.log10(voltage);
}

/**
 * Jammer-to-noise ratio in the radar receiver, dB, one-way propagation:
 *
 *   JNR = ERP · G_rx · λ² · min(1, B/Bj) / ((4π)² Rj² k T B)
 *
 * @param rx radar receive chain
 * @param jammer jammer emission
 * @param range_m jammer-to-radar range, m (> 0)
 * @param mainlobe true when the jammer is in the mainlobe (gain G), false for the sidelobes (G + sidelobe level)
 */
export function jammerToNoise_dB(
  rx: RadarReceiver,
  jammer: JammerEmission,
  range_m: number,
  mainlobe: boolean,
): number {
  return jammerToNoiseAtGain_dB(rx, jammer, range_m, mainlobe ? 0 : rx.sidelobeLevel_dB);
}

/**
 * Jammer-to-noise ratio, dB, with the receive gain toward the jammer `relativeGain_dB` below the main-lobe peak
 * (0: on boresight; `relativeAntennaGain_dB` for a direction off it).
 */
export function jammerToNoiseAtGain_dB(
  rx: RadarReceiver,
  jammer: JammerEmission,
  range_m: number,
  relativeGain_dB: number,
): number {
  const gain_dB = rx.gain_dB + relativeGain_dB;
  const bandFraction = Math.min(1, rx.bandwidth_Hz / jammer.bandwidth_Hz);
  const fourPiSq = (4 * Math.PI) ** 2;
  const jammerPower_W =
    (jammer.erp_W * fromDb(gain_dB) * rx.wavelength_m ** 2 * bandFraction) / (fourPiSq * range_m * range_m);
  const noisePower_W = BOLTZMANN_J_PER_K * rx.noiseTemperature_K * rx.bandwidth_Hz;
  return toDb(jammerPower_W / noisePower_W);
}

/**
 * Signal-to-interference ratio with noise jamming, dB: S/(J + N) = SNR − 10 log10(1 + JNR) (jamming noise adds to
 * thermal noise; Skolnik §14.3). With JNR = −∞ (no jammer) it is the SNR unchanged.
 */
export function signalToInterference_dB(snr_dB: number, jnr_dB: number): number {
  if (jnr_dB === Number.NEGATIVE_INFINITY) return snr_dB;
  return snr_dB - toDb(1 + fromDb(jnr_dB));
}

/**
 * Jammer-to-signal ratio of a self-screening jammer on a target of RCS σ at range R, dB:
 *
 *   J/S = JNR(R) / SNR(R) ∝ R⁻² / R⁻⁴ = R²
 *
 * (Skolnik eq. 14.3: J/S = ERP·4π R² / (Pt Gt σ) · B/Bj), so it rises 20 log10 per decade of range (6 dB per doubling).
 */
export function selfScreeningJammerToSignal_dB(
  type: RadarType,
  jammer: JammerEmission,
  range_m: number,
  rcs_m2: number,
): number {
  return (
    jammerToNoise_dB(radarReceiver(type), jammer, range_m, true) - snrFromRangeEquation(type, range_m, rcs_m2)
  );
}

/**
 * Burn-through range of a self-screening jammer, m: the range at which the signal-to-jamming ratio S/J reaches
 * `required_dB` (thermal noise neglected, the classical definition). With SNR = a/R⁴ (a = SNR_ref σ/σ_ref R_ref⁴) and
 * JNR = c/R² (c = ERP G λ² min(1, B/Bj) / ((4π)² k T B)), S/J = a / (c R²), so
 *
 *   R_bt = √(a / (c · 10^(required/10)))  ∝ √σ
 */
export function selfScreeningBurnThroughRange_m(
  type: RadarType,
  jammer: JammerEmission,
  rcs_m2: number,
  required_dB: number,
): number {
  const a = fromDb(snrFromRangeEquation(type, 1, rcs_m2)); // SNR at 1 m: a / 1⁴
  const c = fromDb(jammerToNoise_dB(radarReceiver(type), jammer, 1, true)); // JNR at 1 m: c / 1²
  return Math.sqrt(a / (c * fromDb(required_dB)));
}

/**
 * Range at which a self-screened target reaches S/(J + N) = `required_dB` counting thermal noise too, m: the positive
 * root of R⁴ + c R² − a/q = 0 (q = required ratio), R² = (−c + √(c² + 4a/q)) / 2. Tends to the unjammed detection
 * range as c → 0 and to `selfScreeningBurnThroughRange_m` as the jamming dominates.
 */
export function selfScreeningDetectionRange_m(
  type: RadarType,
  jammer: JammerEmission,
  rcs_m2: number,
  required_dB: number,
): number {
  const a = fromDb(snrFromRangeEquation(type, 1, rcs_m2));
  const c = fromDb(jammerToNoise_dB(radarReceiver(type), jammer, 1, true));
  const q = fromDb(required_dB);
  // numerically stable form of (−c + √(c² + 4a/q)) / 2
  const rangeSq = (2 * a) / q / (c + Math.sqrt(c * c + (4 * a) / q));
  return Math.sqrt(rangeSq);
}

/**
 * Range at which a target reaches S/(J + N) = `required_dB` under a constant stand-off JNR, m: SNR(R) falls 40 log10
 * so R = R₀ · (1 + JNR)^(−1/4) with R₀ the unjammed range (`radarMaxRange`-style inverse of the normalised equation).
 * With `jnr_dB` = −∞ it is the unjammed range.
 */
export function standOffDetectionRange_m(
  type: RadarType,
  jnr_dB: number,
  rcs_m2: number,
  required_dB: number,
): number {
  const interference_dB = jnr_dB === Number.NEGATIVE_INFINITY ? 0 : toDb(1 + fromDb(jnr_dB));
  // SNR(R) = SNR(1 m) − 40 log10 R
  const snrAt1m_dB = snrFromRangeEquation(type, 1, rcs_m2);
  return 10 ** ((snrAt1m_dB - required_dB - interference_dB) / 40);
}

/** Geometry of a stand-off jammer seen from a radar antenna. */
export interface StandOffGeometry {
  /** Slant range from the antenna, m. */
  readonly range_m: number;
  /** Azimuth clockwise from north, rad. */
  readonly azimuth_rad: number;
  /** Elevation above the antenna's horizontal plane, rad. */
  readonly elevation_rad: number;
  /** True when the jammer is within the 4/3-Earth radar horizon (beyond it, it does not jam). */
  readonly visible: boolean;
}

/**
 * Where a stand-off jammer sits relative to a radar antenna (range, azimuth, elevation in the antenna's ENU frame,
 * the frame of the radar's own target measurements). Whether it is in the main lobe depends on where each dwell
 * points (`createJammingField`), not on the sector.
 */
export function standOffGeometry(radar: Radar, position: StandOffJammer): StandOffGeometry {
  const { lat_rad, lon_rad, h_m } = radar.position;
  const origin = geodeticToEcef(lat_rad, lon_rad, h_m + radar.type.antennaHeight_m);
  const jammer = geodeticToEcef(position.position.lat_rad, position.position.lon_rad, position.position.h_m);
  const relative = new Float64Array([jammer[0] - origin[0], jammer[1] - origin[1], jammer[2] - origin[2]]);
  const aer = enuToAer(rotateEcefToEnu(dcmEnuFromEcef(lat_rad, lon_rad), relative, relative));
  const horizon_m = radarHorizonRange_m(radar.type.antennaHeight_m, Math.max(0, position.position.h_m - h_m));
  return {
    range_m: aer.range_m,
    azimuth_rad: aer.azimuth_rad,
    elevation_rad: aer.elevation_rad,
    visible: aer.range_m <= horizon_m,
  };
}

/**
 * Angle between two directions given by azimuth (clockwise from north) and elevation, rad, in [0, π]: the
 * haversine form of the great-circle angle on the unit sphere (well-conditioned for small angles).
 */
export function angleBetweenDirections_rad(
  azimuthA_rad: number,
  elevationA_rad: number,
  azimuthB_rad: number,
  elevationB_rad: number,
): number {
  const sinHalfDEl = Math.sin((elevationB_rad - elevationA_rad) / 2);
  const sinHalfDAz = Math.sin((azimuthB_rad - azimuthA_rad) / 2);
  const h =
    sinHalfDEl * sinHalfDEl + Math.cos(elevationA_rad) * Math.cos(elevationB_rad) * sinHalfDAz * sinHalfDAz;
  return 2 * Math.asin(Math.sqrt(Math.min(1, Math.max(0, h))));
}

/**
 * JNR, dB, that the active jammers put on one target of one radar at one dwell; −∞ when none. The dwell's beam
 * points at the target: `targetAzimuth_rad` (clockwise from north) and `targetElevation_rad`, antenna frame.
 */
export type JammingField = (
  t_s: number,
  targetId: string,
  targetRange_m: number,
  targetAzimuth_rad: number,
  targetElevation_rad: number,
) => number;

/**
 * The jamming a radar sees from the scenario's jammers: stand-off jammers (within their `from_s`..`until_s` window
 * and inside the radar horizon) raise the interference on every target through the antenna pattern — the main lobe
 * when the jammer is near the target's bearing and elevation, the sidelobes otherwise (module note); a
 * self-screening jammer only on the rounds of the raid that carries it, at their own range, through the main lobe.
 * JNRs of several jammers add as powers.
 * @returns the field, or null when there are no jammers (the radar then skips the computation entirely)
 */
export function createJammingField(radar: Radar, jammers: readonly Jammer[]): JammingField | null {
  if (jammers.length === 0) return null;
  const rx = radarReceiver(radar.type);
  const standOff: {
    from_s: number;
    until_s: number;
    azimuth_rad: number;
    elevation_rad: number;
    /** JNR on boresight, linear. */
    peakJnr: number;
  }[] = [];
  const selfScreening: { ids: ReadonlySet<string>; jammer: JammerEmission }[] = [];
  for (const jammer of jammers) {
    if (jammer.kind === 'stand-off') {
      const geometry = standOffGeometry(radar, jammer);
      if (!geometry.visible || !(geometry.range_m > 0)) continue;
      standOff.push({
        from_s: jammer.from_s,
        until_s: jammer.until_s,
        azimuth_rad: geometry.azimuth_rad,
        elevation_rad: geometry.elevation_rad,
        peakJnr: fromDb(jammerToNoiseAtGain_dB(rx, jammer, geometry.range_m, 0)),
      });
    } else {
      selfScreening.push({ ids: new Set(jammer.threatIds), jammer });
    }
  }
  return (t_s, targetId, targetRange_m, targetAzimuth_rad, targetElevation_rad) => {
    let jnr = 0;
    for (const j of standOff) {
      if (!(t_s >= j.from_s && t_s <= j.until_s)) continue;
      const off_rad = angleBetweenDirections_rad(
        targetAzimuth_rad,
        targetElevation_rad,
        j.azimuth_rad,
        j.elevation_rad,
      );
      jnr += j.peakJnr * fromDb(relativeAntennaGain_dB(rx, off_rad));
    }
    for (const j of selfScreening) {
      if (j.ids.has(targetId))
        jnr += fromDb(jammerToNoise_dB(rx, j.jammer, Math.max(1, targetRange_m), true));
    }
    return jnr > 0 ? toDb(jnr) : Number.NEGATIVE_INFINITY;
  };
}
