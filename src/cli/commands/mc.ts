/**
 * @module cli/commands/mc
 * `aspis mc FILE --runs N [--workers K] [--seed S] [--until-ci X] [--json] [--store P | --no-store] [--resume ID]
 * [--sweep path=v1,v2,…] [--out DIR] [--no-report]`: a Monte Carlo batch through `runMonteCarlo` (the same call
 * users import), a progress bar with ETA on stderr when it is a terminal, the aggregate as tables (or JSON) and how to
 * replay one replication alone. With `--sweep` one batch per value, a table and an SVG plot (PRA and leakers vs the
 * value). Unless `--no-report`, the output directory gets `aggregate.json` and a self-contained `report.html` that
 * leads with the answer (every aggregate with its 95 % interval), then the distributions (leakers, probabilities,
 * the sweep), then one example replication in detail: the median by leakers, re-run with flight paths (same seed). Ctrl-C stops handing out work, stores what finished and prints how
 * to resume, then exits 130 (`E_INTERRUPTED`) with the stored run marked `stopped`.
 */

import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { describeQueueRun, runDistributedMonteCarloFile } from '../../analysis/distributed.js';
import {
  type McProgress,
  type McStoredConfig,
  type MonteCarloOptions,
  type MonteCarloResult,
  runMonteCarlo,
} from '../../analysis/monteCarlo.js';
import { parseSweep, runSweep, type SweepPoint, type SweepSpec, sweptYaml } from '../../analysis/sweep.js';
import { sweepPlotSvg } from '../../analysis/sweepPlot.js';
import { AspisError } from '../../errors.js';
import { ensureDir, writeFileAtomic } from '../../files.js';
import { meanInterval } from '../../math/stats.js';
import type { MonteCarloReport, SweepResult } from '../../report/chartsMonteCarlo.js';
import { terminalLayout } from '../../report/fitTable.js';
import { renderHtmlReport } from '../../report/html.js';
import { medianLeakerReplication } from '../../report/mcAnswer.js';
import { renderMcAggregate, renderSweepTable } from '../../report/mcTerminal.js';
import { claimRunDir } from '../../report/runDir.js';
import { loadScenario, parseScenario } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/types.js';
import { checkWork, DEFAULT_MAX_EVENTS } from '../../scenario/work.js';
import { runScenario } from '../../sim/engine.js';
import { DEFAULT_STORE_PATH, openRunStore, type RunStore } from '../../store/runStore.js';
import { positiveInteger } from '../options.js';
import { parseMaxEvents } from './limits.js';
import { parseSeed } from './run.js';
import { printWarning } from './validate.js';

/** Options of `aspis mc` as commander hands them over. */
interface McCliOptions {
  runs?: number;
  workers: number;
  seed?: number;
  untilCi?: number;
  json?: boolean;
  store: string | false;
  resume?: string;
  sweep?: string;
  out?: string;
  /** False with `--no-report`: no `report.html` / `aggregate.json`. */
  report: boolean;
  /** Redis URL: run on the BullMQ queue that `aspis worker`s drain instead of locally. */
  queue?: string;
  /** Replications per queue job (with `queue`). */
  chunk?: number;
  /** Work limit of one replication, work units (docs/limits.md). */
  maxEvents: number;
  /** Every table column, unwrapped (`--wide`). */
  wide?: boolean;
  /** False with `--no-color`. */
  color: boolean;
}

function positiveNumber(flag: string) {
  return (value: string): number => {
    const x = Number(value);
    if (!(x > 0) || !Number.isFinite(x))
      throw new AspisError('E_USAGE', flag, `expected a positive number, got "${value}"`);
    return x;
  };
}

