/**
 * @module scenario/catalogSchema
 * Zod schemas of the catalog entries (threat, interceptor, radar and gun types). Field names are exactly those of
 * the types in `types.ts`; each value is an SI number or a string whose unit matches the field's suffix dimension
 * (`_kg` mass, `_m` length, `_s` time, `_rad` angle, `_mps` speed, `_mps2` acceleration, `_N` force, `_m2` area,
 * `_usd` currency). The parsed output is the TS type itself.
 */
import { z } from 'zod';
import { expecting, idSchema, plainNumber, quantity } from './fields.js';
import type { GunType, InterceptorType, RadarType, ThreatType } from './types.js';

/** Catalog sections, also the folder names under `src/scenario/catalog/`. */
export const CATALOG_KINDS = ['threats', 'interceptors', 'radars', 'guns'] as const;
/** One catalog section. */
export type CatalogKind = (typeof CATALOG_KINDS)[number];

const provenance = {
  id: idSchema.describe('Catalog id (equals the file name without .yaml)'),
  name: z
    .string({ error: expecting('a display name') })
    .min(1)
    .describe('Display name'),
  notional: z.literal(true, { error: expecting('notional: true (aspis ships no real performance data)') }),
  source: z
    .string({ error: expecting('a source note (public facts, docs/domain.md section)') })
    .min(1)
    .describe('Public facts the numbers rest on'),
};

/**
 * Refinement of an interpolation table `{ [x]: number[], [y]: number[] }`: as many y values as x values, and x
 * strictly increasing (so linear interpolation is well defined).
 */
function checkTable<X extends string, Y extends string>(x: X, y: Y) {
  return (table: Record<X | Y, number[]>, ctx: z.RefinementCtx): void => {
    const xs = table[x];
    if (xs.length !== table[y].length) {
      ctx.addIssue({ code: 'custom', path: [y], message: `expected as many ${y} values as ${x} values` });
    }
    for (let i = 1; i < xs.length; i++) {
      if (!(xs[i] > xs[i - 1])) {
        ctx.addIssue({ code: 'custom', path: [x, i], message: `expected strictly increasing ${x} values` });
        return;
      }
    }
  };
}

/** Cd versus Mach: same lengths, Mach strictly increasing. */
const cdTableSchema = z
  .strictObject({
    mach: z
      .array(plainNumber('Mach number', { min: 0, max: 50 }))
      .min(1)
      .max(100),
    cd: z
      .array(plainNumber('Drag coefficient', { min: 0, max: 20 }))
      .min(1)
      .max(100),
  })
  .superRefine(checkTable('mach', 'cd'))
  .describe('Drag coefficient versus Mach, linearly interpolated');

const probability = (description: string) => plainNumber(description, { min: 0, max: 1 });
const mass = (description: string) => quantity('mass', description, { positive: true, max: 1e6 });
const time = (description: string) => quantity('time', description, { min: 0, max: 1e5 });
const length = (description: string) => quantity('length', description, { min: 0, max: 1e8 });
const positiveLength = (description: string) => quantity('length', description, { positive: true, max: 1e8 });
const cost = (description: string) => quantity('currency', description, { min: 0, max: 1e12 });
const rcs = quantity('area', 'Radar cross-section', { positive: true, max: 1e4 });
/** Cruise airspeed of drones and cruise missiles (docs/limits.md: a crawling flight is sampled for its whole length). */
const airspeed = quantity('speed', 'Constant airspeed', {
  min: 5,
  max: 1000,
  why:
    'nothing that flies a powered attack route is slower than 5 m/s, and the flight is sampled every 2 s over its ' +
    'whole length, so a crawling drone costs memory in proportion to its flight time (docs/limits.md)',
});

/** Fields of every rocket-propelled body (threat missile, rocket, interceptor): constant-thrust boost plus drag. */
const boostedBody = {
  launchMass_kg: mass('Mass at launch'),
  propellantMass_kg: mass('Propellant burnt during boost'),
  burnTime_s: quantity('time', 'Motor burn time', { positive: true, max: 1000 }),
  thrust_N: quantity('force', 'Constant thrust during boost', { positive: true, max: 1e9 }),
  diameter_m: quantity('length', 'Body diameter (reference area π d²/4)', { positive: true, max: 10 }),
  cd: cdTableSchema,
};

