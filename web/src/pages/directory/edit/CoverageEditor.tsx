import { useContext, useId, useRef, useState } from 'react';
import { CommuneSearch } from '../../../ui/CommuneSearch';
import { formatNumber } from '../../../ui/format';
import { departementLabel, useTerritory } from '../../../ui/territory-hooks';
import type { CommuneRef } from './draft';
import { ErrorText, FieldErrorsContext } from './field-errors';

/** Removable chips; after a removal, focus goes to the next chip, else back to where chips are added. */
function Chips({
  items,
  label,
  onRemove,
  fallbackFocus,
}: {
  items: { key: string; text: string }[];
  label: string;
  onRemove: (key: string) => void;
  fallbackFocus: () => void;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  if (items.length === 0) return null;
  return (
    <ul ref={listRef} className="chip-list" aria-label={label}>
      {items.map((item, i) => (
        <li key={item.key}>
          <span className="chip chip-removable">
            {item.text}
            <button
              type="button"
              className="chip-remove"
              onClick={() => {
                const next = items[i + 1] ?? items[i - 1];
                onRemove(item.key);
                window.requestAnimationFrame(() => {
                  const target = next && listRef.current?.querySelector<HTMLElement>(`[data-chip="${next.key}"]`);
                  if (target) target.focus();
                  else fallbackFocus();
                });
              }}
              data-chip={item.key}
            >
              <span aria-hidden="true">×</span>
              <span className="visually-hidden">Retirer {item.text}</span>
            </button>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function CoverageEditor({
  departements,
  communes,
  onDepartements,
  onCommunes,
}: {
  departements: string[];
  communes: CommuneRef[];
  onDepartements: (d: string[]) => void;
  onCommunes: (c: CommuneRef[]) => void;
}) {
  const id = useId();
  const errors = useContext(FieldErrorsContext);
  const { territory } = useTerritory();
  const [dep, setDep] = useState('');
  const [depNotice, setDepNotice] = useState('');
  const selectRef = useRef<HTMLSelectElement>(null);
  const communesRef = useRef<HTMLDivElement>(null);
  const depName = (code: string) => {
    const d = territory?.departements.find((x) => x.code === code);
    return d ? departementLabel(d.code, d.nom) : code;
  };
  const depError = errors['coverage.departements'] ?? errors.coverage;

  function addDep() {
    if (!dep) {
      setDepNotice('Choisissez d’abord un département dans la liste.');
      return;
    }
    if (!departements.includes(dep)) onDepartements([...departements, dep]);
    setDepNotice(`${depName(dep)} ajouté.`);
    setDep('');
  }

  return (
    <div className="coverage-editor">
      <div className={`field${depError ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-dep`}>Départements couverts en entier</label>
        <p className="hint" id={`${id}-dep-hint`}>
          Choisissez un département puis «&nbsp;Ajouter&nbsp;». Une équipe départementale (HAD, DAC) couvre souvent tout le département.
        </p>
        <ErrorText id={`${id}-dep-err`} message={depError} />
        <div className="inline-add">
          <select
            ref={selectRef}
            id={`${id}-dep`}
            value={dep}
            data-field="coverage.departements"
            aria-invalid={depError ? true : undefined}
            aria-describedby={`${id}-dep-hint${depError ? ` ${id}-dep-err` : ''}`}
            onChange={(e) => setDep(e.target.value)}
          >
            <option value="">{territory ? 'Choisissez un département' : 'Chargement de la liste…'}</option>
            {(territory?.departements ?? [])
              .filter((d) => !departements.includes(d.code))
              .map((d) => (
                <option key={d.code} value={d.code}>
                  {departementLabel(d.code, d.nom)}
                </option>
              ))}
          </select>
          <button type="button" className="button button-secondary" onClick={addDep}>
            Ajouter<span className="visually-hidden"> le département</span>
          </button>
        </div>
        <p className="combobox-status" role="status">
          {depNotice}
        </p>
        <Chips
          label="Départements couverts"
          items={departements.map((d) => ({ key: d, text: depName(d) }))}
          onRemove={(code) => {
            onDepartements(departements.filter((d) => d !== code));
            setDepNotice(`${depName(code)} retiré.`);
          }}
          fallbackFocus={() => selectRef.current?.focus()}
        />
      </div>

      <div ref={communesRef}>
        <CommuneSearch
          label="Communes couvertes"
          hint="Ajoutez les communes une à une : saisissez le nom ou le code postal, puis choisissez avec les flèches et Entrée."
          clearOnSelect
          fieldPath="coverage.communes"
          error={errors['coverage.communes']}
          onSelect={(c) => {
            if (c && !communes.some((x) => x.code === c.code)) onCommunes([...communes, { code: c.code, nom: c.nom }]);
          }}
        />
        {communes.length > 0 && <p className="small muted">{formatNumber(communes.length)} commune{communes.length > 1 ? 's' : ''} :</p>}
        <Chips
          label="Communes couvertes"
          items={communes.map((c) => ({ key: c.code, text: `${c.nom} (${c.code.startsWith('97') ? c.code.slice(0, 3) : c.code.slice(0, 2)})` }))}
          onRemove={(code) => onCommunes(communes.filter((c) => c.code !== code))}
          fallbackFocus={() => communesRef.current?.querySelector<HTMLElement>('input')?.focus()}
        />
      </div>
    </div>
  );
}
