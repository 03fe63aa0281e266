/**
 * @module sensors/propagation
 * Low-altitude propagation of a surface radar: the two-ray (direct + surface-reflected) pattern-propagation factor F
 * over a smooth spherical Earth of effective radius k·a (4/3 refraction) with a rough-surface reflection, and
 * constant-γ land clutter in the target's range cell, after Blake, *Radar Range-Performance Analysis*, ch. 6, and
 * Skolnik, *Introduction to Radar Systems*, 3rd ed., §8.2 (multipath) and §7.2 (land clutter). The echo power scales
 * as F⁴ (one-way F on transmit and on receive), so the SNR gains 40 log10 F dB; clutter adds to the noise as jamming
 * does, S/(N + C). The antenna is a Gaussian pencil beam pointed at the target, floored at its sidelobe level: it
 * attenuates the reflected ray and the clutter patch by how far below the target they lie.
 *
 * Left out: diffraction beyond and near the horizon (F is overestimated there; coverage stops at the 4/3-Earth
 * horizon), polarisation- and angle-dependent Fresnel coefficients (one signed real coefficient), terrain and
 * vegetation, clutter fluctuation (clutter is noise-like and its power is the mean), and ducting.
 */
import type { LowAltitudeEnvironment, RadarType } from '../scenario/types.js';
import { fromDb, snrFromRangeEquation, toDb } from './detection.js';
import { radarReceiver } from './jamming.js';

/** Speed of light in vacuum, m/s (exact SI value). */
export const SPEED_OF_LIGHT_mps = 299_792_458;

/** Bisection steps of the reflection-point solve (interval shrinks 2⁻⁶⁰ of the ground range). */
const REFLECTION_BISECTION_STEPS = 60;

/**
 * Ament's rough-surface specular reflection factor (Ament 1953; Skolnik §8.2; Blake §6.5):
 *
 *   ρ_s = exp(−2 (2π σ_h sin ψ / λ)²)
 *
 * 1 for a smooth surface, → 0 when the Rayleigh roughness parameter σ_h sin ψ / λ grows.
 * @param surfaceRoughness_m surface height standard deviation σ_h, m (≥ 0)
 * @param grazing_rad grazing angle ψ at the reflection point, rad
 * @param wavelength_m radar wavelength λ, m (> 0)
 * @example
 * ```ts
 * import { amentRoughnessFactor } from 'aspis';
 * const rho = amentRoughnessFactor(0.5, 0.01, 0.1); // 0.5 m roughness, 10 mrad grazing, 10 cm wavelength
 * ```
 */
export function amentRoughnessFactor(
  surfaceRoughness_m: number,
  grazing_rad: number,
  wavelength_m: number,
): number {
  const phaseSpread = (2 * Math.PI * surfaceRoughness_m * Math.sin(grazing_rad)) / wavelength_m;
  return Math.exp(-2 * phaseSpread * phaseSpread);
}

/**
 * Pattern-propagation factor of two coherent rays, F = |1 + Γ e^(−jφ)| = √(1 + Γ² + 2 Γ cos φ), with Γ the signed
 * real product of reflection coefficient, roughness, divergence and antenna-pattern ratio (Blake eq. 6.4; Skolnik
 * eq. 8.7). With Γ = −1: F = 2 |sin(φ/2)|, lobes of F = 2 (+12 dB on the echo) and nulls F = 0.
 * @param phase_rad path-length phase φ = 2π ΔR / λ, rad
 * @param reflection signed effective reflection coefficient Γ in [−1, 1]
 * @example
 * ```ts
 * import { twoRayFactor } from 'aspis';
 * const f = twoRayFactor(Math.PI, 0.9); // direct and reflected rays in opposition: 0.1, a near-null
 * ```
 */
export function twoRayFactor(phase_rad: number, reflection: number): number {
  return Math.sqrt(Math.max(0, 1 + reflection * reflection + 2 * reflection * Math.cos(phase_rad)));
}