/** Fields every threat type reports for cost exchange and effects. */
/** RCS versus aspect angle (0 nose-on … π tail-on): same lengths, aspect strictly increasing within [0, π]. */
const rcsAspectSchema = z
  .strictObject({
    aspect_rad: z
      .array(quantity('angle', 'Aspect angle from the nose', { min: 0, max: Math.PI + 1e-9 }))
      .min(1)
      .max(361),
    rcs_m2: z
      .array(quantity('area', 'Radar cross-section at that aspect', { positive: true, max: 1e4 }))
      .min(1)
      .max(361),
  })
  .superRefine(checkTable('aspect_rad', 'rcs_m2'))
  .describe('RCS versus aspect (angle between velocity and line of sight to the radar), interpolated in dB');

const threatCommon = {
  rcs_m2: rcs,
  rcsAspect: rcsAspectSchema.optional(),
  cost_usd: cost('Unit cost'),
  warheadMass_kg: quantity('mass', 'Warhead mass', { min: 0, max: 1e5 }),
};

const ballisticSchema = z.strictObject({
  ...provenance,
  kind: z.literal('ballistic'),
  ...boostedBody,
  reentryMass_kg: mass('Mass of the re-entering body'),
  maxRange_m: positiveLength('Catalogue maximum range'),
  verticalRise_s: time('Vertical rise before pitch-over'),
  reliability: probability('Probability the missile flies normally'),
  failureBreakUpFraction: probability(
    'Share of in-flight failures that break the body up (no warhead arrives; the rest land off-aim), default 0.5',
  ).optional(),
  cep_m: length('Circular error probable'),
  ...threatCommon,
});

const rocketSchema = z.strictObject({
  ...provenance,
  kind: z.literal('rocket'),
  ...boostedBody,
  maxRange_m: positiveLength('Maximum range'),
  minRange_m: length('Minimum range'),
  reliability: probability('Probability the rocket flies normally'),
  failureBreakUpFraction: probability(
    'Share of in-flight failures that break the round up (no warhead arrives; the rest land off-aim), default 0.5',
  ).optional(),
  rangeErrorFraction: plainNumber('Range dispersion 1σ as a fraction of range', { min: 0, max: 1 }),
  deflectionError_rad: quantity('angle', 'Deflection dispersion 1σ', { min: 0, max: 1 }),
  ...threatCommon,
});

const droneSchema = z.strictObject({
  ...provenance,
  kind: z.literal('drone'),
  speed_mps: airspeed,
  cruiseAltitude_m: quantity('length', 'Cruise height above the launch/aim point', { min: 0, max: 30000 }),
  diveAngle_rad: quantity('angle', 'Terminal dive angle below horizontal', {
    positive: true,
    max: Math.PI / 2,
  }),
  reliability: probability('Probability the drone flies normally'),
  cep_m: length('Terminal accuracy (CEP)'),
  ...threatCommon,
});

const cruiseSchema = z.strictObject({
  ...provenance,
  kind: z.literal('cruise'),
  speed_mps: airspeed,
  cruiseHeightAgl_m: quantity('length', 'Cruise height above the local ground (smooth Earth)', {
    positive: true,
    max: 30000,
  }),
  terminal: z
    .enum(['dive', 'pop-up'], { error: expecting("terminal 'dive' or 'pop-up'") })
    .describe('Terminal manoeuvre: straight dive from cruise height, or pop-up climb then dive'),
  reliability: probability('Probability the missile flies normally'),
  cep_m: length('Terminal accuracy (CEP)'),
  ...threatCommon,
});

/** A threat type entry (discriminated on `kind`). */
export const threatTypeSchema = z.discriminatedUnion(
  'kind',
  [ballisticSchema, rocketSchema, droneSchema, cruiseSchema],
  { error: expecting("kind 'ballistic', 'rocket', 'drone' or 'cruise'") },
);

