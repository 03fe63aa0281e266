/**
 * @module scenario/compile
 * Compiles a parsed scenario file into the immutable `Scenario` (types.ts): validates it against the schema,
 * converts degrees to radians, resolves asset and catalog references, expands each raid into one `ThreatLaunch`
 * per round (launch times from clock times or offsets, aimpoints spread on a golden-angle spiral) and deep-freezes
 * the result. Every failure is an `AspisError` with a field path; the output never contains NaN.
 */
import { demFromGeoTiff } from '../env/dem.js';
import type { Terrain } from '../env/terrain.js';
import { AspisError, type AspisIssue, type AspisWarning, sortIssues } from '../errors.js';
import { enuToEcef } from '../geo/frames.js';
import { ecefToGeodetic } from '../geo/wgs84.js';
import { type Catalog, deepFreeze, extendCatalog, loadCatalog } from './catalog.js';
import type { CatalogKind } from './catalogSchema.js';
import { issueToError } from './fields.js';
import { type InputFiles, localInputFiles } from './inputFiles.js';
import { parseQuantity } from './quantity.js';
import { CLOCK_TIME, CONFIRM_RULE, ISO_WITH_OFFSET, type ScenarioFile, scenarioSchema } from './schema.js';
import { reversedJammerWindows, semanticChecks } from './semantic.js';
import type {
  Asset,
  C2Network,
  DefenseUnit,
  Geodetic,
  GunMount,
  Jammer,
  NetworkMember,
  Radar,
  SamBattery,
  Scenario,
  ThreatLaunch,
  ThreatType,
} from './types.js';
import { checkRoundCount } from './work.js';

/** Options of `compileScenario`. */
export interface CompileOptions {
  /** Catalog to resolve ids against (default: the shipped catalog, loaded from disk). */
  readonly catalog?: Catalog;
  /** Directory that relative file references (`terrain.dem`) resolve against (default: the working directory). */
  readonly baseDir?: string;
  /**
   * Where file references are read from, recording each file's digest (`scenario/inputFiles`); default
   * `localInputFiles(baseDir)`. The server and queue workers pass `confinedInputFiles`.
   */
  readonly files?: InputFiles;
  /** Receives each warning (`W_…`: accepted, but likely not what was meant), sorted by path (default: dropped). */
  readonly onWarning?: (warning: AspisWarning) => void;
}

/** The scenario's DEM, read through `files` (which records its digest). */
function demOf(files: InputFiles, ref: string): Terrain {
  const dem = files.read(ref, 'terrain.dem');
  return demFromGeoTiff(dem.bytes, dem.shown, { field: 'terrain.dem' });
}

/** Degrees → radians. */
const RAD_PER_DEG = Math.PI / 180;
/** Seconds in a day (clock times roll over to the next day). */
const DAY_s = 86400;
/** Golden angle π(3 − √5), rad: successive aimpoints on the spiral never line up (Vogel 1979). */
const GOLDEN_ANGLE_rad = Math.PI * (3 - Math.sqrt(5));

type PointFile = { lat: number; lon: number; alt: number };

/** A file point (degrees, metres) → geodetic (radians, metres). */
function toGeodetic(point: PointFile): Geodetic {
  return { lat_rad: point.lat * RAD_PER_DEG, lon_rad: point.lon * RAD_PER_DEG, h_m: point.alt };
}

/** Seconds since local midnight of the scenario start (`2020-01-08T01:30:00+03:00` → 5400). */
function startClock_s(start: string): number {
  const m = ISO_WITH_OFFSET.exec(start);
  if (m === null)
    throw new AspisError('E_SCENARIO_FIELD', 'start', 'expected an ISO-8601 date-time with offset');
  return Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6] ?? 0);
}

/**
 * Launch time of a raid's first round, s after start.
 * A clock time `HH:MM[:SS]` is read in the start's offset on the start date (next day if earlier than the start);
 * anything else is a duration after start (`+4min`, `240s`, 240).
 */