/**
 * Phase difference of the reflected and direct rays over a flat Earth, rad: φ = 2π ΔR / λ with
 * ΔR = 2 h₁ h₂ / R (Skolnik eq. 8.5; Blake §6.3), valid for h₁, h₂ ≪ R.
 * @param antennaHeight_m h₁, m
 * @param targetHeight_m h₂, m
 * @param range_m R, m (> 0)
 * @param wavelength_m λ, m (> 0)
 */
export function flatEarthPhase_rad(
  antennaHeight_m: number,
  targetHeight_m: number,
  range_m: number,
  wavelength_m: number,
): number {
  return (4 * Math.PI * antennaHeight_m * targetHeight_m) / (wavelength_m * range_m);
}

/** Specular geometry of the two-ray model over a smooth sphere. */
export interface ReflectionGeometry {
  /** Ground distance from the antenna to the reflection point, m. */
  readonly antennaSide_m: number;
  /** Ground distance from the reflection point to the target, m. */
  readonly targetSide_m: number;
  /** Antenna height above the plane tangent at the reflection point, m. */
  readonly antennaEffectiveHeight_m: number;
  /** Target height above that plane, m. */
  readonly targetEffectiveHeight_m: number;
  /** Grazing angle at the reflection point, rad (≤ 0: no specular point in view). */
  readonly grazing_rad: number;
  /** Divergence factor of the curved reflector, in (0, 1]. */
  readonly divergence: number;
}

/**
 * Reflection point over a smooth sphere of radius a (use k·a for refraction) between heights h₁, h₂ at ground
 * distance d (Kerr, *Propagation of Short Radio Waves*, §2.7; Blake §6.4). Equal grazing angles on both sides,
 * ψ ≈ h₁/d₁ − d₁/(2a) = h₂/d₂ − d₂/(2a), solved for d₁ by bisection (the left side falls, the right rises with d₁;
 * this is Kerr's cubic 2d₁³ − 3d d₁² + (d² − 2a(h₁ + h₂)) d₁ + 2a h₁ d = 0). Then the effective heights above the
 * tangent plane are h'ᵢ = hᵢ − dᵢ²/(2a), ψ = atan(h'₁/d₁), and the divergence factor
 * D = [1 + 2 d₁ d₂ / (a d tan ψ)]^(−1/2) (Blake eq. 6.30). Flat limit (a → ∞): d₁ = d h₁/(h₁ + h₂), D = 1.
 * @param antennaHeight_m h₁, m (> 0)
 * @param targetHeight_m h₂, m (> 0)
 * @param groundRange_m d, m (> 0)
 * @param earthRadius_m a, m (effective radius for refraction)
 */
export function sphericalReflection(
  antennaHeight_m: number,
  targetHeight_m: number,
  groundRange_m: number,
  earthRadius_m: number,
): ReflectionGeometry {
  const twoA = 2 * earthRadius_m;
  // difference of the grazing angles seen from each end; decreasing in the antenna-side distance
  const mismatch = (d1: number): number => {
    const d2 = groundRange_m - d1;
    return antennaHeight_m / d1 - d1 / twoA - (targetHeight_m / d2 - d2 / twoA);
  };
  let lo = 0;
  let hi = groundRange_m;
  for (let i = 0; i < REFLECTION_BISECTION_STEPS; i++) {
    const mid = 0.5 * (lo + hi);
    if (mismatch(mid) > 0) lo = mid;
    else hi = mid;
  }
  const d1 = 0.5 * (lo + hi);
  const d2 = groundRange_m - d1;
  const h1 = antennaHeight_m - (d1 * d1) / twoA;
  const h2 = targetHeight_m - (d2 * d2) / twoA;
  const grazing_rad = Math.atan2(h1, d1);
  const divergence =
    grazing_rad > 0
      ? 1 / Math.sqrt(1 + (2 * d1 * d2) / (earthRadius_m * groundRange_m * Math.tan(grazing_rad)))
      : 0;
  return {
    antennaSide_m: d1,
    targetSide_m: d2,
    antennaEffectiveHeight_m: h1,
    targetEffectiveHeight_m: h2,
    grazing_rad,
    divergence,
  };
}

