import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertRadarBudget,
  type FramePlan,
  inSearchSlice,
  planFrame,
  type RadarBudget,
  type TrackDwellRequest,
  trackCostPerFrame_s,
} from './budget.js';

const BUDGET: RadarBudget = {
  searchFrame_s: 2,
  trackDwell_s: 0.01,
  trackInterval_s: 1,
  maxTrackFraction: 0.5,
};

/** N confirmed tracks named t0…t(N−1), all with the same last dwell time. */
function tracks(n: number, lastDwell_s = Number.NaN): TrackDwellRequest[] {
  return Array.from({ length: n }, (_, i) => ({ id: `t${i}`, confirmed: true, lastDwell_s }));
}

/** Runs `frames` frames of 1 s with `n` tracks; returns the plans and each track's dwell times. */
function runFrames(
  budget: RadarBudget,
  n: number,
  frames: number,
): { plans: FramePlan[]; dwells: number[][] } {
  const last = new Map<string, number>();
  const dwells: number[][] = Array.from({ length: n }, () => []);
  const plans: FramePlan[] = [];
  let fence = 0;
  for (let k = 0; k < frames; k++) {
    const requests = tracks(n).map((r) => ({ ...r, lastDwell_s: last.get(r.id) ?? Number.NaN }));
    const plan = planFrame(budget, 1, k, requests, fence);
    for (const id of plan.dwellTrackIds) {
      last.set(id, k);
      dwells[Number(id.slice(1))].push(k);
    }
    fence = plan.nextFenceStart;
    plans.push(plan);
  }
  return { plans, dwells };
}

describe('planFrame: track dwells first, search gets the rest', () => {
  it('with N tracks at a 1 s revisit, search takes 1 − N·τ/T of the frame (N = 10, τ = 10 ms)', () => {
    const plan = planFrame(BUDGET, 1, 0, tracks(10), 0);
    expect(plan.dwellTrackIds).toHaveLength(10);
    expect(plan.trackTime_s).toBeCloseTo(0.1, 12);
    expect(plan.searchTime_s).toBeCloseTo(0.9, 12);
    // 0.9 s of a 2 s search frame: 45 % of the sector
    expect(plan.searchFraction).toBeCloseTo(0.45, 12);
    expect(plan.nextFenceStart).toBeCloseTo(0.45, 12);
    expect(plan.saturated).toBe(false);
  });

  it('a revisit of 2 s on a 1 s frame costs N·τ/2 per frame on average (staggered tracks)', () => {
    const budget = { ...BUDGET, trackInterval_s: 2 };
    const requests = tracks(20).map((r, i) => ({ ...r, lastDwell_s: i % 2 === 0 ? -1 : -2 }));
    const plan = planFrame(budget, 1, 0, requests, 0);
    // the ten dwelt at −2 are due, the ten at −1 are not
    expect(plan.dwellTrackIds).toHaveLength(10);
    expect(plan.searchTime_s / 1).toBeCloseTo(1 - (20 * 0.01) / 2, 12);
  });

  it('a revisit shorter than the frame costs τ·F/T per track (T = 0.25 s → 4 dwells a frame)', () => {
    const budget = { ...BUDGET, trackInterval_s: 0.25 };
    expect(trackCostPerFrame_s(budget, 1)).toBeCloseTo(0.04, 15);
    const plan = planFrame(budget, 1, 0, tracks(5), 0);
    expect(plan.trackTime_s).toBeCloseTo(0.2, 12);
    expect(plan.searchTime_s).toBeCloseTo(0.8, 12);
  });

  it('an ample budget searches the whole sector every frame and the fence stays put', () => {
    const plan = planFrame({ ...BUDGET, searchFrame_s: 0.5 }, 1, 0, tracks(10), 0.3);
    expect(plan.searchFraction).toBe(1);
    expect(plan.searchTime_s).toBe(0.5);
    expect(plan.nextFenceStart).toBe(0.3);
  });

  it('serves confirmed before tentative, then the longest wait, then the caller order', () => {
    const requests: TrackDwellRequest[] = [
      { id: 'tent', confirmed: false, lastDwell_s: Number.NaN },
      { id: 'a', confirmed: true, lastDwell_s: 9 },
      { id: 'b', confirmed: true, lastDwell_s: 7 },
      { id: 'c', confirmed: true, lastDwell_s: 9 },
      { id: 'fresh', confirmed: true, lastDwell_s: 9.5 },
    ];
    const plan = planFrame({ ...BUDGET, maxTrackFraction: 0.03 }, 1, 10, requests, 0);
    // 'fresh' is not due (0.5 s < 1 s); three dwells fit the 30 ms cap
    expect(plan.dwellTrackIds).toEqual(['b', 'a', 'c']);
    expect(plan.deferredTrackIds).toEqual(['tent']);
    expect(plan.saturated).toBe(true);
  });
});

