import { describe, expect, it } from 'vitest';
import { mOfNConfirm, mOfNDecision, stoneSoupDecision } from './confirmation.js';
import { type TrackerRoles, type TrackLists, trackScan } from './trackLoop.js';

/** A 1-D toy tracker: a track is a position; a detection within 1 of it is a hit (nearest first, in list order). */
interface Toy {
  id: number;
  x: number;
  misses: number;
  window: { bits: number; count: number };
}
interface ToyScan {
  z: number[];
  used: boolean[];
}

function toyRoles(log: string[]): TrackerRoles<Toy, ToyScan, number[]> {
  let nextId = 1;
  const nearest = {
    associate: (tracks: readonly Toy[], scan: ToyScan) =>
      tracks.map((t) => scan.z.findIndex((z, j) => !scan.used[j] && Math.abs(z - t.x) < 1)),
  };
  return {
    predictor: { predict: (tracks) => log.push(`predict ${tracks.map((t) => t.id).join(',')}`) },
    confirmedAssociator: nearest,
    tentativeAssociator: nearest,
    updater: {
      update(track, row, assigned, scan) {
        const j = assigned[row];
        if (j < 0) return false;
        scan.used[j] = true;
        track.x = scan.z[j];
        return true;
      },
    },
    recorder: { record: (t, hit) => void (t.misses = hit ? 0 : t.misses + 1) },
    deleter: { shouldDelete: (t) => t.misses >= 2 },
    initiator: {
      initiate: (scan) =>
        scan.z.flatMap((z, j) =>
          scan.used[j] ? [] : [{ id: nextId++, x: z, misses: 0, window: { bits: 1, count: 1 } }],
        ),
      decide: (t, hit) => mOfNConfirm(t.window, hit, 2, 3),
      confirmsAtBirth: () => false,
    },
    events: {
      confirmed: (t) => log.push(`confirmed ${t.id}`),
      deleted: (t) => log.push(`deleted ${t.id}`),
      dropped: (t) => log.push(`dropped ${t.id}`),
    },
  };
}

describe('trackScan (the one tracking loop)', () => {
  it('serves confirmed tracks first, confirms at M-of-N, initiates from unused detections and deletes', () => {
    const log: string[] = [];
    const roles = toyRoles(log);
    const lists: TrackLists<Toy> = { confirmed: [], tentative: [] };
    const run = (z: number[]) => trackScan(roles, lists, { z, used: z.map(() => false) });
    run([0, 10]);
    expect(lists.tentative.map((t) => t.id)).toEqual([1, 2]);
    run([0.5, 20]); // track 1 hit (2 of 3: confirmed), track 2 missed, 20 starts track 3
    expect(lists.confirmed.map((t) => t.id)).toEqual([1]);
    expect(lists.tentative.map((t) => t.id)).toEqual([2, 3]);
    run([0.7]); // track 2: 1 hit in 3 → dropped; track 3 held
    expect(log).toContain('dropped 2');
    run([]);
    run([]); // track 1: second consecutive miss → deleted
    expect(log).toContain('deleted 1');
    expect(lists.confirmed).toEqual([]);
  });
});

describe('confirmation rules', () => {
  it('M-of-N confirms at M hits and drops when M can no longer be met', () => {
    expect(mOfNDecision(0b11, 2, 2, 3)).toBe('confirm');
    expect(mOfNDecision(0b001, 3, 2, 3)).toBe('drop');
    expect(mOfNDecision(0b01, 2, 2, 3)).toBe('hold');
  });
  it('the Stone Soup rule confirms at M updates and drops at two consecutive misses', () => {
    expect(stoneSoupDecision(3, 1, 3)).toBe('confirm');
    expect(stoneSoupDecision(2, 2, 3)).toBe('drop');
    expect(stoneSoupDecision(2, 1, 3)).toBe('hold');
  });
});
