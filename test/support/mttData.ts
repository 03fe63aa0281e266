/**
 * The Stone Soup reference runs (`mtt-scenario` v1 inputs and `mtt-tracks` v1 outputs of Stone Soup's kd-tree GNN
 * tracker, seed 1, N = 10 and 100), copied into the repository from the shared `data/mtt/` so a clean clone can
 * test against them. See test/data/mtt/README.md for their provenance.
 */
import { fileURLToPath } from 'node:url';

/** Absolute path of the folder holding the reference files. */
export const MTT_REFERENCE_DIR = fileURLToPath(new URL('../data/mtt', import.meta.url));
