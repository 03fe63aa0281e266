/**
 * @module cli/commands
 * Every CLI command registers itself on the commander program here; main.ts only wires this list.
 */
import type { Command } from 'commander';
import { registerCheck } from './check.js';
import { registerCoverage } from './coverage.js';
import { registerExport } from './export.js';
import { registerMasking } from './masking.js';
import { registerMc } from './mc.js';
import { registerMtt } from './mtt.js';
import { registerPlace } from './place.js';
import { registerRun } from './run.js';
import { registerRuns } from './runs.js';
import { registerSchema } from './schema.js';
import { registerServe } from './serve.js';
import { registerTrack } from './track.js';
import { registerValidate } from './validate.js';
import { registerWorker } from './worker.js';

/** A command module: adds its subcommand (with options and help) to the program. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerRun,
  registerValidate,
  registerSchema,
  registerTrack,
  registerMtt,
  registerMc,
  registerRuns,
  registerWorker,
  registerServe,
  registerExport,
  registerCoverage,
  registerPlace,
  registerMasking,
  registerCheck,
];
