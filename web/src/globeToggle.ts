/**
 * @module web/globeToggle
 * The "3-D" button: opens and closes the CesiumJS view (`web/globe`) beside the 2-D map (instead of it on narrow
 * screens, `style.css`). Cesium is imported only on the first opening, so the 2-D page never loads it; until then
 * `update` only remembers the replay time. Marks the page for tests and logs the time from the click to the first
 * rendered frame: `body[data-globe]` is `loading`, `ready` (first frame drawn), `tiles` (basemap loaded) or `error`;
 * `data-globe-import-ms` (Cesium's chunk fetched and evaluated), `data-globe-first-frame-ms` and
 * `data-globe-tiles-ms` hold the timings.
 */
import type { ReplayIndex } from './frame.js';
import type { ReplayGlobe } from './globe.js';

declare global {
  interface Window {
    /** Where CesiumJS finds its workers and assets (`dist/web/cesium/`, copied by `vite.config.ts`). */
    CESIUM_BASE_URL?: string;
  }
}

/** What the replay shows now: the 3-D view draws the same replay at the same time. */
export interface GlobeScene {
  readonly index: ReplayIndex;
  readonly t_s: number;
  readonly selected: string | null;
}

/** The toggle of one page. */
export interface GlobeToggle {
  /** Called on every replay draw; moves the 3-D view when it is open. */
  update(scene: GlobeScene | null): void;
}

/**
 * Wires the 3-D button.
 * @param button toggles the view (`aria-pressed` follows it)
 * @param container the element Cesium draws into (shown while open)
 * @param onThreatClick called with a threat's id when it is clicked on the globe (the page opens its story)
 * @example
 * const globe = createGlobeToggle(document.getElementById('globe-toggle')!, document.getElementById('globe')!);
 * globe.update({ index, t_s: 120, selected: null }); // from the replay's draw()
 */
export function createGlobeToggle(
  button: HTMLButtonElement,
  container: HTMLElement,
  onThreatClick?: (threatId: string) => void,
): GlobeToggle {
  let open = false;
  let globe: ReplayGlobe | null = null;
  let loading: Promise<void> | null = null;
  let latest: GlobeScene | null = null;
  const body = document.body;

  function push(): void {
    if (!open || !globe || !latest) return;
    globe.showReplay(latest.index);
    globe.setTime(latest.t_s, latest.selected);
  }

  async function load(clicked_ms: number): Promise<void> {
    body.dataset.globe = 'loading';
    // before Cesium's first module runs: it reads the base URL when it builds worker and asset URLs
    window.CESIUM_BASE_URL = new URL('cesium/', document.baseURI).href;
    if (!document.querySelector('link[data-cesium-css]')) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = 'cesium/Widgets/CesiumWidget/CesiumWidget.css';
      link.dataset.cesiumCss = '1';
      document.head.append(link);
    }
    const { createReplayGlobe } = await import('./globe.js');
    body.dataset.globeImportMs = (performance.now() - clicked_ms).toFixed(0);
    globe = await createReplayGlobe(container);
    if (onThreatClick) globe.onThreatClick(onThreatClick);
    push();
    const firstFrame_ms = await globe.firstFrame(clicked_ms);
    body.dataset.globeFirstFrameMs = firstFrame_ms.toFixed(0);
    body.dataset.globe = 'ready';
    console.info(`aspis: 3-D view first frame ${firstFrame_ms.toFixed(0)} ms after the click`);
    const tiles_ms = await globe.tilesLoaded(clicked_ms);
    body.dataset.globeTilesMs = tiles_ms.toFixed(0);
    body.dataset.globe = 'tiles';
    console.info(`aspis: 3-D view basemap loaded ${tiles_ms.toFixed(0)} ms after the click`);
  }

  function setOpen(next: boolean): void {
    open = next;
    body.classList.toggle('globe-open', open);
    container.hidden = !open;
    button.setAttribute('aria-pressed', String(open));
    globe?.setVisible(open);
    if (!open) return;
    if (!loading) {
      loading = load(performance.now()).catch((err: unknown) => {
        body.dataset.globe = 'error';
        button.title = `3-D view failed: ${err instanceof Error ? err.message : String(err)}`;
        console.error('aspis: 3-D view failed', err);
      });
    }
    push();
  }

  button.addEventListener('click', () => setOpen(!open));
  return {
    update(scene) {
      latest = scene;
      push();
    },
  };
}