/**
 * Ground distance between two points at heights h₁, h₂ above a sphere of radius a at slant range R, m:
 * d = 2a asin(√((R² − (h₂ − h₁)²) / (4 (a + h₁)(a + h₂)))) (law of cosines, written in the half-angle for precision).
 */
export function groundRange_m(
  antennaHeight_m: number,
  targetHeight_m: number,
  slantRange_m: number,
  earthRadius_m: number,
): number {
  const heightGap_m = targetHeight_m - antennaHeight_m;
  const chordSquared = Math.max(0, slantRange_m * slantRange_m - heightGap_m * heightGap_m);
  const halfAngleSine = Math.sqrt(
    chordSquared / (4 * (earthRadius_m + antennaHeight_m) * (earthRadius_m + targetHeight_m)),
  );
  return 2 * earthRadius_m * Math.asin(Math.min(1, halfAngleSine));
}

/**
 * One-way voltage gain of a Gaussian pencil beam off boresight, relative to the peak, floored at the sidelobe level:
 * f(Δ) = max(exp(−2 ln 2 (Δ/θ₃)²), 10^(SLL/20)) (power pattern exp(−4 ln 2 (Δ/θ₃)²) is −3 dB at Δ = θ₃/2;
 * Barton, *Radar Equations for Modern Radar*, §5.1).
 * @param offBoresight_rad angle from the beam axis, rad
 * @param beamwidth_rad one-way 3 dB beamwidth θ₃, rad (> 0)
 * @param sidelobeLevel_dB average sidelobe level relative to the peak gain, dB (< 0)
 */
export function beamVoltageGain(
  offBoresight_rad: number,
  beamwidth_rad: number,
  sidelobeLevel_dB: number,
): number {
  const ratio = offBoresight_rad / beamwidth_rad;
  return Math.max(Math.exp(-2 * Math.LN2 * ratio * ratio), 10 ** (sidelobeLevel_dB / 20));
}

/** Where the target is seen from the antenna, for the low-altitude model. */
export interface LowAltitudeGeometry {
  /** Antenna height above the smooth Earth, m. */
  readonly antennaHeight_m: number;
  /** Target height above the smooth Earth, m. */
  readonly targetHeight_m: number;
  /** Slant range, m. */
  readonly range_m: number;
  /** Target elevation seen by the radar (the beam's pointing angle), rad. */
  readonly elevation_rad: number;
  /** Effective (4/3) Earth radius, m. */
  readonly earthRadius_m: number;
}

/**
 * Pattern-propagation factor F of the direct and surface-reflected rays over a smooth sphere (Blake ch. 6):
 *
 *   F = |1 + ρ ρ_s D f(ε + ψ) e^(−jφ)|,  φ = 4π h'₁ h'₂ / (λ R)
 *
 * with ρ the smooth-surface coefficient, ρ_s Ament's roughness factor, D the divergence factor, h'ᵢ the heights
 * above the plane tangent at the reflection point (`sphericalReflection`) and f the beam's voltage gain toward the
 * image ray, ε + ψ below the beam axis (`beamVoltageGain`). F = 1 when there is no specular point in view
 * (ψ ≤ 0, near the horizon) or a height is ≤ 0. The SNR changes by 40 log10 F dB.
 * @param env surface parameters
 * @param geometry heights, range and elevation
 * @param wavelength_m λ, m
 * @param sidelobeLevel_dB antenna sidelobe level, dB
 * @example
 * ```ts
 * import { multipathFactor } from 'aspis';
 * const env = { reflectionCoefficient: 0.9, surfaceRoughness_m: 0.5, clutterGamma_dB: -15, clutterImprovement_dB: 40, beamwidth_rad: 0.03, pulseWidth_s: 1e-6 };
 * const geometry = { antennaHeight_m: 5, targetHeight_m: 50, range_m: 15_000, elevation_rad: 0.003, earthRadius_m: (4 / 3) * 6_371_000 };
 * const f = multipathFactor(env, geometry, 0.1, -30); // pattern-propagation factor at 10 cm wavelength
 * ```
 */
