/**
 * Scaling benchmark (issue 12, "raids of a thousand threats"): the saturation night of
 * scenarios/saturation-night-2024.yaml (120 SRBMs, 30 cruise missiles, 170 drones; 4 batteries, a C-RAM mount and a
 * SHORAD unit on one network) rescaled to 10, 30, 100, 300 and 1,000 threats (every raid's count scaled in
 * proportion, its launch interval shrunk by the same factor so the raid keeps its window: a denser night, not a
 * longer one) and to 1, 2, 4, 6 and 10 fire units (extra notional batteries beside the shipped ones, all on the one
 * network). Each case runs in its own child process (so its peak RSS is its own) and prints wall time per simulated
 * hour, events/s, peak memory (`process.resourceUsage().maxRSS`) and × real time; the growth exponent in threats and
 * in fire units is fitted by log-log least squares. The baseline, measured in the same run, is the smallest case
 * (10 threats, 1 fire unit): every row prints its cost per simulated hour against it. Writes bench/results/scale.json.
 *
 * Run with `npm run bench:scale`. Environment:
 * - `ASPIS_SCALE_CASES`: a comma-separated subset, `THREATSxUNITS` each (e.g. `10x1,300x6`); default every case.
 * - `ASPIS_SCALE_CASE_SECONDS`: wall-time budget of one case (default 60 s, so the
 *   whole grid stays within about ten minutes even where the engine is slow). A case that runs out is stopped; its
 *   row then gives bounds (wall per simulated hour > budget / simulated hours, × real time < simulated time / budget:
 *   a bound, not an estimate from the first, quiet part of the night) and the simulated time it reached, and it is
 *   left out of the fits.
 */
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { packageRoot } from '../src/scenario/catalog.js';
import { parseScenario } from '../src/scenario/load.js';
import { runScenario } from '../src/sim/engine.js';
import { wallTimeWatchdog } from '../src/sim/watchdog.js';

/** The shipped scenario every case is cut from. */
const SCENARIO = 'scenarios/saturation-night-2024.yaml';

/** Threats in the shipped scenario (the scale factor is relative to it). */
const SHIPPED_THREATS = 320;

/** One case: threats in the raid and fire units on the network. */
interface Case {
  readonly threats: number;
  readonly units: number;
}

/** What a child process reports for one case. */
interface CaseResult extends Case {
  /** Simulated duration of the scenario, s. */
  readonly sim_s: number;
  /** Simulated time reached (the time of the last event; = the last event's time when complete), s. */
  readonly reached_s: number;
  readonly wall_s: number;
  readonly events: number;
  readonly complete: boolean;
  readonly maxRss_MB: number;
  readonly heapUsed_MB: number;
  readonly note: string;
}

/** Seconds in a duration the scenario format accepts (`20s`, `1.5min`, a plain number of seconds). */
function seconds(value: unknown): number {
  if (typeof value === 'number') return value;
  const m = /^([\d.]+)\s*(s|min|m|h)$/.exec(String(value).trim());
  if (m === null) throw new Error(`bench: cannot read the duration "${String(value)}"`);
  return Number(m[1]) * (m[2] === 's' ? 1 : m[2] === 'h' ? 3600 : 60);
}

/**
 * The shipped saturation night rescaled to `c.threats` threats and `c.units` fire units. Raid counts keep their mix
 * (largest-remainder rounding, at least one per raid while there are enough threats); extra fire units are notional
 * Patriot-class batteries cloned from the shipped ones, 2 km apart, defending the same assets.
 */
export function scaledScenarioYaml(c: Case): string {
  const doc = parse(readFileSync(join(packageRoot(), SCENARIO), 'utf8')) as Record<string, unknown>;
  const raids = doc.threats as Record<string, unknown>[];
  const factor = c.threats / SHIPPED_THREATS;
  const exact = raids.map((r) => Number(r.count) * factor);
  const counts = exact.map((x) => Math.floor(x));
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; counts.reduce((a, b) => a + b, 0) < c.threats; k++) counts[order[k % order.length].i]++;
  const threats = raids
    .map((r, i) => ({ ...r, count: counts[i], interval: seconds(r.interval) / Math.max(factor, 1e-9) }))
    .filter((r) => r.count > 0);
  const shippedUnits = doc.units as Record<string, unknown>[];
  const batteries = shippedUnits.filter(
    (u) => u.kind === 'sam-battery' && String(u.id).startsWith('patriot'),
  );
  const units: Record<string, unknown>[] = [];
  for (let i = 0; units.length < c.units; i++) {
    if (i < shippedUnits.length) {
      units.push(shippedUnits[i]);
      continue;
    }
    const template = batteries[(i - shippedUnits.length) % batteries.length];
    const at = template.at as Record<string, unknown>;
    const n = i - shippedUnits.length + 1;
    units.push({
      ...template,
      id: `${String(template.id)}-extra-${n}`,
      at: { ...at, lat: Number(at.lat) + 0.018 * n },
    });
  }
  const ids = new Set(units.map((u) => String(u.id)));
  const out: Record<string, unknown> = { ...doc, units, threats };
  if (units.length >= 2) {
    const net = (doc.networks as Record<string, unknown>[])[0];
    const members = units.map((u) =>
      u.id === 'shorad-asad' ? { unit: 'shorad-asad', tier: 'lower' } : String(u.id),
    );
    out.networks = [{ ...net, units: members }];
  } else delete out.networks;
  // the lower-tier SHORAD entry must name a unit that is there
  if (!ids.has('shorad-asad') && Array.isArray(out.networks))
    out.networks = (out.networks as Record<string, unknown>[]).map((n) => ({
      ...n,
      units: (n.units as unknown[]).filter((u) => typeof u === 'string'),
    }));
  return stringify(out);
}

