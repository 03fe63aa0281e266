/**
 * @module tracking/metrics
 * Multi-target tracking metrics: single-time OSPA and GOSPA (α = 2) and their online and history series over a run
 * (conventions of docs/formats/mtt.md §4, checked against Stone Soup's published numbers).
 */

export { compareMttTracks, type MttCompareReport, matchStates } from './compare.js';
export {
  type GospaOptions,
  type GospaResult,
  gospa,
  type MetricPoint,
  mappedDistance,
  type OspaOptions,
  ospa,
} from './ospa.js';
export {
  type GospaSeries,
  historyGospa,
  historyOspa,
  type OspaSeries,
  onlineGospa,
  onlineOspa,
  scansAsSequences,
  type TimedPointSet,
  type TimedSequence,
} from './runMetrics.js';
export {
  type CountStats,
  checkTracksMatchMeasurements,
  defaultMttScoreOptions,
  formatMttScore,
  type MttScoreOptions,
  type MttScoreReport,
  scoreMttRun,
} from './score.js';
