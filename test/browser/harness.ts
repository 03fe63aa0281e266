/**
 * Shared set-up of the browser tests: Debian's Chromium driven by playwright-core (no browser download), the web
 * app built when `dist/web` is missing or older than its sources, a console/page-error collector, an offline
 * guard that aborts and records every request leaving the allowed origins, and an in-page pixel check.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { packageRoot } from '../../src/scenario/catalog.js';

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

/** In-page script: copies the first canvas matching the selector into a 2D canvas and counts its colours. */
function canvasStatsScript(selector: string): string {
  return `(() => {
    const source = document.querySelector(${JSON.stringify(selector)});
    if (!source) return null;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const g = copy.getContext('2d');
    g.drawImage(source, 0, 0);
    const data = g.getImageData(0, 0, copy.width, copy.height).data;
    const counts = new Map();
    let checksum = 0;
    for (let i = 0; i < data.length; i += 4) {
      const key = ((data[i] >> 3) << 10) | ((data[i + 1] >> 3) << 5) | (data[i + 2] >> 3);
      counts.set(key, (counts.get(key) || 0) + 1);
      checksum = (checksum * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2]) % 2147483647;
    }
    let top = 0;
    for (const n of counts.values()) top = Math.max(top, n);
    return { width: copy.width, height: copy.height, colours: counts.size, dominantShare: top / (data.length / 4), checksum };
  })()`;
}

export async function canvasStats(page: Page, selector: string): Promise<CanvasStats | null> {
  return (await page.evaluate(canvasStatsScript(selector))) as CanvasStats | null;
}
