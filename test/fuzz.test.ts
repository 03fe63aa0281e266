/**
 * The fuzz suite's deterministic sample (docs/fuzz.md): a few hundred cheap cases of every input kind (generated and
 * mutated scenarios, validated only; tracker and track files; HTTP requests), each in a worker thread with a timeout.
 * Nothing may end as an internal error, a hang, a NaN, an unresponsive server or a file leak — except the classes in
 * `KNOWN_OPEN` (bench/fuzz/knownOpen.ts, shared with `npm run fuzz`; each entry names its branch and a repro), which
 * other branches of issue 11 are fixing; the integrator empties that list after merging them.
 * `npm run fuzz` runs the long version (thousands of cases, simulations included).
 */
import { describe, expect, it } from 'vitest';
import { drawCases, FUZZ_KINDS } from '../bench/fuzz/cases.js';
import { knownOpenOf } from '../bench/fuzz/knownOpen.js';
import { runCases } from '../bench/fuzz/runner.js';

describe('fuzz sample (seed 1)', () => {
  it('answers every case with a result or a coded error: no internal error, hang or NaN beyond KNOWN_OPEN', async () => {
    const cases = drawCases(400, 1, FUZZ_KINDS, { runPercent: 0 });
    const results = await runCases(cases, { timeout_ms: 60_000, heap_MiB: 1536 });
    expect(results).toHaveLength(400);
    // every kind produced both accepted and refused inputs: the generators reach past the first check
    for (const kind of FUZZ_KINDS) {
      const ofKind = results.filter((r) => r.case.kind === kind);
      expect(
        ofKind.some((r) => r.outcome.class === 'coded'),
        kind,
      ).toBe(true);
      expect(
        ofKind.some((r) => r.outcome.class === 'ok'),
        kind,
      ).toBe(true);
    }
    const failures = results
      .filter((r) => r.outcome.class !== 'ok' && r.outcome.class !== 'coded' && knownOpenOf(r) === undefined)
      .map((r) => ({
        class: r.outcome.class,
        detail: r.outcome.detail,
        case: JSON.stringify(r.case).slice(0, 600),
      }));
    expect(failures).toEqual([]);
  }, 600_000);
});