/** Runs one case in this process (the child side) and reports it. */
function runCase(c: Case, budget_s: number): CaseResult {
  const scenario = parseScenario(scaledScenarioYaml(c), `saturation-${c.threats}x${c.units}.yaml`);
  const start = performance.now();
  let events = 0;
  let complete = true;
  let note = '';
  const sim_s = scenario.duration_s;
  let lastEvent_s = 0;
  try {
    const result = runScenario(scenario, {
      seed: 1,
      interrupt: wallTimeWatchdog(budget_s),
      observers: [
        {
          onEvent: (e) => {
            lastEvent_s = e.t_s;
          },
        },
      ],
    });
    events = result.events.length;
  } catch (err) {
    complete = false;
    note = `stopped after ${budget_s} s of wall time (${(err as Error).message.slice(0, 40)}…)`;
  }
  const wall_s = (performance.now() - start) / 1000;
  return {
    ...c,
    sim_s,
    reached_s: lastEvent_s,
    wall_s,
    events,
    complete,
    maxRss_MB: process.resourceUsage().maxRSS / 1024,
    heapUsed_MB: process.memoryUsage().heapUsed / 2 ** 20,
    note,
  };
}

/** Runs `c` in a child process of this same file. */
function inChild(c: Case, budget_s: number): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--case', JSON.stringify({ ...c, budget_s })], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: CaseResult | null = null;
    child.on('message', (m) => {
      result = m as CaseResult;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`bench case ${c.threats}x${c.units} exited ${code}`)),
    );
  });
}

/** Least-squares slope of log(y) against log(x): the growth exponent (1 = linear). */
export function loglogSlope(points: readonly { x: number; y: number }[]): number | null {
  if (points.length < 2) return null;
  const lx = points.map((p) => Math.log(p.x));
  const ly = points.map((p) => Math.log(p.y));
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : null;
}

const THREATS = [10, 30, 100, 300, 1000];
const UNITS = [1, 2, 4, 6, 10];
/** Fire units of the threat sweep (the shipped network) and threats of the fire-unit sweep. */
const SWEEP_UNITS = 6;
const SWEEP_THREATS = 300;

