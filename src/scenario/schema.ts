/**
 * @module scenario/schema
 * The zod schema of a scenario YAML file: every field documented, every default stated, unknown keys rejected.
 * Quantities are parsed to SI inside the schema (so issues carry their paths); references to assets and catalog
 * entries are resolved later by `compileScenario`. `scenarioJsonSchema()` exports the same schema as JSON Schema.
 */
import { z } from 'zod';
import { MAX_WINDOW_SCANS } from '../math/hitWindow.js';
import {
  expecting,
  idSchema,
  latitudeDeg,
  longitudeDeg,
  plainNumber,
  pointSchema,
  quantity,
} from './fields.js';

/** An ISO-8601 date-time with an explicit offset (`2020-01-08T01:30:00+03:00` or `…Z`). */
export const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Local clock time `HH:MM` or `HH:MM:SS`. */
export const CLOCK_TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/;

/** Tracker confirmation rule `M/N`. */
export const CONFIRM_RULE = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;

const startSchema = z
  .string({ error: expecting('an ISO-8601 date-time with offset, e.g. 2020-01-08T01:30:00+03:00') })
  .refine((s) => ISO_WITH_OFFSET.test(s) && Number.isFinite(Date.parse(s)), {
    message: 'expected an ISO-8601 date-time with offset, e.g. 2020-01-08T01:30:00+03:00',
  })
  .describe('Scenario start, ISO-8601 with UTC offset; clock times of threats are read in this offset');

const earlyWarningSchema = z
  .strictObject({
    enabled: z
      .boolean({ error: expecting('true or false') })
      .default(false)
      .describe('Space-based launch warning on/off'),
    delay: quantity('time', 'Launch detection to alert delay (a cue later than an hour warns of nothing)', {
      min: 0,
      max: 3600,
    }).prefault('90s'),
  })
  .describe('Space-based launch warning: a cue at launch plus a processing delay (docs/domain.md §2.4)');

const trackerSchema = z
  .strictObject({
    gate: plainNumber('Gate on the Mahalanobis distance d (not d²)', { positive: true, max: 100 }).default(4),
    confirm: z
      .string({ error: expecting("an 'M/N' confirmation rule like '3/4'") })
      .refine(
        (s) => {
          const m = CONFIRM_RULE.exec(s);
          if (m === null) return false;
          const hits = Number(m[1]);
          const scans = Number(m[2]);
          return hits >= 1 && scans >= hits && scans <= MAX_WINDOW_SCANS;
        },
        { message: `expected 'M/N' with 1 <= M <= N <= ${MAX_WINDOW_SCANS}, e.g. '3/4'` },
      )
      .default('3/4')
      .describe('Confirm a tentative track after M hits in the last N scans, written "M/N"'),
    deleteMisses: plainNumber('Delete a confirmed track after this many consecutive misses', {
      min: 1,
      max: 1000,
      integer: true,
    }).default(3),
    processNoise: plainNumber('Process noise spectral density, m²/s³', { positive: true, max: 1e9 }).default(
      100,
    ),
  })
  .describe('Tracker settings used by every C2 node');

const catalogOverridesSchema = z
  .record(
    idSchema,
    z.record(z.string(), z.unknown(), { error: expecting('a catalog entry (a mapping of fields)') }),
    { error: expecting('a mapping from entry id to entry') },
  )
  .optional();

const catalogSchema = z
  .strictObject({
    threats: catalogOverridesSchema.describe(
      'Threat types to add or override (`extends: <id>` to start from one)',
    ),
    interceptors: catalogOverridesSchema.describe('Interceptor types to add or override'),
    radars: catalogOverridesSchema.describe('Radar types to add or override'),
    guns: catalogOverridesSchema.describe('Gun types to add or override'),
  })
  .describe(
    'Catalog entries to add or override. Each entry either `extends: <catalog id>` and lists the fields to change, ' +
      'or gives every field of its kind (see src/scenario/catalog/)',
  );

const assetSchema = z
  .strictObject({
    id: idSchema.describe('Unique asset id, referenced by threats[].target and units[].defends'),
    name: z
      .string({ error: expecting('a name string') })
      .optional()
      .describe('Display name (default: the id)'),
    lat: latitudeDeg,
    lon: longitudeDeg,
    alt: pointSchema.shape.alt,
    radius: quantity('length', 'Radius of the defended circle', { positive: true, max: 1e6 }).prefault('1km'),
    value: plainNumber('Relative value for threat evaluation', { positive: true, max: 1e6 }).default(1),
  })
  .describe('A defended asset: a circle on the ground');

