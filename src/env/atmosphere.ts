/**
 * @module env/atmosphere
 * U.S. Standard Atmosphere 1976 (NOAA-S/T 76-1562), lower seven layers: exact equations on geopotential altitude
 * (eqs. 18, 23, 33a/33b, 42, 50). Valid 0–86 km geometric. Above 86 km, where the 1976 model switches to
 * molecular-diffusion equations that matter little to a 500 km SRBM, density and pressure continue with an
 * exponential tail at the 86 km scale height and temperature is held at 186.87 K (documented simplification).
 * Below 0 m the lowest layer's equations are extended (down to −5 km, the table's own lower edge).
 */

/** Atmospheric state at one altitude. */
export interface AtmosphereState {
  readonly temperature_K: number;
  readonly pressure_Pa: number;
  readonly density_kgpm3: number;
  readonly speedOfSound_mps: number;
}

/** Effective Earth radius used by the 1976 standard to turn geometric into geopotential height, m. */
const R0_m = 6356766;
const G0_mps2 = 9.80665;
/** Mean molar mass of sea-level air, kg/mol. */
const M0_kgpmol = 0.0289644;
/** Gas constant used by the 1976 standard, J/(mol·K). */
const RSTAR_JpmolK = 8.31432;
const GAMMA = 1.4;
const GMR_Kpm = (G0_mps2 * M0_kgpmol) / RSTAR_JpmolK;

/** Layer bases: geopotential height (m') and molecular-scale temperature lapse rate (K/m'). */
const BASE_H_m = [0, 11000, 20000, 32000, 47000, 51000, 71000, 84852];
const LAPSE_Kpm = [-0.0065, 0, 0.001, 0.0028, 0, -0.0028, -0.002];
const BASE_T_K: number[] = [288.15];
const BASE_P_Pa: number[] = [101325];

// base temperatures and pressures follow from the lapse rates (eqs. 23 and 33)
for (let i = 0; i < LAPSE_Kpm.length; i++) {
  const dh = BASE_H_m[i + 1] - BASE_H_m[i];
  const lapse = LAPSE_Kpm[i];
  const tBase = BASE_T_K[i];
  const tTop = tBase + lapse * dh;
  BASE_T_K.push(tTop);
  BASE_P_Pa.push(
    lapse === 0 ? BASE_P_Pa[i] * Math.exp((-GMR_Kpm * dh) / tBase) : BASE_P_Pa[i] * (tBase / tTop) ** (GMR_Kpm / lapse),
  );
}

/** Top of the exact model, geometric m. */
export const ATMOSPHERE_TOP_m = 86000;

function stateFrom(temperature_K: number, pressure_Pa: number): AtmosphereState {
  return {
    temperature_K,
    pressure_Pa,
    density_kgpm3: (pressure_Pa * M0_kgpmol) / (RSTAR_JpmolK * temperature_K),
    speedOfSound_mps: Math.sqrt((GAMMA * RSTAR_JpmolK * temperature_K) / M0_kgpmol),
  };
}

function layerState(h_geopot_m: number): AtmosphereState {
  let i = 0;
  while (i < LAPSE_Kpm.length - 1 && h_geopot_m >= BASE_H_m[i + 1]) i++;
  const dh = h_geopot_m - BASE_H_m[i];
  const lapse = LAPSE_Kpm[i];
  const tBase = BASE_T_K[i];
  const t = tBase + lapse * dh;
  const p =
    lapse === 0 ? BASE_P_Pa[i] * Math.exp((-GMR_Kpm * dh) / tBase) : BASE_P_Pa[i] * (tBase / t) ** (GMR_Kpm / lapse);
  return stateFrom(t, p);
}

const TOP = layerState((R0_m * ATMOSPHERE_TOP_m) / (R0_m + ATMOSPHERE_TOP_m));
/** Pressure scale height at 86 km, m (R T / (M g)). */
const TOP_SCALE_HEIGHT_m = (RSTAR_JpmolK * TOP.temperature_K) / (M0_kgpmol * G0_mps2);

/**
 * U.S. Standard Atmosphere 1976 at a geometric altitude (m above mean sea level).
 * Exact for −5 km … 86 km; exponential tail above (see module note).
 */
export function atmosphere1976(altitude_m: number): AtmosphereState {
  const z_m = Math.max(altitude_m, -5000);
  if (z_m <= ATMOSPHERE_TOP_m) return layerState((R0_m * z_m) / (R0_m + z_m));
  const decay = Math.exp(-(z_m - ATMOSPHERE_TOP_m) / TOP_SCALE_HEIGHT_m);
  return stateFrom(TOP.temperature_K, TOP.pressure_Pa * decay);
}

/** Density only, kg/m³ (hot path for drag). */
export function density1976(altitude_m: number): number {
  return atmosphere1976(altitude_m).density_kgpm3;
}
