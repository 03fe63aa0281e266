/**
 * @module server/serve
 * Starts the HTTP server (@hono/node-server) for `aspis serve`. It binds 127.0.0.1 unless told otherwise; a
 * non-loopback host without a token gets a fresh random one (printed once), so nothing on the network can read or
 * start runs without it.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { serve } from '@hono/node-server';
import { AspisError } from '../errors.js';
import { packageRoot } from '../scenario/catalog.js';
import type { RunStore } from '../store/runStore.js';
import { createApp, isLoopbackHostname } from './app.js';
import { createRunPool } from './runPool.js';

/** Default port of `aspis serve`. */
export const DEFAULT_PORT = 8787;
/** Default bind address: loopback only. */
export const DEFAULT_HOST = '127.0.0.1';
/** Shortest token accepted from the command line, characters. */
export const MIN_TOKEN_LENGTH = 8;

/** Options of `startServer`. */
export interface ServeOptions {
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** Bind address (default 127.0.0.1). */
  readonly host?: string;
  /** Access token for /api; generated when the host is not loopback and none is given. */
  readonly token?: string | null;
  readonly store: RunStore;
  /** Built web app directory (default `<package>/dist/web`); null serves the API only. */
  readonly staticDir?: string | null;
  /**
   * The folder posted scenarios may read files from (default: `data/` beside the store file; null: uploads only).
   */
  readonly dataDir?: string | null;
  /** Where the start-up lines go (default stdout). */
  readonly log?: (line: string) => void;
  /** Posted runs computed at once, each in its own worker thread (default 1). */
  readonly concurrency?: number;
  /** Work limit of a posted scenario, work units (default `SERVER_MAX_EVENTS`, docs/limits.md). */
  readonly maxEvents?: number;
  /** Wall-time budget of a posted run, s (default `SERVER_MAX_WALL_s`). */
  readonly maxWall_s?: number;
}

/** A listening server. */
export interface RunningServer {
  /** `http://host:port/` as a browser should open it (with `?token=` when a token was generated). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The token /api requires, or null. */
  readonly token: string | null;
  /** Stops accepting connections and resolves when the server is closed. */
  close(): Promise<void>;
}

/** Directory of the built web app inside the package. */
export function defaultStaticDir(): string {
  return join(packageRoot(), 'dist', 'web');
}

/** Default data directory of a store: `data/` beside the store file (none for an in-memory store). */
export function defaultDataDir(storePath: string): string | null {
  return storePath === ':memory:' ? null : join(dirname(storePath), 'data');
}

/** The URL host part of a bind address (IPv6 in brackets; wildcard addresses shown as loopback). */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts serving the API and web app.
 * @throws AspisError `E_USAGE` for a token shorter than `MIN_TOKEN_LENGTH` or a port that cannot be bound
 * @example
 * ```ts
 * import { openRunStore, startServer } from 'aspis';
 * const server = await startServer({ port: 8080, store: openRunStore('.aspis/runs.db') });
 * console.log(server.url);
 * await server.close();
 * ```
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  let token = options.token ?? null;
  if (token !== null && token.length < MIN_TOKEN_LENGTH)
    throw new AspisError('E_USAGE', '--token', `expected at least ${MIN_TOKEN_LENGTH} characters`);
  const loopback = isLoopbackHostname(host);
  let generated = false;
  if (!loopback && token === null) {
    token = randomBytes(24).toString('base64url');
    generated = true;
  }
  const runPool = createRunPool({ concurrency: options.concurrency });
  const app = createApp({
    store: options.store,
    staticDir: options.staticDir === undefined ? defaultStaticDir() : options.staticDir,
    token,
    dataDir: options.dataDir === undefined ? defaultDataDir(options.store.path) : options.dataDir,
    runPool,
    maxEvents: options.maxEvents,
    maxWall_s: options.maxWall_s,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new AspisError(
          'E_USAGE',
          '--port',
          `cannot listen on ${host}:${options.port}: ${err.code ?? err.message}`,
          { cause: err },
        ),
      ),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://${urlHost(host)}:${port}/`;
  const url = generated ? `${base}?token=${token}` : base;
  const bound = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  log(`aspis serve: listening on ${bound} (store ${options.store.path})`);
  const dataDir = options.dataDir === undefined ? defaultDataDir(options.store.path) : options.dataDir;
  log(
    dataDir === null
      ? 'aspis serve: posted scenarios may read uploaded files only'
      : `aspis serve: posted scenarios may read files under ${dataDir} (or uploaded with them)`,
  );
  if (!loopback)
    log(
      generated
        ? `aspis serve: ${host} is reachable from the network; generated access token: ${token}`
        : `aspis serve: ${host} is reachable from the network; /api requires the token given with --token`,
    );
  log(`aspis serve: open ${url}`);
  return {
    url,
    host,
    port,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // runs in flight are cancelled: their requests answer E_CANCELLED before the sockets close
        void runPool.close();
        server.close((err) => (err ? reject(err) : resolve()));
        // idle keep-alive sockets would hold close() open
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      }),
  };
}
