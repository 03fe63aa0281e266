/**
 * @module cli/commands
 * Every CLI command registers itself on the commander program here; main.ts only wires this list.
 */
import type { Command } from 'commander';
import { registerMtt } from './mtt.js';
import { registerRun } from './run.js';
import { registerSchema } from './schema.js';
import { registerTrack } from './track.js';
import { registerValidate } from './validate.js';

/** A command module: adds its subcommand (with options and help) to the program. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerRun,
  registerValidate,
  registerSchema,
  registerTrack,
  registerMtt,
];
