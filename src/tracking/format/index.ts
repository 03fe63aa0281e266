/**
 * @module tracking/format
 * The tracker's file formats (types, parsers, writers; no file system): the measurement file `mtt-scenario` v1
 * (the input of `aspis track`: detections and truth per scan — not a simulation scenario), the track file
 * `mtt-tracks` v1 (its output), and the JSON Lines plumbing they share. Disk reading: io/mttFiles.
 */
export * from './lines.js';
export * from './measurementFile.js';
export * from './setup.js';
export * from './trackFile.js';
