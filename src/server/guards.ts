/**
 * @module server/guards
 * The request guards of `aspis serve` (`server/app`): security headers on every answer, DNS-rebinding protection
 * (loopback host names only when no token is set), same-origin API calls and the bearer token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiError, ApiErrorCode } from './api.js';

/**
 * Content security policy of the web app: everything from this origin, nothing from anywhere else. WebAssembly may
 * be compiled (`'wasm-unsafe-eval'`, not JavaScript `eval`): the 3-D view's CesiumJS and its workers instantiate
 * the meshoptimizer codec when they load.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
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

/** The error body of every API answer. */
export function apiError(code: ApiErrorCode, path: string, message: string): ApiError {
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

/** Registers the guards that run before every route: security headers, loopback-only hosts without a token, same-origin and token checks on the API. */
export function installGuards(app: Hono, token: string | null): void {
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
}

/**
 * The size limit of a POST body: a coded 413 past `maxBodyBytes`.
 * @example
 * app.post('/api/run', jsonBodyLimit(1 << 20), async (c) => c.json(await jsonBody(c)));
 */
export function jsonBodyLimit(maxBodyBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) =>
      c.json(apiError('E_BODY_TOO_LARGE', '', `request body larger than ${maxBodyBytes} bytes`), 413),
  });
}

/**
 * The JSON body of a POST, or the answer that refuses it (415 for another type, 400 for bad JSON).
 * @example
 * const parsed = await jsonBody(c);
 * if (!parsed.ok) return parsed.response;
 */
export async function jsonBody(
  c: Context,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/json\b/i.test(type))
    return {
      ok: false,
      response: c.json(apiError('E_BAD_REQUEST', 'Content-Type', 'expected application/json'), 415),
    };
  try {
    return { ok: true, body: JSON.parse(await c.req.text()) };
  } catch {
    return { ok: false, response: c.json(apiError('E_BAD_REQUEST', '', 'body is not valid JSON'), 400) };
  }
}