const radarPlacementSchema = (defaultType: string) =>
  z
    .strictObject({
      type: idSchema.default(defaultType).describe(`Radar catalog id (default ${defaultType})`),
      sectorCenter: quantity('angle', 'Sector centre, clockwise from north', {
        min: -4 * Math.PI,
        max: 4 * Math.PI,
      }).prefault('0deg'),
      sectorWidth: quantity('angle', 'Sector full width in azimuth; overrides the radar type', {
        positive: true,
        max: 2 * Math.PI + 1e-9,
      }).optional(),
    })
    .describe('The unit radar: catalog type and orientation');

/** An additional radar of a unit: feeds the same C2 picture (tracker) as the unit radar. */
const extraRadarSchema = (defaultType: string) =>
  z
    .strictObject({
      type: idSchema.default(defaultType).describe(`Radar catalog id (default ${defaultType})`),
      at: pointSchema.optional().describe('Radar position (default: the unit position)'),
      sectorCenter: quantity('angle', 'Sector centre, clockwise from north', {
        min: -4 * Math.PI,
        max: 4 * Math.PI,
      }),
      sectorWidth: quantity('angle', 'Sector full width in azimuth; overrides the radar type', {
        positive: true,
        max: 2 * Math.PI + 1e-9,
      }).optional(),
    })
    .describe('An additional radar of the unit, netted into its C2 picture');

const extraRadarsSchema = (defaultType: string) =>
  z
    .array(extraRadarSchema(defaultType), { error: expecting('a list of radars') })
    .max(16, { error: 'expected at most 16 extra radars' })
    .default([])
    .describe('Additional radars feeding the unit tracker (default: none)');

const launcherSchema = z
  .strictObject({
    count: plainNumber('Number of identical launchers', { min: 1, max: 100, integer: true }).default(6),
    interceptor: idSchema.describe('Interceptor catalog id'),
    loaded: plainNumber('Rounds loaded per launcher at start (default: capacity)', {
      min: 0,
      max: 100,
      integer: true,
    }).optional(),
    capacity: plainNumber('Rounds per launcher after a reload (default: loaded, else 4)', {
      min: 1,
      max: 100,
      integer: true,
    }).optional(),
    reload: quantity('time', 'Reload time of one empty launcher', { min: 0, max: 86400 }).prefault('15min'),
    reserve: plainNumber('Spare rounds at the battery for reloads', {
      min: 0,
      max: 10000,
      integer: true,
    }).default(0),
  })
  .describe('A group of identical launchers');

const doctrineSchema = z
  .strictObject({
    mode: z
      .enum(['salvo', 'shoot-look-shoot'], { error: expecting("'salvo' or 'shoot-look-shoot'") })
      .default('salvo')
      .describe('Fire doctrine'),
    shotsPerThreat: plainNumber('Interceptors per engagement', { min: 1, max: 16, integer: true }).default(2),
    maxShotsPerThreat: plainNumber(
      'Upper bound on interceptors against one threat (default: 2 × shotsPerThreat)',
      {
        min: 1,
        max: 64,
        integer: true,
      },
    ).optional(),
    killAssessmentDelay: quantity('time', 'Intercept to kill-assessment delay', {
      min: 0,
      max: 600,
    }).prefault('5s'),
    salvoInterval: quantity('time', 'Gap between rounds of one salvo', { min: 0, max: 60 }).prefault('1s'),
    killAssessmentError: z
      .strictObject({
        missJudgedKill: plainNumber(
          'Probability a surviving threat is assessed killed (it is not re-engaged and may leak)',
          { min: 0, max: 1 },
        ).default(0),
        killJudgedMiss: plainNumber(
          'Probability a killed threat is assessed surviving (its dead track may be re-engaged, wasting rounds)',
          { min: 0, max: 1 },
        ).default(0),
      })
      .prefault({})
      .describe(
        'Kill-assessment error probabilities, drawn per assessment (default: perfect assessment, 0 and 0)',
      ),
  })
  .describe('Fire doctrine of a battery');

const samBatterySchema = z
  .strictObject({
    id: idSchema.describe('Unique unit id'),
    kind: z.literal('sam-battery'),
    at: pointSchema.describe('Battery position'),
    radar: radarPlacementSchema('notional-mfr'),
    extraRadars: extraRadarsSchema('notional-mfr'),
    launchers: z
      .array(launcherSchema, { error: expecting('a list of launcher groups') })
      .min(1, { error: 'expected at least one launcher group' })
      .max(32)
      .describe('Launcher groups'),
    fireChannels: plainNumber('Interceptors the battery can guide at once', {
      min: 1,
      max: 64,
      integer: true,
    }).default(5),
    doctrine: doctrineSchema.prefault({}),
    reactionTime: quantity('time', 'Decide-to-launch delay', { min: 0, max: 600 }).prefault('8s'),
    defends: z
      .array(idSchema, { error: expecting('a list of asset ids') })
      .optional()
      .describe('Asset ids this battery defends (default: all assets)'),
    cost: quantity('currency', 'Battery cost for reporting', { min: 0 }).prefault('$1000M'),
  })
  .describe('A Patriot-style SAM battery (notional)');