export function multipathFactor(
  env: LowAltitudeEnvironment,
  geometry: LowAltitudeGeometry,
  wavelength_m: number,
  sidelobeLevel_dB: number,
): number {
  const { antennaHeight_m, targetHeight_m, range_m, earthRadius_m } = geometry;
  if (!(antennaHeight_m > 0 && targetHeight_m > 0 && range_m > 0)) return 1;
  const ground_m = groundRange_m(antennaHeight_m, targetHeight_m, range_m, earthRadius_m);
  const reflection = sphericalReflection(antennaHeight_m, targetHeight_m, ground_m, earthRadius_m);
  if (!(reflection.grazing_rad > 0 && reflection.targetEffectiveHeight_m > 0)) return 1;
  const phase_rad = flatEarthPhase_rad(
    reflection.antennaEffectiveHeight_m,
    reflection.targetEffectiveHeight_m,
    range_m,
    wavelength_m,
  );
  const coefficient =
    env.reflectionCoefficient *
    amentRoughnessFactor(env.surfaceRoughness_m, reflection.grazing_rad, wavelength_m) *
    reflection.divergence *
    beamVoltageGain(geometry.elevation_rad + reflection.grazing_rad, env.beamwidth_rad, sidelobeLevel_dB);
  return twoRayFactor(phase_rad, coefficient);
}

/**
 * Constant-γ land clutter in the target's range cell (Skolnik §7.2; Barton, *Radar Equations for Modern Radar*,
 * §3.2): the ground at slant range R from an antenna at height h₁ on a sphere of radius a is seen at grazing angle
 * sin ψ = (2a h₁ + h₁² − R²) / (2 a R) (≤ 0: beyond the clutter horizon, no clutter) and depression
 * sin δ = (2a h₁ + h₁² + R²) / (2 (a + h₁) R); its reflectivity is σ⁰ = γ sin ψ and the cell area
 * A = R θ₃ (cτ/2) sec ψ (pulse-limited), so the clutter RCS is σ_c = σ⁰ A.
 * @returns clutter RCS in the cell, m², and the depression angle of the cell, rad
 */
export function clutterCell(
  env: LowAltitudeEnvironment,
  antennaHeight_m: number,
  range_m: number,
  earthRadius_m: number,
): { readonly rcs_m2: number; readonly depression_rad: number } {
  const twoA = 2 * earthRadius_m;
  const h1 = antennaHeight_m;
  const sinGrazing = (twoA * h1 + h1 * h1 - range_m * range_m) / (twoA * range_m);
  const sinDepression = (twoA * h1 + h1 * h1 + range_m * range_m) / (2 * (earthRadius_m + h1) * range_m);
  const depression_rad = Math.asin(Math.min(1, sinDepression));
  if (!(sinGrazing > 0)) return { rcs_m2: 0, depression_rad };
  const grazing_rad = Math.asin(Math.min(1, sinGrazing));
  const reflectivity = fromDb(env.clutterGamma_dB) * sinGrazing;
  const rangeCell_m = (SPEED_OF_LIGHT_mps * env.pulseWidth_s) / 2;
  const area_m2 = (range_m * env.beamwidth_rad * rangeCell_m) / Math.cos(grazing_rad);
  return { rcs_m2: reflectivity * area_m2, depression_rad };
}

/**
 * Clutter-to-noise ratio after clutter cancellation, dB:
 *
 *   C/N = SNR(σ_c, R) + 40 log10 f(ε + δ) − I
 *
 * the range equation (`snrFromRangeEquation`) on the cell's clutter RCS (`clutterCell`), the two-way beam gain
 * toward the clutter cell δ below the horizon while the beam points at ε, and the MTI/Doppler improvement factor I
 * (Skolnik §3.7). −∞ when the cell is beyond the clutter horizon. The detection then uses S/(N + C), the algebra of
 * `signalToInterference_dB`.
 * @param type radar type (range equation reference)
 * @param env surface and processing parameters
 * @param geometry heights, range and the beam's elevation
 * @param sidelobeLevel_dB antenna sidelobe level, dB
 * @example
 * ```ts
 * import { clutterToNoise_dB, loadScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const env = { reflectionCoefficient: 0.9, surfaceRoughness_m: 0.5, clutterGamma_dB: -15, clutterImprovement_dB: 40, beamwidth_rad: 0.03, pulseWidth_s: 1e-6 };
 * const geometry = { antennaHeight_m: 5, targetHeight_m: 50, range_m: 15_000, elevation_rad: 0.003, earthRadius_m: (4 / 3) * 6_371_000 };
 * const cnr_dB = clutterToNoise_dB(scenario.units[0].radar.type, env, geometry, -30);
 * ```
 */
