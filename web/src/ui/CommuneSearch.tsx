import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Commune } from '@palliance/core';
import { ApiError } from '../api/http';
import { searchCommunes } from '../api/territory';
import { useTerritory } from './territory-hooks';

const DEBOUNCE_MS = 150;
const MIN_CHARS = 2;

export interface CommuneSearchProps {
  label?: string;
  hint?: string;
  /** Called with the chosen commune, and with null when the text no longer matches a choice. */
  onSelect: (commune: Commune | null) => void;
  limit?: number;
  /** Empties the field after each choice: for adding several communes one after the other. */
  clearOnSelect?: boolean;
  /** A refusal to show above the field (the field is then marked invalid). */
  error?: string;
  /** Names the field for error focusing (data-field), e.g. 'coverage.communes'. */
  fieldPath?: string;
  /** Text shown at first, e.g. the commune already chosen; no search is run for it. */
  initialQuery?: string;
}

/** "73700", or the postal code the visitor typed, or "75001 et 19 autres". */
export function postalCodes(commune: Commune, query = ''): string {
  const codes = commune.codesPostaux;
  if (codes.length === 0) return '';
  const typed = query.replace(/\s/g, '');
  if (/^\d{2,5}$/.test(typed)) {
    const match = codes.find((c) => c.startsWith(typed));
    if (match) return match;
  }
  if (codes.length === 1) return codes[0];
  if (codes.length === 2) return `${codes[0]}, ${codes[1]}`;
  return `${codes[0]} et ${codes.length - 1} autres`;
}

/**
 * Commune picker following the ARIA 1.2 combobox pattern (list autocomplete, no automatic selection):
 * typing searches by name or postal code, arrows move through the options, Enter picks, Escape closes.
 */
export function CommuneSearch({
  label = 'Commune',
  hint = 'Saisissez au moins 2 caractères du nom ou du code postal, puis choisissez avec les flèches et la touche Entrée.',
  onSelect,
  limit = 10,
  clearOnSelect = false,
  error,
  fieldPath,
  initialQuery = '',
}: CommuneSearchProps) {
  const baseId = useId();
  const inputId = `${baseId}-input`;
  const listId = `${baseId}-list`;
  const hintId = `${baseId}-hint`;
  const statusId = `${baseId}-status`;
  const errorId = `${baseId}-error`;
  const optionId = (i: number) => `${baseId}-option-${i}`;

  const { territory } = useTerritory();
  const [query, setQuery] = useState(initialQuery);
  const [results, setResults] = useState<Commune[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [loading, setLoading] = useState(false);
  const [status, setStatus] = useState('');
  const [searched, setSearched] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const skipSearch = useRef(initialQuery !== '');

  const departementName = (code: string) => territory?.departements.find((d) => d.code === code)?.nom ?? code;
  const optionLabel = (c: Commune) => {
    const cp = postalCodes(c, searched);
    return `${c.nom}${cp ? ` (${cp})` : ''} – ${departementName(c.departement)}`;
  };

  useEffect(() => {
    if (skipSearch.current) {
      skipSearch.current = false;
      return;
    }
    const q = query.trim();
    if (q.length < MIN_CHARS) {
      setResults([]);
      setOpen(false);
      setActive(-1);
      setLoading(false);
      setStatus('');
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setLoading(true);
      searchCommunes(q, limit, controller.signal).then(
        (found) => {
          setResults(found);
          setSearched(q);
          setActive(-1);
          setOpen(found.length > 0);
          setLoading(false);
          setStatus(
            found.length === 0
              ? `Aucune commune trouvée pour «\u00a0${q}\u00a0».`
              : `${found.length === 1 ? '1 commune trouvée' : `${found.length} communes trouvées`}. Parcourez la liste avec les flèches haut et bas.`,
          );
        },
        (err: unknown) => {
          if (err instanceof DOMException && err.name === 'AbortError') return;
          setResults([]);
          setOpen(false);
          setLoading(false);
          setStatus(err instanceof ApiError ? err.message : 'La recherche a échoué. Réessayez.');
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query, limit]);

  useEffect(() => {
    if (active < 0 || !listRef.current) return;
    const el = listRef.current.querySelector<HTMLElement>(`[data-index="${active}"]`);
    el?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  function choose(index: number) {
    const commune = results[index];
    if (!commune) return;
    skipSearch.current = true;
    setQuery(clearOnSelect ? '' : commune.nom);
    setOpen(false);
    setActive(-1);
    setStatus(`${optionLabel(commune)} ${clearOnSelect ? 'ajoutée' : 'sélectionnée'}.`);
    if (clearOnSelect) setResults([]);
    onSelect(commune);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    switch (e.key) {
      case 'ArrowDown': {
        if (results.length === 0) return;
        e.preventDefault();
        if (!open || e.altKey) {
          setOpen(true);
          if (!e.altKey) setActive(0);
          return;
        }
        setActive((i) => (i + 1) % results.length);
        return;
      }
      case 'ArrowUp': {
        if (results.length === 0) return;
        e.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(results.length - 1);
          return;
        }
        setActive((i) => (i <= 0 ? results.length - 1 : i - 1));
        return;
      }
      case 'Enter': {
        if (open && active >= 0) {
          e.preventDefault();
          choose(active);
        }
        return;
      }
      case 'Escape': {
        if (open) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query) {
          e.preventDefault();
          setQuery('');
          if (!clearOnSelect) onSelect(null);
        }
        return;
      }
      case 'Tab':
        setOpen(false);
        return;
    }
  }

  const expanded = open && results.length > 0;
  return (
    <div className={`combobox field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      <p className="hint" id={hintId}>
        {hint}
      </p>
      {error && (
        <p className="field-error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <div className="combobox-control">
        <input
          id={inputId}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-describedby={`${hintId}${error ? ` ${errorId}` : ''} ${statusId}`}
          aria-invalid={error ? true : undefined}
          data-field={fieldPath}
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            if (!clearOnSelect) onSelect(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => results.length > 0 && query.trim() === searched && setOpen(true)}
        />
        {loading && <span className="spinner combobox-spinner" aria-hidden="true" />}
        <ul id={listId} ref={listRef} role="listbox" aria-label={`${label} : résultats`} className="combobox-list" hidden={!expanded}>
          {results.map((c, i) => (
            <li
              key={c.code}
              id={optionId(i)}
              data-index={i}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'combobox-option active' : 'combobox-option'}
              // Keep focus in the input: picking with the pointer must not blur it first.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(i)}
              onMouseMove={() => active !== i && setActive(i)}
            >
              {optionLabel(c)}
            </li>
          ))}
        </ul>
      </div>
      <p id={statusId} className="combobox-status" role="status" aria-live="polite">
        {loading ? 'Recherche en cours…' : status}
      </p>
    </div>
  );
}
