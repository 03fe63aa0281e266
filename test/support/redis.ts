/**
 * A throwaway Debian `redis-server` for the distributed Monte Carlo tests: started on a free port with no
 * persistence, stopped after the suite. Without `redis-server` on PATH the suite fails (it does not skip): CI installs
 * it with scripts/setup-system.sh.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, Socket } from 'node:net';

/** A running redis-server. */
export interface TestRedis {
  /** `redis://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

const MISSING_MESSAGE =
  'redis-server is not on PATH; the distributed Monte Carlo tests need it. Install it with `bash scripts/setup-system.sh` (Debian redis-server; CI runs this), or start one with scripts/redis-start.sh';

/** A port nothing listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True once `PING` on the port answers `+PONG`. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Starts `redis-server --port P --save '' --appendonly no` on a free port and resolves once it answers PING.
 * @param options.bin the executable (default `redis-server` from PATH)
 * @param options.port the port (default a free one)
 * @throws Error pointing to scripts/setup-system.sh when redis-server is not installed
 */
export async function startRedis(
  options: { readonly bin?: string; readonly timeout_ms?: number; readonly port?: number } = {},
): Promise<TestRedis> {
  const timeout_ms = options.timeout_ms ?? 15_000;
  // a given port restarts a server where a stopped one was (the same URL, empty)
  const port = options.port ?? (await freePort());
  const child = spawn(
    options.bin ?? 'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (chunk) => {
    log += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk) => {
    log += chunk.toString('utf8');
  });
  const spawnError = new Promise<Error>((resolve) => {
    child.once('error', (err: NodeJS.ErrnoException) =>
      resolve(err.code === 'ENOENT' ? new Error(MISSING_MESSAGE) : err),
    );
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.kill('SIGTERM');
    await exited(child);
    clearTimeout(killer);
  };

  const deadline = Date.now() + timeout_ms;
  for (;;) {
    const failed = await Promise.race([spawnError, new Promise<null>((r) => setTimeout(() => r(null), 50))]);
    if (failed) throw failed;
    if (child.exitCode !== null)
      throw new Error(`redis-server exited with code ${child.exitCode} on port ${port}:\n${log}`);
    if (await ping(port)) return { url: `redis://127.0.0.1:${port}`, port, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not answer on port ${port} within ${timeout_ms} ms:\n${log}`);
    }
  }
}
