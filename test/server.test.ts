/**
 * The HTTP server without a browser: API answers over a store holding one run of the default scenario, validation
 * of `POST /api/run` (coded 400s, 413, 415), the token and host guards, and static files that cannot be left.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePort } from '../src/cli/commands/serve.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { parseScenario } from '../src/scenario/load.js';
import type { ApiError, ReplayResponse, RunCreatedResponse, RunListResponse } from '../src/server/api.js';
import { createApp, isLoopbackHostname, MAX_BODY_BYTES } from '../src/server/app.js';
import { type RunningServer, startServer } from '../src/server/serve.js';
import { runScenario } from '../src/sim/engine.js';
import { openRunStore, type RunStore } from '../src/store/runStore.js';
import { storeSingleRun } from '../src/store/storeRun.js';

const SCENARIO_FILE = 'scenarios/al-asad-2020.yaml';
const TOKEN = 'test-token-0123456789';
const SECRET = 'the-secret-outside-the-web-dir';

let store: RunStore;
let dir: string;
let webDir: string;
let runId: string;
const yaml = readFileSync(join(packageRoot(), SCENARIO_FILE), 'utf8');

beforeAll(() => {
  // POST /api/run computes in the compiled worker (dist/src/server/runWorker.js)
  execFileSync(process.execPath, ['scripts/ensureBuild.mjs'], { cwd: packageRoot(), stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'aspis-server-'));
  webDir = join(dir, 'web');
  mkdirSync(join(webDir, 'assets'), { recursive: true });
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>aspis test</title>');
  writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(webDir, '.hidden'), SECRET);
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  symlinkSync(join(dir, 'secret.txt'), join(webDir, 'link.txt'));
  store = openRunStore(':memory:');
  const result = runScenario(parseScenario(yaml, SCENARIO_FILE), { seed: 1, recordPaths: true });
  runId = storeSingleRun(store, result, { yaml, scenarioFile: SCENARIO_FILE, source: 'test' }).id;
}, 300_000);

afterAll(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function app(token: string | null = null) {
  return createApp({ store, staticDir: webDir, token, onInternalError: () => {} });
}

function postRun(body: unknown, token: string | null = null, contentType = 'application/json') {
  return app(token).request('/api/run', {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('API', () => {
  it('lists runs with their totals', async () => {
    const res = await app().request('/api/runs');
    expect(res.status).toBe(200);
    const { runs } = (await res.json()) as RunListResponse;
    expect(runs.map((r) => r.id)).toContain(runId);
    const run = runs.find((r) => r.id === runId)!;
    expect(run.scenarioFile).toBe(SCENARIO_FILE);
    expect(run.totals?.launched).toBe(15);
  });

  it('opens a run by id or sequence number, 404 with a code for an unknown one', async () => {
    for (const key of [runId, '1']) {
      const res = await app().request(`/api/runs/${key}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { run: { id: string }; summary: { seed: number } };
      expect(body.run.id).toBe(runId);
      expect(body.summary.seed).toBe(1);
    }
    const missing = await app().request('/api/runs/run-999999');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ApiError).code).toBe('E_NOT_FOUND');
  });

  it('replays a run: geometry with the radar wedge, events, paths and one story per threat', async () => {
    const res = await app().request(`/api/runs/${runId}/replay`);
    expect(res.status).toBe(200);
    const replay = (await res.json()) as ReplayResponse;
    expect(replay.geometryError).toBeNull();
    const unit = replay.geometry!.units[0];
    expect(unit.kind).toBe('sam-battery');
    expect(unit.sector.center_deg).toBeCloseTo(81, 6);
    expect(unit.sector.width_deg).toBeCloseTo(120, 6);
    // the 3-D view's sector volume: elevation limits and the site's height
    expect(unit.sector.maxElevation_deg!).toBeGreaterThan(unit.sector.minElevation_deg!);
    expect(unit.alt_m).toBeTypeOf('number');
    expect(unit.coverage_m).toBeGreaterThan(0);
    expect(replay.geometry!.assets[0].id).toBe('al-asad');
    expect(replay.paths!.threats).toHaveLength(15);
    expect(replay.events.filter((e) => e.type === 'threat.launch')).toHaveLength(15);
    expect(replay.stories).toHaveLength(15);
    expect(replay.span.end_s).toBeGreaterThan(replay.span.start_s);
    // every story starts at launch and ends in its fate; leakers agree with the summary
    for (const story of replay.stories) {
      expect(story.steps[0].kind).toBe('launch');
      expect(story.steps[0].text).toMatch(/^launched/);
      if (story.times.fate_s !== null) expect(story.steps.some((s) => s.kind === 'fate')).toBe(true);
      if (story.leaked) expect(story.verdict).toMatch(/^leaked: /);
    }
    const totals = (replay.summary as { totals: { leakersOnAssets: number; killed: number } }).totals;
    expect(replay.stories.filter((s) => s.leaked)).toHaveLength(totals.leakersOnAssets);
    expect(replay.stories.filter((s) => s.fate === 'killed')).toHaveLength(totals.killed);
  });

  it('refuses a malformed or missing replication', async () => {
    expect((await app().request(`/api/runs/${runId}/replay?replication=x`)).status).toBe(400);
    expect((await app().request(`/api/runs/${runId}/replay?replication=7`)).status).toBe(404);
  });

  it('answers unknown API routes with a coded 404', async () => {
    const res = await app().request('/api/nothing');
    expect(res.status).toBe(404);
    expect(((await res.json()) as ApiError).code).toBe('E_NOT_FOUND');
  });
});

describe('POST /api/run', () => {
  it('runs a valid scenario, stores it and returns the run id', async () => {
    const before = store.listRuns().length;
    const res = await postRun({ yaml, seed: 2, name: '../../al-asad.yaml' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as RunCreatedResponse;
    expect(created.id).toMatch(/^run-\d{6}$/);
    expect(store.listRuns()).toHaveLength(before + 1);
    const row = store.getRun(created.id)!;
    expect(row.seed).toBe(2);
    expect(row.scenarioFile).toBe('al-asad.yaml');
    const replay = await app().request(`/api/runs/${created.id}/replay`);
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as ReplayResponse).paths!.threats.length).toBe(15);
  });

  it('answers a YAML syntax error with 400 and the code and line', async () => {
    const res = await postRun({ yaml: 'name: [unclosed', name: 'broken.yaml' });
    expect(res.status).toBe(400);
    const err = (await res.json()) as ApiError;
    expect(err.code).toBe('E_SCENARIO_PARSE');
    expect(err.path).toMatch(/^broken\.yaml:\d+:\d+$/);
  });

  it('answers a schema error with 400, the code and the field path', async () => {
    const bad = yaml.replace('from: { lat: 34.31, lon: 47.07 }', 'from: { lat: 95, lon: 47.07 }');
    expect(bad).not.toBe(yaml);
    const res = await postRun({ yaml: bad });
    expect(res.status).toBe(400);
    const err = (await res.json()) as ApiError;
    expect(err.code).toBe('E_SCENARIO_FIELD');
    expect(err.path).toBe('threats[0].from.lat');
    expect(err.message).not.toContain('E_SCENARIO_FIELD');
  });

  it('validates the request itself', async () => {
    const cases: [unknown, string][] = [
      ['{not json', ''],
      [[1, 2], ''],
      [{ seed: 1 }, 'yaml'],
      [{ yaml: '   ' }, 'yaml'],
      [{ yaml, seed: 1.5 }, 'seed'],
      [{ yaml, seed: '1' }, 'seed'],
      [{ yaml, name: 7 }, 'name'],
    ];
    for (const [body, path] of cases) {
      const res = await postRun(body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      const err = (await res.json()) as ApiError;
      expect(err.code).toBe('E_BAD_REQUEST');
      expect(err.path).toBe(path);
    }
  });

  it('refuses bodies that are not JSON (415) and bodies over the size limit (413)', async () => {
    expect((await postRun({ yaml }, null, 'text/plain')).status).toBe(415);
    const huge = JSON.stringify({ yaml: `# ${'x'.repeat(MAX_BODY_BYTES)}\n${yaml}` });
    const res = await postRun(huge);
    expect(res.status).toBe(413);
    expect(((await res.json()) as ApiError).code).toBe('E_BODY_TOO_LARGE');
  });
});

describe('guards', () => {
  it('requires the token on /api when one is configured (header or query), not on the page itself', async () => {
    const guarded = app(TOKEN);
    const none = await guarded.request('/api/runs');
    expect(none.status).toBe(401);
    expect(((await none.json()) as ApiError).code).toBe('E_UNAUTHORIZED');
    expect(
      (await guarded.request('/api/runs', { headers: { Authorization: 'Bearer wrong-token' } })).status,
    ).toBe(401);
    expect((await guarded.request('/api/runs?token=wrong')).status).toBe(401);
    expect(
      (await guarded.request('/api/runs', { headers: { Authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(200);
    expect((await guarded.request(`/api/runs?token=${TOKEN}`)).status).toBe(200);
    expect((await postRun({ yaml: 'x' }, TOKEN)).status).toBe(401);
    expect((await guarded.request('/')).status).toBe(200);
  });

  it('without a token, answers loopback host names only (DNS rebinding)', async () => {
    const res = await app().request('http://attacker.example/api/runs');
    expect(res.status).toBe(403);
    expect(((await res.json()) as ApiError).code).toBe('E_FORBIDDEN_HOST');
    expect((await app().request('http://127.0.0.1:8787/api/runs')).status).toBe(200);
    expect((await app().request('http://[::1]:8787/api/runs')).status).toBe(200);
    // with a token the host may be anything
    const withToken = await app(TOKEN).request('http://aspis.lan/api/runs', {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(withToken.status).toBe(200);
  });

  it('refuses cross-origin API calls', async () => {
    const res = await app().request('/api/runs', { headers: { Origin: 'http://attacker.example' } });
    expect(res.status).toBe(403);
    expect((await app().request('/api/runs', { headers: { Origin: 'http://localhost' } })).status).toBe(200);
  });

  it('knows loopback host names', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', 'app.localhost'])
      expect(isLoopbackHostname(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.2', 'example.com', '127.0.0.1.nip.io'])
      expect(isLoopbackHostname(h), h).toBe(false);
  });
});

describe('static files', () => {
  it('serves the app and its assets with content types and security headers', async () => {
    const index = await app().request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    const js = await app().request('/assets/app-1234.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toMatch(/immutable/);
  });

  it("serves the 3-D view's Cesium files with their content types (workers, wasm, tiles, tile map)", async () => {
    const cesium = join(webDir, 'cesium');
    mkdirSync(cesium, { recursive: true });
    const files: [string, RegExp][] = [
      ['worker.js', /javascript/],
      ['codec.wasm', /^application\/wasm$/],
      ['tile.jpg', /^image\/jpeg$/],
      ['tilemapresource.xml', /xml/],
      ['heights.json', /json/],
    ];
    for (const [name, type] of files) {
      writeFileSync(join(cesium, name), 'x');
      const res = await app().request(`/cesium/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type'), name).toMatch(type);
    }
    // WebAssembly may compile (Cesium's meshoptimizer codec), JavaScript eval may not
    const csp = (await app().request('/')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-eval'");
  });

  it('never serves a file outside the web directory', async () => {
    const attempts: [string, number[]][] = [
      ['/../secret.txt', [404]],
      ['/assets/../../secret.txt', [404]],
      ['/%2e%2e/secret.txt', [400, 404]],
      ['/..%2fsecret.txt', [400]],
      ['/%2e%2e%2fsecret.txt', [400]],
      ['/assets/%2e%2e%2f%2e%2e%2fsecret.txt', [400]],
      ['/..%5csecret.txt', [400]],
      ['/%2fetc%2fpasswd', [404]],
      ['//etc/passwd', [404]],
      ['/C:%5cWindows%5cwin.ini', [400]],
      ['/secret.txt%00.js', [400]],
      ['/%E0%A4%A', [400]],
      ['/link.txt', [404]],
      ['/.hidden', [404]],
      [`/${dir.replace(/^\//, '')}/secret.txt`, [404]],
    ];
    for (const [path, statuses] of attempts) {
      const res = await app().request(path);
      expect(statuses, path).toContain(res.status);
      expect(await res.text(), path).not.toContain(SECRET);
    }
  });

  it('says how to build the app when it is missing', async () => {
    const bare = createApp({ store, staticDir: join(dir, 'no-such-dir'), onInternalError: () => {} });
    const res = await bare.request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('build:web');
  });
});

/** Sends one raw HTTP/1.1 request (no client-side URL normalisation) and returns the status and body. */
function rawRequest(port: number, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      data += chunk;
    });
    socket.on('end', () => resolve({ status: Number(data.split(' ')[1]), body: data }));
    socket.on('error', reject);
  });
}

