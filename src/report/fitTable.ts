/**
 * @module report/fitTable
 * Terminal tables that fit the terminal. The layout (`terminalLayout`) is the width to fit — `COLUMNS` when set, else
 * the terminal's own width, else 100 when the output is not a terminal (a pipe, a file, a test) — whether to show
 * every column (`--wide`), and whether to colour (a terminal, unless `NO_COLOR` is set or `--no-color`; `FORCE_COLOR`
 * forces it). `fitTable` then drops the columns a table marks optional, in order, until it fits, and wraps the
 * columns it marks wrappable (e.g. a threat's "why") into the width left; wide mode is the full table, unwrapped.
 */
import Table from 'cli-table3';

/** Width assumed when the output is not a terminal, columns. */
export const FALLBACK_COLUMNS = 100;
/** Narrowest a column is squeezed to, padding included, columns. */
const MIN_COLUMN = 8;

/** How terminal tables are laid out. */
export interface TableLayout {
  /** Width to fit, columns. */
  readonly columns: number;
  /** Every column, unwrapped, whatever the width (`--wide`). */
  readonly wide: boolean;
  /** ANSI colour for fates (killed green, leaked red). */
  readonly color: boolean;
}

/** The full table, no colour: what the library functions print when given no layout. */
export const WIDE_PLAIN: TableLayout = { columns: Number.POSITIVE_INFINITY, wide: true, color: false };

/**
 * The layout of a command's output from its flags, the stream and the environment.
 * @param flags `wide` from `--wide`; `color` false from `--no-color`
 */
export function terminalLayout(
  flags: { readonly wide?: boolean; readonly color?: boolean } = {},
  stream: { readonly isTTY?: boolean; readonly columns?: number } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): TableLayout {
  const fromEnv = Number(env.COLUMNS);
  const columns =
    Number.isInteger(fromEnv) && fromEnv > 0
      ? fromEnv
      : stream.isTTY && stream.columns
        ? stream.columns
        : FALLBACK_COLUMNS;
  // NO_COLOR (no-color.org): present and not empty disables colour, whatever else says
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0';
  const color = flags.color !== false && !noColor && (forced || stream.isTTY === true);
  return { columns, wide: flags.wide === true, color };
}

const ESC = String.fromCharCode(0x1b);
/** An SGR (colour) escape: ESC [ params m; built from the code so no control character sits in the source. */
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');

/** Text without ANSI colour codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Widest line of a block of text, columns (colour codes not counted; one column per code point). */
export function textWidth(text: string): number {
  let widest = 0;
  for (const line of stripAnsi(text).split('\n')) {
    const width = Array.from(line).length;
    if (width > widest) widest = width;
  }
  return widest;
}

/** A line of plain text wrapped at spaces to `columns` (wide mode, or a line that fits: unchanged). */
export function wrapText(line: string, layout: TableLayout): string {
  if (layout.wide || textWidth(line) <= layout.columns) return line;
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    const next = current === '' ? word : `${current} ${word}`;
    if (current !== '' && [...next].length > layout.columns) {
      out.push(current);
      current = word;
    } else current = next;
  }
  if (current !== '') out.push(current);
  return out.join('\n');
}

/** Green text (killed, defended) when colouring. */
export function green(text: string, layout: TableLayout): string {
  return layout.color ? `${ESC}[32m${text}${ESC}[39m` : text;
}

/** Red text (leaked, impacted) when colouring. */
export function red(text: string, layout: TableLayout): string {
  return layout.color ? `${ESC}[31m${text}${ESC}[39m` : text;
}

/** A fate coloured by what it means for the defence. */
export function colorFate(fate: string, layout: TableLayout): string {
  if (fate === 'killed') return green(fate, layout);
  if (fate === 'impacted') return red(fate, layout);
  return fate;
}

/**
 * A cell's text wrapped to `width` columns: at spaces, and a word longer than the width split into pieces of it.
 * Text that fits is returned unchanged (colour codes included); text that must wrap loses its colour codes.
 */
