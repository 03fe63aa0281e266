/**
 * @module server/api
 * The JSON shapes of the HTTP API (`aspis serve`), shared by the server and the web app (type-only imports on the
 * web side). Positions are geodetic degrees and metres, as in the event log: the API is an I/O edge.
 */
import type { McAggregate } from '../analysis/replication.js';
import type { AspisErrorCode } from '../errors.js';
import type { MeanInterval } from '../math/stats.js';
import type { ThreatStory } from '../outcome/story.js';
import type { RunTotals } from '../sim/summary.js';
import type { RunRow } from '../store/runStore.js';
import type { SimEvent } from '../world/events.js';
import type { RunPaths } from '../world/paths.js';

/** Error codes of the HTTP API: scenario codes from `AspisError` plus the transport's own. */
export type ApiErrorCode =
  | AspisErrorCode
  | 'E_BAD_REQUEST'
  | 'E_BODY_TOO_LARGE'
  | 'E_UNAUTHORIZED'
  | 'E_FORBIDDEN_HOST'
  | 'E_NOT_FOUND'
  | 'E_NO_REPLAY'
  | 'E_BUSY'
  | 'E_INTERNAL';

/** Every non-2xx API answer. `path` names the offending field (`threats[0].from.lat`) when there is one. */
export interface ApiError {
  readonly code: ApiErrorCode;
  readonly path: string;
  readonly message: string;
}

/** One row of `GET /api/runs`: the stored run plus, for single runs, its totals. */
export interface RunListItem extends RunRow {
  /** Totals of replication 0 (single runs), null for Monte Carlo batches or runs without one. */
  readonly totals: RunTotals | null;
}

/** `GET /api/runs` */
export interface RunListResponse {
  readonly runs: RunListItem[];
}

/** `GET /api/runs/:id` */
export interface RunDetailResponse {
  readonly run: RunRow;
  /** Summary of replication 0 (the `aspis run --json` object for single runs), or null. */
  readonly summary: unknown;
  /** Monte Carlo aggregate, or null. */
  readonly aggregate: unknown;
}

/** A defended asset on the map. */
export interface ReplayAsset {
  readonly id: string;
  readonly name: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly radius_m: number;
  readonly value: number;
}

/** A radar's search sector as a wedge: centre and full width clockwise from north (deg), reach (m). */
export interface ReplaySector {
  readonly center_deg: number;
  readonly width_deg: number;
  readonly range_m: number;
  /** Lowest and highest beam elevation, deg (the 3-D view's sector volume; absent in older payloads). */
  readonly minElevation_deg?: number;
  readonly maxElevation_deg?: number;
}

/** A defending unit on the map: its radar wedge and its weapon coverage circle. */
export interface ReplayUnit {
  readonly id: string;
  readonly kind: 'sam-battery' | 'c-ram';
  readonly lat_deg: number;
  readonly lon_deg: number;
  /** Site height above the ellipsoid, m (the 3-D view; absent in older payloads). */
  readonly alt_m?: number;
  readonly sector: ReplaySector;
  /** Ground radius of the weapon's reach: largest interceptor intercept range, or the gun's engagement radius, m. */
  readonly coverage_m: number;
  /** One line for people: radar and weapon types. */
  readonly description: string;
}

/** The scenario's geometry, compiled from the stored scenario text. */
export interface ReplayGeometry {
  readonly name: string;
  readonly description: string;
  /** Scenario start, ISO-8601 with offset (for the local clock). */
  readonly start: string;
  readonly duration_s: number;
  readonly assets: ReplayAsset[];
  readonly units: ReplayUnit[];
}

/** What happened to one threat, step by step, with its outcome record (`outcome/story`). */
export type { StoryStep, StoryStepKind, ThreatStory } from '../outcome/story.js';

/** `GET /api/runs/:id/replay[?replication=i]` */
export interface ReplayResponse {
  readonly run: RunRow;
  readonly replication: number;
  readonly hash: string;
  readonly summary: unknown;
  /** Null when the stored scenario no longer compiles (then `geometryError` says why). */
  readonly geometry: ReplayGeometry | null;
  readonly geometryError: string | null;
  readonly events: SimEvent[];
  readonly paths: RunPaths | null;
  readonly stories: ThreatStory[];
  /** Replay time window (first launch − margin … last event + margin), s. */
  readonly span: { readonly start_s: number; readonly end_s: number };
}

