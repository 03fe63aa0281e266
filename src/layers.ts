/**
 * @module layers
 * The layer order of the folders of src/, bottom to top: the one place it is written down. A module may import
 * from its own folder, from any lower layer, and from a peer in its own layer as long as no two folders import each
 * other (directly or round a loop). `test/layers.test.ts` enforces this over every import of src/ (type-only and
 * dynamic ones included); `npm run graph` draws it (docs/img/import-graph.svg); docs/architecture.md says why each
 * folder sits where it does. A new folder must be added here before it can be imported.
 */

/** Layers bottom to top; each is a list of peer folders of src/ (`.` is src/ itself: errors.ts, files.ts). */
export const LAYERS: readonly (readonly string[])[] = [
  // Foundations: coded errors and safe file writes, then pure numerics, then the Earth.
  ['.'],
  ['math'],
  ['geo'],
  ['env'],
  ['dynamics'],
  // The compiled scenario every model reads.
  ['scenario'],
  // The models of the kill chain's parts, each a function of the scenario and time.
  ['threats', 'sensors', 'weapons', 'tracking'],
  // The shared vocabulary of one replication: event queue, event log, threat truth, recorded paths.
  ['world'],
  // Decisions: impact prediction, threat evaluation, weapon assignment, fire and kill assessment.
  ['c2'],
  // The event loop that wires models and decisions into a run.
  ['sim'],
  // What a run means: per-threat fates, reasons, invariants.
  ['outcome'],
  // Results at rest, then studies over many runs, then what people and other tools read.
  ['store'],
  ['analysis'],
  ['report', 'io'],
  // Entry points.
  ['server'],
  ['cli', 'public'],
];
