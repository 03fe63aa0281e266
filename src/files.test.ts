import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureDir, writeFileAtomic } from './files.js';

const dir = mkdtempSync(join(tmpdir(), 'aspis-files-'));

afterEach(() => {
  delete process.env.ASPIS_FAULT_WRITE;
});

describe('ensureDir', () => {
  it('makes missing levels one at a time', () => {
    const deep = join(dir, 'a', 'b', 'c');
    ensureDir(deep);
    expect(existsSync(deep)).toBe(true);
  });

  it('fails at once under /proc instead of spinning like a recursive mkdir', () => {
    expect(() => ensureDir('/proc/aspis-nope/x', '--store', 'E_USAGE')).toThrow(
      /^E_USAGE --store: cannot create folder \/proc\/aspis-nope\/x/,
    );
  });

  it('says when a parent is a file', () => {
    writeFileSync(join(dir, 'plain'), 'x');
    expect(() => ensureDir(join(dir, 'plain', 'sub'))).toThrow(/E_OUTPUT --out: .*a parent is a file/);
  });
});

describe('writeFileAtomic', () => {
  it('writes the whole text under the real name and leaves no temporary file', () => {
    const path = join(dir, 'out', 'x.json');
    writeFileAtomic(path, '{"a":1}\n');
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n');
    expect(readdirSync(join(dir, 'out'))).toEqual(['x.json']);
  });

  it('on a full disk keeps the earlier complete file and removes the half-written temporary one', () => {
    const path = join(dir, 'full', 'x.json');
    writeFileAtomic(path, 'old, complete\n');
    process.env.ASPIS_FAULT_WRITE = 'ENOSPC';
    expect(() => writeFileAtomic(path, 'new text that will not fit\n')).toThrow(
      /^E_OUTPUT --out: cannot write .*x\.json: no space left on the device/,
    );
    expect(readFileSync(path, 'utf8')).toBe('old, complete\n');
    expect(readdirSync(join(dir, 'full'))).toEqual(['x.json']);
  });
});
