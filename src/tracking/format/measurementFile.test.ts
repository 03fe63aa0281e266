import { describe, expect, it } from 'vitest';
import { AspisError } from '../../errors.js';
import { generateMeasurementFile } from '../mttGenerate.js';
import { measurementScanFlatZ, parseMeasurementFile, truthLineShape } from './measurementFile.js';

/** A line moved off the fast shape (a space after `{`), so the reader takes the general path. */
function spaced(line: string): string {
  return `{ ${line.slice(1)}`;
}

/** The message of the coded error `fn` throws. */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AspisError) return `${err.code} ${err.message}`;
    throw err;
  }
  throw new Error('expected an AspisError');
}

describe('measurement-file fast paths (issue 12)', () => {
  const generated = generateMeasurementFile({ n: 20, seed: 5, numScans: 6, maneuver: true });
  const lines = [...generated.lines];

  it('shaped truth lines and flat scans read the same as the general path', () => {
    const fast = parseMeasurementFile(lines);
    const general = parseMeasurementFile(lines.map((l, i) => (i === 0 ? l : spaced(l))));
    expect(lines.slice(1).some((l) => truthLineShape(4).test(l))).toBe(true);
    expect(fast.scans).toEqual(general.scans);
    expect(fast.truth).toEqual(general.truth);
    expect(fast.scans.map((s) => s.z)).toEqual(generated.scans.map((s) => s.z));
    expect(fast.truth.map((t) => t.x)).toEqual(generated.truth.map((t) => t.x));
    const flat = measurementScanFlatZ(fast.scans[2]);
    expect(flat && Array.from(flat)).toEqual(generated.scans[2].z.flat());
  });

  it('a truth line of the right shape but a wrong count of ids fails as the general path words it', () => {
    const at = lines.findIndex((l) => l.startsWith('{"type":"truth"'));
    const obj = JSON.parse(lines[at]) as { ids: number[] };
    obj.ids.pop();
    const bad = [...lines];
    bad[at] = JSON.stringify(obj);
    const message = errorOf(() => parseMeasurementFile(bad));
    expect(message).toMatch(/E_MTT_FORMAT line \d+: ids/);
    bad[at] = spaced(bad[at]);
    expect(errorOf(() => parseMeasurementFile(bad))).toBe(message);
  });

  it('a truth state beyond 10⁹ leaves the shape and is refused by the general checks', () => {
    const at = lines.findIndex((l) => l.startsWith('{"type":"truth"'));
    const obj = JSON.parse(lines[at]) as { x: number[][] };
    obj.x[0][0] = 2e9;
    const bad = [...lines];
    bad[at] = JSON.stringify(obj);
    expect(truthLineShape(4).test(bad[at])).toBe(false);
    expect(errorOf(() => parseMeasurementFile(bad))).toMatch(/x\[0\]\[0\]: must be within ±1000000000/);
  });
});
