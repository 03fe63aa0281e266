import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confinedInputFiles, localInputFiles, sha256Hex } from './inputFiles.js';

const dir = mkdtempSync(join(tmpdir(), 'aspis-inputs-'));
const data = join(dir, 'data');
mkdirSync(join(data, 'sub'), { recursive: true });
writeFileSync(join(data, 'sub', 'dem.tif'), 'dem bytes');
writeFileSync(join(dir, 'outside.tif'), 'outside bytes');
symlinkSync(join(dir, 'outside.tif'), join(data, 'escape.tif'));
symlinkSync(join(data, 'sub', 'dem.tif'), join(data, 'inner.tif'));

describe('localInputFiles', () => {
  it('resolves a relative reference against the scenario folder and records its digest', () => {
    const files = localInputFiles(join(data, 'sub'));
    const f = files.read('dem.tif', 'terrain.dem');
    expect(f.location).toBe(join(data, 'sub', 'dem.tif'));
    expect(f.sha256).toBe(sha256Hex(new TextEncoder().encode('dem bytes')));
    expect(files.inputs).toEqual([f]);
  });

  it('names the folder it looked in when the file is missing', () => {
    expect(() => localInputFiles(data).read('nope.tif', 'terrain.dem')).toThrow(
      /E_TERRAIN_FILE terrain\.dem: cannot read DEM .*nope\.tif.*scenario file's folder/,
    );
  });
});

describe('confinedInputFiles', () => {
  const files = () => confinedInputFiles({ dataDir: data });

  it('reads relative paths inside the data directory, links that stay inside included', () => {
    expect(files().read('sub/dem.tif', 'terrain.dem').shown).toBe('sub/dem.tif');
    expect(files().read('inner.tif', 'terrain.dem').location).toBe(join(data, 'sub', 'dem.tif'));
  });

  it('gives one answer for absolute paths, escapes, links out, folders and missing files', () => {
    for (const ref of ['/etc/passwd', '../outside.tif', 'escape.tif', 'sub', 'missing.tif', ''])
      expect(() => files().read(ref, 'terrain.dem'), ref).toThrow(
        /^E_FILE_ACCESS terrain\.dem: no readable file '.*' available: name a file inside/,
      );
  });

  it('prefers a file uploaded under the name the scenario uses', () => {
    const uploads = new Map([['/etc/passwd', new Uint8Array([1, 2])]]);
    const f = confinedInputFiles({ dataDir: null, uploads }).read('/etc/passwd', 'terrain.dem');
    expect(f.location).toBe('upload:/etc/passwd');
    expect([...f.bytes]).toEqual([1, 2]);
  });
});
