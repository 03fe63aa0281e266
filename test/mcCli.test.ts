/**
 * `aspis mc` from the command line (in-process, one worker, no store): JSON shape, the table with the replay hint,
 * the HTML report with its Monte Carlo section (and a sweep's), and usage errors.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/scenario/catalog.js';
import { cli } from './support/cli.js';

const erbil = join(packageRoot(), 'scenarios', 'erbil-2020.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'aspis-mc-cli-'));
const SVG_NAMESPACES = ['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink'];

/** Absolute URLs in the document other than the SVG namespaces (a self-contained report has none). */
function externalUrls(html: string): string[] {
  return (html.match(/https?:\/\/[^\s"'<>)]*/gi) ?? []).filter((u) => !SVG_NAMESPACES.includes(u));
}

/** PRA as the report's answer section writes it, spelled out, with its interval. */
function praText(pra: { p: number; lo: number; hi: number }): string {
  const pct = (x: number) => (100 * x).toFixed(1);
  return `Probability of raid annihilation (PRA) <b>${pct(pra.p)} %</b> <span class="ci">(95 % interval ${pct(pra.lo)}–${pct(pra.hi)} %)</span>`;
}

describe('aspis mc', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('prints the aggregate as JSON with every replication hash', async () => {
    const r = await cli('mc', erbil, '--runs', '3', '--seed', '5', '--no-store', '--json', '--no-report');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.runs).toBe(3);
    expect(json.seed).toBe(5);
    expect(json.runId).toBeNull();
    expect(json.hashes).toHaveLength(3);
    expect(json.aggregate.pra.lo).toBeLessThanOrEqual(json.aggregate.pra.hi);
    expect(json.report).toBeNull();
  });

  it('prints tables, the run count and how to replay the worst replication', async () => {
    const r = await cli('mc', erbil, '--runs', '2', '--seed', '5', '--no-store', '--no-report');
    expect(r.code).toBe(0);
    expect(r.out).toContain('probability of raid annihilation (PRA)');
    expect(r.out).toContain('ran 2 runs');
    expect(r.out).toMatch(/aspis run .*erbil-2020\.yaml --seed 5 --replication \d+/);
    expect(r.out).not.toContain('HTML report');
  });

  it('writes a self-contained report.html with the Monte Carlo section and aggregate.json', async () => {
    const out = join(tmp, 'single');
    const r = await cli('mc', erbil, '--runs', '3', '--seed', '5', '--no-store', '--json', '--out', out);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.report).toBe(join(out, 'report.html'));
    // aggregate.json is the aggregate as printed, unchanged by the report
    expect(JSON.parse(readFileSync(join(out, 'aggregate.json'), 'utf8'))).toEqual(json.aggregate);
    const html = readFileSync(json.report, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(externalUrls(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import/i);
    // the report leads with the answer, then the distributions, then one labelled example replication
    const answerAt = html.indexOf('<section id="answer">');
    const mcAt = html.indexOf('<section id="monte-carlo">');
    const exampleAt = html.indexOf('id="example"');
    const mapAt = html.indexOf('<section id="map">');
    expect(answerAt).toBeGreaterThan(0);
    expect(answerAt).toBeLessThan(mcAt);
    expect(mcAt).toBeLessThan(exampleAt);
    expect(exampleAt).toBeLessThan(mapAt);
    const answer = html.slice(answerAt, mcAt);
    expect(answer).toContain(`${praText(json.aggregate.pra)} over 3 replications`);
    expect(answer).toContain('interceptors per kill');
    expect(answer).toContain('killed: ');
    // the example is the median replication by leakers, with that replication's event-log hash
    const { leakers } = json.aggregate;
    const sorted = leakers.histogram.flatMap((n: number, k: number) => Array<number>(n).fill(k));
    const medianLeakers = sorted[(sorted.length - 1) >> 1];
    const label = /Example: replication (\d+), the median of 3 by leakers on assets \((\d+) leakers?\)/.exec(
      html,
    );
    expect(label).not.toBeNull();
    expect(Number(label?.[2])).toBe(medianLeakers);
    expect(html).toContain(json.hashes[Number(label?.[1])]);
    const mc = html.slice(mcAt, exampleAt);
    expect(mc).toMatch(/<svg[\s\S]*Leakers on assets per replication/);
    expect(mc).not.toContain('PRA versus');

    // in table mode the same PRA, and the report path at the end
    const t = await cli('mc', erbil, '--runs', '3', '--seed', '5', '--no-store', '--out', out);
    const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
    const { p, lo, hi } = json.aggregate.pra;
    expect(t.out).toContain(`${pct(p)} [${pct(lo)}, ${pct(hi)}]`);
    expect(t.out.trimEnd().split('\n').at(-1)).toBe(`HTML report: ${join(out, 'report.html')}`);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe(html);
  });

  it('puts the sweep chart into the report of a sweep', async () => {
    const out = join(tmp, 'sweep');
    const sweep = 'units[0].doctrine.shotsPerThreat=1,2';
    const r = await cli(
      'mc',
      erbil,
      '--runs',
      '3',
      '--seed',
      '5',
      '--no-store',
      '--sweep',
      sweep,
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain(`HTML report: ${join(out, 'report.html')}`);
    expect(existsSync(join(out, 'aggregate.json'))).toBe(true);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(externalUrls(html)).toEqual([]);
    expect(html).toMatch(/the median of 3 by leakers on assets/);
    const points = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')).points;
    expect(html).toContain(praText(points[0].aggregate.pra));
    const mc = html.slice(html.indexOf('<section id="monte-carlo">'));
    expect(mc).toMatch(/<svg[\s\S]*PRA versus units\[0\]\.doctrine\.shotsPerThreat/);
    expect(mc).toMatch(/<svg[\s\S]*Leakers on assets per replication/);
  });

  it('gives every batch its own folder: two mc in a row and a sweep keep three reports', async () => {
    const cwd = process.cwd();
    const work = join(tmp, 'cwd');
    mkdirSync(work);
    process.chdir(work);
    try {
      const first = await cli('mc', erbil, '--runs', '2', '--seed', '5', '--no-store', '--json');
      const second = await cli('mc', erbil, '--runs', '2', '--seed', '5', '--no-store', '--json');
      const sweep = await cli(
        'mc',
        erbil,
        '--runs',
        '2',
        '--seed',
        '5',
        '--no-store',
        '--sweep',
        'units[0].doctrine.shotsPerThreat=1,2',
      );
      const a = JSON.parse(first.out).report;
      const b = JSON.parse(second.out).report;
      expect(a).toBe(join('runs', 'mc-erbil-2020-seed5', 'report.html'));
      expect(b).toBe(join('runs', 'mc-erbil-2020-seed5-2', 'report.html'));
      expect(sweep.out).toContain(`HTML report: ${join('runs', 'mc-erbil-2020-sweep', 'report.html')}`);
      expect(readdirSync(join(work, 'runs')).sort()).toEqual([
        'mc-erbil-2020-seed5',
        'mc-erbil-2020-seed5-2',
        'mc-erbil-2020-sweep',
      ]);
      for (const report of [a, b]) expect(existsSync(join(work, report))).toBe(true);
      // stored batches are named by their run id
      const stored = await cli('mc', erbil, '--runs', '2', '--seed', '5', '--store', 'runs.db', '--json');
      expect(JSON.parse(stored.out).report).toBe(join('runs', 'mc-erbil-2020-run-000001', 'report.html'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('refuses a missing --runs and a malformed --sweep with coded errors', async () => {
    expect((await cli('mc', erbil, '--no-store')).err).toContain('E_USAGE --runs');
    expect((await cli('mc', erbil, '--runs', '2', '--no-store', '--sweep', 'units[0]')).err).toContain(
      'E_USAGE --sweep',
    );
  });
});
