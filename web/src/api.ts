/**
 * @module web/api
 * Calls to the aspis JSON API. A token passed in the page URL (`?token=…`, as `aspis serve` prints it for a
 * non-loopback host) is kept for the session, removed from the address bar and sent as a bearer header.
 */
import type {
  ApiError,
  ReplayResponse,
  RunCreatedResponse,
  RunListResponse,
  RunRequest,
} from '../../src/server/api.js';

const TOKEN_KEY = 'aspis.token';

/** An API call that answered with an error object. */
export class ApiCallError extends Error {
  readonly status: number;
  readonly body: ApiError;

  constructor(status: number, body: ApiError) {
    super(body.path ? `${body.code} ${body.path}: ${body.message}` : `${body.code}: ${body.message}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * What the status line says about a failure: an API error's coded message, else the error's message.
 * @example
 * setStatus(errorMessage(err), 'error');
 */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiCallError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

/** Moves `?token=` from the address bar into session storage; returns the token in use, if any. */
export function adoptToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** One API call with the session's token; a non-2xx answer throws `ApiCallError` (exported for the editor, mcPanel, compare). */
export async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const response = await fetch(path, { ...init, headers });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { code: 'E_INTERNAL', path: '', message: text.slice(0, 200) || response.statusText };
  }
  if (!response.ok) throw new ApiCallError(response.status, body as ApiError);
  return body as T;
}

export function listRuns(): Promise<RunListResponse> {
  return call<RunListResponse>('api/runs');
}

export function getReplay(runId: string): Promise<ReplayResponse> {
  return call<ReplayResponse>(`api/runs/${encodeURIComponent(runId)}/replay`);
}

export function postRun(request: RunRequest): Promise<RunCreatedResponse> {
  return call<RunCreatedResponse>('api/run', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
}
