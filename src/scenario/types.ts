/**
 * @module scenario/types
 * The compiled, immutable `Scenario`: every quantity SI (m, s, kg, rad, m², USD), every catalog reference resolved.
 * A YAML file compiles into this once (`compileScenario`); the engine and every component only ever read it.
 * Catalog entries (threat, interceptor, radar and gun types) are notional data files with a source note.
 */
import type { CdTable } from '../dynamics/aero.js';
import type { Terrain } from '../env/terrain.js';
import type { Geodetic } from '../geo/wgs84.js';

// Geodetic and CdTable live at the lowest layer that needs them (geo/, dynamics/); re-exported for scenario readers.
export type { CdTable, Geodetic };

/** Provenance every catalog entry carries: it is notional and says which public facts it rests on. */
export interface CatalogProvenance {
  /** Catalog id, e.g. `notional-srbm-500km`. */
  readonly id: string;
  /** Human name, e.g. "Fateh-313-class SRBM (notional)". */
  readonly name: string;
  /** Always true: aspis ships no real performance data. */
  readonly notional: true;
  /** Public sources the numbers rest on (docs/domain.md section, press, encyclopedia). */
  readonly source: string;
}

/**
 * Radar cross-section versus aspect angle (angle between the threat's velocity and the line of sight from the threat
 * to the radar: 0 nose-on, π/2 broadside, π tail-on), interpolated linearly in dB, clamped at the ends
 * (`sensors/aspectRcs`).
 */
export interface RcsAspectTable {
  /** Aspect angles, rad, strictly increasing within [0, π]. */
  readonly aspect_rad: readonly number[];
  /** RCS at each aspect, m² (> 0). */
  readonly rcs_m2: readonly number[];
}

/** A boosted ballistic missile (SRBM class): boost, coast and re-entry with drag and gravity. */
export interface BallisticThreatType extends CatalogProvenance {
  readonly kind: 'ballistic';
  /** Mass at lift-off, kg. */
  readonly launchMass_kg: number;
  /** Propellant mass burnt during boost, kg. */
  readonly propellantMass_kg: number;
  /** Boost duration, s (mass flow = propellant / burn time). */
  readonly burnTime_s: number;
  /** Vacuum-ish constant thrust during boost, N. */
  readonly thrust_N: number;
  /** Body diameter, m (reference area π d²/4). */
  readonly diameter_m: number;
  /** Cd versus Mach of the re-entering body (after burnout: warhead section or whole missile). */
  readonly cd: CdTable;
  /** Mass of the body that re-enters, kg (whole missile when it does not separate). */
  readonly reentryMass_kg: number;
  /** Catalogue maximum range, m (the aimpoint solver refuses longer shots). */
  readonly maxRange_m: number;
  /** Vertical rise before the pitch-over, s. */
  readonly verticalRise_s: number;
  /** Probability that the missile flies normally (1 − in-flight failure). */
  readonly reliability: number;
  /**
   * Share of in-flight failures that break the body up (no warhead arrives); the rest are guidance failures whose
   * warhead lands off-aim (`threats/failure`). Notional; default 0.5.
   */
  readonly failureBreakUpFraction?: number;
  /** Circular error probable at the aimpoint, m. */
  readonly cep_m: number;
  /** Radar cross-section seen by sensors, m² (one value; Swerling 1 fluctuation on top). */
  readonly rcs_m2: number;
  /**
   * Optional RCS versus aspect (`sensors/aspectRcs`); when present the radars use it instead of `rcs_m2`, which
   * stays the sphere-averaged mean of the table (used where the aspect is unknown).
   */
  readonly rcsAspect?: RcsAspectTable;
  /** Unit cost for cost-exchange, USD. */
  readonly cost_usd: number;
  /** Warhead mass, kg (for reporting). */
  readonly warheadMass_kg: number;
}

