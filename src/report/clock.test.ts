import { describe, expect, it } from 'vitest';
import { clockFormatter, localSecondsOfDay } from './clock.js';

describe('clock', () => {
  it('reads the local time of day from an ISO start with offset', () => {
    expect(localSecondsOfDay('2020-01-08T01:20:00+03:00')).toBe(4800);
    expect(localSecondsOfDay('2020-03-11T19:35+03:00')).toBe(70500);
  });

  it('shows simulation times as local clock times, wrapping at midnight', () => {
    const f = clockFormatter('2020-01-08T23:59:00+03:00');
    expect(f(0)).toBe('23:59:00');
    expect(f(90)).toBe('00:00:30');
    expect(f(null)).toBe('—');
  });

  it('falls back to an offset when the start has no time', () => {
    expect(clockFormatter('2020-01-08')(3725)).toBe('+01:02:05');
  });
});
