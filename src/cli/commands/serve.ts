/**
 * @module cli/commands/serve
 * `aspis serve [--port P] [--host H] [--token T] [--store PATH] [--data DIR]`: the local web app (replay runs on a
 * map, load and run scenarios) and its JSON API over the run store. Posted scenarios may read files (DEMs) only
 * from DIR (default `data/` beside the store) or uploaded with them. Binds 127.0.0.1 by default; a non-loopback host needs a
 * token and gets a generated one (printed) when none is given. Runs until interrupted (Ctrl-C).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { AspisError } from '../../errors.js';
import { packageRoot } from '../../scenario/catalog.js';
import { SERVER_MAX_EVENTS } from '../../scenario/work.js';
import { DEFAULT_HOST, DEFAULT_PORT, defaultStaticDir, startServer } from '../../server/serve.js';
import { SERVER_MAX_WALL_s } from '../../sim/watchdog.js';
import { DEFAULT_STORE_PATH, openRunStore } from '../../store/runStore.js';
import { parseMaxEvents, parseMaxWall } from './limits.js';

/** Parses `--port` strictly: an integer 0..65535 (0 picks a free port). */
export function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value.trim()) || Number(value) > 65535)
    throw new AspisError('E_USAGE', '--port', `expected an integer 0..65535, got "${value}"`);
  return Number(value);
}

/** Parses `--run-workers`: an integer 1..64. */
export function parseRunWorkers(value: string): number {
  if (!/^\d{1,2}$/.test(value.trim()) || Number(value) < 1 || Number(value) > 64)
    throw new AspisError('E_USAGE', '--run-workers', `expected an integer 1..64, got "${value}"`);
  return Number(value);
}

/**
 * Builds the web app (`vite build` into dist/web) when it is missing, so `npm ci && npm start` followed by
 * `aspis serve` works without a separate build step. Vite is a devDependency of the repository checkout.
 */
function ensureWebApp(): void {
  if (existsSync(join(defaultStaticDir(), 'index.html'))) return;
  const vite = join(packageRoot(), 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) return; // an installed package ships dist/web already; the server explains otherwise
  process.stderr.write('aspis serve: building the web app (vite build)…\n');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: packageRoot(),
    stdio: 'inherit',
  });
}

/** Registers `aspis serve`. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the web app (replay stored runs on a map, run scenarios) and its JSON API')
    .option('--port <port>', 'TCP port (0 = any free port)', parsePort, DEFAULT_PORT)
    .option('--host <host>', 'bind address; anything but loopback requires a token', DEFAULT_HOST)
    .option('--token <token>', 'access token for the API (generated and printed for a non-loopback host)')
    .option('--store <path>', 'run store (SQLite) to read and write', DEFAULT_STORE_PATH)
    .option(
      '--data <dir>',
      'the only folder posted scenarios may read files (terrain.dem) from; default data/ beside the store',
    )
    .option(
      '--max-events <n>',
      'refuse posted scenarios whose estimated work exceeds n work units (docs/limits.md)',
      parseMaxEvents,
      SERVER_MAX_EVENTS,
    )
    .option('--max-wall <seconds>', 'stop a posted run after this wall time', parseMaxWall, SERVER_MAX_WALL_s)
    .option('--run-workers <k>', 'posted runs computed at once, one worker thread each', parseRunWorkers, 1)
    .action(
      async (opts: {
        port: number;
        host: string;
        token?: string;
        store: string;
        data?: string;
        maxEvents: number;
        maxWall: number;
        runWorkers: number;
      }) => {
        // the store first: a bad --store (e.g. under /proc) fails at once, before any web build
        const store = openRunStore(opts.store);
        ensureWebApp();
        let server: Awaited<ReturnType<typeof startServer>>;
        try {
          server = await startServer({
            port: opts.port,
            host: opts.host,
            token: opts.token ?? null,
            store,
            ...(opts.data !== undefined ? { dataDir: resolve(opts.data) } : {}),
            maxEvents: opts.maxEvents,
            maxWall_s: opts.maxWall,
            concurrency: opts.runWorkers,
          });
        } catch (err) {
          store.close();
          throw err;
        }
        const stop = (): void => {
          server.close().finally(() => store.close());
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
    );
}