const cramSchema = z
  .strictObject({
    id: idSchema.describe('Unique unit id'),
    kind: z.literal('c-ram'),
    at: pointSchema.describe('Gun mount position'),
    radar: radarPlacementSchema('notional-cram-radar').prefault({}),
    extraRadars: extraRadarsSchema('notional-cram-radar'),
    gun: idSchema.default('notional-cram').describe('Gun catalog id'),
    ammunition: plainNumber('Rounds on the mount (overrides the gun type)', {
      min: 0,
      max: 1e6,
      integer: true,
    }).optional(),
    defends: z
      .array(idSchema, { error: expecting('a list of asset ids') })
      .optional()
      .describe('Asset ids this mount defends (default: all assets)'),
    warnThreshold: quantity('time', 'Warning lead time needed to take cover (sense and warn)', {
      min: 0,
      max: 600,
    }).prefault('5s'),
  })
  .describe('A C-RAM gun mount with its sense-and-warn radar (notional)');

const unitSchema = z.discriminatedUnion('kind', [samBatterySchema, cramSchema], {
  error: expecting("a unit with kind 'sam-battery' or 'c-ram'"),
});

const launchTimeSchema = z
  .union([z.number(), z.string()], {
    error: expecting("a clock time 'HH:MM[:SS]', an offset like '+4min', or seconds after start"),
  })
  .describe(
    'Launch time of the first round: local clock time "HH:MM[:SS]" in the start offset (on the start date, rolled ' +
      'to the next day if earlier than the start), or an offset from start ("+4min", "240s", 240)',
  );

const threatSchema = z
  .strictObject({
    raid: idSchema.describe('Raid name; rounds get ids <raid>-1, <raid>-2, …; unique per file'),
    type: idSchema.describe('Threat catalog id'),
    from: pointSchema.describe('Launch point'),
    target: z
      .union([idSchema, pointSchema], { error: expecting('an asset id or a point { lat, lon }') })
      .describe('Asset id, or a point { lat, lon, alt? }'),
    count: plainNumber('Rounds in the raid', { min: 1, max: 10000, integer: true }).default(1),
    at: launchTimeSchema.default(0),
    interval: quantity('time', 'Spacing between rounds of the raid', { min: 0, max: 86400 }).prefault('0s'),
    spread: quantity(
      'length',
      'Radius around the target within which aimpoints spread deterministically (golden-angle spiral)',
      { min: 0, max: 1e5 },
    ).prefault('0m'),
    waypoints: z
      .array(pointSchema, { error: expecting('a list of points { lat, lon }') })
      .max(1000)
      .default([])
      .describe('Intermediate waypoints (drones and cruise missiles only)'),
  })
  .describe('A raid: `count` rounds of one threat type from one launch point');

/** Jammer power and bandwidth are plain SI numbers (W, Hz): the quantity parser has no power or frequency units. */
const standOffJammerSchema = z
  .strictObject({
    id: idSchema.describe('Unique jammer id'),
    kind: z.literal('stand-off'),
    at: pointSchema.describe('Jammer position (an aircraft: give its altitude)'),
    erp: plainNumber('Effective radiated power toward the radars, W (plain number)', {
      positive: true,
      max: 1e9,
    }).default(1000),
    bandwidth: plainNumber('Noise bandwidth, Hz (plain number; 1 kHz..100 GHz)', {
      min: 1e3,
      max: 1e11,
    }).default(10e6),
    from: quantity('time', 'Switch-on time after scenario start', { min: 0 }).prefault('0s'),
    until: quantity('time', 'Switch-off time after scenario start (default: end of run)', {
      min: 0,
    }).optional(),
  })
  .describe('A stand-off noise jammer at a fixed point');

const selfScreeningJammerSchema = z
  .strictObject({
    id: idSchema.describe('Unique jammer id'),
    kind: z.literal('self-screening'),
    threatRaid: idSchema.describe('Raid whose every round carries the jammer'),
    erp: plainNumber('Effective radiated power toward the radars, W (plain number)', {
      positive: true,
      max: 1e9,
    }).default(10),
    bandwidth: plainNumber('Noise bandwidth, Hz (plain number; 1 kHz..100 GHz)', {
      min: 1e3,
      max: 1e11,
    }).default(10e6),
  })
  .describe('A self-screening noise jammer carried by the rounds of a raid');