function launchOffset_s(at: number | string, start: string, path: string): number {
  if (typeof at === 'string') {
    const clock = CLOCK_TIME.exec(at.trim());
    if (clock !== null) {
      const hours = Number(clock[1]);
      const minutes = Number(clock[2]);
      const seconds = Number(clock[3] ?? 0);
      if (hours > 23 || minutes > 59 || seconds >= 60) {
        throw new AspisError('E_SCENARIO_FIELD', path, 'expected a clock time 00:00..23:59:59');
      }
      let offset_s = hours * 3600 + minutes * 60 + seconds - startClock_s(start);
      if (offset_s < 0) offset_s += DAY_s;
      return offset_s;
    }
    const text = at.trim();
    const offset = text.startsWith('+') ? text.slice(1) : text;
    const value = parseQuantity(offset, 'time', path);
    if (value < 0)
      throw new AspisError('E_SCENARIO_FIELD', path, 'expected a non-negative offset from start');
    return value;
  }
  const value = parseQuantity(at, 'time', path);
  if (value < 0) throw new AspisError('E_SCENARIO_FIELD', path, 'expected a non-negative offset from start');
  return value;
}

/**
 * Aimpoint of round `index` (0-based) of `count`: a golden-angle (Vogel) spiral of radius `spread_m` around
 * `target`, equal-area spacing, no randomness. Height stays the target's.
 */
export function spiralAimpoint(target: Geodetic, index: number, count: number, spread_m: number): Geodetic {
  if (spread_m === 0 || count <= 1) return target;
  const radius_m = spread_m * Math.sqrt((index + 0.5) / count);
  const angle_rad = index * GOLDEN_ANGLE_rad;
  const pos_enu = new Float64Array([radius_m * Math.sin(angle_rad), radius_m * Math.cos(angle_rad), 0]);
  const aim = ecefToGeodetic(enuToEcef(target, pos_enu));
  return { lat_rad: aim.lat_rad, lon_rad: aim.lon_rad, h_m: target.h_m };
}

/** One E_SCENARIO_FIELD issue per repeated id. */
function duplicateIds(ids: readonly string[], section: string, what: string): AspisIssue[] {
  const seen = new Set<string>();
  const issues: AspisIssue[] = [];
  ids.forEach((id, index) => {
    if (seen.has(id))
      issues.push({
        code: 'E_SCENARIO_FIELD',
        path: `${section}[${index}]`,
        message: `duplicate ${what} '${id}'`,
      });
    seen.add(id);
  });
  return issues;
}

/**
 * Collects the problems of a compile so that a file's every problem is reported at once: `attempt` runs one
 * independent piece (a unit, a raid, a jammer) and records its AspisError instead of stopping.
 */
class ProblemList {
  readonly issues: AspisIssue[] = [];

  add(issues: readonly AspisIssue[]): void {
    for (const issue of issues) this.issues.push(issue);
  }

  /** The piece's result, or undefined after recording its error (other errors are bugs and propagate). */
  attempt<T>(piece: () => T): T | undefined {
    try {
      return piece();
    } catch (err) {
      if (!(err instanceof AspisError)) throw err;
      this.add(err.issues);
      return undefined;
    }
  }

  /** Throws every recorded problem as one AspisError, sorted by path. */
  throwIfAny(): void {
    if (this.issues.length > 0) throw AspisError.ofIssues(this.issues);
  }
}

/** Looks up a catalog entry or throws E_SCENARIO_REF naming the known ids. */
function lookup<K extends CatalogKind>(catalog: Catalog, kind: K, id: string, path: string) {
  const entry = catalog[kind].get(id);
  if (entry === undefined) {
    const known = [...catalog[kind].keys()].sort().join(', ');
    throw new AspisError('E_SCENARIO_REF', path, `unknown ${kind} id '${id}' (known: ${known})`);
  }
  return entry.value;
}

/** Resolves `defends` (default: all assets) against the asset ids. */
function resolveDefends(
  defends: readonly string[] | undefined,
  assetIds: ReadonlySet<string>,
  path: string,
): string[] {
  if (defends === undefined) return [...assetIds];
  defends.forEach((id, index) => {
    if (!assetIds.has(id))
      throw new AspisError('E_SCENARIO_REF', `${path}[${index}]`, `unknown asset id '${id}'`);
  });
  return [...defends];
}