async function parent(): Promise<void> {
  const budget_s = Number(process.env.ASPIS_SCALE_CASE_SECONDS ?? 60);
  const all: Case[] = [
    { threats: 10, units: 1 }, // the baseline
    ...THREATS.map((threats) => ({ threats, units: SWEEP_UNITS })),
    ...UNITS.filter((u) => u !== SWEEP_UNITS).map((units) => ({ threats: SWEEP_THREATS, units })),
    { threats: 1000, units: 10 },
  ];
  const picked = process.env.ASPIS_SCALE_CASES?.split(',').map((s) => s.trim());
  const cases = all.filter(
    (c, i) =>
      all.findIndex((d) => d.threats === c.threats && d.units === c.units) === i &&
      (picked === undefined || picked.includes(`${c.threats}x${c.units}`)),
  );
  const rows: CaseResult[] = [];
  for (const c of cases) {
    const r = await inChild(c, budget_s);
    rows.push(r);
    console.log(
      `${c.threats} threats × ${c.units} units: ${r.wall_s.toFixed(1)} s wall for ${(r.reached_s / 3600).toFixed(2)} of ${(r.sim_s / 3600).toFixed(2)} h simulated, ${r.events} events, peak RSS ${r.maxRss_MB.toFixed(0)} MB ${r.note}`,
    );
  }
  const perHour = (r: CaseResult): number => r.wall_s / Math.max(r.sim_s / 3600, 1e-9);
  const baseline = rows.find((r) => r.threats === 10 && r.units === 1 && r.complete) ?? null;
  console.log('\naspis scaling benchmark (single thread; each case in its own process)');
  console.log(
    `| ${'threats'.padStart(7)} | ${'units'.padStart(5)} | ${'wall s/sim h'.padStart(12)} | ${'× baseline'.padStart(10)} | ${'events/s'.padStart(9)} | ${'peak RSS MB'.padStart(11)} | ${'× real time'.padStart(11)} |`,
  );
  console.log(
    `|${'-'.repeat(8)}:|${'-'.repeat(6)}:|${'-'.repeat(13)}:|${'-'.repeat(11)}:|${'-'.repeat(10)}:|${'-'.repeat(12)}:|${'-'.repeat(12)}:|`,
  );
  const table = rows.map((r) => {
    const row = {
      ...r,
      wallPerSimHour_s: perHour(r),
      eventsPerSecond: r.complete ? r.events / r.wall_s : null,
      timesRealTime: r.sim_s / r.wall_s,
      costVsBaseline: baseline ? perHour(r) / perHour(baseline) : null,
    };
    console.log(
      `| ${String(r.threats).padStart(7)} | ${String(r.units).padStart(5)} | ${`${r.complete ? '' : '> '}${row.wallPerSimHour_s.toFixed(2)}`.padStart(12)} | ${(row.costVsBaseline === null ? '–' : `${r.complete ? '' : '> '}${row.costVsBaseline.toFixed(1)}×`).padStart(10)} | ${(row.eventsPerSecond === null ? '–' : row.eventsPerSecond.toFixed(0)).padStart(9)} | ${r.maxRss_MB.toFixed(0).padStart(11)} | ${`${r.complete ? '' : '< '}${row.timesRealTime.toFixed(0)}×`.padStart(11)} |`,
    );
    return row;
  });
  const complete = table.filter((r) => r.complete);
  const threatSlope = loglogSlope(
    complete.filter((r) => r.units === SWEEP_UNITS).map((r) => ({ x: r.threats, y: r.wallPerSimHour_s })),
  );
  const unitSlope = loglogSlope(
    complete.filter((r) => r.threats === SWEEP_THREATS).map((r) => ({ x: r.units, y: r.wallPerSimHour_s })),
  );
  const fmt = (s: number | null): string => (s === null ? '–' : s.toFixed(2));
  console.log(
    `\ngrowth exponent of wall time per simulated hour (log-log least squares): threats (×${SWEEP_UNITS} units) ${fmt(threatSlope)}, fire units (×${SWEEP_THREATS} threats) ${fmt(unitSlope)} (1 = linear)`,
  );
  const find = (threats: number, units: number) =>
    table.find((r) => r.threats === threats && r.units === units);
  const night = find(SWEEP_THREATS, SWEEP_UNITS);
  const big = find(1000, 10);
  const peak = table.reduce((m, r) => Math.max(m, r.maxRss_MB), 0);
  // a stopped case's × real time is an upper bound: it meets no "≥" goal it has not reached by its budget
  const bound = (r: (typeof table)[number] | undefined, target: number) =>
    r === undefined
      ? { measured: null, met: null }
      : { measured: r.timesRealTime, met: r.timesRealTime >= target && r.complete };
  const goals = [
    {
      goal: '300-threat night × real time',
      ...bound(night, 500),
      target: 500,
      above: true,
      complete: night?.complete ?? null,
    },
    {
      goal: '1,000 threats × 10 fire units × real time',
      ...bound(big, 50),
      target: 50,
      above: true,
      complete: big?.complete ?? null,
    },
    {
      goal: 'peak RSS of any case, MB',
      measured: table.length > 0 ? peak : null,
      met: table.length > 0 ? peak < 1024 : null,
      target: 1024,
      above: false,
      complete: null,
    },
    {
      goal: 'growth exponent in threats',
      measured: threatSlope,
      met: threatSlope === null ? null : threatSlope < 1.2,
      target: 1.2,
      above: false,
      complete: null,
    },
  ];
  console.log('\nmeasured / goal');
  for (const g of goals)
    console.log(
      `  ${g.goal}: ${g.measured === null ? 'not measured' : `${g.complete === false ? '< ' : ''}${g.measured.toFixed(g.measured < 10 ? 2 : 0)}`} / ${g.above ? '≥' : '<'} ${g.target}${g.met === null ? '' : g.met ? '  (met)' : '  (NOT met)'}${g.complete === false ? ' (stopped at its wall-time budget)' : ''}`,
    );
  const dir = join(packageRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'scale.json'),
    `${JSON.stringify({ node: process.version, scenario: SCENARIO, budget_s, baseline: '10 threats x 1 unit', rows: table, growth: { threats: threatSlope, units: unitSlope }, goals }, null, 2)}\n`,
  );
  console.log(`results written to ${join(dir, 'scale.json')}`);
}

const caseArg = process.argv.indexOf('--case');
if (caseArg >= 0) {
  const { budget_s, ...c } = JSON.parse(process.argv[caseArg + 1]) as Case & { budget_s: number };
  process.send?.(runCase(c, budget_s));
} else {
  await parent();
}