const jammerSchema = z.discriminatedUnion('kind', [standOffJammerSchema, selfScreeningJammerSchema], {
  error: expecting("a jammer with kind 'stand-off' or 'self-screening'"),
});

const networkMemberSchema = z
  .union(
    [
      idSchema,
      z.strictObject({
        unit: idSchema.describe('Unit id'),
        tier: z
          .enum(['upper', 'lower'], { error: expecting("'upper' or 'lower'") })
          .describe('Layer: upper decides first, lower takes leakers'),
      }),
    ],
    { error: expecting("a unit id, or { unit, tier: 'upper' | 'lower' }") },
  )
  .describe('A netted unit: its id (tier: upper for a SAM battery, lower for a C-RAM), or { unit, tier }');

const networkSchema = z
  .strictObject({
    id: idSchema.describe('Unique network id'),
    units: z
      .array(networkMemberSchema, { error: expecting('a list of unit ids') })
      .min(1, { error: 'expected at least one unit' })
      .max(1000)
      .describe('Netted units: one shared air picture and one engagement ledger'),
    allowSimultaneous: z
      .boolean({ error: expecting('true or false') })
      .default(false)
      .describe(
        'Doctrine: several units may engage one threat at once (default false: one shooter per threat)',
      ),
    lastChance: quantity(
      'time',
      'Time to impact under which a lower-tier unit engages even when the upper tier waits for its launch window',
      { min: 0, max: 3600 },
    ).prefault('10s'),
  })
  .describe('A layered-C2 network (docs/layered-defense.md)');

/** The scenario file schema (input: YAML-parsed object; output: quantities in SI, defaults filled). */
export const scenarioSchema = z
  .strictObject({
    name: z
      .string({ error: expecting('a scenario name') })
      .min(1)
      .describe('Scenario name (required)'),
    description: z
      .string({ error: expecting('a description string') })
      .default('')
      .describe('Free text'),
    seed: plainNumber('Default RNG seed (the CLI --seed overrides it)', {
      min: 0,
      max: 2 ** 32 - 1,
      integer: true,
    }).default(1),
    start: startSchema,
    duration: quantity('time', 'Simulated time span', { positive: true, max: 30 * 86400 }).prefault('1h'),
    step: quantity('time', 'Fixed integration step for threats and interceptors', {
      min: 0.001,
      max: 1,
      why:
        'below 1 ms the interceptor flyout costs millions of steps per round and resolves nothing more; above 1 s ' +
        'an interceptor closing at km/s crosses the lethal radius between steps (docs/limits.md)',
    }).prefault('0.1s'),
    threatMargin: quantity('length', 'Margin around an asset radius for threat evaluation', {
      min: 0,
      max: 1e5,
    }).prefault('500m'),
    earlyWarning: earlyWarningSchema.prefault({}),
    tracker: trackerSchema.prefault({}),
    catalog: catalogSchema.optional(),
    assets: z
      .array(assetSchema, { error: expecting('a list of assets') })
      .max(1000)
      .default([])
      .describe('Defended assets'),
    units: z
      .array(unitSchema, { error: expecting('a list of defense units') })
      .max(1000)
      .default([])
      .describe('Defense units: SAM batteries and C-RAM mounts'),
    threats: z
      .array(threatSchema, { error: expecting('a list of raids') })
      .max(10000)
      .default([])
      .describe('Threat raids'),
    jammers: z
      .array(jammerSchema, { error: expecting('a list of jammers') })
      .max(1000)
      .default([])
      .describe('Noise jammers (default: none)'),
    terrain: z
      .strictObject({
        dem: z
          .string({ error: expecting('a GeoTIFF path') })
          .min(1)
          .describe('GeoTIFF DEM (single band Int16/Float32, EPSG:4326), relative to the scenario file'),
      })
      .optional()
      .describe('Terrain for line of sight and terrain following (default: smooth Earth)'),
    networks: z
      .array(networkSchema, { error: expecting('a list of networks') })
      .max(1000)
      .default([])
      .describe('Layered-C2 networks (default: none; every unit fights alone)'),
  })
  .describe('aspis scenario file (all data notional)');

/** The scenario file after schema parsing: SI quantities, defaults filled, references not yet resolved. */
export type ScenarioFile = z.output<typeof scenarioSchema>;

/**
 * JSON Schema (draft 2020-12) of the scenario file, as written by a user (input side of the zod schema).
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { scenarioJsonSchema } from 'aspis';
 * writeFileSync('aspis-scenario.schema.json', JSON.stringify(scenarioJsonSchema(), null, 2)); // for editor completion
 * ```
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