type UnitFile = ScenarioFile['units'][number];

/** Builds the unit radar with an optional sector-width override. */
function buildRadar(catalog: Catalog, unit: UnitFile, position: Geodetic, path: string): Radar {
  const base = lookup(catalog, 'radars', unit.radar.type, `${path}.radar.type`);
  const type =
    unit.radar.sectorWidth === undefined ? base : { ...base, sectorWidth_rad: unit.radar.sectorWidth };
  return { id: `${unit.id}-radar`, type, position, sectorCenter_rad: unit.radar.sectorCenter };
}

/**
 * Builds a unit's extra radars: ids `${unit.id}/r${k}`, k = 1, 2, … (the unit radar is `${unit.id}-radar`), each at
 * its own position (default the unit's).
 */
function buildExtraRadars(catalog: Catalog, unit: UnitFile, position: Geodetic, path: string): Radar[] {
  return unit.extraRadars.map((extra, index) => {
    const base = lookup(catalog, 'radars', extra.type, `${path}.extraRadars[${index}].type`);
    const type = extra.sectorWidth === undefined ? base : { ...base, sectorWidth_rad: extra.sectorWidth };
    return {
      id: `${unit.id}/r${index + 1}`,
      type,
      position: extra.at === undefined ? position : toGeodetic(extra.at),
      sectorCenter_rad: extra.sectorCenter,
    };
  });
}

/** Compiles one defense unit. */
function buildUnit(
  catalog: Catalog,
  unit: UnitFile,
  assetIds: ReadonlySet<string>,
  path: string,
): DefenseUnit {
  const position = toGeodetic(unit.at);
  const radar = buildRadar(catalog, unit, position, path);
  const extraRadars = buildExtraRadars(catalog, unit, position, path);
  const defends = resolveDefends(unit.defends, assetIds, `${path}.defends`);
  if (unit.kind === 'c-ram') {
    const gunType = lookup(catalog, 'guns', unit.gun, `${path}.gun`);
    const gun = unit.ammunition === undefined ? gunType : { ...gunType, ammunition: unit.ammunition };
    const mount: GunMount = {
      kind: 'c-ram',
      id: unit.id,
      position,
      radar,
      extraRadars,
      gun,
      defends,
      warnThreshold_s: unit.warnThreshold,
    };
    return mount;
  }
  const launchers = buildLaunchers(catalog, unit, path);
  const doctrine = unit.doctrine;
  const maxShots = doctrine.maxShotsPerThreat ?? 2 * doctrine.shotsPerThreat;
  if (maxShots < doctrine.shotsPerThreat) {
    throw new AspisError(
      'E_SCENARIO_FIELD',
      `${path}.doctrine.maxShotsPerThreat`,
      `expected at least shotsPerThreat (${doctrine.shotsPerThreat})`,
    );
  }
  const battery: SamBattery = {
    kind: 'sam-battery',
    id: unit.id,
    position,
    radar,
    extraRadars,
    launchers,
    fireChannels: unit.fireChannels,
    doctrine: {
      mode: doctrine.mode,
      shotsPerThreat: doctrine.shotsPerThreat,
      maxShotsPerThreat: maxShots,
      killAssessmentDelay_s: doctrine.killAssessmentDelay,
      salvoInterval_s: doctrine.salvoInterval,
      killAssessmentError: {
        missJudgedKill: doctrine.killAssessmentError.missJudgedKill,
        killJudgedMiss: doctrine.killAssessmentError.killJudgedMiss,
      },
    },
    reactionTime_s: unit.reactionTime,
    defends,
    cost_usd: unit.cost,
  };
  return battery;
}

/** A battery's launcher groups, interceptors resolved (loaded ≤ capacity checked). */
function buildLaunchers(catalog: Catalog, unit: Extract<UnitFile, { kind: 'sam-battery' }>, path: string) {
  return unit.launchers.map((group, index) => {
    const groupPath = `${path}.launchers[${index}]`;
    const capacity = group.capacity ?? group.loaded ?? 4;
    const loaded = group.loaded ?? capacity;
    if (loaded > capacity) {
      throw new AspisError(
        'E_SCENARIO_FIELD',
        `${groupPath}.loaded`,
        `expected at most capacity (${capacity})`,
      );
    }
    return {
      count: group.count,
      interceptor: lookup(catalog, 'interceptors', group.interceptor, `${groupPath}.interceptor`),
      loaded,
      capacity,
      reload_s: group.reload,
      reserve: group.reserve,
    };
  });
}

