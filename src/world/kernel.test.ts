import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel.js';

describe('Kernel', () => {
  it('runs events in (time, priority, insertion) order', () => {
    const k = new Kernel();
    const log: string[] = [];
    k.schedule(2, () => log.push('t2'));
    k.schedule(1, () => log.push('t1-p5'), 5);
    k.schedule(1, () => log.push('t1-p0-a'));
    k.schedule(1, () => log.push('t1-p0-b'));
    k.run();
    expect(log).toEqual(['t1-p0-a', 't1-p0-b', 't1-p5', 't2']);
    expect(k.now_s).toBe(2);
  });

  it('lets actions schedule further events relative to the current time', () => {
    const k = new Kernel();
    const times: number[] = [];
    const tick = () => {
      times.push(k.now_s);
      if (k.now_s < 3) k.schedule(1, tick);
    };
    k.schedule(0, tick);
    k.run();
    expect(times).toEqual([0, 1, 2, 3]);
  });

  it('stops at until_s and leaves later events pending', () => {
    const k = new Kernel();
    let fired = 0;
    k.schedule(5, () => fired++);
    k.schedule(15, () => fired++);
    k.run({ until_s: 10 });
    expect(fired).toBe(1);
    expect(k.now_s).toBe(10);
    expect(k.peek()).toBe(15);
  });

  it('rejects negative delays', () => {
    expect(() => new Kernel().schedule(-1, () => {})).toThrow(RangeError);
  });

  it('pops any schedule in sorted order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 3 }))),
        (items) => {
          const k = new Kernel();
          const seen: [number, number, number][] = [];
          items.forEach(([t, p], i) => {
            k.schedule(t, () => seen.push([t, p, i]), p);
          });
          k.run();
          const sorted = [...seen].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
          expect(seen).toEqual(sorted);
        },
      ),
    );
  });

  it('propagates an unhandled failure out of run', () => {
    const k = new Kernel();
    k.schedule(1, () => {
      throw new Error('boom');
    });
    expect(() => k.run()).toThrow('boom');
  });
});
