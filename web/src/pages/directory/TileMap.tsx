import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type MouseEvent } from 'react';
import { Link } from 'react-router';
import type { DirectoryMap } from '../../api/directory';
import { formatNumber, plural } from '../../ui/format';
import {
  MAX_ZOOM,
  METROPOLE,
  MIN_ZOOM,
  boundsOf,
  clampView,
  clusterPoints,
  fitBounds,
  project,
  tileUrl,
  viewOrigin,
  visibleTiles,
  zoomView,
  type Bounds,
  type Cluster,
  type View,
} from './tile-math';

type MapStructure = DirectoryMap['structures'][number];
type Placed = MapStructure & { latitude: number; longitude: number };

/** Beyond this many markers in the viewport, the rest are left out (with a note). */
const MAX_MARKERS = 300;
/** Structures closer than this (in pixels, on a grid tied to the world) share one numbered marker. */
const CELL = 52;
/** Markers slightly outside the viewport are drawn, so they do not pop in at the edge. */
const EDGE = 20;
/** Longest list of structures without a position shown in full. */
const MAX_UNPLACED = 100;

/** Where the overseas departments are, for when none of their structures has a position. */
const OVERSEAS: Record<string, Bounds> = {
  '971': { west: -61.81, south: 15.83, east: -61.0, north: 16.52 },
  '972': { west: -61.23, south: 14.39, east: -60.81, north: 14.88 },
  '973': { west: -54.6, south: 2.1, east: -51.6, north: 5.8 },
  '974': { west: 55.21, south: -21.39, east: 55.84, north: -20.87 },
  '976': { west: 44.98, south: -13.0, east: 45.3, north: -12.63 },
};

const isPlaced = (s: MapStructure): s is Placed =>
  typeof s.latitude === 'number' && typeof s.longitude === 'number' && Number.isFinite(s.latitude) && Number.isFinite(s.longitude);

function initialView(selected: string, placed: Placed[], width: number, height: number): { view: View; fallback: boolean } {
  if (selected) {
    const own = boundsOf(placed.filter((s) => s.departement === selected).map((s) => ({ lon: s.longitude, lat: s.latitude })));
    if (own) return { view: fitBounds(own, width, height, { maxZoom: 12 }), fallback: false };
    if (OVERSEAS[selected]) return { view: fitBounds(OVERSEAS[selected], width, height, { padding: 8, maxZoom: 11 }), fallback: true };
    return { view: fitBounds(METROPOLE, width, height, { maxZoom: 6 }), fallback: true };
  }
  return { view: fitBounds(METROPOLE, width, height, { maxZoom: 6 }), fallback: false };
}

const sameSpot = (items: Placed[]) => items.every((s) => s.latitude === items[0].latitude && s.longitude === items[0].longitude);

interface Props {
  tiles: { url: string; attribution: string };
  /** Every structure of the map data (the type filter applied). */
  structures: MapStructure[];
  /** The chosen department's code, or ''. */
  selected: string;
  selectedName: string;
  /** "EMSP, Montpellier": what a popup says under the name. */
  describe: (s: MapStructure) => string;
}

/**
 * The detailed map: raster tiles from the configured server under the located structures.
 * Drag or use the buttons to move, + and − to zoom; each structure is a button that opens a small
 * card with a link to its page. The department map and its table stay the accessible equivalent.
 */