/** An interceptor type entry. */
export const interceptorTypeSchema = z.strictObject({
  ...provenance,
  ...boostedBody,
  maxSpeed_mps: quantity('speed', 'Speed cap', { positive: true, max: 20000 }),
  maxAccel_mps2: quantity('accel', 'Lateral acceleration limit', { positive: true, max: 1e4 }),
  navigationConstant: plainNumber("Proportional-navigation constant N'", { positive: true, max: 10 }),
  minInterceptAltitude_m: quantity('length', 'Lowest intercept altitude', { min: 0, max: 1e6 }),
  minInterceptAltitudeAirBreathing_m: quantity(
    'length',
    'Lowest intercept altitude against air-breathing targets (drones, cruise missiles); default minInterceptAltitude_m',
    { min: 0, max: 1e6 },
  ).optional(),
  airBreathingOnly: z
    .boolean({ error: expecting('true or false') })
    .optional()
    .describe(
      'Engages only air-breathing targets (drones, cruise missiles), never rockets or TBMs (default false)',
    ),
  requiresOwnRadarTrack: z
    .boolean({ error: expecting('true or false') })
    .optional()
    .describe(
      "Needs its own unit's fire-control radar on the target (track-via-missile, PAC-2 class); false: may engage " +
        "on another netted unit's track (engage-on-remote). Default false",
    ),
  maxInterceptAltitude_m: quantity('length', 'Highest intercept altitude', { positive: true, max: 1e6 }),
  maxInterceptRange_m: positiveLength('Longest intercept ground range'),
  maxFlightTime_s: quantity('time', 'Self-destruct time', { positive: true, max: 3600 }),
  pkMax: probability('Kill probability at zero miss distance'),
  lethalSigma_m: quantity('length', 'Lethality width σ', { positive: true, max: 1000 }),
  killMechanism: z
    .enum(['hit-to-kill', 'blast-fragmentation'], {
      error: expecting("'hit-to-kill' or 'blast-fragmentation'"),
    })
    .optional()
    .describe(
      'Kill mechanism (docs/lethality.md): hit-to-kill = steep curve rising with closing speed; blast-fragmentation = ' +
        'wide Gaussian (optionally degraded against ballistic re-entry bodies, hardTargetFragmentationFloor); ' +
        'absent = plain Gaussian',
    ),
  hardTargetFragmentationFloor: probability(
    'Blast-fragmentation only: floor of the lethality factor against ballistic re-entry bodies at high closing ' +
      'speed (default 1 = no degradation; 0.5 = the GAO-motivated pessimistic excursion, docs/lethality.md)',
  ).optional(),
  guidanceNoise_m: length('Terminal guidance error 1σ per axis'),
  reliability: probability('Probability the round launches and flies normally'),
  cost_usd: cost('Unit cost'),
  seekerAcquisitionRange_m: quantity('length', 'Seeker acquisition range (default 15 km)', {
    positive: true,
    max: 1e6,
  }).optional(),
  seekerFieldOfView_rad: quantity(
    'angle',
    'Seeker field of view, half-angle about the velocity (default 30°)',
    {
      positive: true,
      max: Math.PI,
    },
  ).optional(),
  maxNormalForceCoefficient: plainNumber(
    'Largest normal-force coefficient on π d²/4 (default: maxAccel at 10 km, Mach 4, burnout mass)',
    { positive: true, max: 1000 },
  ).optional(),
});

/** The optional time budget of a multifunction radar (`sensors/budget`, docs/radar-budget.md). */
const radarBudgetSchema = z
  .strictObject({
    searchFrame_s: quantity('time', 'Radar time to search the whole sector once', {
      positive: true,
      max: 3600,
    }),
    trackDwell_s: quantity('time', 'Radar time of one track update dwell', { min: 0, max: 60 }),
    trackInterval_s: quantity('time', 'Desired revisit interval of each track', { positive: true, max: 600 }),
    maxTrackFraction: probability('Largest fraction of radar time that track dwells may take'),
    trackGate_rad: quantity('angle', 'Smallest half-angle of a track dwell gate (default 1.5deg)', {
      positive: true,
      max: Math.PI,
    }).optional(),
  })
  .describe('Search/track time budget; absent: every dwell searches the whole sector');

/** The optional low-altitude propagation model of a radar (`sensors/propagation`, docs/radar.md). */
const lowAltitudeSchema = z
  .strictObject({
    reflectionCoefficient: plainNumber('Smooth-surface reflection coefficient (−1: horizontal pol.)', {
      min: -1,
      max: 1,
    }),
    surfaceRoughness_m: quantity('length', 'Surface height standard deviation (Ament factor)', {
      min: 0,
      max: 1000,
    }),
    clutterGamma_dB: plainNumber('Constant-γ land clutter reflectivity, dB', { min: -60, max: 10 }),
    clutterImprovement_dB: plainNumber('MTI/Doppler clutter improvement factor, dB', { min: 0, max: 100 }),
    beamwidth_rad: quantity('angle', 'One-way 3 dB pencil beamwidth', { positive: true, max: 1 }),
    pulseWidth_s: quantity('time', 'Compressed pulse width (range cell cτ/2)', { positive: true, max: 1e-3 }),
  })
  .describe('Two-ray multipath over a smooth 4/3 Earth and constant-γ land clutter; absent: free space');

