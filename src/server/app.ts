/**
 * @module server/app
 * The HTTP application behind `aspis serve` (Hono): a JSON API over the run store and the built web app.
 *
 *   GET  /api/runs                 runs, newest first (with totals for single runs)
 *   GET  /api/runs/:id             one run: row, summary of replication 0, Monte Carlo aggregate
 *   GET  /api/runs/:id/replay      geometry, events, paths and threat stories of a replication (`?replication=i`)
 *   POST /api/run                  `{ yaml, seed?, name? }` → validated, run with paths recorded, stored → 201 `{ id }`
 *   GET  /*                        files of the built web app (no way out of its directory)
 *
 * Guards: with a token, every /api request needs `Authorization: Bearer <token>` (or `?token=`); without one the
 * server only answers requests addressed to a loopback host name (so a web page on another site cannot reach it
 * through DNS rebinding). Cross-origin API calls are refused, POST bodies must be JSON and at most `maxBodyBytes`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { basename } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AspisError } from '../errors.js';
import { MAX_SEED } from '../math/rng.js';
import { parseScenario } from '../scenario/load.js';
import { runScenario } from '../sim/engine.js';
import type { RunTotals } from '../sim/summary.js';
import type { RunStore } from '../store/runStore.js';
import { storeSingleRun } from '../store/storeRun.js';
import type { ApiError, ApiErrorCode, RunCreatedResponse, RunListItem } from './api.js';
import { buildReplay } from './replay.js';
import { resolveStaticPath, staticResponse } from './static.js';

/** Largest accepted request body, bytes (a scenario file is a few kB). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Options of `createApp`. */
export interface AppOptions {
  /** The run store the API reads and `POST /api/run` writes. */
  readonly store: RunStore;
  /** Directory of the built web app (`dist/web`), or null to serve the API only. */
  readonly staticDir: string | null;
  /** When set, /api requests must carry it (`Authorization: Bearer …` or `?token=`). */
  readonly token?: string | null;
  /** Request body limit, bytes (default `MAX_BODY_BYTES`). */
  readonly maxBodyBytes?: number;
  /** Where unexpected errors are reported (default: one line on stderr). */
  readonly onInternalError?: (err: unknown) => void;
}

/** Content security policy of the web app: everything from this origin, nothing from anywhere else. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** True for host names that can only mean this machine. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

function apiError(code: ApiErrorCode, path: string, message: string): ApiError {
  return { code, path, message };
}

/** Compares two secrets in time independent of where they differ. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token a request presents: bearer header first, then `?token=`. */
function presentedToken(authorization: string | undefined, query: string | undefined): string | null {
  const m = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (m) return m[1];
  return query ?? null;
}

/** A validated `POST /api/run` body, or the field that is wrong. */
function validateRunRequest(
  body: unknown,
): { ok: true; yaml: string; seed: number | undefined; name: string } | { ok: false; error: ApiError } {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return {
      ok: false,
      error: apiError('E_BAD_REQUEST', '', 'expected a JSON object { yaml, seed?, name? }'),
    };
  const { yaml, seed, name } = body as Record<string, unknown>;
  if (typeof yaml !== 'string' || yaml.trim() === '')
    return {
      ok: false,
      error: apiError('E_BAD_REQUEST', 'yaml', 'expected the scenario YAML text as a string'),
    };
  if (
    seed !== undefined &&
    seed !== null &&
    !(typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED)
  )
    return { ok: false, error: apiError('E_BAD_REQUEST', 'seed', `expected an integer in 0..${MAX_SEED}`) };
  if (name !== undefined && typeof name !== 'string')
    return { ok: false, error: apiError('E_BAD_REQUEST', 'name', 'expected a file name') };
  // a display name only: no directories, printable, bounded
  const shown = basename(String(name ?? 'scenario.yaml').replace(/\\/g, '/'))
    .replace(/[^\w .,+@()-]/g, '_')
    .slice(0, 120);
  return {
    ok: true,
    yaml,
    seed: typeof seed === 'number' ? seed : undefined,
    name: shown || 'scenario.yaml',
  };
}

/** Totals of a single run's replication 0, when it has a summary with totals. */
function runTotals(store: RunStore, runId: string): RunTotals | null {
  const first = store.listReplications(runId)[0];
  const totals = (first?.summary as { totals?: RunTotals } | null | undefined)?.totals;
  return totals ?? null;
}