/** A progress bar on stderr with rate and ETA, or nothing when stderr is not a terminal. */
function progressBar(label: string): { update: (p: McProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} |{bar}| {value}/{total} replications | {rate}/s | ETA {eta_formatted}`,
    hideCursor: true,
    etaBuffer: 50,
    clearOnComplete: true,
  });
  let started = false;
  return {
    update(p) {
      if (!started) {
        bar.start(p.total, p.done, { rate: '—' });
        started = true;
      }
      bar.update(p.done, {
        rate: p.elapsed_s > 0 ? ((p.done - (p.resumed ?? 0)) / p.elapsed_s).toFixed(1) : '—',
      });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Sets up Ctrl-C to stop handing out work (second Ctrl-C exits at once); returns the signal and a cleanup. */
function interruptible(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, release: () => process.off('SIGINT', onSigint) };
}

function convergenceLine(r: MonteCarloResult): string {
  const c = r.convergence;
  const widest = Math.max(c.praHalfWidth, c.leakersHalfWidth);
  const widths = `PRA ±${c.praHalfWidth.toFixed(4)}, leakers ±${c.leakersHalfWidth.toFixed(4)}`;
  if (r.aborted) return `interrupted after ${r.runs} runs (${widths})`;
  if (c.target !== null && r.stoppedEarly)
    return `stopped after ${r.runs} runs (CI half-width ${widest.toFixed(4)} ≤ ${c.target}; ${widths})`;
  if (c.target !== null)
    return `ran all ${r.runs} runs without reaching CI half-width ${c.target} (${widths})`;
  return `ran ${r.runs} runs (95 % half-widths: ${widths})`;
}

function replayLine(r: MonteCarloResult, file: string): string {
  const worst = r.aggregate.worstReplication;
  if (worst === null) return '';
  const leakers = r.replications[worst]?.totals.leakersOnAssets ?? 0;
  // the command on a line of its own: it stays whole in a narrow terminal and copies cleanly
  return `replay the worst replication (#${worst}, ${leakers} leakers):\n  aspis run ${file} --seed ${r.seed} --replication ${worst}`;
}

function jsonOf(r: MonteCarloResult) {
  return {
    runId: r.runId,
    seed: r.seed,
    runs: r.runs,
    stoppedEarly: r.stoppedEarly,
    aborted: r.aborted,
    convergence: r.convergence,
    aggregate: r.aggregate,
    hashes: r.replications.map((x) => x.hash),
  };
}

/** Shown form of a path: relative to the working directory when that is shorter. */
function shown(path: string): string {
  return relative(process.cwd(), path) || path;
}

/**
 * Writes `aggregate.json` (the aggregate, as the store keeps it) and `report.html` into `out`. The report leads with
 * the batch's aggregate (plus `sweep`), then shows one example replication in detail — the median by leakers on
 * assets, re-run with flight paths (same seed, so the same event log as in the batch) — labelled as such. Returns
 * the report's path, or null when no replication finished.
 */
async function writeMcReport(
  out: string,
  scenario: Scenario,
  scenarioFile: string,
  result: MonteCarloResult,
  extra: { readonly sweep?: SweepResult; readonly note?: string } = {},
): Promise<string | null> {
  if (result.runs === 0) return null;
  ensureDir(out, '--out');
  writeFileAtomic(join(out, 'aggregate.json'), `${JSON.stringify(result.aggregate, null, 2)}\n`);
  const example = medianLeakerReplication(
    result.replications.map((r) => ({ replication: r.replication, leakers: r.totals.leakersOnAssets })),
  );
  const replication = example?.replication ?? 0;
  const shownRun = runScenario(scenario, { seed: result.seed, replication, recordPaths: true });
  const defenderCost = meanInterval(result.replications.map((r) => r.totals.costDefender_usd));
  const monteCarlo: MonteCarloReport = {
    ...result.aggregate,
    defenderCost_usd: defenderCost,
    ...(extra.sweep ? { sweep: extra.sweep } : {}),
  };
  const note =
    `Monte Carlo run of ${result.runs} replications (seed ${result.seed}): the answer and distributions aggregate ` +
    `all of them; the map, timeline, profiles and tables below show ${example?.label ?? `replication ${replication}`}.` +
    (extra.note ? ` ${extra.note}` : '');
  const html = await renderHtmlReport({
    scenario,
    result: shownRun,
    scenarioFile,
    monteCarlo,
    note,
    example,
  });
  const path = join(out, 'report.html');
  writeFileAtomic(path, html);
  return path;
}

/** The compiled scenario of a batch: from the file, or (resumed without one) the stored scenario text. */
function scenarioOf(file: string | undefined, store: RunStore | undefined, runId: string | null): Scenario {
  if (file !== undefined) return loadScenario(file, { onWarning: printWarning });
  const row = store && runId ? store.getRun(runId) : null;
  const stored = row ? store?.getScenario(row.scenarioHash) : null;
  if (!row || !stored)
    throw new AspisError('E_USAGE', '--resume', 'the stored scenario is missing; give the scenario file');
  // relative files resolve where they did when the run was stored (runs stored before that: the file's folder)
  const baseDir = (row.config as Partial<McStoredConfig> | null)?.baseDir ?? dirname(row.scenarioFile);
  return parseScenario(stored.yaml, row.scenarioFile, { baseDir });
}

async function runSingle(
  file: string | undefined,
  opts: McCliOptions,
  store: RunStore | undefined,
  signal: AbortSignal,
): Promise<MonteCarloResult> {
  const bar = progressBar('mc');
  let result: MonteCarloResult;
  try {
    const queued =
      opts.queue === undefined
        ? undefined
        : runDistributedMonteCarloFile(file ?? null, {
            queueUrl: opts.queue,
            runs: opts.runs,
            seed: opts.seed,
            chunk: opts.chunk,
            store,
            resume: opts.resume,
            signal,
            onProgress: bar.update,
          });
    result = await (queued ??
      runMonteCarlo(file ?? null, {
        runs: opts.runs,
        workers: opts.workers,
        seed: opts.seed,
        untilCiHalfWidth: opts.untilCi,
        store,
        resume: opts.resume,
        signal,
        onProgress: bar.update,
      }));
  } finally {
    bar.stop();
  }
  const shownFile =
    file ?? (store && result.runId ? (store.getRun(result.runId)?.scenarioFile ?? '<file>') : '<file>');
  const report = opts.report
    ? await writeMcReport(
        // its own folder, never another batch's: runs/mc-<scenario>-<run id> (a resumed batch: the same one)
        opts.out ??
          claimRunDir(
            `mc-${fileStem(shownFile)}`,
            result.runId ?? `seed${result.seed}`,
            opts.resume !== undefined && result.runId !== null,
          ),
        scenarioOf(file, store, result.runId),
        file === undefined ? shownFile : shown(file),
        result,
      )
    : null;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ...jsonOf(result), report })}\n`);
    return result;
  }
  const lines = [
    renderMcAggregate(result.aggregate, terminalLayout(opts)),
    convergenceLine(result),
    replayLine(result, shownFile),
  ];
  lines.push(describeQueueRun(result));
  if (result.runId) {
    lines.push(
      `stored as ${result.runId}${store ? ` in ${relative(process.cwd(), store.path) || store.path}` : ''}`,
    );
    if (result.aborted) lines.push(`resume with: aspis mc --resume ${result.runId}`);
  }
  if (report) lines.push(`HTML report: ${report}`);
  process.stdout.write(`${lines.filter((l) => l !== '').join('\n')}\n`);
  return result;
}

/** The error a Ctrl-C'd batch ends with (exit 130): what was kept and how to go on. */
function interruptedError(result: MonteCarloResult | null): AspisError {
  const kept = result?.runId
    ? `${result.runs} replications kept as ${result.runId} (status stopped); resume with: aspis mc --resume ${result.runId}`
    : 'nothing was stored (--no-store or a sweep); run it again';
  return new AspisError('E_INTERRUPTED', '', `interrupted by Ctrl-C: ${kept}`);
}

function fileStem(file: string): string {
  return basename(file).replace(/\.ya?ml$/i, '');
}

async function runSweepCommand(
  file: string,
  spec: SweepSpec,
  opts: McCliOptions,
  store: RunStore | undefined,
  signal: AbortSignal,
): Promise<void> {
  const yaml = readFileSync(file, 'utf8');
  // its own folder, never a Monte Carlo report's or an earlier sweep's: runs/mc-<scenario>-sweep[-n]
  const out = opts.out ?? claimRunDir(`mc-${fileStem(file)}`, 'sweep');
  ensureDir(out, '--out');
  let bar = progressBar('mc');
  const options: MonteCarloOptions = {
    runs: opts.runs,
    workers: opts.workers,
    seed: opts.seed,
    untilCiHalfWidth: opts.untilCi,
    store,
    signal,
    onProgress: (p) => bar.update(p),
  };
  let points: SweepPoint[];
  try {
    points = await runSweep(yaml, file, spec, options, (index, value) => {
      bar.stop();
      bar = progressBar(`${spec.path}=${value} (${index + 1}/${spec.values.length})`);
      // each swept scenario is written so its replications can be replayed with `aspis run`
      writeFileAtomic(
        join(out, `${fileStem(file)}-${safeName(value)}.yaml`),
        sweptYaml(yaml, file, spec, value),
      );
    });
  } finally {
    bar.stop();
  }
  const name = points[0]?.result.aggregate.scenario ?? fileStem(file);
  const svg = await sweepPlotSvg(points, spec.path, `${name}: sweep of ${spec.path}`);
  const svgPath = join(out, 'sweep.svg');
  const jsonPath = join(out, 'sweep.json');
  writeFileAtomic(svgPath, svg);
  const json = {
    path: spec.path,
    points: points.map((p) => ({ value: p.value, ...jsonOf(p.result) })),
  };
  writeFileAtomic(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  const report = opts.report ? await sweepReport(yaml, file, spec, points, out) : null;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ...json, report })}\n`);
    return;
  }
  const lines = [renderSweepTable(spec.path, points, terminalLayout(opts))];
  for (const p of points) {
    const swept = join(out, `${fileStem(file)}-${safeName(p.value)}.yaml`);
    lines.push(
      `${spec.path}=${p.value}: ${convergenceLine(p.result)}${p.result.runId ? `; stored as ${p.result.runId}` : ''}`,
    );
    lines.push(`  ${replayLine(p.result, swept).replace('\n', '\n  ')}`);
  }
  lines.push(`plot ${svgPath}, data ${jsonPath}`);
  if (report) lines.push(`HTML report: ${report}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** PRA with its interval per swept value, for the report's sweep chart; null unless every value is a number. */
function sweepResult(path: string, points: readonly SweepPoint[]): SweepResult | null {
  if (!points.every((p) => typeof p.value === 'number')) return null;
  return {
    parameter: path,
    metric: 'PRA',
    points: points.map(({ value, result: { aggregate } }) => ({
      value: value as number,
      p: aggregate.pra.p,
      lo: aggregate.pra.lo,
      hi: aggregate.pra.hi,
    })),
  };
}

/** The sweep's report: the first swept value in detail (its aggregate, its median replication) and PRA over every value. */
async function sweepReport(
  yaml: string,
  file: string,
  spec: SweepSpec,
  points: readonly SweepPoint[],
  out: string,
): Promise<string | null> {
  const first = points[0];
  if (!first) return null;
  const sweptFile = join(out, `${fileStem(file)}-${safeName(first.value)}.yaml`);
  const scenario = parseScenario(sweptYaml(yaml, file, spec, first.value), shown(sweptFile), {
    baseDir: dirname(file),
  });
  const sweep = sweepResult(spec.path, points);
  const note =
    `Sweep of ${spec.path} over ${spec.values.map(String).join(', ')}: the single-run parts, the leaker ` +
    `distribution, PRA and aggregate.json are for ${spec.path}=${String(first.value)}` +
    (sweep ? '; the sweep chart covers every value.' : '; sweep.svg plots every value.');
  return writeMcReport(out, scenario, shown(sweptFile), first.result, { sweep: sweep ?? undefined, note });
}

function safeName(value: unknown): string {
  return String(value).replace(/[^A-Za-z0-9._-]/g, '_');
}

export function registerMc(program: Command): void {
  program
    .command('mc')
    .description(
      'Monte Carlo: many replications of a scenario, measures with 95 % intervals, sweeps and plots',
    )
    .argument('[scenario]', 'scenario YAML file (optional with --resume)')
    .option('--runs <n>', 'replications (the maximum with --until-ci)', positiveInteger('--runs'))
    .option('--workers <k>', 'worker threads (never changes the result)', positiveInteger('--workers'), 1)
    .option('--seed <n>', "root seed (integer); defaults to the scenario file's seed", parseSeed)
    .option(
      '--until-ci <halfwidth>',
      'stop once the 95 % half-widths of PRA and of mean leakers are both ≤ this (checked every 25 runs from 50)',
      positiveNumber('--until-ci'),
    )
    .option('--json', 'print one JSON object instead of tables')
    .option(
      '--wide',
      'every table column, unwrapped (default: fit the terminal, 100 columns when not a terminal)',
    )
    .option('--no-color', 'no colour (also when NO_COLOR is set; colour is only used on a terminal)')
    .option('--store <path>', 'run store (SQLite) that keeps every replication', DEFAULT_STORE_PATH)
    .option('--no-store', 'do not record the run (it cannot be resumed)')
    .option('--resume <id>', 'continue a stored Monte Carlo run (e.g. after Ctrl-C or a crash)')
    .option(
      '--sweep <path=values>',
      'one batch per value of a scenario field, e.g. units[0].doctrine.shotsPerThreat=1,2,3',
    )
    .option(
      '--out <dir>',
      'directory for report.html, aggregate.json and the sweep plot, data and swept scenarios (default: a new runs/mc-<scenario>-<run id>, or runs/mc-<scenario>-sweep)',
    )
    .option('--no-report', 'do not write report.html and aggregate.json')
    .option(
      '--queue <url>',
      'run on a BullMQ queue at this Redis URL (redis://host:port) that `aspis worker --queue` processes on any machines',
    )
    .option(
      '--chunk <n>',
      'replications per queue job (with --queue; default 25)',
      positiveInteger('--chunk'),
    )
    .option(
      '--max-events <n>',
      'refuse a scenario whose estimated work per replication exceeds n work units (E_WORK_LIMIT; docs/limits.md)',
      parseMaxEvents,
      DEFAULT_MAX_EVENTS,
    )
    .action(mcCommand);
}

/** The option combinations `aspis mc` refuses, each with its coded error (before any work). */
function checkMcOptions(file: string | undefined, opts: McCliOptions): void {
  if (opts.queue !== undefined && (opts.sweep !== undefined || opts.untilCi !== undefined))
    throw new AspisError(
      'E_USAGE',
      '--queue',
      '--queue runs a fixed --runs batch; drop --sweep and --until-ci',
    );
  if (opts.chunk !== undefined && opts.queue === undefined)
    throw new AspisError('E_USAGE', '--chunk', '--chunk sizes queue jobs; it needs --queue');
  if (file === undefined && opts.resume === undefined)
    throw new AspisError(
      'E_USAGE',
      'scenario',
      'give a scenario file, or --resume ID to continue a stored run',
    );
  if (opts.runs === undefined && opts.resume === undefined)
    throw new AspisError('E_USAGE', '--runs', 'give the number of replications, e.g. --runs 1000');
  if (opts.sweep !== undefined && (file === undefined || opts.resume !== undefined))
    throw new AspisError('E_USAGE', '--sweep', 'a sweep needs a scenario file and cannot be resumed');
}

/** `aspis mc [scenario]`: one batch, a sweep of batches, or a resumed batch; stored, reported and printed. */
async function mcCommand(file: string | undefined, opts: McCliOptions): Promise<void> {
  checkMcOptions(file, opts);
  // the work limit, per replication, before any replication runs (docs/limits.md)
  if (file !== undefined) checkWork(loadScenario(file), opts.maxEvents);
  const store = opts.store === false ? undefined : openRunStore(opts.store);
  const { signal, release } = interruptible();
  try {
    let result: MonteCarloResult | null = null;
    if (opts.sweep !== undefined) await runSweepCommand(file!, parseSweep(opts.sweep), opts, store, signal);
    else result = await runSingle(file, opts, store, signal);
    // a stopped batch is not a finished one: exit non-zero (130) after printing and storing what completed
    if (signal.aborted) throw interruptedError(result);
  } finally {
    release();
    store?.close();
  }
}
