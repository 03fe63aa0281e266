/**
 * The web API reads server files (issue 11): a posted scenario's `terrain.dem` may name only a file uploaded with
 * it or a relative path inside the server's data directory, checked after symlinks; every other reference gets the
 * same `E_FILE_ACCESS` answer, which says nothing about whether the path exists or what it holds.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/scenario/catalog.js';
import { confinedInputFiles } from '../src/scenario/inputFiles.js';
import type { ApiError, RunCreatedResponse } from '../src/server/api.js';
import { createApp } from '../src/server/app.js';
import { openRunStore, type RunStore } from '../src/store/runStore.js';

const root = packageRoot();
const ridgeYaml = readFileSync(join(root, 'test', 'terrain', 'ridge-cruise.yaml'), 'utf8');
const withDem = (ref: string) => ridgeYaml.replace(/terrain: .*/, `terrain: { dem: ${JSON.stringify(ref)} }`);

let dir: string;
let dataDir: string;
let store: RunStore;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aspis-server-files-'));
  dataDir = join(dir, 'data');
  mkdirSync(join(dataDir, 'dems'), { recursive: true });
  copyFileSync(join(root, 'scenarios', 'terrain', 'synthetic-ridge.tif'), join(dataDir, 'dems', 'ridge.tif'));
  // outside the data directory: a secret, and links from inside pointing at it and at the secret's folder
  writeFileSync(join(dir, 'secret.tif'), 'or: a secret that is not a TIFF');
  symlinkSync(join(dir, 'secret.tif'), join(dataDir, 'link.tif'));
  symlinkSync(dir, join(dataDir, 'up'));
  store = openRunStore(':memory:');
});

afterAll(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function post(body: unknown) {
  const app = createApp({ store, staticDir: null, dataDir, onInternalError: () => {} });
  return app.request('/api/run', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('the web API reads server files', () => {
  it('answers every reference outside the data directory alike: no existence, no bytes (was: /etc/shadow → 0x6f72)', async () => {
    const refs = [
      '/etc/shadow',
      '/etc/passwd',
      '/no/such/file.tif',
      join(dir, 'secret.tif'),
      '../secret.tif',
      'dems/../../secret.tif',
      'link.tif',
      'up/secret.tif',
      'missing.tif',
    ];
    const answers: ApiError[] = [];
    for (const ref of refs) {
      const res = await post({ yaml: withDem(ref), name: 'x.yaml' });
      expect(res.status).toBe(400);
      answers.push((await res.json()) as ApiError);
    }
    for (const [k, a] of answers.entries()) {
      expect(a.code).toBe('E_FILE_ACCESS');
      expect(a.path).toBe('terrain.dem');
      // the same sentence for every reference, up to the reference itself
      expect(a.message.replace(refs[k], 'REF')).toBe(answers[0].message.replace(refs[0], 'REF'));
      expect(a.message).not.toMatch(/0x|TIFF|exist|permission|not a regular/i);
      expect(a.message).not.toContain(dataDir);
    }
  });

  it('runs a scenario whose DEM is inside the data directory, or uploaded with it', async () => {
    const inside = await post({ yaml: withDem('dems/ridge.tif'), name: 'ridge.yaml' });
    expect(inside.status).toBe(201);
    const bytes = readFileSync(join(root, 'scenarios', 'terrain', 'synthetic-ridge.tif'));
    const uploaded = await post({
      yaml: withDem('my-ridge.tif'),
      name: 'ridge.yaml',
      files: { 'my-ridge.tif': bytes.toString('base64') },
    });
    expect(uploaded.status).toBe(201);
    // the same bytes by either route: the same stored scenario inputs, so the same event log
    const a = (await inside.json()) as RunCreatedResponse;
    const b = (await uploaded.json()) as RunCreatedResponse;
    expect(b.hash).toBe(a.hash);
  });

  it('refuses a malformed upload with a coded 400', async () => {
    const res = await post({ yaml: withDem('x.tif'), files: { 'x.tif': 42 } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'E_BAD_REQUEST', path: 'files.x.tif' });
  });

  it('without a data directory only uploads are readable', () => {
    const files = confinedInputFiles({ dataDir: null });
    expect(() => files.read('dems/ridge.tif', 'terrain.dem')).toThrow(/E_FILE_ACCESS terrain\.dem/);
  });
});
