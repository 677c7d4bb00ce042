import { describe, expect, it } from 'vitest';
import {
  METROPOLE,
  boundsOf,
  clampView,
  clusterPoints,
  fitBounds,
  isTileTemplate,
  lonLatToTile,
  project,
  tileToLonLat,
  tileUrl,
  unproject,
  visibleTiles,
  worldSize,
  zoomView,
} from './tile-math';

/** The OpenStreetMap wiki's formula (asinh of the tangent), written independently of project(). */
function reference(lon: number, lat: number, zoom: number) {
  const n = 2 ** zoom;
  const rad = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n),
  };
}

describe('lon/lat ↔ tile', () => {
  it('finds the tile of Paris at zoom 10', () => {
    expect(lonLatToTile(2.3522, 48.8566, 10)).toEqual({ x: 518, y: 352 });
  });

  it('puts everything in tile 0/0 at zoom 0 and splits the world at 0°, 0° at zoom 1', () => {
    expect(lonLatToTile(2.3522, 48.8566, 0)).toEqual({ x: 0, y: 0 });
    expect(lonLatToTile(-0.0001, 0.0001, 1)).toEqual({ x: 0, y: 0 });
    expect(lonLatToTile(0.0001, -0.0001, 1)).toEqual({ x: 1, y: 1 });
  });

  it('agrees with the reference formula for French places at every zoom of the map', () => {
    const places = [
      [2.3522, 48.8566], // Paris
      [5.3698, 43.2965], // Marseille
      [3.8767, 43.6108], // Montpellier
      [-4.4861, 48.3904], // Brest
      [7.7521, 48.5734], // Strasbourg
      [9.4509, 42.6977], // Bastia
      [55.4504, -20.8821], // Saint-Denis (La Réunion)
      [-61.5331, 16.2411], // Pointe-à-Pitre
    ];
    for (const [lon, lat] of places) {
      for (let z = 0; z <= 18; z += 1) expect(lonLatToTile(lon, lat, z)).toEqual(reference(lon, lat, z));
    }
  });

  it('gives the north-west corner of a tile', () => {
    const nw = tileToLonLat(0, 0, 0);
    expect(nw.lon).toBe(-180);
    expect(nw.lat).toBeCloseTo(85.0511, 4);
    expect(tileToLonLat(1, 1, 1)).toEqual({ lon: 0, lat: 0 });
    const paris = tileToLonLat(518, 352, 10);
    expect(paris.lon).toBeCloseTo(2.109375, 6);
    expect(paris.lat).toBeCloseTo(48.9224993, 6); // atan(sinh(π(1 − 2·352/1024)))
    // The tile found for a point contains it.
    const next = tileToLonLat(519, 353, 10);
    expect(paris.lon <= 2.3522 && 2.3522 < next.lon).toBe(true);
    expect(next.lat < 48.8566 && 48.8566 <= paris.lat).toBe(true);
  });

  it('projects and unprojects back to the same place', () => {
    for (const z of [0, 5, 10, 14]) {
      const p = project(3.8767, 43.6108, z);
      const back = unproject(p.x, p.y, z);
      expect(back.lon).toBeCloseTo(3.8767, 9);
      expect(back.lat).toBeCloseTo(43.6108, 9);
    }
    expect(project(0, 0, 3)).toEqual({ x: worldSize(3) / 2, y: worldSize(3) / 2 });
  });

  it('keeps the poles inside the world', () => {
    expect(lonLatToTile(0, 89.9, 4).y).toBe(0);
    expect(lonLatToTile(0, -89.9, 4).y).toBe(15);
    expect(lonLatToTile(180, 0, 4).x).toBe(15);
  });
});