export function TileMap({ tiles, structures, selected, selectedName, describe }: Props) {
  const frameRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [view, setView] = useState<View | null>(null);
  const [fallback, setFallback] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [tilesOk, setTilesOk] = useState(false);
  const [tilesFailed, setTilesFailed] = useState(false);
  const [announce, setAnnounce] = useState(0);
  const [status, setStatus] = useState('');
  const drag = useRef<{ id: number; x: number; y: number; from: View; moved: boolean } | null>(null);
  const fittedFor = useRef<string | null>(null);

  useLayoutEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const measure = () =>
      setSize((s) => (s.width === frame.clientWidth && s.height === frame.clientHeight ? s : { width: frame.clientWidth, height: frame.clientHeight }));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    return () => observer.disconnect();
  }, []);

  const placed = useMemo(() => structures.filter(isPlaced), [structures]);
  const unplaced = useMemo(
    () => structures.filter((s) => !isPlaced(s) && (!selected || s.departement === selected)),
    [structures, selected],
  );
  // Positions at zoom 0; a zoom level multiplies them by 2^z.
  const world = useMemo(() => placed.map((s) => ({ s, ...project(s.longitude, s.latitude, 0) })), [placed]);

  // A new department (or the first measure) frames the department's structures.
  const { width, height } = size;
  useEffect(() => {
    if (!width || !height || fittedFor.current === selected) return;
    fittedFor.current = selected;
    const fit = initialView(selected, placed, width, height);
    setView(fit.view);
    setFallback(fit.fallback);
    setOpen(null);
  }, [selected, placed, width, height]);

  const v = view && width && height ? clampView(view, width, height) : null;
  const zoom = v?.zoom ?? MIN_ZOOM;
  const clusters = useMemo(() => {
    const scale = 2 ** zoom;
    return clusterPoints(
      world.map((p) => ({ item: p.s, x: p.x * scale, y: p.y * scale })),
      CELL,
    );
  }, [world, zoom]);

  const origin = v ? viewOrigin(v, width, height) : { x: 0, y: 0 };
  const inView = v
    ? clusters
        .map((c) => ({ ...c, left: c.x - origin.x, top: c.y - origin.y }))
        .filter((c) => c.left >= -EDGE && c.left <= width + EDGE && c.top >= -EDGE && c.top <= height + EDGE)
        // Reading order for the keyboard: band by band from the north, west to east in a band.
        .sort((a, b) => Math.floor(a.top / CELL) - Math.floor(b.top / CELL) || a.left - b.left)
    : [];
  const drawn = inView.slice(0, MAX_MARKERS);
  const countInView = inView.reduce((n, c) => n + c.items.length, 0);
  const countDrawn = drawn.reduce((n, c) => n + c.items.length, 0);

  const viewText = v
    ? `Zoom ${v.zoom} sur ${MAX_ZOOM}, ${plural(countInView, 'structure', 'structures')} dans la vue.`
    : '';
  // Told to screen readers after a button or key moved the map (not at every drag step).
  useEffect(() => {
    // viewText as it is after the move; not a dependency, or every drag step would be read out.
    if (announce) setStatus(viewText);
  }, [announce]);

  function move(next: View) {
    if (!width || !height) return;
    setView(clampView(next, width, height));
    setAnnounce((n) => n + 1);
  }
  const canZoomIn = !!v && v.zoom < MAX_ZOOM;
  const canZoomOut = !!v && v.zoom > MIN_ZOOM;
  const zoomBy = (delta: number) => v && (delta > 0 ? canZoomIn : canZoomOut) && move(zoomView(v, delta));
  const pan = (dx: number, dy: number) => v && move({ ...v, x: v.x + dx * Math.max(width / 3, 64), y: v.y + dy * Math.max(height / 3, 64) });

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Escape' && open) {
      e.preventDefault();
      const key = open;
      setOpen(null);
      frameRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus();
      return;
    }
    // Arrows and +/− act on the map itself when it has the focus, not on a control inside it.
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    const keys: Record<string, () => void> = {
      ArrowUp: () => pan(0, -1),
      ArrowDown: () => pan(0, 1),
      ArrowLeft: () => pan(-1, 0),
      ArrowRight: () => pan(1, 0),
      '+': () => zoomBy(1),
      '=': () => zoomBy(1),
      '-': () => zoomBy(-1),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  }

  const onControl = (target: EventTarget) => target instanceof Element && !!target.closest('button, a, .map-popup, .tile-attribution');

  function onPointerDown(e: PointerEvent<HTMLDivElement>) {
    if (!v || e.button !== 0 || !e.isPrimary || onControl(e.target)) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, from: v, moved: false };
  }
  function onPointerMove(e: PointerEvent<HTMLDivElement>) {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved) {
      if (Math.abs(dx) + Math.abs(dy) < 4) return;
      d.moved = true;
      setDragging(true);
    }
    setView(clampView({ zoom: d.from.zoom, x: d.from.x - dx, y: d.from.y - dy }, width, height));
  }
  function onPointerEnd(e: PointerEvent<HTMLDivElement>) {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    drag.current = null;
    setDragging(false);
    // A plain click on the map closes the open card.
    if (!d.moved && e.type === 'pointerup') setOpen(null);
  }
  function onDoubleClick(e: MouseEvent<HTMLDivElement>) {
    if (!v || onControl(e.target) || !canZoomIn) return;
    const box = e.currentTarget.getBoundingClientRect();
    move(zoomView(v, 1, { x: e.clientX - box.left - width / 2, y: e.clientY - box.top - height / 2 }));
  }

  function openCluster(c: Cluster<Placed>) {
    if (!v) return;
    if (v.zoom < MAX_ZOOM && !sameSpot(c.items)) {
      const bounds = boundsOf(c.items.map((s) => ({ lon: s.longitude, lat: s.latitude })))!;
      move(fitBounds(bounds, width, height, { minZoom: Math.min(v.zoom + 1, MAX_ZOOM), maxZoom: MAX_ZOOM }));
      setOpen(null);
      // The numbered marker is gone: the focus goes to the map, not to the page's top.
      frameRef.current?.focus({ preventScroll: true });
    } else setOpen((o) => (o === c.key ? null : c.key));
  }

  /** Above the marker in the lower half, below it in the upper half; kept inside the frame. */
  function popupPlace(left: number, top: number) {
    const w = Math.min(256, width - 16);
    const x = Math.min(Math.max(left - w / 2, 8), width - w - 8);
    return top > height / 2 ? { left: x, bottom: height - top + 20 } : { left: x, top: top + 20 };
  }

  const attribution = tiles.attribution.trim() || `Fond de carte : ${new URL(tiles.url.replace(/[{}]/g, '')).host}`;
  const hintId = 'carte-detaillee-aide';

  return (
    <div className="tile-map-wrap">
      <p className="small muted" id={hintId}>
        Faites glisser la carte pour la déplacer, ou utilisez les boutons ; au clavier, sur la carte : flèches pour déplacer, touches + et − pour
        zoomer. Un nombre regroupe des structures proches : choisissez-le pour zoomer.
      </p>
      <div
        ref={frameRef}
        className={`tile-map${dragging ? ' dragging' : ''}`}
        role="region"
        aria-label={`Carte détaillée${selected ? ` : ${selectedName}` : ''}`}
        aria-describedby={hintId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        onDoubleClick={onDoubleClick}
      >
        <div className="tile-layer" aria-hidden="true">
          {v &&
            visibleTiles(v, width, height).map((t) => (
              <img
                key={t.key}
                className="tile"
                src={tileUrl(tiles.url, t.z, t.x, t.y)}
                alt=""
                loading="lazy"
                draggable={false}
                width={256}
                height={256}
                style={{ left: t.left, top: t.top }}
                onLoad={() => setTilesOk(true)}
                onError={(e) => {
                  e.currentTarget.classList.add('tile-failed');
                  setTilesFailed(true);
                }}
              />
            ))}
        </div>

        <div className="tile-map-controls">
          <div className="tile-map-zoom">
            <button type="button" aria-label="Zoom avant" title="Zoom avant" aria-disabled={!canZoomIn} onClick={() => zoomBy(1)}>
              <span aria-hidden="true">+</span>
            </button>
            <button type="button" aria-label="Zoom arrière" title="Zoom arrière" aria-disabled={!canZoomOut} onClick={() => zoomBy(-1)}>
              <span aria-hidden="true">−</span>
            </button>
          </div>
          <div className="tile-map-pan" role="group" aria-label="Déplacer la carte">
            <button type="button" className="pan-n" aria-label="Vers le nord" title="Vers le nord" onClick={() => pan(0, -1)}>
              <span aria-hidden="true">↑</span>
            </button>
            <button type="button" className="pan-w" aria-label="Vers l’ouest" title="Vers l’ouest" onClick={() => pan(-1, 0)}>
              <span aria-hidden="true">←</span>
            </button>
            <button type="button" className="pan-e" aria-label="Vers l’est" title="Vers l’est" onClick={() => pan(1, 0)}>
              <span aria-hidden="true">→</span>
            </button>
            <button type="button" className="pan-s" aria-label="Vers le sud" title="Vers le sud" onClick={() => pan(0, 1)}>
              <span aria-hidden="true">↓</span>
            </button>
          </div>
        </div>

        {drawn.map((c) => {
          const single = c.items.length === 1 ? c.items[0] : null;
          const key = single ? single.id : `groupe-${c.key}`;
          const isOpen = open === (single ? single.id : c.key);
          const popupId = `carte-${key}`;
          const listOnly = !single && (zoom >= MAX_ZOOM || sameSpot(c.items));
          return (
            <div key={key} className="map-point">
              {single ? (
                <button
                  type="button"
                  className="map-marker"
                  data-key={single.id}
                  style={{ left: c.left, top: c.top }}
                  aria-label={single.name}
                  aria-expanded={isOpen}
                  aria-controls={isOpen ? popupId : undefined}
                  onClick={() => setOpen((o) => (o === single.id ? null : single.id))}
                />
              ) : (
                <button
                  type="button"
                  className="map-cluster"
                  data-key={c.key}
                  style={{ left: c.left, top: c.top }}
                  aria-label={`${formatNumber(c.items.length)} structures à cet endroit : ${listOnly ? 'afficher la liste' : 'zoomer'}`}
                  aria-expanded={listOnly ? isOpen : undefined}
                  aria-controls={listOnly && isOpen ? popupId : undefined}
                  onClick={() => openCluster(c)}
                >
                  <span aria-hidden="true">{c.items.length > 99 ? '99+' : c.items.length}</span>
                </button>
              )}
              {isOpen && (
                <div className="map-popup" id={popupId} style={popupPlace(c.left, c.top)}>
                  {single ? (
                    <>
                      <p className="map-popup-title">{single.name}</p>
                      {describe(single) && <p className="small muted">{describe(single)}</p>}
                      <Link to={single.url}>
                        Voir la fiche<span className="visually-hidden"> de {single.name}</span>
                      </Link>
                    </>
                  ) : (
                    <>
                      <p className="map-popup-title">{plural(c.items.length, 'structure', 'structures')} à cet endroit</p>
                      <ul>
                        {c.items.slice(0, 30).map((s) => (
                          <li key={s.id}>
                            <Link to={s.url}>{s.name}</Link>
                          </li>
                        ))}
                      </ul>
                      {c.items.length > 30 && <p className="small muted">et {formatNumber(c.items.length - 30)} autres</p>}
                    </>
                  )}
                  <button
                    type="button"
                    className="map-popup-close"
                    aria-label="Fermer"
                    title="Fermer"
                    onClick={() => {
                      setOpen(null);
                      frameRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(single ? single.id : c.key)}"]`)?.focus();
                    }}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </div>
              )}
            </div>
          );
        })}

        {tilesFailed && !tilesOk && (
          <p className="tile-map-note">Le fond de carte ne se charge pas ; les structures restent placées.</p>
        )}
        <p className="tile-attribution">{attribution}</p>
      </div>

      <p className="visually-hidden" aria-live="polite">
        {status}
      </p>
      <p className="small muted tile-map-info">
        {plural(placed.length, 'structure placée', 'structures placées')} sur la carte.{' '}
        {fallback && selected && `Aucune structure de ${selectedName} n’a de position : la carte montre la zone entière. `}
        {drawn.length < inView.length &&
          `Trop de repères dans cette vue : ${formatNumber(countDrawn)} structures sur ${formatNumber(countInView)} sont montrées. Zoomez pour voir les autres.`}
      </p>

      {unplaced.length > 0 && (
        <details className="disclosure map-unplaced">
          <summary>
            {plural(unplaced.length, 'structure sans position', 'structures sans position')}
            {selected ? ` (${selectedName})` : ''}
          </summary>
          <ul className="map-structures">
            {unplaced.slice(0, MAX_UNPLACED).map((s) => (
              <li key={s.id}>
                <Link to={s.url}>{s.name}</Link>
                {describe(s) && <span className="small muted"> — {describe(s)}</span>}
              </li>
            ))}
          </ul>
          {unplaced.length > MAX_UNPLACED && (
            <p className="small muted">
              Et {plural(unplaced.length - MAX_UNPLACED, 'autre', 'autres')} :{' '}
              <Link to={`/annuaire${selected ? `?departement=${encodeURIComponent(selected)}` : ''}`}>voir la recherche</Link>.
            </p>
          )}
        </details>
      )}
    </div>
  );
}
