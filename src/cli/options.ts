/**
 * @module cli/options
 * Option parsers shared by the commands (commander's `argParser`s): each checks a value strictly and throws a coded
 * `E_USAGE` naming the flag, so every command words the same mistake the same way.
 */
import { AspisError } from '../errors.js';

/** Parses a positive integer option strictly (digits only, ≥ 1). */
export function positiveInteger(flag: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < 1)
      throw new AspisError('E_USAGE', flag, `expected a positive integer, got "${value}"`);
    return Number(value);
  };
}