/** Expands one raid into its rounds. */
function expandRaid(
  file: ScenarioFile,
  raid: ScenarioFile['threats'][number],
  type: ThreatType,
  assets: ReadonlyMap<string, Asset>,
  path: string,
): ThreatLaunch[] {
  let target: Geodetic;
  let targetAssetId: string | null = null;
  if (typeof raid.target === 'string') {
    const asset = assets.get(raid.target);
    if (asset === undefined) {
      throw new AspisError('E_SCENARIO_REF', `${path}.target`, `unknown asset id '${raid.target}'`);
    }
    target = asset.position;
    targetAssetId = asset.id;
  } else {
    target = toGeodetic(raid.target);
  }
  if (raid.waypoints.length > 0 && type.kind !== 'drone' && type.kind !== 'cruise') {
    throw new AspisError(
      'E_SCENARIO_FIELD',
      `${path}.waypoints`,
      `only drones and cruise missiles fly waypoints ('${type.id}' is ${type.kind})`,
    );
  }
  const first_s = launchOffset_s(raid.at, file.start, `${path}.at`);
  const from = toGeodetic(raid.from);
  const waypoints = raid.waypoints.map(toGeodetic);
  const rounds: ThreatLaunch[] = [];
  for (let n = 0; n < raid.count; n++) {
    const launchTime_s = first_s + n * raid.interval;
    if (launchTime_s > file.duration) {
      throw new AspisError(
        'E_SCENARIO_FIELD',
        `${path}.at`,
        `round ${n + 1} launches at ${launchTime_s} s, after the scenario ends (duration ${file.duration} s)`,
      );
    }
    rounds.push({
      id: `${raid.raid}-${n + 1}`,
      raid: raid.raid,
      typeId: type.id,
      launchTime_s,
      from,
      aim: spiralAimpoint(target, n, raid.count, raid.spread),
      targetAssetId,
      waypoints,
    });
  }
  return rounds;
}

/** Throws if any number reachable from `value` is not finite (the guard behind "never NaN in the output"). */
function assertFinite(value: unknown, path: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new AspisError('E_SCENARIO_FIELD', path, 'value is not a finite number');
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) assertFinite(value[index], `${path}[${index}]`);
    return;
  }
  for (const [key, item] of Object.entries(value)) assertFinite(item, path === '' ? key : `${path}.${key}`);
}

/** Resolves the jammers: unique ids, raid references checked, stand-off windows defaulted to the whole run. */
function compileJammers(
  file: ScenarioFile,
  threats: readonly ThreatLaunch[],
  problems: ProblemList,
): Jammer[] {
  problems.add(
    duplicateIds(
      file.jammers.map((j) => j.id),
      'jammers',
      'jammer id',
    ),
  );
  const raidNames = new Set(file.threats.map((t) => t.raid));
  return file.jammers.flatMap((jammer, index): Jammer[] => {
    if (jammer.kind === 'stand-off') {
      return [
        {
          id: jammer.id,
          kind: 'stand-off',
          position: toGeodetic(jammer.at),
          erp_W: jammer.erp,
          bandwidth_Hz: jammer.bandwidth,
          from_s: jammer.from,
          until_s: jammer.until ?? file.duration,
        },
      ];
    }
    const threatIds = threats.filter((t) => t.raid === jammer.threatRaid).map((t) => t.id);
    if (threatIds.length === 0) {
      // a raid that exists in the file but failed to compile has its own error already
      if (!raidNames.has(jammer.threatRaid)) {
        problems.add([
          {
            code: 'E_SCENARIO_REF',
            path: `jammers[${index}].threatRaid`,
            message: `unknown raid '${jammer.threatRaid}'`,
          },
        ]);
      }
      return [];
    }
    return [
      {
        id: jammer.id,
        kind: 'self-screening',
        threatRaid: jammer.threatRaid,
        threatIds,
        erp_W: jammer.erp,
        bandwidth_Hz: jammer.bandwidth,
      },
    ];
  });
}