/** An unguided rocket or mortar (107 mm, 122 mm): short burn then drag + gravity. */
export interface RocketThreatType extends CatalogProvenance {
  readonly kind: 'rocket';
  readonly launchMass_kg: number;
  readonly propellantMass_kg: number;
  readonly burnTime_s: number;
  readonly thrust_N: number;
  readonly diameter_m: number;
  readonly cd: CdTable;
  readonly maxRange_m: number;
  readonly minRange_m: number;
  readonly reliability: number;
  /** Share of in-flight failures that break the round up (no warhead arrives), notional; default 0.5. */
  readonly failureBreakUpFraction?: number;
  /** Range dispersion, 1σ as a fraction of range. */
  readonly rangeErrorFraction: number;
  /** Deflection dispersion, 1σ, rad. */
  readonly deflectionError_rad: number;
  readonly rcs_m2: number;
  /**
   * Optional RCS versus aspect (`sensors/aspectRcs`); when present the radars use it instead of `rcs_m2`, which
   * stays the sphere-averaged mean of the table (used where the aspect is unknown).
   */
  readonly rcsAspect?: RcsAspectTable;
  readonly cost_usd: number;
  readonly warheadMass_kg: number;
}

/** A one-way attack drone (Shahed class): constant airspeed, low altitude, waypoints, terminal dive. */
export interface DroneThreatType extends CatalogProvenance {
  readonly kind: 'drone';
  readonly speed_mps: number;
  /** Cruise height above the launch/aim point ellipsoid height, m. */
  readonly cruiseAltitude_m: number;
  /** Dive angle of the terminal dive, rad below horizontal. */
  readonly diveAngle_rad: number;
  readonly reliability: number;
  /** Terminal accuracy, m (CEP). */
  readonly cep_m: number;
  readonly rcs_m2: number;
  /**
   * Optional RCS versus aspect (`sensors/aspectRcs`); when present the radars use it instead of `rcs_m2`, which
   * stays the sphere-averaged mean of the table (used where the aspect is unknown).
   */
  readonly rcsAspect?: RcsAspectTable;
  readonly cost_usd: number;
  readonly warheadMass_kg: number;
}

/** Terminal manoeuvre of a cruise missile: a straight dive from cruise height, or a pop-up climb then a dive. */
export type CruiseTerminal = 'dive' | 'pop-up';

/**
 * A subsonic land-attack cruise missile (Soumar/Hoveyzeh/Quds class): constant airspeed along waypoints at a low
 * cruise height above a smooth Earth (no terrain model), then a terminal dive or pop-up.
 */
export interface CruiseThreatType extends CatalogProvenance {
  readonly kind: 'cruise';
  readonly speed_mps: number;
  /** Cruise height above the local ground, m (ground: launch/aim ellipsoid height interpolated along the path). */
  readonly cruiseHeightAgl_m: number;
  readonly terminal: CruiseTerminal;
  readonly reliability: number;
  /** Terminal accuracy, m (CEP). */
  readonly cep_m: number;
  readonly rcs_m2: number;
  /**
   * Optional RCS versus aspect (`sensors/aspectRcs`); when present the radars use it instead of `rcs_m2`, which
   * stays the sphere-averaged mean of the table (used where the aspect is unknown).
   */
  readonly rcsAspect?: RcsAspectTable;
  readonly cost_usd: number;
  readonly warheadMass_kg: number;
}

export type ThreatType = BallisticThreatType | RocketThreatType | DroneThreatType | CruiseThreatType;

/** One threat in the raid, after expanding `count` and resolving the target. */
export interface ThreatLaunch {
  /** Unique id, `<raid>-<n>` (1-based). */
  readonly id: string;
  readonly raid: string;
  readonly typeId: string;
  /** Launch time after scenario start, s. */
  readonly launchTime_s: number;
  readonly from: Geodetic;
  /** Aimpoint (ground). */
  readonly aim: Geodetic;
  /** Asset aimed at, or null when aimed at a point. */
  readonly targetAssetId: string | null;
  /** Intermediate waypoints (drones and cruise missiles only; empty otherwise). */
  readonly waypoints: readonly Geodetic[];
}

/** A defended asset: a circle on the ground with a value used by threat evaluation and assignment. */
export interface Asset {
  readonly id: string;
  readonly name: string;
  readonly position: Geodetic;
  readonly radius_m: number;
  /** Relative value (dimensionless, > 0). */
  readonly value: number;
}