export function wrapCell(text: string, width: number): string {
  if (textWidth(text) <= width || width < 1) return text;
  const lines: string[] = [];
  for (const paragraph of stripAnsi(text).split('\n')) {
    let line: string[] = [];
    const flush = () => {
      if (line.length > 0) lines.push(line.join(''));
      line = [];
    };
    for (const word of paragraph.split(' ')) {
      let chars = [...word];
      if (line.length > 0 && line.length + 1 + chars.length <= width) line = line.concat(' ', chars);
      else {
        flush();
        while (chars.length > width) {
          lines.push(chars.slice(0, width).join(''));
          chars = chars.slice(width);
        }
        line = chars;
      }
    }
    flush();
  }
  return lines.join('\n');
}

/** What may give way when a table does not fit. */
export interface FitRules {
  /** Column indices dropped, in this order, while the table is too wide (compact mode only). */
  readonly optional?: readonly number[];
  /** Column indices that wrap into the width left (compact mode only). */
  readonly wrap?: readonly number[];
}

type Cell = string | number;

/** Width of each column, padding included, as cli-table3 lays it out (one space each side). */
function naturalWidths(head: readonly string[], rows: readonly (readonly Cell[])[]): number[] {
  // a reduce, not a spread into Math.max: a table of thousands of rows must not overflow the argument stack
  return head.map(
    (h, i) => rows.reduce((widest, r) => Math.max(widest, textWidth(String(r[i] ?? ''))), textWidth(h)) + 2,
  );
}

/** Total width of a table with these column widths: the cells plus one border per column and one more. */
function tableWidth(widths: readonly number[]): number {
  return widths.reduce((a, b) => a + b, 0) + widths.length + 1;
}

/** Column widths for `kept` columns that fit `columns`: wrappable ones share what is left, then the widest give way. */
function fittedWidths(natural: readonly number[], wrap: readonly number[], columns: number): number[] {
  const widths = [...natural];
  const excess = () => tableWidth(widths) - columns;
  const wrappable = wrap.filter((i) => i < widths.length);
  // the wrappable columns first, widest first, down to the minimum
  for (const i of [...wrappable].sort((a, b) => widths[b] - widths[a])) {
    if (excess() <= 0) break;
    widths[i] = Math.max(MIN_COLUMN, widths[i] - excess());
  }
  // then any column, the widest each time, one step at a time
  while (excess() > 0) {
    let widest = 0;
    for (let i = 1; i < widths.length; i++) if (widths[i] > widths[widest]) widest = i;
    if (widths[widest] <= MIN_COLUMN) break;
    widths[widest] -= 1;
  }
  return widths;
}

/**
 * Renders a cli-table3 table that fits `layout.columns` (see the module note); `layout.wide` renders it whole.
 * @example
 * ```ts
 * fitTable(['threat', 'fate', 'why'], [['w-1', 'killed', 'killed by patriot-1-I2 …']], terminalLayout(), { wrap: [2] });
 * ```
 */
export function fitTable(
  head: readonly string[],
  rows: readonly (readonly Cell[])[],
  layout: TableLayout,
  rules: FitRules = {},
): string {
  const style = { head: [], border: [], compact: true };
  if (layout.wide) {
    const table = new Table({ head: [...head], style });
    for (const r of rows) table.push([...r]);
    return table.toString();
  }
  let keep = head.map((_, i) => i);
  const widthOf = (cols: readonly number[]) =>
    tableWidth(
      naturalWidths(
        cols.map((i) => head[i]),
        rows.map((r) => cols.map((i) => r[i] ?? '')),
      ),
    );
  for (const drop of rules.optional ?? []) {
    if (widthOf(keep) <= layout.columns) break;
    keep = keep.filter((i) => i !== drop);
  }
  const keptHead = keep.map((i) => head[i]);
  const keptRows = rows.map((r) => keep.map((i) => r[i] ?? ''));
  const natural = naturalWidths(keptHead, keptRows);
  const wrap = (rules.wrap ?? []).map((i) => keep.indexOf(i)).filter((i) => i >= 0);
  const widths =
    tableWidth(natural) <= layout.columns ? natural : fittedWidths(natural, wrap, layout.columns);
  // cells are wrapped here (at spaces, long words such as hashes and paths split rather than cut off with "…")
  const wrapTo = (cell: Cell, i: number) => wrapCell(String(cell), widths[i] - 2);
  const table = new Table({ head: keptHead.map(wrapTo), style, colWidths: widths });
  for (const r of keptRows) table.push(r.map(wrapTo));
  return table.toString();
}
