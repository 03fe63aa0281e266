/**
 * Issue 11, tracker inputs: non-finite or degenerate covariances are refused with coded errors naming the field, and
 * the scoring path survives a saturation-scale (200,000-scan) run. Each test is named after the reported bug.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AspisError } from '../src/errors.js';
import type { MeasurementFile } from '../src/tracking/format/measurementFile.js';
import { parseTrackFile, trackFileScanLine } from '../src/tracking/format/trackFile.js';
import { formatMttScore, scoreMttRun } from '../src/tracking/metrics/score.js';
import { generateMeasurementFile } from '../src/tracking/mttGenerate.js';
import { cli } from './support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'aspis-tracker-inputs-'));

/** A small generated scenario file with `edit` applied to its header (line 1) or scan lines; returns its path. */
function scenarioFile(
  name: string,
  // biome-ignore lint/suspicious/noExplicitAny: test edits of parsed JSON lines
  edit: (header: any, scans: any[]) => void,
): string {
  const lines = [...generateMeasurementFile({ n: 2, seed: 3, numScans: 6 }).lines];
  const header = JSON.parse(lines[0] as string);
  const rest = lines.slice(1).map((l) => JSON.parse(l));
  edit(
    header,
    rest.filter((r) => r.type === 'scan'),
  );
  const path = join(dir, name);
  writeFileSync(path, `${[header, ...rest].map((r) => JSON.stringify(r)).join('\n')}\n`);
  return path;
}

describe('tracker inputs with non-finite or degenerate covariances are refused (issue 11)', () => {
  it('q: 1e308 wrote null states with exit 0: now E_MTT_FORMAT on motion.q', async () => {
    const path = scenarioFile('q.jsonl', (h) => {
      h.motion.q = 1e308;
    });
    const r = await cli('track', path, '--out', join(dir, 'q.tracks.jsonl'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/E_MTT_FORMAT line 1: motion\.q: must be in 0\.\.100000000/);
  });

  it('UKF on z = 1e200 gave an internal cholesky error: now E_MTT_FORMAT on the measurement', async () => {
    const path = scenarioFile('z.jsonl', (_h, scans) => {
      const scan = scans.find((s) => s.z.length > 0);
      scan.z[0][0] = 1e200;
    });
    const r = await cli('track', path, '--filter', 'ukf', '--out', join(dir, 'z.tracks.jsonl'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/E_MTT_FORMAT line \d+: z\[0\]\[0\]: must be within ±1000000000/);
    expect(r.err).not.toMatch(/internal/);
  });

  it('sensor.sigma 1e±300 gave zero tracks with exit 0: now E_MTT_FORMAT on sensor.sigma', async () => {
    for (const sigma of [1e-300, 1e300]) {
      const path = scenarioFile(`sigma-${sigma}.jsonl`, (h) => {
        h.sensor.sigma = sigma;
      });
      const r = await cli('track', path, '--out', join(dir, 'sigma.tracks.jsonl'));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/E_MTT_FORMAT line 1: sensor\.sigma: must be in 0\.001\.\.10000000 m/);
    }
  });

  it('a non-finite tracker state is never written as null: E_MTT_NUMERIC names the scan and entry', () => {
    expect(() => trackFileScanLine({ k: 4, t: 4, ids: ['1'], x: [[0, Number.NaN, 0, 0]] })).toThrow(
      /E_MTT_NUMERIC scan 4: x\[0\]\[1\]/,
    );
    expect(() =>
      trackFileScanLine({ k: 1, t: 1, ids: ['1'], x: [[0, 0]], P: [[1, 0, 0, Number.POSITIVE_INFINITY]] }),
    ).toThrow(AspisError);
  });

  it('a tracks file with a negative variance is refused by mtt score as degenerate', () => {
    const lines = [
      JSON.stringify({
        type: 'header',
        format: 'mtt-tracks',
        version: 1,
        tracker: 't',
        scenario: 's',
        config: {},
      }),
      JSON.stringify({ type: 'tracks', k: 0, t: 0, ids: [1], x: [[0, 0]], P: [[1, 0, 0, -4]] }),
    ];
    expect(() => parseTrackFile(lines, 2)).toThrow(/P\[0\]\[3\]: variance must be ≥ 0, got -4/);
  });
});

describe('tracker output paths at saturation scale (issue 11)', () => {
  it('a 200,000-scan tracker file crashed mtt score with "Maximum call stack size exceeded": now scored', () => {
    const small = generateMeasurementFile({ n: 0, seed: 1, numScans: 1, clutterDensity: 0 }).header;
    const numScans = 200_000;
    const header = { ...small, num_scans: numScans, dt: 1, t0: 0 };
    const scans = Array.from({ length: numScans }, (_, k) => ({ k, t: k, ids: [], z: [] }));
    const truth = scans.map((s) => ({ k: s.k, t: s.t, ids: [], x: [] }));
    const scenario: MeasurementFile = { header, scans, truth };
    // one track on every 1,000th scan, so tracksPerScan has a non-trivial max
    const trackScans = scans.map((s) =>
      s.k % 1000 === 0 ? { k: s.k, t: s.t, ids: [1], x: [[0, 0, 0, 0]] } : { k: s.k, t: s.t, ids: [], x: [] },
    );
    const tracks = {
      header: { type: 'header', format: 'mtt-tracks', version: 1, tracker: 't', scenario: 's', config: {} },
      scans: trackScans,
      histories: [],
      summary: null,
    } as unknown as Parameters<typeof scoreMttRun>[1];
    const report = scoreMttRun(scenario, tracks);
    expect(report.tracksPerScan).toEqual({ mean: 200 / numScans, min: 0, max: 1 });
    expect(formatMttScore(report).join('\n')).toMatch(/tracks per scan: mean 0\.00 \(min 0, max 1\)/);
  });
});
