import { describe, expect, it } from 'vitest';
import { earlyWarningCue } from './earlyWarning.js';

describe('space-based early-warning cue', () => {
  it('alerts the processing delay after the launch', () => {
    expect(earlyWarningCue(30, 90)).toEqual({ launchTime_s: 30, alertTime_s: 120 });
    expect(earlyWarningCue(0, 0)).toEqual({ launchTime_s: 0, alertTime_s: 0 });
  });

  it('rejects a negative or non-finite delay and a non-finite launch time', () => {
    expect(() => earlyWarningCue(0, -1)).toThrow(RangeError);
    expect(() => earlyWarningCue(0, Number.NaN)).toThrow(/delay_s/);
    expect(() => earlyWarningCue(Number.POSITIVE_INFINITY, 60)).toThrow(/launchTime_s/);
  });
});