describe('planFrame: saturation', () => {
  it('caps track time at maxTrackFraction and stretches revisits to at most ⌈N/capacity⌉ frames (80 tracks, 50 fit)', () => {
    const { plans, dwells } = runFrames(BUDGET, 80, 16);
    for (const plan of plans) {
      expect(plan.dwellTrackIds).toHaveLength(50);
      expect(plan.trackFraction).toBeCloseTo(0.5, 12);
      expect(plan.saturated).toBe(true);
      // half the frame left for search: a quarter of the sector
      expect(plan.searchFraction).toBeCloseTo(0.25, 12);
    }
    // 16 frames × 50 dwells over 80 tracks; the oldest go first, so no revisit stretches past ⌈80/50⌉ = 2 frames
    expect(dwells.reduce((n, times) => n + times.length, 0)).toBe(800);
    for (const times of dwells) {
      expect(times[0]).toBeLessThanOrEqual(1);
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeLessThanOrEqual(2);
    }
    // the spare 20 dwells of each frame go, among equally old tracks, to the caller's most urgent (t0…t19)
    expect(dwells[0]).toHaveLength(16);
    expect(dwells[79].length).toBeLessThan(10);
  });

  it('with no cap room left there is no track dwell; with no time left there is no search', () => {
    expect(planFrame({ ...BUDGET, maxTrackFraction: 0 }, 1, 0, tracks(3), 0).dwellTrackIds).toEqual([]);
    const full = planFrame({ ...BUDGET, maxTrackFraction: 1, trackDwell_s: 0.25 }, 1, 0, tracks(4), 0.5);
    expect(full.searchFraction).toBe(0);
    expect(full.nextFenceStart).toBe(0.5);
  });
});

describe('search fence', () => {
  it('covers the whole sector in ⌈1/s⌉ frames (s = 0.3: 4 frames, not 3)', () => {
    // 10 tracks of 40 ms on a 1 s frame leave 0.6 s of a 2 s search frame: s = 0.3
    const budget = { ...BUDGET, trackDwell_s: 0.04 };
    const { plans } = runFrames(budget, 10, 4);
    expect(plans[0].searchFraction).toBeCloseTo(0.3, 12);
    const covered = (u: number, frames: number) =>
      plans.slice(0, frames).some((p) => inSearchSlice(u, p.fenceStart, p.searchFraction));
    const grid = Array.from({ length: 1000 }, (_, i) => (i + 0.5) / 1000);
    expect(grid.every((u) => covered(u, 4))).toBe(true);
    expect(grid.filter((u) => !covered(u, 3)).length).toBe(100);
  });

  it('wraps around the sector edge', () => {
    expect(inSearchSlice(0.95, 0.9, 0.2)).toBe(true);
    expect(inSearchSlice(0.05, 0.9, 0.2)).toBe(true);
    expect(inSearchSlice(0.15, 0.9, 0.2)).toBe(false);
    expect(inSearchSlice(0.5, 0.9, 0)).toBe(false);
    expect(inSearchSlice(0.5, 0.9, 1)).toBe(true);
  });
});

describe('planFrame properties', () => {
  const budgetArb = fc.record({
    searchFrame_s: fc.double({ min: 0.01, max: 20, noNaN: true }),
    trackDwell_s: fc.double({ min: 0, max: 0.5, noNaN: true }),
    trackInterval_s: fc.double({ min: 0.05, max: 10, noNaN: true }),
    maxTrackFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  const requestsArb = fc.array(
    fc.record({
      confirmed: fc.boolean(),
      lastDwell_s: fc.oneof(fc.constant(Number.NaN), fc.double({ min: -20, max: 0, noNaN: true })),
    }),
    { maxLength: 60 },
  );

  it('fractions lie in [0, 1], radar time fits the frame and the cap, every due track is dwelt or deferred', () => {
    fc.assert(
      fc.property(
        budgetArb,
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        requestsArb,
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (budget, frame_s, raw, fence) => {
          const requests = raw.map((r, i) => ({ ...r, id: `t${i}` }));
          const plan = planFrame(budget, frame_s, 0, requests, fence);
          expect(plan.searchFraction).toBeGreaterThanOrEqual(0);
          expect(plan.searchFraction).toBeLessThanOrEqual(1);
          expect(plan.trackFraction).toBeGreaterThanOrEqual(0);
          // relative and absolute slack: at a subnormal cap (fast-check drew 2.5e-323) one rounding doubles it
          expect(plan.trackFraction).toBeLessThanOrEqual(budget.maxTrackFraction * (1 + 1e-9) + 1e-300);
          expect(plan.trackTime_s + plan.searchTime_s).toBeLessThanOrEqual(frame_s * (1 + 1e-9));
          expect(plan.nextFenceStart).toBeGreaterThanOrEqual(0);
          expect(plan.nextFenceStart).toBeLessThan(1);
          const due = requests.filter(
            (r) => Number.isNaN(r.lastDwell_s) || -r.lastDwell_s >= budget.trackInterval_s * (1 - 1e-9),
          );
          expect(plan.dwellTrackIds.length + plan.deferredTrackIds.length).toBe(due.length);
          expect(planFrame(budget, frame_s, 0, requests, fence)).toEqual(plan);
        },
      ),
    );
  });
});

describe('assertRadarBudget', () => {
  it('names the field that is out of its domain', () => {
    expect(() => assertRadarBudget({ ...BUDGET, searchFrame_s: 0 })).toThrow(/searchFrame_s/);
    expect(() => assertRadarBudget({ ...BUDGET, maxTrackFraction: 1.5 })).toThrow(/maxTrackFraction/);
    expect(() => assertRadarBudget({ ...BUDGET, trackInterval_s: -1 })).toThrow(/trackInterval_s/);
    expect(() => assertRadarBudget({ ...BUDGET, trackGate_rad: 0 })).toThrow(/trackGate_rad/);
    expect(() => assertRadarBudget(BUDGET)).not.toThrow();
  });
});