describe('fitBounds', () => {
  it('shows metropolitan France at zoom 5 in a desktop viewport and 6 in a large one', () => {
    expect(fitBounds(METROPOLE, 1000, 480).zoom).toBe(5);
    expect(fitBounds(METROPOLE, 1400, 800).zoom).toBe(6);
    // A phone is too narrow for zoom 5: the minimum wins.
    expect(fitBounds(METROPOLE, 340, 360).zoom).toBe(5);
  });

  it('centres on the middle of the box', () => {
    const view = fitBounds(METROPOLE, 1000, 480);
    const nw = project(METROPOLE.west, METROPOLE.north, view.zoom);
    const se = project(METROPOLE.east, METROPOLE.south, view.zoom);
    expect(view.x).toBeCloseTo((nw.x + se.x) / 2, 6);
    expect(view.y).toBeCloseTo((nw.y + se.y) / 2, 6);
  });

  it('chooses the deepest zoom where the box fits, exact fits included', () => {
    // One tile at zoom 10 fits a 256-pixel room exactly at 10, not at 11.
    const nw = tileToLonLat(518, 352, 10);
    const se = tileToLonLat(519, 353, 10);
    const tile = { west: nw.lon, north: nw.lat, east: se.lon, south: se.lat };
    expect(fitBounds(tile, 256, 256, { padding: 0 }).zoom).toBe(10);
    expect(fitBounds(tile, 255, 256, { padding: 0 }).zoom).toBe(9);
    expect(fitBounds(tile, 600, 600, { padding: 0 }).zoom).toBe(11);
    expect(fitBounds(tile, 320, 320, { padding: 32 }).zoom).toBe(10);
  });

  it('stays within the zoom range', () => {
    expect(fitBounds({ west: 3.87, east: 3.8701, south: 43.61, north: 43.6101 }, 800, 480).zoom).toBe(14);
    expect(fitBounds({ west: 3.87, east: 3.87, south: 43.61, north: 43.61 }, 800, 480).zoom).toBe(14);
    expect(fitBounds({ west: -170, east: 170, south: -60, north: 70 }, 800, 480).zoom).toBe(5);
    expect(fitBounds({ west: 3.87, east: 3.87, south: 43.61, north: 43.61 }, 800, 480, { maxZoom: 12 }).zoom).toBe(12);
  });

  it('fits the structures of a department', () => {
    // Hérault: Montpellier, Béziers, Sète, Lodève.
    const bounds = boundsOf([
      { lon: 3.8767, lat: 43.6108 },
      { lon: 3.2158, lat: 43.3442 },
      { lon: 3.6976, lat: 43.4028 },
      { lon: 3.3194, lat: 43.7317 },
    ])!;
    expect(bounds).toEqual({ west: 3.2158, east: 3.8767, south: 43.3442, north: 43.7317 });
    expect(fitBounds(bounds, 800, 480).zoom).toBe(10);
    expect(fitBounds(bounds, 340, 360).zoom).toBe(9);
    expect(boundsOf([])).toBeNull();
  });
});

describe('views and tiles', () => {
  it('lists the tiles of the viewport with their positions, wrapping columns', () => {
    const tiles = visibleTiles({ zoom: 1, x: 256, y: 256 }, 512, 512);
    expect(tiles.map((t) => [t.x, t.y, t.left, t.top])).toEqual([
      [0, 0, 0, 0],
      [1, 0, 256, 0],
      [0, 1, 0, 256],
      [1, 1, 256, 256],
    ]);
    const shifted = visibleTiles({ zoom: 5, x: 100, y: 1000 }, 300, 200);
    expect(shifted[0]).toMatchObject({ x: 31, y: 3, left: -206, top: -132 });
    expect(shifted.map((t) => t.key)).toEqual(['5/-1/3', '5/0/3', '5/-1/4', '5/0/4']);
  });

  it('zooms around the centre or keeps an anchor still', () => {
    expect(zoomView({ zoom: 6, x: 1000, y: 2000 }, 1)).toEqual({ zoom: 7, x: 2000, y: 4000 });
    expect(zoomView({ zoom: 14, x: 1000, y: 2000 }, 1)).toEqual({ zoom: 14, x: 1000, y: 2000 });
    expect(zoomView({ zoom: 5, x: 1000, y: 2000 }, -1).zoom).toBe(5);
    const before = { zoom: 8, x: 30_000, y: 20_000 };
    const after = zoomView(before, 1, { x: 100, y: -50 });
    expect(unproject(after.x + 100, after.y - 50, 9).lon).toBeCloseTo(unproject(before.x + 100, before.y - 50, 8).lon, 9);
    expect(unproject(after.x + 100, after.y - 50, 9).lat).toBeCloseTo(unproject(before.x + 100, before.y - 50, 8).lat, 9);
  });

  it('keeps the viewport inside the world', () => {
    expect(clampView({ zoom: 5, x: -50, y: 9000 }, 800, 480)).toEqual({ zoom: 5, x: 400, y: 8192 - 240 });
    expect(clampView({ zoom: 5, x: 3000, y: 3000 }, 800, 480)).toEqual({ zoom: 5, x: 3000, y: 3000 });
  });

  it('fills the tile template', () => {
    expect(tileUrl('https://tiles.example.org/{z}/{x}/{y}.png', 10, 518, 352)).toBe('https://tiles.example.org/10/518/352.png');
    expect(isTileTemplate('https://tiles.example.org/{z}/{x}/{y}.png')).toBe(true);
    expect(isTileTemplate('https://tiles.example.org/tiles.png')).toBe(false);
    expect(isTileTemplate('javascript:alert(1)//{z}{x}{y}')).toBe(false);
    expect(isTileTemplate(null)).toBe(false);
  });

  it('groups points by world cells', () => {
    const clusters = clusterPoints(
      [
        { item: 'a', x: 10, y: 10 },
        { item: 'b', x: 30, y: 20 },
        { item: 'c', x: 50, y: 10 },
      ],
      48,
    );
    expect(clusters).toEqual([
      { key: '0:0', x: 20, y: 15, items: ['a', 'b'] },
      { key: '1:0', x: 50, y: 10, items: ['c'] },
    ]);
  });
});
