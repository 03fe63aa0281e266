/**
 * Vite build of the web app (`web/` → `dist/web/`), served by `aspis serve`. Relative asset URLs (`base: './'`), no
 * public directory and nothing fetched from a CDN: the built app works offline.
 */
import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('./web', import.meta.url));

/**
 * The 3-D view (`web/src/globe.ts`) runs CesiumJS with no Cesium ion and no network: its web workers, widget CSS,
 * credit logo and the Natural Earth II basemap tiles come from the package's prebuilt `Build/Cesium/` folder, copied
 * to `dist/web/cesium/` (the page's `CESIUM_BASE_URL`). Only what that view loads is copied (about 4 MB; the sky box,
 * glTF decoders' wasm, lens flare, maki icons and the 14 MB of prebuilt bundles are not): the page bundles the ESM
 * sources it uses as a lazy chunk. A file missing here shows as a 404 in the browser test.
 */
const CESIUM_BUILD = fileURLToPath(new URL('./node_modules/cesium/Build/Cesium', import.meta.url));
const CESIUM_FILES = [
  'Assets/Images',
  // Earth orientation for the sun's position at the scenario's date, one JSON chunk per period, fetched per frame time
  'Assets/IAU2006_XYS',
  'Assets/Textures/NaturalEarthII',
  'Assets/approximateTerrainHeights.json',
  'Workers',
  'Widgets/CesiumWidget',
] as const;

/** Content types the dev server needs for module workers, wasm and the basemap (`aspis serve` has its own). */
const DEV_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

function cesiumStatic(outDir: string): Plugin {
  return {
    name: 'aspis-cesium-static',
    // build: copy the files next to the bundle
    closeBundle() {
      for (const path of CESIUM_FILES)
        cpSync(join(CESIUM_BUILD, path), join(outDir, 'cesium', path), { recursive: true });
    },
    // dev server: serve them from node_modules under the same URL
    configureServer(server) {
      server.middlewares.use('/cesium', (req, res, next) => {
        const rel = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]));
        const file = join(CESIUM_BUILD, rel);
        if (!file.startsWith(CESIUM_BUILD + sep) || !existsSync(file) || !statSync(file).isFile())
          return next();
        const type = DEV_TYPES[extname(file).toLowerCase()];
        if (type) res.setHeader('Content-Type', type);
        createReadStream(file).pipe(res);
      });
    },
  };
}

const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  plugins: [cesiumStatic(outDir)],
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // MapLibre GL alone is ~1 MB minified; the lazy CesiumJS chunk of the 3-D view ~3.8 MB
    chunkSizeWarningLimit: 4096,
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:8787' } },
});