/** Builds the Hono application. The store stays owned by the caller (close it after the server). */
export function createApp(options: AppOptions): Hono {
  const { store, staticDir } = options;
  const token = options.token ?? null;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const onInternalError =
    options.onInternalError ??
    ((err: unknown) =>
      process.stderr.write(`aspis serve: ${err instanceof Error ? err.message : String(err)}\n`));
  const app = new Hono();

  // headers on every answer
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  });

  // without a token, answer only requests addressed to this machine by a loopback name (DNS rebinding)
  app.use('*', async (c, next) => {
    if (token === null && !isLoopbackHostname(new URL(c.req.url).hostname))
      return c.json(
        apiError(
          'E_FORBIDDEN_HOST',
          'Host',
          'this server answers loopback host names only; start it with --token to serve other hosts',
        ),
        403,
      );
    await next();
  });

  // the API: same origin only, token when configured
  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('Origin');
    if (origin !== undefined && origin !== new URL(c.req.url).origin)
      return c.json(apiError('E_FORBIDDEN_HOST', 'Origin', 'cross-origin requests are not allowed'), 403);
    if (token !== null) {
      const given = presentedToken(c.req.header('Authorization'), c.req.query('token'));
      if (given === null || !sameSecret(given, token)) {
        c.header('WWW-Authenticate', 'Bearer realm="aspis"');
        return c.json(
          apiError(
            'E_UNAUTHORIZED',
            'Authorization',
            'missing or wrong token (Authorization: Bearer <token>)',
          ),
          401,
        );
      }
    }
    await next();
  });

  app.get('/api/runs', (c) => {
    const runs: RunListItem[] = store
      .listRuns()
      .map((run) => ({ ...run, totals: run.kind === 'single' ? runTotals(store, run.id) : null }));
    return c.json({ runs });
  });

  app.get('/api/runs/:id', (c) => {
    const run = store.getRun(c.req.param('id'));
    if (!run) return c.json(apiError('E_NOT_FOUND', 'id', `no run "${c.req.param('id')}"`), 404);
    const first = store.listReplications(run.id)[0];
    return c.json({ run, summary: first?.summary ?? null, aggregate: store.getAggregate(run.id) });
  });

  app.get('/api/runs/:id/replay', (c) => {
    const run = store.getRun(c.req.param('id'));
    if (!run) return c.json(apiError('E_NOT_FOUND', 'id', `no run "${c.req.param('id')}"`), 404);
    const replicationText = c.req.query('replication') ?? '0';
    if (!/^\d{1,9}$/.test(replicationText))
      return c.json(apiError('E_BAD_REQUEST', 'replication', 'expected a replication index ≥ 0'), 400);
    const replication = store.getReplication(run.id, Number(replicationText));
    if (!replication)
      return c.json(
        apiError('E_NOT_FOUND', 'replication', `run ${run.id} has no replication ${replicationText}`),
        404,
      );
    if (replication.events === null)
      return c.json(
        apiError(
          'E_NO_REPLAY',
          'replication',
          `run ${run.id} replication ${replicationText} kept no event log (Monte Carlo runs store summaries only)`,
        ),
        404,
      );
    const scenario = store.getScenario(run.scenarioHash);
    return c.json(buildReplay(run, { ...replication, events: replication.events }, scenario?.yaml ?? null));
  });

  app.post(
    '/api/run',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        c.json(apiError('E_BODY_TOO_LARGE', '', `request body larger than ${maxBodyBytes} bytes`), 413),
    }),
    async (c) => {
      const type = c.req.header('Content-Type') ?? '';
      if (!/^application\/json\b/i.test(type))
        return c.json(apiError('E_BAD_REQUEST', 'Content-Type', 'expected application/json'), 415);
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return c.json(apiError('E_BAD_REQUEST', '', 'body is not valid JSON'), 400);
      }
      const request = validateRunRequest(body);
      if (!request.ok) return c.json(request.error, 400);
      // AspisError (bad scenario) is answered 400 by onError
      const scenario = parseScenario(request.yaml, request.name);
      const result = runScenario(scenario, { seed: request.seed, recordPaths: true });
      const { id, summary } = storeSingleRun(store, result, {
        yaml: request.yaml,
        scenarioFile: request.name,
        source: 'web',
        scenario,
      });
      const created: RunCreatedResponse = { id, hash: result.hash, summary };
      return c.json(created, 201);
    },
  );

  app.all('/api/*', (c) =>
    c.json(apiError('E_NOT_FOUND', 'path', `no API route ${c.req.method} ${c.req.path}`), 404),
  );

  app.get('*', async (c) => {
    if (staticDir === null) return c.text('not found', 404);
    const resolution = resolveStaticPath(staticDir, new URL(c.req.url).pathname);
    if (resolution.kind === 'bad-request') return c.text(`bad request: ${resolution.reason}`, 400);
    if (resolution.kind === 'not-found') {
      const root = new URL(c.req.url).pathname === '/';
      return root
        ? c.text('the web app is not built: run `npm run build:web` (vite build) first', 503)
        : c.text('not found', 404);
    }
    return staticResponse(resolution);
  });

  app.onError((err, c) => {
    if (err instanceof AspisError) {
      const status: ContentfulStatusCode = 400;
      const prefix = err.path ? `${err.code} ${err.path}: ` : `${err.code}: `;
      const message = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
      return c.json(apiError(err.code, err.path, message), status);
    }
    onInternalError(err);
    return c.json(apiError('E_INTERNAL', '', 'internal error (see the server log)'), 500);
  });

  return app;
}
