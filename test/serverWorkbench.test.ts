/**
 * The scenario workbench routes without a browser (`server/workbench`): the shipped scenarios and their text, a
 * stored run's scenario text, the JSON Schema, and `POST /api/validate` placing every coded problem on its line
 * (the same compiler as `aspis validate`), with the body guards of `POST /api/run`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/scenario/catalog.js';
import { parseScenario } from '../src/scenario/load.js';
import { scenarioJsonSchema } from '../src/scenario/schema.js';
import { sourceSpanOf } from '../src/scenario/sourcePositions.js';
import type { ApiError } from '../src/server/api.js';
import { createApp } from '../src/server/app.js';
import type {
  ScenarioListResponse,
  ScenarioTextResponse,
  ValidateResponse,
} from '../src/server/workbenchApi.js';
import { runScenario } from '../src/sim/engine.js';
import { openRunStore, type RunStore } from '../src/store/runStore.js';
import { storeSingleRun } from '../src/store/storeRun.js';

const SCENARIO_FILE = 'scenarios/erbil-2020.yaml';
const yaml = readFileSync(join(packageRoot(), SCENARIO_FILE), 'utf8');
let store: RunStore;
let runId: string;

beforeAll(() => {
  store = openRunStore(':memory:');
  const result = runScenario(parseScenario(yaml, SCENARIO_FILE), { seed: 2 });
  runId = storeSingleRun(store, result, { yaml, scenarioFile: SCENARIO_FILE, source: 'test' }).id;
}, 120_000);

afterAll(() => store?.close());

function app(options: { token?: string; maxBodyBytes?: number } = {}) {
  return createApp({ store, staticDir: null, onInternalError: () => {}, ...options });
}

function validate(body: unknown, contentType = 'application/json') {
  return app().request('/api/validate', {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Line (1-based) of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  expect(index, needle).toBeGreaterThanOrEqual(0);
  return index + 1;
}

describe('shipped scenarios', () => {
  it('lists every scenarios/*.yaml with its name, description and path', async () => {
    const res = await app().request('/api/scenarios');
    expect(res.status).toBe(200);
    const { scenarios } = (await res.json()) as ScenarioListResponse;
    const erbil = scenarios.find((s) => s.id === 'erbil-2020');
    expect(erbil?.path).toBe(SCENARIO_FILE);
    expect(erbil?.name).toMatch(/Erbil/);
    expect(erbil?.description.length).toBeGreaterThan(10);
    expect(scenarios.map((s) => s.id)).toContain('al-asad-2020');
  });

  it('returns one scenario text; unknown ids and paths that leave the folder are 404', async () => {
    const res = await app().request('/api/scenarios/erbil-2020');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ScenarioTextResponse;
    expect(body.yaml).toBe(yaml);
    expect(body.name).toBe('erbil-2020.yaml');
    for (const id of ['nope', '..%2Fpackage.json', '..%2F..%2Fetc%2Fpasswd', 'terrain']) {
      const miss = await app().request(`/api/scenarios/${id}`);
      expect(miss.status, id).toBe(404);
      expect(((await miss.json()) as ApiError).code).toBe('E_NOT_FOUND');
    }
  });
});

describe('a stored run', () => {
  it('returns the scenario text the run ran, 404 for an unknown run', async () => {
    const res = await app().request(`/api/runs/${runId}/scenario`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ScenarioTextResponse;
    expect(body.yaml).toBe(yaml);
    expect(body.name).toBe('erbil-2020.yaml');
    expect((await app().request('/api/runs/r999/scenario')).status).toBe(404);
  });
});

describe('schema', () => {
  it('is the JSON Schema `aspis schema` prints, with the shipped catalog ids as examples of catalog-id fields', async () => {
    const res = await app().request('/api/schema');
    expect(res.status).toBe(200);
    const served = JSON.stringify(await res.json());
    // only `examples` added: without them it is the printed schema
    expect(JSON.parse(served.replace(/,"examples":\[[^\]]*\]/g, ''))).toEqual(scenarioJsonSchema());
    expect(served).toContain('"examples":["notional-cram-radar","notional-mfr","notional-shorad-radar"]');
    expect(served).toContain('"notional-pac3-mse"');
    expect(served).toContain('"notional-srbm-750km"');
  });
});

describe('POST /api/validate', () => {
  it('answers ok with no problems for a shipped scenario', async () => {
    const res = await validate({ yaml });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ValidateResponse;
    expect(body.ok).toBe(true);
    expect(body.problems).toEqual([]);
    expect(body.geometry?.units[0]?.sector.center_deg).toBeCloseTo(126, 6);
    expect(body.geometry?.assets[0]?.id).toBe('erbil');
  });

  it('returns every coded problem on its line and column', async () => {
    const broken = yaml
      .replace(
        'radar: { type: notional-mfr, sectorCenter: 126deg',
        'radar: { type: notional-mfr, sectorCenter: 126degx',
      )
      .replace('radius: 2.5km', 'radius: -2.5km');
    expect(broken).not.toBe(yaml);
    const body = (await (await validate({ yaml: broken, name: 'erbil.yaml' })).json()) as ValidateResponse;
    expect(body.ok).toBe(false);
    const radius = body.problems.find((p) => p.path === 'assets[0].radius');
    expect(radius?.code).toBe('E_SCENARIO_FIELD');
    expect(radius?.message).toMatch(/expected > 0/);
    expect(radius?.line).toBe(lineOf(broken, 'radius: -'));
    const sector = body.problems.find((p) => p.path === 'units[0].radar.sectorCenter');
    expect(sector?.line).toBe(lineOf(broken, '126degx'));
    // the column points at the key of the offending field
    const text = broken.split('\n')[(sector?.line ?? 1) - 1] ?? '';
    expect(text.slice((sector?.col ?? 1) - 1)).toMatch(/^sectorCenter: 126degx/);
  });

  it('places a YAML syntax error at its line and column', async () => {
    const body = (await (
      await validate({ yaml: 'name: ok\nassets: [unclosed\n' })
    ).json()) as ValidateResponse;
    expect(body.ok).toBe(false);
    expect(body.problems[0]?.code).toBe('E_SCENARIO_PARSE');
    expect(body.problems[0]?.line).toBeGreaterThanOrEqual(2);
    expect(body.problems[0]?.col).toBeGreaterThanOrEqual(1);
  });

  it('a missing required key lands on the deepest node the text has', async () => {
    const text = 'name: x\nstart: 2020-01-01T00:00:00Z\nassets:\n  - { id: a, lat: 1 }\n';
    const body = (await (await validate({ yaml: text })).json()) as ValidateResponse;
    expect(body.ok).toBe(false);
    const missing = body.problems.filter((p) => p.path.startsWith('assets[0].'));
    expect(missing.length).toBeGreaterThan(0);
    for (const p of missing) expect(p.line, p.path).toBe(4);
  });

  it('refuses what POST /api/run refuses: another content type, bad JSON, no text, too large', async () => {
    expect((await validate({ yaml }, 'text/plain')).status).toBe(415);
    expect((await validate('{nope')).status).toBe(400);
    const noText = await validate({ yaml: 42 });
    expect(noText.status).toBe(400);
    expect(((await noText.json()) as ApiError).path).toBe('yaml');
    const big = await app({ maxBodyBytes: 1000 }).request('/api/validate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ yaml: 'x'.repeat(5000) }),
    });
    expect(big.status).toBe(413);
  });

  it('needs the token like every API route', async () => {
    const res = await app({ token: 'test-token-0123456789' }).request('/api/validate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ yaml }),
    });
    expect(res.status).toBe(401);
    expect((await app({ token: 'test-token-0123456789' }).request('/api/scenarios')).status).toBe(401);
  });
});

describe('sourceSpanOf', () => {
  it('points a field path at its key and value, list items by index, and stops where the text stops', () => {
    const text = 'name: x\nunits:\n  - id: a\n    at: { lat: 1, lon: 2 }\n  - id: b\n';
    expect(sourceSpanOf(text, 'units[0].at.lon')).toMatchObject({ line: 4, col: 19 });
    expect(sourceSpanOf(text, 'units[1].id')).toMatchObject({ line: 5, col: 5 });
    expect(sourceSpanOf(text, 'units[1].radar.type')).toMatchObject({ line: 5, col: 5 });
    expect(sourceSpanOf('', 'name')).toBeNull();
  });
});