/**
 * Resolves the layered-C2 networks: unique ids, known units, each unit on at most one network; a member given by id
 * alone is upper tier when it is a SAM battery, lower tier when it is a C-RAM mount.
 */
function compileNetworks(
  file: ScenarioFile,
  units: readonly DefenseUnit[],
  problems: ProblemList,
): C2Network[] {
  problems.add(
    duplicateIds(
      file.networks.map((n) => n.id),
      'networks',
      'network id',
    ),
  );
  const byId = new Map(units.map((u) => [u.id, u]));
  const fileUnitIds = new Set(file.units.map((u) => u.id));
  const networkOf = new Map<string, string>();
  return file.networks.map((network, index): C2Network => {
    const members = network.units.flatMap((member, m): NetworkMember[] => {
      const path = `networks[${index}].units[${m}]`;
      const unitId = typeof member === 'string' ? member : member.unit;
      const unit = byId.get(unitId);
      if (unit === undefined) {
        // a unit that exists in the file but failed to compile has its own error already
        if (!fileUnitIds.has(unitId))
          problems.add([{ code: 'E_SCENARIO_REF', path, message: `unknown unit id '${unitId}'` }]);
        return [];
      }
      const other = networkOf.get(unitId);
      if (other !== undefined) {
        problems.add([
          { code: 'E_SCENARIO_FIELD', path, message: `unit '${unitId}' is already on network '${other}'` },
        ]);
        return [];
      }
      networkOf.set(unitId, network.id);
      const tier =
        typeof member === 'string' ? (unit.kind === 'sam-battery' ? 'upper' : 'lower') : member.tier;
      return [{ unitId, tier }];
    });
    return {
      id: network.id,
      members,
      allowSimultaneous: network.allowSimultaneous,
      lastChance_s: network.lastChance,
    };
  });
}

/**
 * Compiles a parsed scenario document (the object YAML gives) into a frozen `Scenario`, SI throughout.
 * @param document the YAML-parsed file content
 * @throws AspisError `E_SCENARIO_FIELD` (invalid value, with path), `E_SCENARIO_REF` (unknown asset or catalog id),
 *   `E_CATALOG` (broken shipped catalog)
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { parse } from 'yaml';
 * import { compileScenario } from 'aspis';
 * const scenario = compileScenario(parse(readFileSync('scenarios/al-asad-2020.yaml', 'utf8')));
 * ```
 */
export function compileScenario(document: unknown, options: CompileOptions = {}): Scenario {
  const parsed = scenarioSchema.safeParse(document);
  if (!parsed.success) throw issueToError(parsed.error, 'E_SCENARIO_FIELD');
  const file = parsed.data;
  const baseCatalog = options.catalog ?? loadCatalog();
  const catalog =
    file.catalog === undefined ? baseCatalog : extendCatalog(baseCatalog, file.catalog, 'catalog');

  // every section reports into one list, so a file with several mistakes gets them all at once
  const problems = new ProblemList();
  const assets = compileAssets(file, problems);
  const assetById = new Map(assets.map((a) => [a.id, a]));
  const units = compileUnits(file, catalog, new Set(assetById.keys()), problems);
  const { threats, threatTypes } = compileThreats(file, catalog, assetById, problems);
  const jammers = compileJammers(file, threats, problems);
  const networks = compileNetworks(file, units, problems);
  problems.add(reversedJammerWindows(file));
  problems.throwIfAny();

  const scenario = assembleScenario(file, { assets, units, threats, threatTypes, jammers, networks });
  assertFinite(scenario, '');
  const findings = semanticChecks(file, scenario, catalog);
  problems.add(findings.errors);
  problems.throwIfAny();
  if (options.onWarning !== undefined)
    for (const warning of sortIssues(findings.warnings)) options.onWarning(warning);
  // the DEM joins after the finiteness walk (its heights are checked by the reader, and are many)
  const terrain =
    file.terrain === undefined
      ? undefined
      : demOf(options.files ?? localInputFiles(options.baseDir ?? '.'), file.terrain.dem);
  return deepFreeze(terrain === undefined ? scenario : { ...scenario, terrain });
}

