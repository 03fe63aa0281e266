/**
 * @module env/atmosphere
 * U.S. Standard Atmosphere 1976 (NOAA-S/T 76-1562, Part 1), 0–86 km: the seven-layer model on geopotential altitude
 * H = r₀ z / (r₀ + z) (eq. 18) with linear molecular-scale temperature T_M (eq. 23), hydrostatic pressure (eqs. 33a
 * for a lapse layer, 33b for an isothermal one), density ρ = P M₀ / (R* T_M) (eq. 42) and speed of sound
 * C_s = √(γ R* T / M) = √(γ R* T_M / M₀) (eq. 50). Between 80 and 86 km the kinetic temperature is T = T_M · M/M₀
 * with the molecular-weight ratio of the standard's Table 8 (linear between its 0.5 km rows), so T(86 km) =
 * 186.87 K; pressure, density and speed of sound depend on T_M only and are unaffected.
 * Simplifications: above 86 km, where the standard switches to species diffusion equations, the model continues
 * isothermally (T_M held at its 86 km value, pressure decaying with geopotential height), which matches the standard
 * to 0.2 % at 90 km and 3 % at 100 km and underestimates density increasingly above 110 km (where drag on a
 * ballistic missile is negligible). Below 0 m the lowest layer is extended to −5 km (the table's own lower edge)
 * and held constant below that.
 */

/** Atmospheric state at one altitude. */
export interface AtmosphereState {
  /** Kinetic temperature, K. */
  readonly temperature_K: number;
  /** Static pressure, Pa. */
  readonly pressure_Pa: number;
  /** Mass density, kg/m³. */
  readonly density_kgpm3: number;
  /** Speed of sound, m/s. */
  readonly speedOfSound_mps: number;
}

/** Effective Earth radius r₀ used by the 1976 standard to turn geometric into geopotential height, m (eq. 18). */
const R0_m = 6356766;
/** Standard sea-level gravity g₀, m/s². */
const G0_mps2 = 9.80665;
/** Mean molar mass of sea-level air M₀, kg/mol. */
const M0_kgpmol = 0.0289644;
/** Universal gas constant R* as defined by the 1976 standard, J/(mol·K). */
const RSTAR_JpmolK = 8.31432;
/** Ratio of specific heats of air γ. */
const GAMMA = 1.4;
/** g₀ M₀ / R*, K/m′. */
const GMR_Kpm = (G0_mps2 * M0_kgpmol) / RSTAR_JpmolK;
/** Lowest altitude evaluated, m; lower altitudes are clamped to it. */
const BOTTOM_m = -5000;

/** Layer bases: geopotential height (m′) and molecular-scale temperature gradient (K/m′), Table 4. */
const BASE_H_m = [0, 11000, 20000, 32000, 47000, 51000, 71000, 84852];
const LAPSE_Kpm = [-0.0065, 0, 0.001, 0.0028, 0, -0.0028, -0.002];
const BASE_T_K: number[] = [288.15];
const BASE_P_Pa: number[] = [101325];

// base temperatures and pressures follow from the gradients (eqs. 23 and 33)
for (let i = 0; i < LAPSE_Kpm.length; i++) {
  const dh = BASE_H_m[i + 1] - BASE_H_m[i];
  const lapse = LAPSE_Kpm[i];
  const tBase = BASE_T_K[i];
  const tTop = tBase + lapse * dh;
  BASE_T_K.push(tTop);
  BASE_P_Pa.push(
    lapse === 0
      ? BASE_P_Pa[i] * Math.exp((-GMR_Kpm * dh) / tBase)
      : BASE_P_Pa[i] * (tBase / tTop) ** (GMR_Kpm / lapse),
  );
}

/** Geometric altitudes (m) and molecular-weight ratios M/M₀ of the standard's Table 8 (80–86 km). */
const RATIO_ALTITUDE_m = [
  80000, 80500, 81000, 81500, 82000, 82500, 83000, 83500, 84000, 84500, 85000, 85500, 86000,
];
const MOLECULAR_WEIGHT_RATIO = [
  1.0, 0.999996, 0.999989, 0.999971, 0.999941, 0.999909, 0.99987, 0.999829, 0.999786, 0.999741, 0.999694,
  0.999641, 0.999579,
];

/** Top of the exact model, geometric m. */
export const ATMOSPHERE_TOP_m = 86000;

/** Geopotential height (m′) of a geometric altitude (m), eq. 18. */
function geopotential_m(z_m: number): number {
  return (R0_m * z_m) / (R0_m + z_m);
}

/** M/M₀ at a geometric altitude: 1 below 80 km, Table 8 linearly interpolated to 86 km, its last value above. */
function molecularWeightRatio(z_m: number): number {
  if (z_m <= RATIO_ALTITUDE_m[0]) return 1;
  const last = RATIO_ALTITUDE_m.length - 1;
  if (z_m >= RATIO_ALTITUDE_m[last]) return MOLECULAR_WEIGHT_RATIO[last];
  let i = 0;
  while (z_m > RATIO_ALTITUDE_m[i + 1]) i++;
  const fraction = (z_m - RATIO_ALTITUDE_m[i]) / (RATIO_ALTITUDE_m[i + 1] - RATIO_ALTITUDE_m[i]);
  return MOLECULAR_WEIGHT_RATIO[i] + fraction * (MOLECULAR_WEIGHT_RATIO[i + 1] - MOLECULAR_WEIGHT_RATIO[i]);
}