export function clutterToNoise_dB(
  type: RadarType,
  env: LowAltitudeEnvironment,
  geometry: LowAltitudeGeometry,
  sidelobeLevel_dB: number,
): number {
  const cell = clutterCell(env, geometry.antennaHeight_m, geometry.range_m, geometry.earthRadius_m);
  if (!(cell.rcs_m2 > 0)) return Number.NEGATIVE_INFINITY;
  const beamGain = beamVoltageGain(
    geometry.elevation_rad + cell.depression_rad,
    env.beamwidth_rad,
    sidelobeLevel_dB,
  );
  // two-way power gain f⁴ = (f²)²: 40 log10 f
  return (
    snrFromRangeEquation(type, geometry.range_m, cell.rcs_m2) +
    40 * Math.log10(beamGain) -
    env.clutterImprovement_dB
  );
}

/**
 * Total interference-to-noise ratio of independent noise-like sources, dB: 10 log10 Σ 10^(xᵢ/10) (−∞ terms add
 * nothing; all −∞ gives −∞). Clutter and jamming add to the thermal noise power, S/(N + J + C).
 */
export function sumInterference_dB(...interferenceToNoise_dB: readonly number[]): number {
  const present = interferenceToNoise_dB.filter((value_dB) => value_dB !== Number.NEGATIVE_INFINITY);
  if (present.length === 0) return Number.NEGATIVE_INFINITY;
  // one source alone is returned as is (no dB round trip), so jamming without clutter is unchanged bit for bit
  if (present.length === 1) return present[0];
  let total = 0;
  for (const value_dB of present) total += fromDb(value_dB);
  return toDb(total);
}

/** What the low-altitude model changes in one look: the echo's propagation gain and the clutter level. */
export interface LowAltitudeEffects {
  /** 40 log10 F, dB (0 without a low-altitude model). */
  readonly propagationGain_dB: number;
  /** Clutter-to-noise ratio after cancellation, dB (−∞ without a low-altitude model or beyond the clutter horizon). */
  readonly clutterToNoise_dB: number;
}

/** No low-altitude model: free-space echo and no clutter. */
const FREE_SPACE: LowAltitudeEffects = { propagationGain_dB: 0, clutterToNoise_dB: Number.NEGATIVE_INFINITY };

/**
 * Multipath gain (`multipathFactor`) and clutter (`clutterToNoise_dB`) of a radar type for one target geometry, with
 * the type's wavelength and sidelobe level (`radarReceiver` defaults: 0.1 m, −30 dB). A type without `lowAltitude`
 * gets exactly 0 dB and −∞ dB, so its detections are unchanged.
 * @param type radar type
 * @param geometry heights above the smooth Earth, slant range, elevation, effective Earth radius
 * @example
 * ```ts
 * import { loadScenario, lowAltitudeEffects } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const geometry = { antennaHeight_m: 5, targetHeight_m: 50, range_m: 15_000, elevation_rad: 0.003, earthRadius_m: (4 / 3) * 6_371_000 };
 * const { propagationGain_dB, clutterToNoise_dB } = lowAltitudeEffects(scenario.units[0].radar.type, geometry);
 * ```
 */
export function lowAltitudeEffects(type: RadarType, geometry: LowAltitudeGeometry): LowAltitudeEffects {
  const env = type.lowAltitude;
  if (env === undefined) return FREE_SPACE;
  const receiver = radarReceiver(type);
  const factor = multipathFactor(env, geometry, receiver.wavelength_m, receiver.sidelobeLevel_dB);
  return {
    propagationGain_dB: 40 * Math.log10(factor),
    clutterToNoise_dB: clutterToNoise_dB(type, env, geometry, receiver.sidelobeLevel_dB),
  };
}
