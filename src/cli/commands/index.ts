/**
 * @module cli/commands
 * Every CLI command registers itself on the commander program here; main.ts only wires this list.
 */
import type { Command } from 'commander';

/** A command module: adds its subcommand (with options and help) to the program. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];
