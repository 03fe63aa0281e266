/**
 * Shared set-up of the browser tests: Debian's Chromium driven by playwright-core (no browser download), the web
 * app built when `dist/web` is missing or older than its sources, a console/page-error collector, an offline
 * guard that aborts and records every request leaving the allowed origins, an in-page pixel check, and
 * `useWorkbench`: the server-over-a-temporary-store-plus-Chromium set-up every browser test of the app shares.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { packageRoot } from '../../src/scenario/catalog.js';
import { parseScenario } from '../../src/scenario/load.js';
import type { ReplayResponse } from '../../src/server/api.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { runScenario } from '../../src/sim/engine.js';
import { openRunStore, type RunStore } from '../../src/store/runStore.js';
import { storeSingleRun } from '../../src/store/storeRun.js';

/** Where the browser tests keep their screenshots (ignored by git). */
export const RESULTS_DIR = join(packageRoot(), 'test-results');

/** The Chromium the tests drive: `$CHROMIUM_PATH`, else Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for headless, software-rendered, quiet Chromium (WebGL through SwiftShader). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Launches Chromium, or fails with how to install it (the browser tests never skip for a missing browser). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run \`bash scripts/setup-system.sh\` (installs Debian's chromium) or set CHROMIUM_PATH`,
    );
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export function resultsPath(name: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return join(RESULTS_DIR, name);
}

/** Copies a screenshot to docs/img/ (the README's pictures) under `name`. */
export function copyToDocs(shot: string, name: string): void {
  const docs = join(packageRoot(), 'docs', 'img');
  mkdirSync(docs, { recursive: true });
  copyFileSync(shot, join(docs, name));
}

/** Polls `condition` (from Node, so the page's CSP needs no eval) until it holds. */
export async function waitUntil(
  page: Page,
  condition: () => Promise<boolean>,
  timeout_ms: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeout_ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(100);
  }
}

function newestMtime_ms(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime_ms(join(path, entry)));
  return newest;
}

/** Builds the web app (`vite build` → dist/web) unless a build newer than every source is there. */
export function ensureWebBuild(): string {
  const root = packageRoot();
  const outDir = join(root, 'dist', 'web');
  const index = join(outDir, 'index.html');
  const sources = Math.max(
    newestMtime_ms(join(root, 'web')),
    newestMtime_ms(join(root, 'vite.config.ts')),
    newestMtime_ms(join(root, 'src', 'server')),
  );
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
      cwd: root,
      stdio: 'pipe',
    });
  }
  return outDir;
}

/** Console errors and uncaught page errors seen by a page. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

/**
 * Aborts every request whose URL is not allowed and records it: proves the page works offline.
 * @param allowed true for URLs the page may load (its own origin, or its own file)
 */
export async function guardOffline(page: Page, allowed: (url: URL) => boolean): Promise<string[]> {
  const escaped: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || allowed(url)) return route.continue();
    escaped.push(url.href);
    return route.abort();
  });
  return escaped;
}

/** Colour statistics of a canvas, computed in the page (5 bits per channel; no PNG decoder needed). */
export interface CanvasStats {
  readonly width: number;
  readonly height: number;
  /** Distinct quantised colours. */
  readonly colours: number;
  /** Share of pixels that have the most common colour. */
  readonly dominantShare: number;
  /** A checksum of the pixels (tells two frames apart). */
  readonly checksum: number;
}

/**
 * In-page script: copies the first canvas matching the selector into a 2D canvas `copy` (null when there is none)
 * and runs `body` with `source` (the canvas), `copy` and `d` (its RGBA pixels); evaluates to what `body` returns.
 */
export function canvasPixelsScript(selector: string, body: string): string {
  return `(() => {
    const source = document.querySelector(${JSON.stringify(selector)});
    if (!source) return null;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const g = copy.getContext('2d');
    g.drawImage(source, 0, 0);
    const d = g.getImageData(0, 0, copy.width, copy.height).data;
    ${body}
  })()`;
}

/** In-page script: counts the colours of the first canvas matching the selector. */
function canvasStatsScript(selector: string): string {
  return canvasPixelsScript(
    selector,
    `const data = d;
    const counts = new Map();
    let checksum = 0;
    for (let i = 0; i < data.length; i += 4) {
      const key = ((data[i] >> 3) << 10) | ((data[i + 1] >> 3) << 5) | (data[i + 2] >> 3);
      counts.set(key, (counts.get(key) || 0) + 1);
      checksum = (checksum * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2]) % 2147483647;
    }
    let top = 0;
    for (const n of counts.values()) top = Math.max(top, n);
    return { width: copy.width, height: copy.height, colours: counts.size, dominantShare: top / (data.length / 4), checksum };`,
  );
}

export async function canvasStats(page: Page, selector: string): Promise<CanvasStats | null> {
  return (await page.evaluate(canvasStatsScript(selector))) as CanvasStats | null;
}

/** A page size in CSS pixels. */
export interface Viewport {
  readonly width: number;
  readonly height: number;
}