/** State from molecular-scale temperature, pressure and M/M₀ (eqs. 42 and 50; T = T_M · M/M₀). */
function stateFrom(molecularTemperature_K: number, pressure_Pa: number, ratio: number): AtmosphereState {
  return {
    temperature_K: molecularTemperature_K * ratio,
    pressure_Pa,
    density_kgpm3: (pressure_Pa * M0_kgpmol) / (RSTAR_JpmolK * molecularTemperature_K),
    speedOfSound_mps: Math.sqrt((GAMMA * RSTAR_JpmolK * molecularTemperature_K) / M0_kgpmol),
  };
}

/** Molecular-scale temperature (K) and pressure (Pa) at a geopotential height (m′), eqs. 23 and 33a/b. */
function layerTemperatureAndPressure(h_geopot_m: number): {
  molecularTemperature_K: number;
  pressure_Pa: number;
} {
  let i = 0;
  while (i < LAPSE_Kpm.length - 1 && h_geopot_m >= BASE_H_m[i + 1]) i++;
  const dh = h_geopot_m - BASE_H_m[i];
  const lapse = LAPSE_Kpm[i];
  const tBase = BASE_T_K[i];
  const t = tBase + lapse * dh;
  const p =
    lapse === 0
      ? BASE_P_Pa[i] * Math.exp((-GMR_Kpm * dh) / tBase)
      : BASE_P_Pa[i] * (tBase / t) ** (GMR_Kpm / lapse);
  return { molecularTemperature_K: t, pressure_Pa: p };
}

const TOP_GEOPOTENTIAL_m = geopotential_m(ATMOSPHERE_TOP_m);
const TOP = layerTemperatureAndPressure(TOP_GEOPOTENTIAL_m);
const TOP_RATIO = molecularWeightRatio(ATMOSPHERE_TOP_m);

/**
 * U.S. Standard Atmosphere 1976 at a geometric altitude (m above mean sea level): kinetic temperature (K),
 * pressure (Pa), density (kg/m³) and speed of sound (m/s). Exact equations of NOAA-S/T 76-1562 for −5 km … 86 km;
 * isothermal continuation above 86 km and clamping below −5 km (see the module note).
 * @example
 * ```ts
 * import { atmosphere1976 } from 'aspis';
 * const air = atmosphere1976(11_000); // U.S. Standard Atmosphere 1976 at 11 km
 * console.log(air.density_kgpm3, air.temperature_K);
 * ```
 */
export function atmosphere1976(altitude_m: number): AtmosphereState {
  const z_m = Math.max(altitude_m, BOTTOM_m);
  if (z_m <= ATMOSPHERE_TOP_m) {
    const layer = layerTemperatureAndPressure(geopotential_m(z_m));
    return stateFrom(layer.molecularTemperature_K, layer.pressure_Pa, molecularWeightRatio(z_m));
  }
  const dh = geopotential_m(z_m) - TOP_GEOPOTENTIAL_m;
  const pressure_Pa = TOP.pressure_Pa * Math.exp((-GMR_Kpm * dh) / TOP.molecularTemperature_K);
  return stateFrom(TOP.molecularTemperature_K, pressure_Pa, TOP_RATIO);
}

/** Density only, kg/m³, at a geometric altitude (m); same model as {@link atmosphere1976}. */
export function density1976(altitude_m: number): number {
  return atmosphere1976(altitude_m).density_kgpm3;
}

/** Index of the density in `airAt`'s output. */
export const AIR_DENSITY = 0;
/** Index of the speed of sound in `airAt`'s output. */
export const AIR_SOUND_SPEED = 1;
/** Top of the tabulated atmosphere (drag is negligible above), m. */
const AIR_TABLE_TOP_m = 150_000;
/** Spacing of the tabulated atmosphere, m. */
const AIR_TABLE_STEP_m = 50;
/**
 * Tabulated density and speed of sound from 0 to the top of the table (U.S. 1976), built once at load. Linear
 * interpolation over 50 m against a ≥ 6 km density scale height errs by ≤ (50/6000)²/8 ≈ 1e-5 relative.
 */
const AIR_DENSITY_kgpm3 = new Float64Array(AIR_TABLE_TOP_m / AIR_TABLE_STEP_m + 2);
const AIR_SOUND_SPEED_mps = new Float64Array(AIR_DENSITY_kgpm3.length);
for (let i = 0; i < AIR_DENSITY_kgpm3.length; i++) {
  const air = atmosphere1976(i * AIR_TABLE_STEP_m);
  AIR_DENSITY_kgpm3[i] = air.density_kgpm3;
  AIR_SOUND_SPEED_mps[i] = air.speedOfSound_mps;
}

/**
 * Density (kg/m³) and speed of sound (m/s) of the U.S. 1976 atmosphere at geometric height `h_m`, interpolated in
 * the 50 m table (relative error ≤ 1e-5; hot loops of threat, interceptor and IPP flight). Outside the table
 * (below 0 or above its top) the exact model is used. Writes [density, speed of sound] into `out`.
 */
export function airAt(h_m: number, out: Float64Array): Float64Array {
  if (!(h_m >= 0 && h_m < AIR_TABLE_TOP_m)) {
    const air = atmosphere1976(h_m);
    out[AIR_DENSITY] = air.density_kgpm3;
    out[AIR_SOUND_SPEED] = air.speedOfSound_mps;
    return out;
  }
  const x = h_m / AIR_TABLE_STEP_m;
  const i = Math.floor(x);
  const f = x - i;
  out[AIR_DENSITY] = AIR_DENSITY_kgpm3[i] + f * (AIR_DENSITY_kgpm3[i + 1] - AIR_DENSITY_kgpm3[i]);
  out[AIR_SOUND_SPEED] = AIR_SOUND_SPEED_mps[i] + f * (AIR_SOUND_SPEED_mps[i + 1] - AIR_SOUND_SPEED_mps[i]);
  return out;
}
