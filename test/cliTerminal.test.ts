/**
 * The terminal side of the CLI: tables fit the width (`COLUMNS`, else the terminal, else 100), `--wide` shows every
 * column, colour only on request or a terminal and never with NO_COLOR or `--no-color`, and every command's help
 * ends with examples and states each default once.
 */
import type { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../src/cli/main.js';
import { stripAnsi, terminalLayout, textWidth } from '../src/report/fitTable.js';
import { cli } from './support/cli.js';

const ESC = String.fromCharCode(0x1b);

/** Widest line of the output, colour codes not counted. */
function widest(text: string): number {
  return textWidth(text.trimEnd());
}

describe('aspis run in the terminal', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('fits a 100-column terminal, and --wide shows every column', async () => {
    vi.stubEnv('COLUMNS', '100');
    vi.stubEnv('NO_COLOR', '1');
    const compact = await cli('run', '--seed', '1', '--no-save', '--no-store');
    expect(compact.code).toBe(0);
    expect(widest(compact.out)).toBeLessThanOrEqual(100);
    expect(compact.out).toMatch(/│ why\s/);
    expect(compact.out).toContain('--wide shows every column');
    const wide = await cli('run', '--seed', '1', '--no-save', '--no-store', '--wide');
    expect(widest(wide.out)).toBeGreaterThan(100);
    expect(wide.out).toContain('│ impact asset │');
    vi.stubEnv('COLUMNS', '60');
    const narrow = await cli('run', '--seed', '1', '--no-save', '--no-store');
    // the table fits; only the 64-hex-digit hash line may be wider
    const lines = stripAnsi(narrow.out)
      .split('\n')
      .filter((l) => !l.startsWith('event-log hash'));
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(60);
  });

  it('colours killed and leaked only when asked, never with NO_COLOR or --no-color', async () => {
    vi.stubEnv('COLUMNS', '100');
    vi.stubEnv('FORCE_COLOR', '1');
    vi.stubEnv('NO_COLOR', '');
    const coloured = await cli('run', '--seed', '1', '--no-save', '--no-store');
    expect(coloured.out).toContain(`${ESC}[32mkilled${ESC}[39m`);
    expect(coloured.out).toContain(`${ESC}[31mimpacted${ESC}[39m`);
    expect((await cli('run', '--seed', '1', '--no-save', '--no-store', '--no-color')).out).not.toContain(ESC);
    vi.stubEnv('NO_COLOR', '1');
    expect((await cli('run', '--seed', '1', '--no-save', '--no-store')).out).not.toContain(ESC);
  });

  it('lays out 100 columns without colour when the output is not a terminal', () => {
    const env = {};
    expect(terminalLayout({}, { isTTY: false }, env)).toEqual({ columns: 100, wide: false, color: false });
    expect(terminalLayout({}, { isTTY: true, columns: 132 }, env)).toEqual({
      columns: 132,
      wide: false,
      color: true,
    });
    expect(terminalLayout({ color: false }, { isTTY: true, columns: 80 }, env).color).toBe(false);
    expect(terminalLayout({}, { isTTY: true, columns: 80 }, { NO_COLOR: '1' }).color).toBe(false);
    expect(terminalLayout({ wide: true }, { isTTY: false }, { COLUMNS: '72' })).toMatchObject({
      columns: 72,
      wide: true,
    });
  });

  it("includes each threat's why in run --json", async () => {
    const json = JSON.parse((await cli('run', '--seed', '1', '--no-save', '--no-store', '--json')).out);
    expect(json.why).toHaveLength(json.totals.launched);
    expect(json.why[0]).toHaveProperty('threatId');
  });
});

describe('aspis --help', () => {
  /** Every command and subcommand with its path, the program itself first. */
  function commands(command: Command, path = 'aspis'): Array<{ path: string; command: Command }> {
    return [{ path, command }, ...command.commands.flatMap((c) => commands(c, `${path} ${c.name()}`))];
  }

  it("ends every command's help with examples of that command and prints each default once", async () => {
    const all = commands(await buildProgram());
    expect(all.length).toBeGreaterThan(15);
    for (const { path } of all) {
      const args = path.split(' ').slice(1);
      const r = await cli(...args, '--help');
      expect(r.code, path).toBe(0);
      const help = r.out.replace(/\n\s+/g, ' ');
      expect(help, path).toMatch(/Examples: \$ aspis/);
      expect(help, path).toContain(`$ ${path}`);
      expect(help, path).not.toMatch(/\(default[^)]*\)\s*\(default: /);
    }
  });
});
