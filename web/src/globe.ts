/**
 * @module web/globe
 * The 3-D replay view (CesiumJS), beside the 2-D map and driven by the same replay time: threats' paths at their
 * true altitude, interceptor flyouts, radar search sectors as volumes (a wedge of a sphere from the site, between
 * the radar's elevation limits), weapon reach rings, assets, and the ends (intercept flashes, impacts, failures).
 *
 * Offline by construction: no Cesium ion (no world terrain, no Bing imagery, no geocoder), the basemap is the
 * Natural Earth II tiles shipped inside the `cesium` package and copied to `dist/web/cesium/` by `vite.config.ts`,
 * and `CESIUM_BASE_URL` must point there before this module is imported (`web/globeToggle` sets it, then imports
 * this module lazily: Cesium is its own chunk, the 2-D page does not load it).
 *
 * Time: every entity is positioned by callbacks that read the replay time given to `setTime` (the 2-D map's `t_s`);
 * Cesium's own clock is parked at the same instant and never animates. Rendering is on request (nothing moves
 * unless the replay time or the camera does), which keeps a software-rendered page cheap.
 */
import {
  BoundingSphere,
  buildModuleUrl,
  CallbackPositionProperty,
  CallbackProperty,
  Cartesian2,
  Cartesian3,
  Math as CesiumMath,
  CesiumWidget,
  Color,
  ColorMaterialProperty,
  ConstantPositionProperty,
  Entity,
  HeadingPitchRange,
  ImageryLayer,
  JulianDate,
  LabelStyle,
  Material,
  Matrix4,
  NearFarScalar,
  PolylineCollection,
  PolylineDashMaterialProperty,
  ScreenSpaceEventHandler,
  ScreenSpaceEventType,
  TileMapServiceImageryProvider,
  VerticalOrigin,
} from 'cesium';
import type { ReplayGeometry } from '../../src/server/api.js';
import type { SimEvent } from '../../src/world/events.js';
import { destinationPoint, pathPositionAt, sampleIndexAt } from '../../src/world/pathAt.js';
import type { PathRecord } from '../../src/world/paths.js';
import type { ReplayIndex } from './frame.js';
import { loadBasemap } from './geo.js';
import { COLORS } from './map.js';

/** How long an intercept flash lasts, replay seconds (drawn from our time, so scrubbing replays it). */
export const FLASH_s = 8;

/** Scenario time 0 when the stored scenario has no usable start (only the sun's position depends on it). */
const FALLBACK_EPOCH = '2000-01-01T00:00:00Z';

/** Vertices of a weapon reach ring. */
const RING_STEPS = 96;

/** Smallest camera distance from the content's centre when framing, m. */
const MIN_FRAMING_RANGE_m = 30_000;

/** The 3-D view of one page: load a replay, move it to a replay time, follow the selected threat's colour. */
export interface ReplayGlobe {
  readonly widget: CesiumWidget;
  /** Replaces the drawn replay (entities and camera framing); a no-op for the replay already shown. */
  showReplay(index: ReplayIndex): void;
  /** Moves every entity to replay time `t_s` (s after scenario start) and renders once. */
  setTime(t_s: number, selected: string | null): void;
  /** Pauses Cesium's render loop while the view is hidden, resumes (and redraws at the new size) when shown. */
  setVisible(visible: boolean): void;
  /** Resolves at the next rendered frame: ms since `since_ms` (`performance.now()`). */
  firstFrame(since_ms: number): Promise<number>;
  /** Calls `handler` with a threat's id when its point, trail or drop line is clicked (the page opens its story). */
  onThreatClick(handler: (threatId: string) => void): void;
  /** Resolves at the first rendered frame with every basemap tile in view loaded: ms since `since_ms`. */
  tilesLoaded(since_ms: number): Promise<number>;
  destroy(): void;
}

const css = (hex: string, alpha = 1): Color => Color.fromCssColorString(hex).withAlpha(alpha);

/** A recorded path with its samples already converted to Earth-fixed Cartesian positions. */
interface Flight {
  readonly path: PathRecord;
  readonly points: Cartesian3[];
}

