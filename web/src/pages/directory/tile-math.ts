/**
 * Web Mercator maths for the detailed map (the "slippy map" tiling scheme: 256-pixel tiles,
 * 2^z × 2^z tiles at zoom z, tile 0/0 at the north-west corner). Pure functions, unit-tested.
 */

export const TILE_SIZE = 256;
export const MIN_ZOOM = 5;
export const MAX_ZOOM = 14;
/** Latitude where the Mercator square ends. */
const MAX_LATITUDE = 85.0511287798;

export interface LonLat {
  lon: number;
  lat: number;
}
export interface Point {
  x: number;
  y: number;
}
export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}
/** What the viewport shows: a zoom level and its centre in world pixels at that zoom. */
export interface View {
  zoom: number;
  x: number;
  y: number;
}

/** Metropolitan France with Corsica. */
export const METROPOLE: Bounds = { west: -5.2, south: 41.3, east: 9.6, north: 51.15 };

const clamp = (n: number, min: number, max: number) => Math.min(Math.max(n, min), max);

/** Width (and height) of the whole world in pixels at zoom z. */
export const worldSize = (zoom: number) => TILE_SIZE * 2 ** zoom;

/** Longitude/latitude → world pixels at zoom z (x eastwards from 180° W, y southwards from the north edge). */
export function project(lon: number, lat: number, zoom: number): Point {
  const size = worldSize(zoom);
  const sin = Math.sin((clamp(lat, -MAX_LATITUDE, MAX_LATITUDE) * Math.PI) / 180);
  return {
    x: ((lon + 180) / 360) * size,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size,
  };
}

/** World pixels at zoom z → longitude/latitude. */
export function unproject(x: number, y: number, zoom: number): LonLat {
  const size = worldSize(zoom);
  const n = Math.PI - (2 * Math.PI * y) / size;
  return { lon: (x / size) * 360 - 180, lat: (Math.atan(Math.sinh(n)) * 180) / Math.PI };
}

/** The tile holding a point at zoom z. */
export function lonLatToTile(lon: number, lat: number, zoom: number): Point {
  const p = project(lon, lat, zoom);
  const last = 2 ** zoom - 1;
  return { x: clamp(Math.floor(p.x / TILE_SIZE), 0, last), y: clamp(Math.floor(p.y / TILE_SIZE), 0, last) };
}

/** The north-west corner of a tile. */
export function tileToLonLat(x: number, y: number, zoom: number): LonLat {
  return unproject(x * TILE_SIZE, y * TILE_SIZE, zoom);
}

/** The smallest box around some points; null for none. */
export function boundsOf(points: readonly LonLat[]): Bounds | null {
  if (!points.length) return null;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const p of points) {
    west = Math.min(west, p.lon);
    east = Math.max(east, p.lon);
    south = Math.min(south, p.lat);
    north = Math.max(north, p.lat);
  }
  return { west, south, east, north };
}

export interface FitOptions {
  /** Free margin on each side, in pixels. */
  padding?: number;
  minZoom?: number;
  maxZoom?: number;
}

/**
 * The view that shows a box whole: its centre, at the deepest whole zoom where the box fits in the
 * viewport less the padding, kept within [minZoom, maxZoom] (a single point gets maxZoom).
 */
export function fitBounds(bounds: Bounds, width: number, height: number, options: FitOptions = {}): View {
  const { padding = 32, minZoom = MIN_ZOOM, maxZoom = MAX_ZOOM } = options;
  const nw = project(bounds.west, bounds.north, 0);
  const se = project(bounds.east, bounds.south, 0);
  const spanX = Math.abs(se.x - nw.x);
  const spanY = Math.abs(se.y - nw.y);
  const roomX = Math.max(width - 2 * padding, 1);
  const roomY = Math.max(height - 2 * padding, 1);
  // At zoom z a span grows 2^z times: the box fits while span · 2^z ≤ room.
  const fitX = spanX > 0 ? Math.log2(roomX / spanX) : Infinity;
  const fitY = spanY > 0 ? Math.log2(roomY / spanY) : Infinity;
  // The epsilon keeps an exact fit (a ratio of exactly 2^z) from falling a level through rounding.
  const best = Math.floor(Math.min(fitX, fitY) + 1e-9);
  const zoom = clamp(Number.isFinite(best) ? best : maxZoom, minZoom, maxZoom);
  const scale = 2 ** zoom;
  return { zoom, x: ((nw.x + se.x) / 2) * scale, y: ((nw.y + se.y) / 2) * scale };
}

