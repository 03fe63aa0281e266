/**
 * @module server/static
 * Files of the built web app, served from one directory with no way out of it: the URL path is percent-decoded
 * once, then refused (400) when it holds a `..` segment, a backslash, a NUL or a drive letter, and the resolved file
 * (symbolic links followed) must still lie under the directory's real path. Dot-files are never served.
 */
import { realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/** Content types of the files a Vite build emits, and of CesiumJS's static files (`dist/web/cesium/`: workers, wasm, basemap tiles and their `tilemapresource.xml`). */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ktx2': 'image/ktx2',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml; charset=utf-8',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The outcome of resolving a URL path: a file to send, a refusal (400), or nothing there (404). */
export type StaticResolution =
  | { readonly kind: 'file'; readonly file: string; readonly contentType: string }
  | { readonly kind: 'bad-request'; readonly reason: string }
  | { readonly kind: 'not-found' };

/**
 * Maps a raw (percent-encoded) URL pathname to a file under `rootDir`. `/` is `index.html`.
 * @param rootDir the directory served (need not exist: then everything is not-found)
 */
export function resolveStaticPath(rootDir: string, rawPathname: string): StaticResolution {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPathname);
  } catch {
    return { kind: 'bad-request', reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0')) return { kind: 'bad-request', reason: 'NUL in path' };
  if (decoded.includes('\\')) return { kind: 'bad-request', reason: 'backslash in path' };
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return { kind: 'bad-request', reason: 'parent segment in path' };
  if (segments.some((s) => /^[a-zA-Z]:/.test(s)))
    return { kind: 'bad-request', reason: 'drive letter in path' };
  if (segments.some((s) => s.startsWith('.'))) return { kind: 'not-found' };
  if (segments.length === 0) segments.push('index.html');
  let root: string;
  try {
    root = realpathSync(resolve(rootDir));
  } catch {
    return { kind: 'not-found' };
  }
  const candidate = resolve(root, ...segments);
  if (!candidate.startsWith(root + sep)) return { kind: 'bad-request', reason: 'outside the web directory' };
  let real: string;
  try {
    real = realpathSync(candidate);
    if (!statSync(real).isFile()) return { kind: 'not-found' };
  } catch {
    return { kind: 'not-found' };
  }
  if (!real.startsWith(root + sep)) return { kind: 'not-found' };
  const contentType = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
  return { kind: 'file', file: real, contentType };
}

/** Reads a resolved file; hashed build assets (`assets/…`) may be cached for a year, everything else revalidates. */
export async function staticResponse(resolution: StaticResolution & { kind: 'file' }): Promise<Response> {
  const body = await readFile(resolution.file);
  const immutable = resolution.file.includes(`${sep}assets${sep}`);
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'content-type': resolution.contentType,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  });
}
