import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { MTT_REFERENCE_DIR } from './support/mttData.js';

const DATA = MTT_REFERENCE_DIR;
const SCEN_N10 = join(DATA, 'scen_N10_s1.jsonl');
const REF_N10 = join(DATA, 'scen_N10_s1.tracks_stonesoup_kdtree.jsonl');
const SCEN_N100 = join(DATA, 'scen_N100_s1.jsonl');
const REF_N100 = join(DATA, 'scen_N100_s1.tracks_stonesoup_kdtree.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'aspis-track-cli-'));

/** Runs the CLI in-process; returns the exit code and what went to stderr. */
async function aspis(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'aspis', ...args]);
    return { code, stderr };
  } finally {
    spy.mockRestore();
    // main reports process.exitCode; reset it so one command's status never leaks into the next
    process.exitCode = undefined;
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('aspis mtt score', () => {
  it("reproduces Stone Soup's published online OSPA of its own reference tracks (N = 10: 21.920)", async () => {
    const out = join(dir, 'score10.json');
    const r = await aspis('mtt', 'score', SCEN_N10, REF_N10, '--json', '--out', out);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(Math.abs(report.ospaOnline.mean - 21.92)).toBeLessThan(0.001);
    // and the other numbers of the reference summary line (Stone Soup OSPAMetric / GOSPAMetric, MultiManager)
    const summary = JSON.parse(readFileSync(REF_N10, 'utf8').trim().split('\n').at(-1)!);
    expect(report.ospaOnline.mean).toBeCloseTo(summary.metrics.ospa_online_mean, 9);
    expect(report.ospaOnline.final).toBeCloseTo(summary.metrics.ospa_online_final, 9);
    expect(report.gospaOnline.mean).toBeCloseTo(summary.metrics.gospa_online_mean, 9);
    expect(report.ospaHistory.mean).toBeCloseTo(summary.metrics.ospa_history_mean, 9);
    expect(report.gospaHistory.mean).toBeCloseTo(summary.metrics.ss_gospa_history_mean, 9);
    expect(report.tracksPerScan.mean).toBeCloseTo(summary.metrics.tracks_per_scan, 9);
    expect(report.confirmedTotal).toBe(summary.confirmed_total);
  });

  it('reproduces the N = 100 reference online OSPA (19.403)', async () => {
    const out = join(dir, 'score100.json');
    expect((await aspis('mtt', 'score', SCEN_N100, REF_N100, '--json', '--out', out)).code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(Math.abs(report.ospaOnline.mean - 19.403)).toBeLessThan(0.001);
  });

  it('prints a human-readable report', async () => {
    const out = join(dir, 'score10.txt');
    expect((await aspis('mtt', 'score', SCEN_N10, REF_N10, '--out', out)).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/online OSPA .*mean 21\.920/);
    expect(text).toMatch(/history OSPA/);
    expect(text).toMatch(/tracks per scan: mean 7\.59/);
  });

  it('compare mode: a file matches itself and differs (exit 1) from a perturbed copy', async () => {
    const same = join(dir, 'same.txt');
    expect((await aspis('mtt', 'score', SCEN_N10, REF_N10, '--compare', REF_N10, '--out', same)).code).toBe(
      0,
    );
    expect(readFileSync(same, 'utf8')).toMatch(/MATCH/);
    const lines = readFileSync(REF_N10, 'utf8').trim().split('\n');
    const k = lines.findIndex((l) => l.includes('"type":"tracks","k":30,'));
    const rec = JSON.parse(lines[k]);
    rec.x[0][0] += 1e-3;
    lines[k] = JSON.stringify(rec);
    const perturbed = join(dir, 'perturbed.jsonl');
    writeFileSync(perturbed, `${lines.join('\n')}\n`);
    const diff = join(dir, 'diff.json');
    expect(
      (await aspis('mtt', 'score', SCEN_N10, REF_N10, '--compare', perturbed, '--json', '--out', diff)).code,
    ).toBe(1);
    const report = JSON.parse(readFileSync(diff, 'utf8'));
    expect(report.ok).toBe(false);
    expect(report.worstScan).toBe(30);
    expect(report.maxAbsDiff).toBeCloseTo(1e-3, 6);
  });
});

describe('aspis mtt generate', () => {
  it('writes the same file for the same seed, readable by score', async () => {
    const a = join(dir, 'gen-a.jsonl');
    const b = join(dir, 'gen-b.jsonl');
    expect(
      (await aspis('mtt', 'generate', '--n', '5', '--seed', '3', '--scans', '20', '--out', a)).code,
    ).toBe(0);
    expect(
      (await aspis('mtt', 'generate', '--n', '5', '--seed', '3', '--scans', '20', '--out', b)).code,
    ).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    const first = JSON.parse(readFileSync(a, 'utf8').split('\n')[0]);
    expect(first).toMatchObject({ format: 'mtt-scenario', version: 1, num_scans: 20, dim: 2 });
  });

  it('rejects a bad --dim with a usage error (exit 2)', async () => {
    const r = await aspis('mtt', 'generate', '--n', '5', '--dim', '4');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/E_USAGE --dim/);
  });
});

describe('malformed files exit 2 with a coded message naming the line, and write nothing', () => {
  const scenarioLines = readFileSync(SCEN_N10, 'utf8').trim().split('\n');
  const cases: [string, (l: string[]) => void, RegExp][] = [
    ['bad JSON line', (l) => (l[6] = l[6].slice(0, 50)), /^E_MTT_FORMAT line 7: invalid JSON/m],
    [
      'wrong format',
      (l) => (l[0] = l[0].replace('"mtt-scenario"', '"mtt-scenarios"')),
      /^E_MTT_FORMAT line 1: format/m,
    ],
    ['missing header', (l) => l.shift(), /^E_MTT_FORMAT line 1: type: missing header/m],
    [
      'NaN',
      (l) => (l[4] = l[4].replace(/"z":\[\[[-0-9.e]+/, '"z":[[NaN')),
      /^E_MTT_FORMAT line 5: non-finite/m,
    ],
    [
      'wrong dims',
      (l) => (l[4] = l[4].replace(/"z":\[\[([-0-9.e]+),[-0-9.e]+\]/, '"z":[[$1]')),
      /^E_MTT_FORMAT line 5: z\[0\]/m,
    ],
  ];
  it.each(cases)('%s', async (name, mutate, pattern) => {
    const lines = [...scenarioLines];
    mutate(lines);
    const bad = join(dir, `bad-${name.replace(/ /g, '-')}.jsonl`);
    writeFileSync(bad, `${lines.join('\n')}\n`);
    const out = join(dir, `bad-${name.replace(/ /g, '-')}.out`);
    const score = await aspis('mtt', 'score', bad, REF_N10, '--out', out);
    expect(score.code).toBe(2);
    expect(score.stderr).toMatch(pattern);
    expect(existsSync(out)).toBe(false);
    const track = await aspis('track', bad, '--out', out);
    expect(track.code).toBe(2);
    expect(track.stderr).toMatch(pattern);
    expect(existsSync(out)).toBe(false);
  });

  it('a malformed tracks file names its line too', async () => {
    const lines = readFileSync(REF_N10, 'utf8').trim().split('\n');
    lines[3] = lines[3].replace('"x":[', '"x":[[1,2],');
    const bad = join(dir, 'bad-tracks.jsonl');
    writeFileSync(bad, `${lines.join('\n')}\n`);
    const r = await aspis('mtt', 'score', SCEN_N10, bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/E_MTT_FORMAT line 4: x\[0\]: must have 4 elements/);
  });
});

describe('aspis track', () => {
  it('--compat stonesoup reproduces the Stone Soup reference tracks to 1e-6 (N = 10)', async () => {
    const out = join(dir, 'compat10.jsonl');
    const run = await aspis('track', SCEN_N10, '--compat', 'stonesoup', '--score', '--out', out);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/online OSPA/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0])).toMatchObject({ type: 'header', format: 'mtt-tracks', version: 1 });
    const summary = JSON.parse(lines.at(-1)!);
    expect(summary.type).toBe('summary');
    expect(summary.measurements).toBe(1647);
    expect(summary.meas_per_s).toBeGreaterThan(0);
    const cmp = join(dir, 'compat10-cmp.json');
    const c = await aspis(
      'mtt',
      'score',
      SCEN_N10,
      out,
      '--compare',
      REF_N10,
      '--tol',
      '1e-6',
      '--json',
      '--out',
      cmp,
    );
    const report = JSON.parse(readFileSync(cmp, 'utf8'));
    expect(report.countMismatches).toEqual([]);
    expect(report.maxAbsDiff).toBeLessThanOrEqual(1e-6);
    expect(c.code).toBe(0);
  });

  it('--compat stonesoup reproduces the N = 100 reference too', async () => {
    const out = join(dir, 'compat100.jsonl');
    expect((await aspis('track', SCEN_N100, '--compat', 'stonesoup', '--out', out)).code).toBe(0);
    const cmp = join(dir, 'compat100-cmp.json');
    const c = await aspis('mtt', 'score', SCEN_N100, out, '--compare', REF_N100, '--json', '--out', cmp);
    const report = JSON.parse(readFileSync(cmp, 'utf8'));
    expect(report.countMismatches).toEqual([]);
    expect(report.maxAbsDiff).toBeLessThanOrEqual(1e-6);
    expect(c.code).toBe(0);
  });

  it('writes to stdout by default, one tracks line per scan between header and summary', async () => {
    let stdout = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    });
    try {
      expect((await aspis('track', SCEN_N10, '--compat', 'stonesoup')).code).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const types = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).type);
    expect(types[0]).toBe('header');
    expect(types.filter((t) => t === 'tracks')).toHaveLength(100);
    expect(types.at(-1)).toBe('summary');
  });

  it('rejects a bad --confirm with a usage error', async () => {
    const r = await aspis('track', SCEN_N10, '--confirm', '5/3', '--out', join(dir, 'never.jsonl'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/E_USAGE --confirm/);
    expect(existsSync(join(dir, 'never.jsonl'))).toBe(false);
  });
});