/** A search/track radar. The range equation is held in normalised form: SNR at a reference range and RCS. */
export interface RadarType extends CatalogProvenance {
  /** Single-pulse-integrated SNR achieved on `referenceRcs_m2` at `referenceRange_m`, dB. */
  readonly referenceSnr_dB: number;
  readonly referenceRange_m: number;
  readonly referenceRcs_m2: number;
  /** Instrumented range limit, m. */
  readonly maxRange_m: number;
  /** Probability of false alarm per resolution cell (sets the threshold for Swerling-1 Pd). */
  readonly pfa: number;
  /** Mean number of false alarms that pass the threshold per scan over the whole sector. */
  readonly falseAlarmsPerScan: number;
  /** Revisit interval, s. */
  readonly scanInterval_s: number;
  /** Measurement noise, 1σ. */
  readonly rangeSigma_m: number;
  readonly azimuthSigma_rad: number;
  readonly elevationSigma_rad: number;
  /** Sector full width in azimuth, rad (2π = all-round). */
  readonly sectorWidth_rad: number;
  readonly minElevation_rad: number;
  readonly maxElevation_rad: number;
  /** Antenna height above the site, m (for the horizon). */
  readonly antennaHeight_m: number;
  /** Jamming only (sensors/jamming): mainlobe antenna gain, dB (default 38). */
  readonly antennaGain_dB?: number;
  /** Jamming only: receiver noise bandwidth, Hz (default 1e6). */
  readonly bandwidth_Hz?: number;
  /** Jamming only: system noise temperature, K (default 1000). */
  readonly noiseTemperature_K?: number;
  /** Jamming only: average sidelobe level relative to the mainlobe, dB (default −30). */
  readonly sidelobeLevel_dB?: number;
  /**
   * Jamming only: one-way 3 dB beamwidth of the pencil beam, rad (default 3°). A stand-off jammer is received through
   * the main lobe only within about this of the dwell's pointing direction (`sensors/jamming` `antennaGain_dB`).
   */
  readonly beamwidth_rad?: number;
  /** Jamming and low-altitude propagation: wavelength, m (default 0.1, S band). */
  readonly wavelength_m?: number;
  /**
   * Swerling target-fluctuation case the detection law assumes, 0–4 (default 1; `sensors/swerling`
   * `detectionProbability`).
   */
  readonly swerling?: 0 | 1 | 2 | 3 | 4;
  /** Pulses integrated non-coherently per dwell, integer ≥ 1 (default 1); the SNR fields are per pulse. */
  readonly pulses?: number;
  /** Low-altitude propagation: two-ray multipath and land clutter (`sensors/propagation`); absent = free space. */
  readonly lowAltitude?: LowAltitudeEnvironment;
  /**
   * Time budget of a multifunction radar (`sensors/budget`): search and track dwells share each `scanInterval_s`
   * frame. Absent: every dwell searches the whole sector (the radar is never time-limited).
   */
  readonly budget?: RadarBudget;
}

/** Time budget of a multifunction radar (see `sensors/budget` and docs/radar-budget.md). */
export interface RadarBudget {
  /** Radar time to search the whole sector once, s. */
  readonly searchFrame_s: number;
  /** Radar time of one track update dwell, s. */
  readonly trackDwell_s: number;
  /** Desired revisit interval of each track, s. */
  readonly trackInterval_s: number;
  /** Largest fraction of radar time that track dwells may take, in [0, 1]. */
  readonly maxTrackFraction: number;
  /**
   * Smallest half-angle of a track dwell's gate (a truth object this close to the track's predicted line of sight is
   * in the beam), rad; default 1.5° (`DEFAULT_TRACK_GATE_rad`).
   */
  readonly trackGate_rad?: number;
}

/**
 * Surface and signal-processing parameters of the low-altitude model (`sensors/propagation`): a smooth spherical
 * Earth (4/3 radius) with a rough-surface reflection, constant-γ land clutter and a Doppler/MTI improvement factor.
 */
export interface LowAltitudeEnvironment {
  /** Smooth-surface reflection coefficient, signed real in [−1, 1] (−1: horizontal polarisation, grazing). */
  readonly reflectionCoefficient: number;
  /** Surface height standard deviation, m (Ament roughness factor). */
  readonly surfaceRoughness_m: number;
  /** Constant-γ land clutter reflectivity, dB (σ⁰ = γ sin ψ; about −15 dB farmland, −20 dB desert). */
  readonly clutterGamma_dB: number;
  /** Clutter improvement factor of the MTI/Doppler processing, dB (≥ 0). */
  readonly clutterImprovement_dB: number;
  /** Two-way 3 dB beamwidth, azimuth and elevation (pencil beam), rad. */
  readonly beamwidth_rad: number;
  /** Compressed pulse width (range resolution cτ/2), s. */
  readonly pulseWidth_s: number;
}