/** What `useWorkbench` sets up. */
export interface WorkbenchOptions {
  /** Prefix of the temporary store's folder (`aspis-web-`). */
  readonly tmpPrefix: string;
  /** Scenario files (relative to the package root) run once each (seed 1, paths recorded) and stored, in order. */
  readonly runs: readonly string[];
  /** The pages' viewport unless `openPage` is given another. */
  readonly viewport: Viewport;
  /** Builds the CLI first: runs and batches posted from the page compute in the compiled worker (dist/src/server/runWorker.js). */
  readonly compiled?: boolean;
  /** More set-up on the store before the server starts (a stored Monte Carlo batch, say). */
  readonly prepare?: (store: RunStore) => Promise<void>;
  /**
   * After each test: no console error, no escaped request on the page last opened, which is then closed. Off for
   * tests that check their own pages.
   */
  readonly checkEachTest?: boolean;
  /** Time the set-up may take (default 180 s). */
  readonly setupTimeout_ms?: number;
}

/** The served app and the browser of one test file; fields are set once its `beforeAll` has run. */
export interface Workbench {
  readonly store: RunStore;
  readonly server: RunningServer;
  readonly browser: Browser;
  /** Ids of the stored `runs`, in order. */
  readonly runIds: readonly string[];
  /** The page last opened by `openPage` or `newPage`, and its console errors and escaped requests. */
  readonly page: Page;
  readonly errors: string[];
  readonly escaped: string[];
  /** A new page with the error collector and the offline guard (allowed: the server's origin unless given). */
  newPage(viewport?: Viewport, allowed?: (url: URL) => boolean): Promise<Page>;
  /** `newPage`, then the app at `hash`, waiting until it is ready (and its map, unless `mapReady` is false). */
  openPage(
    hash?: string,
    options?: { viewport?: Viewport; mapReady?: boolean; timeout_ms?: number },
  ): Promise<Page>;
  /** The replay of a stored run, from the server. */
  replay(id: string): Promise<ReplayResponse>;
}

/**
 * Registers the vitest hooks of a browser test of the app: `aspis serve` in-process on a free port over a temporary
 * store holding one run of each scenario file, and Chromium; torn down after the file.
 * @example
 * const wb = useWorkbench({ tmpPrefix: 'aspis-web-', runs: ['scenarios/al-asad-2020.yaml'], viewport: { width: 1400, height: 860 }, checkEachTest: true });
 * it('loads', async () => { const page = await wb.openPage(); expect(await page.title()).toBe('aspis'); });
 */
export function useWorkbench(options: WorkbenchOptions): Workbench {
  let dir: string | undefined;
  const runIds: string[] = [];
  // store, server, browser and page are filled in by the hooks below, before any test reads them
  const wb = {
    runIds,
    errors: [] as string[],
    escaped: [] as string[],
    async newPage(viewport = options.viewport, allowed?: (url: URL) => boolean): Promise<Page> {
      const origin = new URL(wb.server.url).origin;
      const page = await wb.browser.newPage({ viewport, deviceScaleFactor: 1 });
      wb.page = page;
      wb.errors = collectErrors(page);
      wb.escaped = await guardOffline(page, allowed ?? ((url) => url.origin === origin));
      return page;
    },
    async openPage(
      hash = '',
      { viewport = options.viewport, mapReady = true, timeout_ms = 30_000 } = {},
    ): Promise<Page> {
      const page = await wb.newPage(viewport);
      await page.goto(`${wb.server.url}${hash}`);
      await page.waitForSelector('body[data-ready="1"]', { timeout: timeout_ms });
      if (mapReady) await page.waitForSelector('body[data-map-ready="1"]', { timeout: timeout_ms });
      return page;
    },
    async replay(id: string): Promise<ReplayResponse> {
      return (await (await fetch(`${wb.server.url}api/runs/${id}/replay`)).json()) as ReplayResponse;
    },
  } as unknown as { -readonly [K in keyof Workbench]: Workbench[K] };

  beforeAll(async () => {
    if (options.compiled)
      execFileSync(process.execPath, ['scripts/ensureBuild.mjs'], { cwd: packageRoot(), stdio: 'inherit' });
    const webDir = ensureWebBuild();
    dir = mkdtempSync(join(tmpdir(), options.tmpPrefix));
    wb.store = openRunStore(join(dir, 'runs.db'));
    for (const file of options.runs) {
      const yaml = readFileSync(join(packageRoot(), file), 'utf8');
      const result = runScenario(parseScenario(yaml, file), { seed: 1, recordPaths: true });
      runIds.push(storeSingleRun(wb.store, result, { yaml, scenarioFile: file, source: 'test' }).id);
    }
    await options.prepare?.(wb.store);
    wb.server = await startServer({ port: 0, store: wb.store, staticDir: webDir, log: () => {} });
    wb.browser = await launchChromium();
  }, options.setupTimeout_ms ?? 180_000);

  if (options.checkEachTest)
    afterEach(async () => {
      expect(wb.errors, 'console and page errors').toEqual([]);
      expect(wb.escaped, 'requests that left the server').toEqual([]);
      await wb.page?.close();
    });

  afterAll(async () => {
    await wb.browser?.close();
    await wb.server?.close();
    wb.store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return wb;
}