/** A radar type entry. */
export const radarTypeSchema = z.strictObject({
  ...provenance,
  referenceSnr_dB: plainNumber('SNR on the reference RCS at the reference range, dB', {
    min: -100,
    max: 200,
  }),
  referenceRange_m: positiveLength('Reference range'),
  referenceRcs_m2: quantity('area', 'Reference RCS', { positive: true, max: 1e4 }),
  maxRange_m: positiveLength('Instrumented range'),
  pfa: plainNumber('Probability of false alarm per cell', { positive: true, max: 0.5 }),
  falseAlarmsPerScan: plainNumber('Mean false alarms per scan over the sector', {
    min: 0,
    max: 100,
    why:
      'a CFAR radar holds false alarms to a few per scan; each one seeds a tentative track, and the tracker work ' +
      'grows with their square (docs/limits.md)',
  }),
  scanInterval_s: quantity('time', 'Revisit interval', {
    min: 0.001,
    max: 600,
    why: 'one dwell lasts about a millisecond, so a radar cannot revisit its sector faster (docs/limits.md)',
  }),
  rangeSigma_m: length('Range noise 1σ'),
  azimuthSigma_rad: quantity('angle', 'Azimuth noise 1σ', { min: 0, max: 1 }),
  elevationSigma_rad: quantity('angle', 'Elevation noise 1σ', { min: 0, max: 1 }),
  sectorWidth_rad: quantity('angle', 'Sector full width (2π = all-round)', {
    positive: true,
    max: 2 * Math.PI + 1e-9,
  }),
  minElevation_rad: quantity('angle', 'Lowest beam elevation', { min: -Math.PI / 2, max: Math.PI / 2 }),
  maxElevation_rad: quantity('angle', 'Highest beam elevation', { min: -Math.PI / 2, max: Math.PI / 2 }),
  antennaHeight_m: quantity('length', 'Antenna height above the site', { min: 0, max: 1000 }),
  wavelength_m: quantity('length', 'Wavelength (jamming, multipath; default 0.1 m)', {
    positive: true,
    max: 10,
  }).optional(),
  sidelobeLevel_dB: plainNumber('Average sidelobe level relative to the mainlobe, dB (default −30)', {
    min: -100,
    max: 0,
  }).optional(),
  beamwidth_rad: quantity('angle', 'One-way 3 dB beamwidth of the pencil beam (jamming; default 3°)', {
    positive: true,
    max: Math.PI,
  }).optional(),
  swerling: z
    .union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
      error: expecting('Swerling case 0, 1, 2, 3 or 4'),
    })
    .optional()
    .describe('Swerling target-fluctuation case of the detection law (default 1)'),
  pulses: plainNumber('Pulses integrated non-coherently per dwell (default 1)', {
    min: 1,
    max: 10000,
    integer: true,
  }).optional(),
  lowAltitude: lowAltitudeSchema.optional(),
  budget: radarBudgetSchema.optional(),
});

/** A gun type entry. */
export const gunTypeSchema = z.strictObject({
  ...provenance,
  rateOfFire_rps: plainNumber('Rate of fire, rounds/s', { positive: true, max: 1000 }),
  burst_s: quantity('time', 'Burst length', { positive: true, max: 60 }),
  ammunition: plainNumber('Rounds on the mount', { min: 0, max: 1e6, integer: true }),
  engagementRadius_m: quantity('length', 'Engagement radius', { positive: true, max: 1e5 }),
  minEngagementAltitude_m: quantity('length', 'Lowest engagement altitude', { min: 0, max: 1e5 }),
  pkPerBurst: z
    .strictObject({
      range_m: z
        .array(quantity('length', 'Slant range', { min: 0, max: 1e5 }))
        .min(1)
        .max(100),
      pk: z.array(probability('Per-burst kill probability')).min(1).max(100),
    })
    .superRefine(checkTable('range_m', 'pk'))
    .describe('Per-burst kill probability versus slant range'),
  slewTime_s: quantity('time', 'Slew-and-settle time', { min: 0, max: 60 }),
  costPerRound_usd: cost('Cost per round'),
  muzzleVelocity_mps: quantity('speed', 'Muzzle velocity', { positive: true, max: 5000 }),
  selfDestructTime_s: quantity('time', 'Round self-destruct time of flight (M940 class; absent: none)', {
    positive: true,
    max: 120,
  }).optional(),
});

/** The schema of each catalog section's entries. */
export const CATALOG_ENTRY_SCHEMAS = {
  threats: threatTypeSchema,
  interceptors: interceptorTypeSchema,
  radars: radarTypeSchema,
  guns: gunTypeSchema,
} as const;

/** The TS type of each catalog section's entries. */
export interface CatalogEntryTypes {
  threats: ThreatType;
  interceptors: InterceptorType;
  radars: RadarType;
  guns: GunType;
}