/** A noise jammer at a fixed point (stand-off), active from `from_s` to `until_s` after scenario start. */
export interface StandOffJammer {
  readonly id: string;
  readonly kind: 'stand-off';
  readonly position: Geodetic;
  /** Effective radiated power toward the radars, W. */
  readonly erp_W: number;
  /** Noise bandwidth, Hz. */
  readonly bandwidth_Hz: number;
  readonly from_s: number;
  readonly until_s: number;
}

/** A noise jammer carried by every round of one raid (self-screening). */
export interface SelfScreeningJammer {
  readonly id: string;
  readonly kind: 'self-screening';
  /** Raid name carrying the jammer. */
  readonly threatRaid: string;
  /** Ids of the rounds of that raid. */
  readonly threatIds: readonly string[];
  /** Effective radiated power toward the radars, W. */
  readonly erp_W: number;
  /** Noise bandwidth, Hz. */
  readonly bandwidth_Hz: number;
}

/** A noise jammer (sensors/jamming). */
export type Jammer = StandOffJammer | SelfScreeningJammer;

/** A radar placed on a unit, with its orientation. */
export interface Radar {
  readonly id: string;
  readonly type: RadarType;
  readonly position: Geodetic;
  /** Sector centre, clockwise from north, rad. */
  readonly sectorCenter_rad: number;
}

/**
 * How an interceptor kills (docs/domain.md §2.1): `hit-to-kill` (PAC-3/MSE class, body-to-body impact) or
 * `blast-fragmentation` (PAC-2 class, proximity-fuzed fragmenting warhead). See `weapons/lethality` for the curves.
 */
export type KillMechanism = 'hit-to-kill' | 'blast-fragmentation';

/** An interceptor missile type. */
export interface InterceptorType extends CatalogProvenance {
  readonly launchMass_kg: number;
  readonly propellantMass_kg: number;
  readonly burnTime_s: number;
  readonly thrust_N: number;
  readonly diameter_m: number;
  readonly cd: CdTable;
  /** Speed cap (airframe/aero heating), m/s. */
  readonly maxSpeed_mps: number;
  /** Lateral acceleration limit, m/s². */
  readonly maxAccel_mps2: number;
  /** Proportional-navigation constant N'. */
  readonly navigationConstant: number;
  /** Engagement envelope: intercept altitude limits and ground range, m. */
  readonly minInterceptAltitude_m: number;
  readonly maxInterceptAltitude_m: number;
  /**
   * Lowest intercept altitude against air-breathing targets (drones, cruise missiles), m. The TBM floor
   * `minInterceptAltitude_m` keeps warhead debris off the defended area; a slow low flyer brings no such debris, so
   * the floor is only ground clutter and fuzing (see docs/layered-defense.md). Absent: `minInterceptAltitude_m`.
   */
  readonly minInterceptAltitudeAirBreathing_m?: number;
  /** The round engages only air-breathing targets (a SHORAD IR missile against rockets or TBMs); default false. */
  readonly airBreathingOnly?: boolean;
  /**
   * The round needs its own fire unit's radar on the target (track-via-missile / semi-active guidance, PAC-2 class):
   * the battery engages only tracks its own radar has detected within the last few revisits, never on another
   * unit's track alone (no engage-on-remote). Default false: the type may engage on a netted remote track.
   */
  readonly requiresOwnRadarTrack?: boolean;
  readonly maxInterceptRange_m: number;
  /** Maximum time of flight before self-destruct, s. */
  readonly maxFlightTime_s: number;
  /**
   * Lethality: P(kill | miss distance d) = pkMax · exp(−½ (d / lethalSigma_m)²) when `killMechanism` is absent;
   * with a mechanism the curve's shape and its closing-speed / threat-class factors follow `weapons/lethality`.
   */
  readonly pkMax: number;
  readonly lethalSigma_m: number;
  /**
   * Kill mechanism; absent means the mechanism-free Gaussian above (no closing-speed or threat-class dependence).
   */
  readonly killMechanism?: KillMechanism;
  /**
   * Blast-fragmentation only: floor F∞ in [0, 1] of the lethality factor against ballistic re-entry bodies at high
   * closing speed (`weapons/lethality`). Absent = 1 (no degradation, the default); 0.5 is the GAO-motivated
   * pessimistic excursion (docs/lethality.md).
   */
  readonly hardTargetFragmentationFloor?: number;
  /** Terminal guidance error, 1σ per axis of the aim point, m (seeker/fuze noise). */
  readonly guidanceNoise_m: number;
  /** Probability the round launches and flies normally. */
  readonly reliability: number;
  readonly cost_usd: number;
  /**
   * Range at which the seeker acquires the target, m; until then the round flies midcourse toward the C2's predicted
   * intercept point. Optional: `flyInterceptor` uses 15 km when absent (notional).
   */
  readonly seekerAcquisitionRange_m?: number;
  /**
   * Seeker field of view, half-angle about the round's velocity, rad (the target must be inside it to be acquired).
   * Optional: 30° when absent (notional).
   */
  readonly seekerFieldOfView_rad?: number;
  /**
   * Largest normal-force coefficient on the reference area π d²/4 (dimensionless): the lateral acceleration limit is
   * min(maxAccel_mps2, q S CNmax / m). Optional: when absent it is calibrated so that the limit equals
   * maxAccel_mps2 at 10 km and Mach 4 at burnout mass (`defaultMaxNormalForceCoefficient`).
   */
  readonly maxNormalForceCoefficient?: number;
}