function flightOf(path: PathRecord): Flight {
  const points = path.t_s.map((_, i) =>
    Cartesian3.fromDegrees(path.lon_deg[i], path.lat_deg[i], path.alt_m[i]),
  );
  return { path, points };
}

/** The flown part of a path at `t_s`: recorded samples so far plus the interpolated point (as the 2-D trail). */
function trailAt(flight: Flight, t_s: number): Cartesian3[] {
  const last = sampleIndexAt(flight.path.t_s, t_s);
  if (last < 0) return [];
  const trail = flight.points.slice(0, last + 1);
  const here = positionAt(flight, t_s);
  if (here && last < flight.points.length - 1) trail.push(here);
  return trail;
}

function positionAt(flight: Flight, t_s: number): Cartesian3 | undefined {
  const here = pathPositionAt(flight.path, t_s);
  return here ? Cartesian3.fromDegrees(here.lon_deg, here.lat_deg, here.alt_m) : undefined;
}

/** Azimuth (clockwise from north) to Cesium's clock angle (counter-clockwise from east in the site's ENU frame). */
function clockAngle_rad(azimuth_deg: number): number {
  return CesiumMath.toRadians(90 - azimuth_deg);
}

/** Height of the drawn country borders above the ellipsoid, m (clear of the globe's own surface in depth). */
const BORDER_HEIGHT_m = 200;

/**
 * The 2-D map's country borders (Natural Earth 1:50m from `world-atlas`, already in the page) over the coarse
 * Natural Earth II imagery: the same geographic reference in both views. One primitive, not an entity per line.
 */
function addBorders(widget: CesiumWidget): void {
  loadBasemap()
    .then(({ borders }) => {
      if (widget.isDestroyed()) return;
      const lines = widget.scene.primitives.add(new PolylineCollection()) as PolylineCollection;
      const material = Material.fromType('Color', { color: css(COLORS.border, 0.9) });
      for (const line of borders.geometry.coordinates) {
        if (line.length < 2) continue;
        const positions = line.map(([lon, lat]) => Cartesian3.fromDegrees(lon, lat, BORDER_HEIGHT_m));
        lines.add({ positions, width: 1, material });
      }
      widget.scene.requestRender();
    })
    .catch((err: unknown) => console.warn('aspis: 3-D view without borders', err));
}

/**
 * Creates the Cesium view in `container` (which must be laid out: the canvas takes its size). No ion, no network.
 * @example
 * const globe = await createReplayGlobe(document.getElementById('globe')!);
 * globe.showReplay(indexReplay(replay));
 * globe.setTime(replay.span.start_s, null);
 */