/** The defended assets (duplicate ids reported). */
function compileAssets(file: ScenarioFile, problems: ProblemList): Asset[] {
  problems.add(
    duplicateIds(
      file.assets.map((a) => a.id),
      'assets',
      'asset id',
    ),
  );
  return file.assets.map((a) => ({
    id: a.id,
    name: a.name ?? a.id,
    position: toGeodetic(a),
    radius_m: a.radius,
    value: a.value,
  }));
}

/** The defense units that compile (duplicate ids and each unit's error reported; a failed unit is left out). */
function compileUnits(
  file: ScenarioFile,
  catalog: Catalog,
  assetIds: ReadonlySet<string>,
  problems: ProblemList,
): DefenseUnit[] {
  problems.add(
    duplicateIds(
      file.units.map((u) => u.id),
      'units',
      'unit id',
    ),
  );
  return file.units.flatMap((unit, index) => {
    const built = problems.attempt(() => buildUnit(catalog, unit, assetIds, `units[${index}]`));
    return built === undefined ? [] : [built];
  });
}

/**
 * Every raid expanded into its rounds, in engine order (launch time, then id), with the threat types they use.
 * The round count is checked before any raid is expanded and is thrown at once (docs/limits.md).
 */
function compileThreats(
  file: ScenarioFile,
  catalog: Catalog,
  assetById: ReadonlyMap<string, Asset>,
  problems: ProblemList,
): { threats: ThreatLaunch[]; threatTypes: Record<string, ThreatType> } {
  checkRoundCount(file.threats.map((t) => t.count));
  problems.add(
    duplicateIds(
      file.threats.map((t) => t.raid),
      'threats',
      'raid name',
    ),
  );
  const threatTypes: Record<string, ThreatType> = {};
  const threats: ThreatLaunch[] = [];
  file.threats.forEach((raid, index) => {
    const path = `threats[${index}]`;
    problems.attempt(() => {
      const type = lookup(catalog, 'threats', raid.type, `${path}.type`);
      threatTypes[type.id] = type;
      for (const round of expandRaid(file, raid, type, assetById, path)) threats.push(round);
    });
  });
  problems.add(
    duplicateIds(
      threats.map((t) => t.id),
      'threats',
      'threat id (raid name + round number)',
    ),
  );
  // engine order: by launch time, then id
  threats.sort((a, b) => a.launchTime_s - b.launchTime_s || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { threats, threatTypes };
}

/** The compiled sections of a scenario, before assembly. */
interface CompiledSections {
  readonly assets: Asset[];
  readonly units: DefenseUnit[];
  readonly threats: ThreatLaunch[];
  readonly threatTypes: Record<string, ThreatType>;
  readonly jammers: Jammer[];
  readonly networks: C2Network[];
}

/** The scenario object of a valid file, in its fixed key order (the tracker rule parsed, SI names). */
function assembleScenario(file: ScenarioFile, sections: CompiledSections): Scenario {
  const { assets, units, threats, threatTypes, jammers, networks } = sections;
  const confirm = CONFIRM_RULE.exec(file.tracker.confirm);
  return {
    name: file.name,
    description: file.description,
    seed: file.seed,
    start: file.start,
    duration_s: file.duration,
    assets,
    units,
    threats,
    threatTypes,
    earlyWarning: { enabled: file.earlyWarning.enabled, delay_s: file.earlyWarning.delay },
    tracker: {
      gate: file.tracker.gate,
      confirmM: Number(confirm?.[1] ?? 3),
      confirmN: Number(confirm?.[2] ?? 4),
      deleteMisses: file.tracker.deleteMisses,
      processNoise_m2ps3: file.tracker.processNoise,
    },
    threatMargin_m: file.threatMargin,
    step_s: file.step,
    // absent when empty, so a scenario without jammers compiles to the same object as before jammers existed
    ...(jammers.length > 0 ? { jammers } : {}),
    // absent when empty, for the same reason
    ...(networks.length > 0 ? { networks } : {}),
  };
}