/** A group of identical launchers in a battery. */
export interface LauncherGroup {
  readonly count: number;
  readonly interceptor: InterceptorType;
  /** Rounds loaded per launcher at start. */
  readonly loaded: number;
  /** Rounds per launcher after a reload (launcher capacity). */
  readonly capacity: number;
  /** Reload time of one empty launcher, s. */
  readonly reload_s: number;
  /** Spare rounds at the battery for reloads. */
  readonly reserve: number;
}

/** Fire doctrine of a battery. */
export interface Doctrine {
  readonly mode: 'salvo' | 'shoot-look-shoot';
  /** Interceptors per engagement. */
  readonly shotsPerThreat: number;
  /** Upper bound on interceptors against one threat over all engagements. */
  readonly maxShotsPerThreat: number;
  /** Delay between intercept and the C2 knowing the outcome, s. */
  readonly killAssessmentDelay_s: number;
  /** Gap between rounds of one salvo, s. */
  readonly salvoInterval_s: number;
  /**
   * Kill-assessment errors, probabilities drawn at each assessment from the battery's random stream:
   * `missJudgedKill` = P(assessed killed | the threat survived), `killJudgedMiss` = P(assessed survived | killed).
   * Absent (or 0/0, the compiled default) means a perfect assessment.
   */
  readonly killAssessmentError?: KillAssessmentError;
}

/** Kill-assessment error probabilities of a doctrine (each in [0, 1]). */
export interface KillAssessmentError {
  /** Probability that an engagement whose threat survived is assessed a kill (the live threat is not re-engaged). */
  readonly missJudgedKill: number;
  /** Probability that an engagement that killed its threat is assessed a miss (the dead track is re-engaged). */
  readonly killJudgedMiss: number;
}

/** A Patriot-style battery: one radar (plus optional extra radars), an engagement control station, launchers. */
export interface SamBattery {
  readonly kind: 'sam-battery';
  readonly id: string;
  readonly position: Geodetic;
  readonly radar: Radar;
  /**
   * Additional radars netted into the battery's picture (same tracker), ids `${id}/r${k}`, k = 1, 2, …; empty when
   * the file gives none.
   */
  readonly extraRadars: readonly Radar[];
  readonly launchers: readonly LauncherGroup[];
  /** Interceptors the battery can guide at once. */
  readonly fireChannels: number;
  readonly doctrine: Doctrine;
  /** Decide-to-launch delay, s. */
  readonly reactionTime_s: number;
  /** Asset ids this battery defends (all assets when the file says nothing). */
  readonly defends: readonly string[];
  /** Battery cost for reporting, USD. */
  readonly cost_usd: number;
}

