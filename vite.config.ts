/**
 * Vite build of the web app (`web/` → `dist/web/`), served by `aspis serve`. Relative asset URLs (`base: './'`), no
 * public directory and nothing fetched from a CDN: the built app works offline.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./web', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // MapLibre GL alone is ~1 MB minified
    chunkSizeWarningLimit: 2048,
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:8787' } },
});
