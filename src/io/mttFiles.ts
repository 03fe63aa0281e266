/**
 * @module io/mttFiles
 * Disk side of the tracker's file formats (their types, parsers and writers live in tracking/format): reads a
 * measurement file (`mtt-scenario` v1) or a track file (`mtt-tracks` v1) given either as content or as a path.
 */
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { AspisError } from '../errors.js';
import { splitLines } from '../tracking/format/lines.js';
import { type MeasurementFile, parseMeasurementFile } from '../tracking/format/measurementFile.js';
import { parseTrackFile, type TrackFile } from '../tracking/format/trackFile.js';

/**
 * Reads a file's text, as an `E_MTT_FORMAT` error when it cannot be read. An all-ASCII file (every file our writers
 * make) is decoded as Latin-1, which gives the same string as UTF-8 for ASCII bytes several times faster (a 12 MB
 * N = 1,000 measurement file: ~25 ms of the whole `aspis track` run).
 */
export function readTextFile(path: string): string {
  try {
    const bytes = readFileSync(path);
    return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  } catch (err) {
    throw new AspisError('E_MTT_FORMAT', path, `cannot read file (${(err as Error).message})`, {
      cause: err,
    });
  }
}

/** True when `input` is file content rather than a path (content starts with `{` or holds a newline). */
export function looksLikeContent(input: string): boolean {
  const trimmed = input.trimStart();
  return trimmed.startsWith('{') || input.includes('\n') || input === '';
}

/**
 * Reads a measurement file (`mtt-scenario` v1). `textOrPath` is the file content (starts with `{`) or a path to it.
 * Throws `E_MTT_FORMAT line N: …` on any format problem.
 */
export function readMeasurementFile(textOrPath: string): MeasurementFile {
  const text = looksLikeContent(textOrPath) ? textOrPath : readTextFile(textOrPath);
  return parseMeasurementFile(splitLines(text));
}

/** Reads a track file (`mtt-tracks` v1) from its content (starts with `{`) or a path. */
export function readTrackFile(textOrPath: string, stateDim: number | null = null): TrackFile {
  const text = looksLikeContent(textOrPath) ? textOrPath : readTextFile(textOrPath);
  return parseTrackFile(splitLines(text), stateDim);
}
