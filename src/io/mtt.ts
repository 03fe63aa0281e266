/**
 * @module io/mtt
 * One import for the tracker's file formats: the measurement file (`mtt-scenario` v1) and the track file
 * (`mtt-tracks` v1) of tracking/format, their disk readers (io/mttFiles), and `mttSetupFromHeader` (the tracker
 * setup a measurement-file header gives; tracking/format/setup).
 */
export * from '../tracking/format/index.js';
export * from './mttFiles.js';