/** Keeps the viewport inside the world (centred on it when the world is smaller). */
export function clampView(view: View, width: number, height: number): View {
  const size = worldSize(view.zoom);
  const x = size <= width ? size / 2 : clamp(view.x, width / 2, size - width / 2);
  const y = size <= height ? size / 2 : clamp(view.y, height / 2, size - height / 2);
  return { zoom: view.zoom, x, y };
}

/**
 * Zooms by `delta` levels (clamped to [minZoom, maxZoom]) keeping still the point at `anchor`,
 * an offset in pixels from the viewport's centre (the centre itself by default).
 */
export function zoomView(view: View, delta: number, anchor: Point = { x: 0, y: 0 }, minZoom = MIN_ZOOM, maxZoom = MAX_ZOOM): View {
  const zoom = clamp(view.zoom + delta, minZoom, maxZoom);
  const factor = 2 ** (zoom - view.zoom);
  return { zoom, x: (view.x + anchor.x) * factor - anchor.x, y: (view.y + anchor.y) * factor - anchor.y };
}

export interface VisibleTile {
  key: string;
  z: number;
  /** Tile column, wrapped around the antimeridian. */
  x: number;
  y: number;
  /** Position of its top-left corner in the viewport, in pixels. */
  left: number;
  top: number;
}

/** The viewport's top-left corner in world pixels, rounded so tiles and markers sit on whole pixels. */
export function viewOrigin(view: View, width: number, height: number): Point {
  return { x: Math.round(view.x - width / 2), y: Math.round(view.y - height / 2) };
}

/** Every tile that shows in the viewport, row by row. */
export function visibleTiles(view: View, width: number, height: number): VisibleTile[] {
  const origin = viewOrigin(view, width, height);
  const n = 2 ** view.zoom;
  const tiles: VisibleTile[] = [];
  const y0 = Math.max(Math.floor(origin.y / TILE_SIZE), 0);
  const y1 = Math.min(Math.floor((origin.y + height - 1) / TILE_SIZE), n - 1);
  const x0 = Math.floor(origin.x / TILE_SIZE);
  const x1 = Math.floor((origin.x + width - 1) / TILE_SIZE);
  for (let ty = y0; ty <= y1; ty += 1) {
    for (let tx = x0; tx <= x1; tx += 1) {
      const x = ((tx % n) + n) % n;
      tiles.push({ key: `${view.zoom}/${tx}/${ty}`, z: view.zoom, x, y: ty, left: tx * TILE_SIZE - origin.x, top: ty * TILE_SIZE - origin.y });
    }
  }
  return tiles;
}

/** A tile's address from the configured template ({z}, {x}, {y}). */
export function tileUrl(template: string, z: number, x: number, y: number): string {
  return template.replace(/\{z\}/g, String(z)).replace(/\{x\}/g, String(x)).replace(/\{y\}/g, String(y));
}

/** A usable tile template: an http(s) address with {z}, {x} and {y}. */
export function isTileTemplate(template: unknown): template is string {
  return (
    typeof template === 'string' &&
    /^https?:\/\//.test(template) &&
    template.includes('{z}') &&
    template.includes('{x}') &&
    template.includes('{y}')
  );
}

export interface Cluster<T> {
  /** Stable while the zoom stays: the grid cell. */
  key: string;
  /** Mean position of the members, in world pixels. */
  x: number;
  y: number;
  items: T[];
}

/**
 * Groups points (world pixels at the current zoom) by square cells of `cell` pixels anchored on the
 * world, so groups do not change while the map is dragged. Order: as the first member came.
 */
export function clusterPoints<T>(points: readonly { item: T; x: number; y: number }[], cell: number): Cluster<T>[] {
  const cells = new Map<string, { sx: number; sy: number; items: T[] }>();
  for (const p of points) {
    const key = `${Math.floor(p.x / cell)}:${Math.floor(p.y / cell)}`;
    const c = cells.get(key);
    if (c) {
      c.sx += p.x;
      c.sy += p.y;
      c.items.push(p.item);
    } else cells.set(key, { sx: p.x, sy: p.y, items: [p.item] });
  }
  return [...cells].map(([key, c]) => ({ key, x: c.sx / c.items.length, y: c.sy / c.items.length, items: c.items }));
}
