/**
 * @module server/workbenchApi
 * The JSON shapes of the scenario workbench routes (`server/workbench`), shared with the web editor (type-only
 * imports on the web side): shipped scenarios, a scenario's text, and the problems of a scenario text placed on its
 * lines.
 */
import type { ApiErrorCode, ReplayGeometry } from './api.js';

/** One shipped scenario (`scenarios/*.yaml`) in `GET /api/scenarios`. */
export interface ShippedScenario {
  /** File name without `.yaml` (`al-asad-2020`). */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Path inside the package (`scenarios/al-asad-2020.yaml`). */
  readonly path: string;
}

/** `GET /api/scenarios` */
export interface ScenarioListResponse {
  readonly scenarios: ShippedScenario[];
}

/** `GET /api/scenarios/:id` and `GET /api/runs/:id/scenario`: the YAML text and the file name to show. */
export interface ScenarioTextResponse {
  readonly id: string;
  readonly name: string;
  readonly yaml: string;
}

/** One problem (or warning) of a scenario text, with where it is (1-based line and column) when the text says. */
export interface ScenarioProblem {
  readonly code: ApiErrorCode | 'W_OUT_OF_RANGE' | 'W_FIELD_IGNORED' | 'W_STEP_COARSE';
  /** Field path (`units[0].radar.sectorWidth`), or `name:line:col` for a YAML syntax error. */
  readonly path: string;
  readonly message: string;
  readonly line?: number;
  readonly col?: number;
  readonly endLine?: number;
  readonly endCol?: number;
}

/** `POST /api/validate` request body. */
export interface ValidateRequest {
  readonly yaml: string;
  /** File name shown in syntax error paths (default `scenario.yaml`). */
  readonly name?: string;
}

/** `POST /api/validate` answer (200 whether or not the text is valid). */
export interface ValidateResponse {
  /** True when the text compiles within the server's work limit (warnings allowed). */
  readonly ok: boolean;
  /** Every coded problem, sorted by path. */
  readonly problems: ScenarioProblem[];
  readonly warnings: ScenarioProblem[];
  /** Assets and units (sector wedges, coverage) of the compiled text, as the replay draws them; null when it does not compile. */
  readonly geometry: ReplayGeometry | null;
}