/** A C-RAM gun mount with its own sense-and-warn radar. */
export interface GunType extends CatalogProvenance {
  readonly rateOfFire_rps: number;
  readonly burst_s: number;
  readonly ammunition: number;
  readonly engagementRadius_m: number;
  readonly minEngagementAltitude_m: number;
  /** Per-burst kill probability versus slant range (linear interpolation, 0 beyond the last range). */
  readonly pkPerBurst: { readonly range_m: readonly number[]; readonly pk: readonly number[] };
  /** Time to slew and settle onto a new target, s. */
  readonly slewTime_s: number;
  readonly costPerRound_usd: number;
  /** Muzzle velocity, m/s (time of flight of the rounds to the target). */
  readonly muzzleVelocity_mps: number;
  /**
   * Time of flight after which a round self-destructs (M940 class, docs/domain.md §2.2), s: a round cannot reach a target
   * farther than the range it covers in that time (`gunReach_m`), and a round that misses never comes down on the
   * defended area. Absent: rounds do not self-destruct.
   */
  readonly selfDestructTime_s?: number;
}

export interface GunMount {
  readonly kind: 'c-ram';
  readonly id: string;
  readonly position: Geodetic;
  readonly radar: Radar;
  /** Additional radars netted into the mount's picture (same tracker), ids `${id}/r${k}`; empty when none. */
  readonly extraRadars: readonly Radar[];
  readonly gun: GunType;
  readonly defends: readonly string[];
  /** Warning horn lead time needed for people to take cover, s (sense and warn). */
  readonly warnThreshold_s: number;
}

export type DefenseUnit = SamBattery | GunMount;

/** A unit on a layered-C2 network and its tier (c2/network). */
export interface NetworkMember {
  readonly unitId: string;
  /** `upper` decides first each cycle; `lower` engages what the upper tier cannot, and leakers. */
  readonly tier: 'upper' | 'lower';
}

/**
 * A layered-C2 network: its units share one tracker (fed by every member radar) and one engagement ledger
 * (docs/layered-defense.md).
 */
export interface C2Network {
  readonly id: string;
  /** Members in scenario unit order. */
  readonly members: readonly NetworkMember[];
  /** Doctrine flag: several members may engage one threat at once. */
  readonly allowSimultaneous: boolean;
  /** Time to impact under which a lower-tier member no longer defers to an upper tier waiting to fire, s. */
  readonly lastChance_s: number;
}

/** Space-based launch warning: a cue at launch plus a processing delay. */
export interface EarlyWarning {
  readonly enabled: boolean;
  /** Launch detection to alert, s. */
  readonly delay_s: number;
}

/** Tracker settings used by every unit's C2 node. */
export interface TrackerSettings {
  /** Gate on the Mahalanobis distance d (not d²). */
  readonly gate: number;
  /** Confirmation: M hits out of the last N scans. */
  readonly confirmM: number;
  readonly confirmN: number;
  /** Delete a confirmed track after this many consecutive misses. */
  readonly deleteMisses: number;
  /** Process noise spectral density, m²/s³. */
  readonly processNoise_m2ps3: number;
}

/** The whole compiled scenario. Frozen. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Default seed (the CLI's `--seed` overrides it). */
  readonly seed: number;
  /** Scenario start as an ISO-8601 string with offset (for display only; simulation time starts at 0). */
  readonly start: string;
  readonly duration_s: number;
  readonly assets: readonly Asset[];
  readonly units: readonly DefenseUnit[];
  readonly threats: readonly ThreatLaunch[];
  /** Threat types used by `threats`, by id. */
  readonly threatTypes: Readonly<Record<string, ThreatType>>;
  readonly earlyWarning: EarlyWarning;
  readonly tracker: TrackerSettings;
  /** Extra margin around an asset radius inside which a predicted impact counts as a threat, m. */
  readonly threatMargin_m: number;
  /** Fixed integration step for interceptors and threats, s. */
  readonly step_s: number;
  /** Noise jammers (absent or empty: no jamming). */
  readonly jammers?: readonly Jammer[];
  /** Digital elevation model (absent: smooth Earth, `env/terrain`). */
  readonly terrain?: Terrain;
  /** Layered-C2 networks (absent: every unit fights alone with its own picture). */
  readonly networks?: readonly C2Network[];
}