export async function createReplayGlobe(container: HTMLElement): Promise<ReplayGlobe> {
  const basemap = ImageryLayer.fromProviderAsync(
    TileMapServiceImageryProvider.fromUrl(buildModuleUrl('Assets/Textures/NaturalEarthII')),
    {},
  );
  const widget = new CesiumWidget(container, {
    baseLayer: basemap,
    // no sky box (and so no sun or moon textures): the app's dark background instead of a star field
    skyBox: false,
    scene3DOnly: true,
    shouldAnimate: false,
    requestRenderMode: true,
    maximumRenderTimeChange: Number.POSITIVE_INFINITY,
    // the browser tests read the canvas back; a few percent of fill rate
    contextOptions: { webgl: { preserveDrawingBuffer: true } },
  });
  const scene = widget.scene;
  scene.backgroundColor = css(COLORS.sea);
  scene.globe.baseColor = css(COLORS.land);
  scene.globe.enableLighting = false;
  scene.globe.depthTestAgainstTerrain = false;
  addBorders(widget);

  let t_s = 0;
  let selected: string | null = null;
  let shown: ReplayIndex | null = null;
  let epoch = JulianDate.fromIso8601(FALLBACK_EPOCH);
  let threatClick: ((threatId: string) => void) | null = null;
  // a click on a threat (its point, trail or drop line) opens its story, as on the 2-D map
  new ScreenSpaceEventHandler(scene.canvas).setInputAction(
    (click: ScreenSpaceEventHandler.PositionedEvent) => {
      const picked: unknown = scene.pick(click.position);
      const entity = (picked as { id?: unknown } | undefined)?.id;
      const raw = entity instanceof Entity ? entity.id : null;
      const id = raw?.replace(/^(trail|drop):/, '') ?? null;
      const threats = shown?.replay.paths?.threats ?? [];
      if (id && threatClick && threats.some((p) => p.id === id)) threatClick(id);
    },
    ScreenSpaceEventType.LEFT_CLICK,
  );

  const add = (entity: Entity.ConstructorOptions): Entity => widget.entities.add(entity);

  function addScenario(geometry: ReplayGeometry): Cartesian3[] {
    const anchors: Cartesian3[] = [];
    for (const asset of geometry.assets) {
      const position = Cartesian3.fromDegrees(asset.lon_deg, asset.lat_deg, 0);
      anchors.push(position);
      add({
        id: `asset:${asset.id}`,
        name: asset.name,
        position,
        ellipse: {
          semiMajorAxis: asset.radius_m,
          semiMinorAxis: asset.radius_m,
          height: 0,
          material: css(COLORS.asset, 0.35),
          outline: true,
          outlineColor: css(COLORS.asset),
        },
        label: {
          text: asset.name,
          font: '600 12px system-ui, sans-serif',
          fillColor: css(COLORS.asset),
          outlineColor: Color.BLACK,
          outlineWidth: 3,
          style: LabelStyle.FILL_AND_OUTLINE,
          verticalOrigin: VerticalOrigin.BOTTOM,
          pixelOffset: new Cartesian2(0, -8),
          translucencyByDistance: new NearFarScalar(2e5, 1, 8e5, 0),
        },
      });
    }
    for (const unit of geometry.units) {
      const site_m = unit.alt_m ?? 0;
      const position = Cartesian3.fromDegrees(unit.lon_deg, unit.lat_deg, site_m);
      anchors.push(position);
      const { center_deg, width_deg, range_m } = unit.sector;
      const all = width_deg >= 359.999;
      const minElevation_deg = unit.sector.minElevation_deg ?? 0;
      const maxElevation_deg = unit.sector.maxElevation_deg ?? 60;
      // the clock angle turns the other way from azimuth: the sector's right edge is its smallest clock angle
      const minClock = all ? 0 : clockAngle_rad(center_deg + width_deg / 2);
      add({
        id: `sector:${unit.id}`,
        name: `${unit.id} radar sector`,
        description: unit.description,
        position: new ConstantPositionProperty(position),
        ellipsoid: {
          radii: new Cartesian3(range_m, range_m, range_m),
          innerRadii: new Cartesian3(1, 1, 1),
          minimumClock: minClock,
          maximumClock: all ? 2 * Math.PI : minClock + CesiumMath.toRadians(width_deg),
          // cone angles from the zenith: the radar looks between its elevation limits
          minimumCone: CesiumMath.toRadians(90 - maxElevation_deg),
          maximumCone: CesiumMath.toRadians(90 - minElevation_deg),
          material: css(COLORS.sector, 0.1),
          outline: true,
          outlineColor: css(COLORS.sector, 0.3),
          stackPartitions: 12,
          slicePartitions: 24,
          subdivisions: 64,
        },
      });
      add({
        id: `site:${unit.id}`,
        name: unit.id,
        description: unit.description,
        position,
        point: { pixelSize: 9, color: Color.WHITE, outlineColor: css(COLORS.sector), outlineWidth: 2 },
      });
      if (unit.coverage_m > 0) {
        const ring: Cartesian3[] = [];
        for (let i = 0; i <= RING_STEPS; i++) {
          const [lon_deg, lat_deg] = destinationPoint(
            unit.lat_deg,
            unit.lon_deg,
            (360 * i) / RING_STEPS,
            unit.coverage_m,
          );
          ring.push(Cartesian3.fromDegrees(lon_deg, lat_deg, site_m));
        }
        add({
          id: `coverage:${unit.id}`,
          polyline: {
            positions: ring,
            width: 1.5,
            material: new PolylineDashMaterialProperty({ color: css(COLORS.coverage), dashLength: 12 }),
          },
        });
      }
    }
    return anchors;
  }

  function threatColour(id: string, fateOf: ReadonlyMap<string, string>): Color {
    if (id === selected) return Color.WHITE;
    const fate = fateOf.get(id);
    return css(fate === 'leaked' ? COLORS.leaked : fate === 'failed' ? COLORS.failed : COLORS.threat);
  }

  function addFlights(index: ReplayIndex): Cartesian3[] {
    const anchors: Cartesian3[] = [];
    const paths = index.replay.paths;
    for (const path of paths?.threats ?? []) {
      const flight = flightOf(path);
      for (let i = 0; i < flight.points.length; i += 10) anchors.push(flight.points[i]);
      const colour = new CallbackProperty(() => threatColour(path.id, index.fateOf), false);
      add({
        id: `trail:${path.id}`,
        polyline: {
          positions: new CallbackProperty(() => trailAt(flight, t_s), false),
          width: new CallbackProperty(() => (path.id === selected ? 3.5 : 2), false),
          material: new ColorMaterialProperty(colour),
        },
      });
      add({
        id: path.id,
        name: path.id,
        position: new CallbackPositionProperty(() => positionAt(flight, t_s), false),
        point: {
          pixelSize: new CallbackProperty(() => (path.id === selected ? 11 : 8), false),
          color: colour,
          outlineColor: Color.WHITE,
          outlineWidth: 1,
        },
      });
      // a drop line to the ground under the threat: its height reads at a glance
      add({
        id: `drop:${path.id}`,
        polyline: {
          positions: new CallbackProperty(() => {
            const here = pathPositionAt(path, t_s);
            if (!here) return [];
            return Cartesian3.fromDegreesArrayHeights([
              here.lon_deg,
              here.lat_deg,
              here.alt_m,
              here.lon_deg,
              here.lat_deg,
              0,
            ]);
          }, false),
          width: 1,
          material: css(COLORS.threat, 0.45),
        },
      });
    }
    for (const path of paths?.interceptors ?? []) {
      const flight = flightOf(path);
      add({
        id: `trail:${path.id}`,
        polyline: {
          positions: new CallbackProperty(() => trailAt(flight, t_s), false),
          width: 2,
          material: css(COLORS.interceptor, 0.9),
        },
      });
      add({
        id: path.id,
        name: path.id,
        position: new CallbackPositionProperty(() => positionAt(flight, t_s), false),
        point: {
          pixelSize: 7,
          color: css(COLORS.interceptor),
          outlineColor: css('#001018'),
          outlineWidth: 1,
        },
      });
    }
    return anchors;
  }

  function addEnds(index: ReplayIndex): void {
    index.ends.forEach((e, i) => {
      let kind: 'kill' | 'miss' | 'leak' | 'impact' | 'failed';
      let point: { lat_deg: number; lon_deg: number; alt_m: number };
      if (e.type === 'interceptor.end' && e.point) {
        kind = e.result === 'kill' ? 'kill' : 'miss';
        point = e.point;
      } else if (e.type === 'threat.impact') {
        kind = e.assetId ? 'leak' : 'impact';
        point = e.point;
      } else if (e.type === 'threat.failed') {
        kind = 'failed';
        point = e.point;
      } else return;
      const position = Cartesian3.fromDegrees(point.lon_deg, point.lat_deg, Math.max(0, point.alt_m));
      const colour = {
        kill: COLORS.kill,
        miss: '#ffffff',
        leak: COLORS.leaked,
        impact: COLORS.threat,
        failed: COLORS.failed,
      }[kind];
      add({
        id: `end:${i}`,
        position,
        point: {
          pixelSize: kind === 'leak' ? 12 : kind === 'miss' ? 5 : 9,
          color: kind === 'miss' ? Color.TRANSPARENT : css(colour),
          outlineColor: Color.WHITE,
          outlineWidth: kind === 'miss' ? 1.5 : 1,
          show: new CallbackProperty(() => t_s >= e.t_s, false),
        },
      });
      if (kind !== 'kill' && kind !== 'leak') return;
      // the flash: a bright disc that shrinks and fades over FLASH_s after the event
      const age = (): number => (t_s - e.t_s) / FLASH_s;
      add({
        id: `flash:${i}`,
        position,
        point: {
          pixelSize: new CallbackProperty(() => 14 + 34 * (1 - age()), false),
          color: new CallbackProperty(() => Color.WHITE.withAlpha(0.85 * (1 - age())), false),
          outlineColor: new CallbackProperty(() => css(colour, 1 - age()), false),
          outlineWidth: 4,
          show: new CallbackProperty(() => age() >= 0 && age() <= 1, false),
          disableDepthTestDistance: Number.POSITIVE_INFINITY,
        },
      });
    });
  }

  /**
   * Frames everything from the side of the raid: the camera looks across the line from the defence to the threats'
   * launch points (launches on the right), tilted down a little, so trajectories show their height profile.
   */
  function frame(index: ReplayIndex, anchors: Cartesian3[]): void {
    if (anchors.length === 0) return;
    const sphere = BoundingSphere.fromPoints(anchors);
    const units = index.replay.geometry?.units ?? [];
    const launches = index.replay.events.filter(
      (e): e is Extract<SimEvent, { type: 'threat.launch' }> => e.type === 'threat.launch',
    );
    let heading_rad = 0;
    if (units.length > 0 && launches.length > 0) {
      const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
      const from = { lat: mean(units.map((u) => u.lat_deg)), lon: mean(units.map((u) => u.lon_deg)) };
      const to = {
        lat: mean(launches.map((e) => e.from.lat_deg)),
        lon: mean(launches.map((e) => e.from.lon_deg)),
      };
      const east = (to.lon - from.lon) * Math.cos(CesiumMath.toRadians(from.lat));
      const north = to.lat - from.lat;
      if (Math.hypot(east, north) > 1e-6) heading_rad = Math.atan2(east, north) - Math.PI / 2;
    }
    // fit the sphere in the narrower of the two fields of view (a tall canvas narrows the horizontal one)
    const fov_rad = CesiumMath.toRadians(60);
    const aspect = widget.canvas.clientWidth / Math.max(1, widget.canvas.clientHeight);
    // Cesium's 60° is the field of view across the longer side of the canvas
    const tanHalf = Math.tan(fov_rad / 2);
    const half_rad = Math.atan(aspect >= 1 ? tanHalf / aspect : tanHalf * aspect);
    const range_m = Math.max(MIN_FRAMING_RANGE_m, (1.05 * sphere.radius) / Math.sin(half_rad));
    widget.camera.viewBoundingSphere(
      sphere,
      new HeadingPitchRange(heading_rad, CesiumMath.toRadians(-22), range_m),
    );
    // release the camera from the sphere's frame so the mouse pans and tilts around the globe as usual
    widget.camera.lookAtTransform(Matrix4.IDENTITY);
  }

  return {
    widget,
    showReplay(index) {
      if (index === shown) return;
      shown = index;
      widget.entities.removeAll();
      const geometry = index.replay.geometry;
      try {
        epoch = JulianDate.fromIso8601(geometry?.start ?? FALLBACK_EPOCH);
      } catch {
        epoch = JulianDate.fromIso8601(FALLBACK_EPOCH);
      }
      widget.entities.suspendEvents();
      const anchors = [...(geometry ? addScenario(geometry) : []), ...addFlights(index)];
      addEnds(index);
      widget.entities.resumeEvents();
      frame(index, anchors);
      scene.requestRender();
    },
    setTime(time_s, selectedId) {
      t_s = time_s;
      selected = selectedId;
      widget.clock.currentTime = JulianDate.addSeconds(epoch, time_s, new JulianDate());
      scene.requestRender();
    },
    setVisible(visible) {
      widget.useDefaultRenderLoop = visible;
      if (!visible) return;
      widget.resize();
      scene.requestRender();
    },
    firstFrame(since_ms) {
      return new Promise((resolve) => {
        const remove = scene.postRender.addEventListener(() => {
          remove();
          resolve(performance.now() - since_ms);
        });
        scene.requestRender();
      });
    },
    onThreatClick(handler) {
      threatClick = handler;
    },
    tilesLoaded(since_ms) {
      return new Promise((resolve) => {
        const remove = scene.postRender.addEventListener(() => {
          if (!scene.globe.tilesLoaded) return;
          remove();
          resolve(performance.now() - since_ms);
        });
        scene.requestRender();
      });
    },
    destroy() {
      widget.destroy();
    },
  };
}