describe('startServer', () => {
  it('binds 127.0.0.1 by default with no token and refuses raw traversal requests', async () => {
    const lines: string[] = [];
    const server: RunningServer = await startServer({
      port: 0,
      store,
      staticDir: webDir,
      log: (l) => lines.push(l),
    });
    try {
      expect(server.host).toBe('127.0.0.1');
      expect(server.token).toBeNull();
      expect(lines.join('\n')).toContain(`http://127.0.0.1:${server.port}/`);
      const ok = await fetch(`http://127.0.0.1:${server.port}/api/runs`);
      expect(ok.status).toBe(200);
      for (const target of [
        '/../secret.txt',
        '/../../../../etc/passwd',
        '/..%2f..%2fsecret.txt',
        '/.%2e/secret.txt',
      ]) {
        const res = await rawRequest(server.port, target);
        expect([400, 404], target).toContain(res.status);
        expect(res.body).not.toContain(SECRET);
        expect(res.body).not.toContain('root:');
      }
    } finally {
      await server.close();
    }
  });

  it('generates and prints a token for a non-loopback host, and enforces it', async () => {
    const lines: string[] = [];
    const server = await startServer({
      port: 0,
      host: '0.0.0.0',
      store,
      staticDir: webDir,
      log: (l) => lines.push(l),
    });
    try {
      expect(server.token).toMatch(/^[\w-]{32}$/);
      expect(lines.join('\n')).toContain(server.token!);
      expect(server.url).toContain(`?token=${server.token}`);
      expect((await fetch(`http://127.0.0.1:${server.port}/api/runs`)).status).toBe(401);
      const ok = await fetch(`http://127.0.0.1:${server.port}/api/runs`, {
        headers: { Authorization: `Bearer ${server.token}` },
      });
      expect(ok.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('refuses a short token and a bad port', async () => {
    await expect(
      startServer({ port: 0, token: 'short', store, staticDir: webDir, log: () => {} }),
    ).rejects.toThrow(/E_USAGE --token/);
    expect(parsePort('8787')).toBe(8787);
    for (const bad of ['-1', '65536', 'http', '80.5']) expect(() => parsePort(bad)).toThrow(/E_USAGE --port/);
  });
});
