/**
 * @module cli/commands/mc
 * `aspis mc FILE --runs N [--workers K] [--seed S] [--until-ci X] [--json] [--store P | --no-store] [--resume ID]
 * [--sweep path=v1,v2,…] [--out DIR]`: a Monte Carlo batch through `runMonteCarlo` (the same call users import),
 * a progress bar with ETA on stderr when it is a terminal, the aggregate as tables (or JSON) and how to replay one
 * replication alone. With `--sweep` one batch per value, a table and an SVG plot (PRA and leakers vs the value).
 * Ctrl-C stops handing out work, stores what finished and prints how to resume.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { describeQueueRun, runDistributedMonteCarloFile } from '../../analysis/distributed.js';
import {
  type McProgress,
  type MonteCarloOptions,
  type MonteCarloResult,
  runMonteCarlo,
} from '../../analysis/monteCarlo.js';
import { parseSweep, runSweep, type SweepPoint, type SweepSpec, sweptYaml } from '../../analysis/sweep.js';
import { sweepPlotSvg } from '../../analysis/sweepPlot.js';
import { AspisError } from '../../errors.js';
import { renderMcAggregate, renderSweepTable } from '../../report/mcTerminal.js';
import { DEFAULT_STORE_PATH, openRunStore, type RunStore } from '../../store/runStore.js';
import { parseSeed } from './run.js';

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
  /** Redis URL: run on the BullMQ queue that `aspis worker`s drain instead of locally. */
  queue?: string;
  /** Replications per queue job (with `queue`). */
  chunk?: number;
}

function positiveInt(flag: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < 1)
      throw new AspisError('E_USAGE', flag, `expected a positive integer, got "${value}"`);
    return Number(value);
  };
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
  return `replay the worst replication (#${worst}, ${leakers} leakers): aspis run ${file} --seed ${r.seed} --replication ${worst}`;
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

async function runSingle(
  file: string | undefined,
  opts: McCliOptions,
  store: RunStore | undefined,
  signal: AbortSignal,
): Promise<void> {
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
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(jsonOf(result))}\n`);
    return;
  }
  const lines = [renderMcAggregate(result.aggregate), convergenceLine(result), replayLine(result, shownFile)];
  lines.push(describeQueueRun(result));
  if (result.runId) {
    lines.push(
      `stored as ${result.runId}${store ? ` in ${relative(process.cwd(), store.path) || store.path}` : ''}`,
    );
    if (result.aborted) lines.push(`resume with: aspis mc --resume ${result.runId}`);
  }
  process.stdout.write(`${lines.filter((l) => l !== '').join('\n')}\n`);
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
  const out = opts.out ?? join('runs', `mc-${fileStem(file)}`);
  mkdirSync(out, { recursive: true });
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
      writeFileSync(
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
  writeFileSync(svgPath, svg);
  const json = {
    path: spec.path,
    points: points.map((p) => ({ value: p.value, ...jsonOf(p.result) })),
  };
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(json)}\n`);
    return;
  }
  const lines = [renderSweepTable(spec.path, points)];
  for (const p of points) {
    const swept = join(out, `${fileStem(file)}-${safeName(p.value)}.yaml`);
    lines.push(
      `${spec.path}=${p.value}: ${convergenceLine(p.result)}${p.result.runId ? `; stored as ${p.result.runId}` : ''}`,
    );
    lines.push(`  ${replayLine(p.result, swept)}`);
  }
  lines.push(`plot ${svgPath}, data ${jsonPath}`);
  process.stdout.write(`${lines.join('\n')}\n`);
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
    .option('--runs <n>', 'replications (the maximum with --until-ci)', positiveInt('--runs'))
    .option('--workers <k>', 'worker threads (never changes the result)', positiveInt('--workers'), 1)
    .option('--seed <n>', "root seed (integer); defaults to the scenario file's seed", parseSeed)
    .option(
      '--until-ci <halfwidth>',
      'stop once the 95 % half-widths of PRA and of mean leakers are both ≤ this (checked every 25 runs from 50)',
      positiveNumber('--until-ci'),
    )
    .option('--json', 'print one JSON object instead of tables')
    .option('--store <path>', 'run store (SQLite) that keeps every replication', DEFAULT_STORE_PATH)
    .option('--no-store', 'do not record the run (it cannot be resumed)')
    .option('--resume <id>', 'continue a stored Monte Carlo run (e.g. after Ctrl-C or a crash)')
    .option(
      '--sweep <path=values>',
      'one batch per value of a scenario field, e.g. units[0].doctrine.shotsPerThreat=1,2,3',
    )
    .option(
      '--out <dir>',
      'directory for the sweep plot, data and swept scenarios (default runs/mc-<scenario>)',
    )
    .option(
      '--queue <url>',
      'run on a BullMQ queue at this Redis URL (redis://host:port) that `aspis worker --queue` processes on any machines',
    )
    .option('--chunk <n>', 'replications per queue job (with --queue; default 25)', positiveInt('--chunk'))
    .action(async (file: string | undefined, opts: McCliOptions) => {
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
      const store = opts.store === false ? undefined : openRunStore(opts.store);
      const { signal, release } = interruptible();
      try {
        if (opts.sweep !== undefined)
          await runSweepCommand(file!, parseSweep(opts.sweep), opts, store, signal);
        else await runSingle(file, opts, store, signal);
      } finally {
        release();
        store?.close();
      }
    });
}