/** `POST /api/run` request body. */
export interface RunRequest {
  /** Scenario YAML text. */
  readonly yaml: string;
  /** Root seed (integer); the scenario's seed when absent. */
  readonly seed?: number;
  /** File name shown in error paths and the run list. */
  readonly name?: string;
  /**
   * Files the scenario names, uploaded with it: `{ "dem.tif": "<base64>" }` for `terrain: { dem: dem.tif }`.
   * Other references must be relative paths inside the server's data directory (`aspis serve --data DIR`).
   */
  readonly files?: Readonly<Record<string, string>>;
}

/** `POST /api/run` answer (201). */
export interface RunCreatedResponse {
  readonly id: string;
  readonly hash: string;
  readonly summary: unknown;
}

/** `GET /api/health`: the server answers, and how many runs it is computing or holding. */
export interface HealthResponse {
  readonly ok: true;
  readonly running: number;
  readonly queued: number;
}

/** `GET /api/jobs`: runs being computed or waiting, oldest first (cancel one with `DELETE /api/jobs/:id`). */
export interface JobListResponse {
  readonly jobs: {
    readonly id: string;
    readonly name: string;
    readonly state: 'queued' | 'running';
    /** A posted run or a Monte Carlo batch (`POST /api/mc`). */
    readonly kind?: 'run' | 'mc';
    /** Replications done / asked for (batches). */
    readonly progress?: { readonly done: number; readonly total: number };
  }[];
}

// ---- Monte Carlo in the browser and the compare view (issue 13; server/mcRoutes) ---------------------------------

/** `POST /api/mc` request body: a posted run's fields plus the number of replications. */
export interface McRequest extends RunRequest {
  /** Replications, 1 … 2,000 (`MAX_SERVER_MC_RUNS`). */
  readonly runs: number;
}

/** `POST /api/mc` answer (202): the job to poll with `GET /api/jobs/:id` and cancel with `DELETE /api/jobs/:id`. */
export interface McStartedResponse {
  readonly job: string;
  readonly runs: number;
}

/** `GET /api/jobs/:id`: a queued, running or (Monte Carlo batches) finished job. */
export interface JobStatusResponse {
  readonly id: string;
  readonly name: string;
  readonly kind: 'run' | 'mc';
  readonly state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  /** Replications done / asked for (Monte Carlo batches), null before the first finishes. */
  readonly progress: { readonly done: number; readonly total: number } | null;
  /** The stored run once done. */
  readonly runId: string | null;
  /** True when the batch hit the server's wall-time budget and was stored with what finished (status stopped). */
  readonly stopped: boolean;
  /** Why it failed. */
  readonly error: ApiError | null;
}

/** One replication of a stored batch, the per-replication values the page draws histograms of. */
export interface McReplicationRow {
  readonly replication: number;
  readonly hash: string;
  readonly launched: number;
  readonly killed: number;
  readonly leakersOnAssets: number;
  readonly interceptorsFired: number;
  readonly costDefender_usd: number;
}

/** `GET /api/runs/:id/mc`: a stored Monte Carlo batch as the MC report reads it. */
export interface McViewResponse {
  readonly run: RunRow;
  /** The stored aggregate (`aggregateReplications`) plus the defender spend per replication, as `aspis mc`'s report. */
  readonly report: McAggregate & { readonly defenderCost_usd: MeanInterval };
  readonly replications: McReplicationRow[];
  /** The median replication by leakers on assets (`report/mcAnswer`), or null. */
  readonly example: { readonly replication: number; readonly leakers: number; readonly label: string } | null;
  readonly geometry: ReplayGeometry | null;
  readonly geometryError: string | null;
}

/** One side of `GET /api/compare`. */
export interface CompareSide {
  readonly run: RunRow;
  /** Replications behind the numbers (1 for a single run). */
  readonly replications: number;
  readonly geometry: ReplayGeometry | null;
}

/** One headline measure of two runs: each side's mean with its 95 % interval and the difference b − a with its own. */
export interface CompareMeasure {
  readonly key: 'killed' | 'leakers' | 'interceptors' | 'cost' | 'pra';
  readonly label: string;
  /** `count`, `usd` or `probability`: how the page formats it. */
  readonly unit: 'count' | 'usd' | 'probability';
  readonly a: { readonly mean: number; readonly lo: number; readonly hi: number; readonly n: number };
  readonly b: { readonly mean: number; readonly lo: number; readonly hi: number; readonly n: number };
  /** b − a; the interval is 95 % (Welch, normal above 30 replications), a point when both are single runs. */
  readonly delta: { readonly mean: number; readonly lo: number; readonly hi: number };
}

/** `GET /api/compare?a=<id>&b=<id>` */
export interface CompareResponse {
  readonly a: CompareSide;
  readonly b: CompareSide;
  readonly measures: CompareMeasure[];
}
