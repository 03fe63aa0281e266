/**
 * @module cli/commands/limits
 * The work-limit options shared by the commands that run or check a scenario (docs/limits.md): `--max-events N`
 * (the largest estimated work of one replication, work units) and `--max-wall SECONDS` (the wall-time watchdog).
 */
import type { Command } from 'commander';
import { AspisError } from '../../errors.js';
import { DEFAULT_MAX_EVENTS } from '../../scenario/work.js';
import { DEFAULT_MAX_WALL_s } from '../../sim/watchdog.js';

/** Parses a positive number (`2e9`, `500000`, `Infinity` to switch the limit off) for option `flag`. */
function positiveNumber(flag: string): (value: string) => number {
  return (value: string): number => {
    const n = value.trim() === 'Infinity' ? Number.POSITIVE_INFINITY : Number(value);
    if (value.trim() === '' || Number.isNaN(n) || !(n > 0))
      throw new AspisError('E_USAGE', flag, `expected a positive number (or Infinity), got "${value}"`);
    return n;
  };
}

/** Parses `--max-events`. */
export const parseMaxEvents = positiveNumber('--max-events');

/** Parses `--max-wall`. */
export const parseMaxWall = positiveNumber('--max-wall');

/** Adds `--max-events` to a command. */
export function maxEventsOption(command: Command): Command {
  return command.option(
    '--max-events <n>',
    `refuse a scenario whose estimated work exceeds n work units (E_WORK_LIMIT; docs/limits.md)`,
    parseMaxEvents,
    DEFAULT_MAX_EVENTS,
  );
}

/** Adds `--max-wall` to a command. */
export function maxWallOption(command: Command): Command {
  return command.option(
    '--max-wall <seconds>',
    'stop a run that takes longer than this wall time (E_WALL_TIME; never changes a run that finishes)',
    parseMaxWall,
    DEFAULT_MAX_WALL_s,
  );
}
