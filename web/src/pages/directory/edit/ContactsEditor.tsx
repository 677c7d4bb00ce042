import { useContext, useEffect, useId, useRef, useState } from 'react';
import type { ContactKind } from '@palliance/core';
import { CONTACT_KINDS, NIGHT_KINDS, PHONE_KINDS } from '../directory-format';
import { newContact, nightSchedule, type ContactDraft, type HoursMode } from './draft';
import { ErrorText, FieldErrorsContext } from './field-errors';
import { ScheduleEditor } from './ScheduleEditor';

const KIND_OPTIONS = Object.entries(CONTACT_KINDS) as [ContactKind, string][];

/**
 * The typed contacts of an entry. Order matters: during opening hours the first open daytime line
 * is proposed, outside them the first open night / weekend line.
 */
export function ContactsEditor({ contacts, onChange }: { contacts: ContactDraft[]; onChange: (c: ContactDraft[]) => void }) {
  const errors = useContext(FieldErrorsContext);
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);

  // After adding, moving or removing a contact, focus stays with what the person was working on.
  useEffect(() => {
    if (!focusKey) return;
    if (focusKey === 'add') addRef.current?.focus();
    else listRef.current?.querySelector<HTMLElement>(`[data-key="${focusKey}"] select`)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const set = (key: string, patch: Partial<ContactDraft>) => onChange(contacts.map((c) => (c.key === key ? { ...c, ...patch } : c)));

  function move(i: number, by: -1 | 1) {
    const next = [...contacts];
    const [c] = next.splice(i, 1);
    next.splice(i + by, 0, c);
    onChange(next);
    setFocusKey(c.key);
  }

  function add(kind: ContactKind) {
    const c = newContact(kind);
    if (NIGHT_KINDS.includes(kind)) {
      c.mode = 'own';
      c.schedule = nightSchedule();
    }
    onChange([...contacts, c]);
    setFocusKey(c.key);
  }

  return (
    <div className="contacts-editor" data-field="contacts" tabIndex={-1}>
      <ErrorText id="contacts-error" message={errors.contacts} />
      {contacts.length === 0 && <p>Aucun contact. Ajoutez au moins un numéro de téléphone.</p>}
      <ol ref={listRef} className="contact-editor-list">
        {contacts.map((c, i) => (
          <ContactEditor
            key={c.key}
            index={i}
            count={contacts.length}
            contact={c}
            onChange={(patch) => set(c.key, patch)}
            onMove={(by) => move(i, by)}
            onRemove={() => {
              onChange(contacts.filter((x) => x.key !== c.key));
              setFocusKey(contacts[i + 1]?.key ?? contacts[i - 1]?.key ?? 'add');
            }}
          />
        ))}
      </ol>
      <p className="actions">
        <button ref={addRef} type="button" className="button button-secondary" onClick={() => add('accueil')}>
          Ajouter un contact
        </button>
        <button type="button" className="button button-secondary" onClick={() => add('appui_territorial')}>
          Ajouter une ligne de nuit / week-end
        </button>
      </p>
    </div>
  );
}

function ContactEditor({
  index,
  count,
  contact: c,
  onChange,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  contact: ContactDraft;
  onChange: (patch: Partial<ContactDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const errors = useContext(FieldErrorsContext);
  const base = `contacts.${index}`;
  const phone = PHONE_KINDS.includes(c.kind);
  const night = NIGHT_KINDS.includes(c.kind);
  const err = (f: string) => errors[`${base}.${f}`];
  const title = `Contact ${index + 1}${c.label ? ` : ${c.label}` : ''}`;
  const modes: [HoursMode, string][] = [
    ['structure', 'Aux horaires d’ouverture de la structure'],
    ['own', 'Horaires propres à cette ligne'],
    ...(night ? ([['always', 'Joignable 24 h/24, 7 j/7']] as [HoursMode, string][]) : []),
  ];

  function changeKind(kind: ContactKind) {
    const patch: Partial<ContactDraft> = { kind };
    if (c.mode === 'always' && !NIGHT_KINDS.includes(kind)) patch.mode = 'structure';
    onChange(patch);
  }

  return (
    <li className="contact-editor" data-key={c.key}>
      <fieldset data-field={base} tabIndex={-1}>
        <legend>{title}</legend>
        <ErrorText id={`${id}-err`} message={errors[base]} />
        <div className="field-row">
          <div className={`field${err('kind') ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-kind`}>Type de contact</label>
            <ErrorText id={`${id}-kind-err`} message={err('kind')} />
            <select
              id={`${id}-kind`}
              value={c.kind}
              data-field={`${base}.kind`}
              aria-invalid={err('kind') ? true : undefined}
              aria-describedby={err('kind') ? `${id}-kind-err` : undefined}
              onChange={(e) => changeKind(e.target.value as ContactKind)}
            >
              {KIND_OPTIONS.map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className={`field${err('value') ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-value`}>{phone ? 'Numéro de téléphone' : 'Adresse e-mail'}</label>
            <ErrorText id={`${id}-value-err`} message={err('value')} />
            <input
              id={`${id}-value`}
              type={phone ? 'tel' : 'email'}
              inputMode={phone ? 'tel' : 'email'}
              autoComplete="off"
              value={c.value}
              placeholder={phone ? '01 99 00 00 00' : 'equipe@example.org'}
              data-field={`${base}.value`}
              aria-invalid={err('value') ? true : undefined}
              aria-describedby={err('value') ? `${id}-value-err` : undefined}
              onChange={(e) => onChange({ value: e.target.value })}
              required
            />
          </div>
        </div>
        <div className={`field${err('label') ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-label`}>
            Libellé affiché <span className="optional">(facultatif)</span>
          </label>
          <p className="hint" id={`${id}-label-hint`}>
            Par exemple «&nbsp;Secrétariat&nbsp;», «&nbsp;Astreinte médicale&nbsp;».
          </p>
          <ErrorText id={`${id}-label-err`} message={err('label')} />
          <input
            id={`${id}-label`}
            type="text"
            maxLength={200}
            value={c.label}
            data-field={`${base}.label`}
            aria-invalid={err('label') ? true : undefined}
            aria-describedby={`${id}-label-hint${err('label') ? ` ${id}-label-err` : ''}`}
            onChange={(e) => onChange({ label: e.target.value })}
          />
        </div>
        {phone && (
          <fieldset className="field radio-group">
            <legend>Quand cette ligne répond</legend>
            <ErrorText id={`${id}-mode-err`} message={err('alwaysOn')} />
            <div className="radio-options radio-options-column">
              {modes.map(([mode, label], i) => (
                <label key={mode} className="radio">
                  <input
                    type="radio"
                    name={`${id}-mode`}
                    checked={c.mode === mode}
                    data-field={i === 0 ? `${base}.alwaysOn` : undefined}
                    aria-invalid={i === 0 && err('alwaysOn') ? true : undefined}
                    onChange={() => onChange({ mode })}
                  />
                  <span>{label}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {phone && c.mode === 'own' && (
          <ScheduleEditor
            path={`${base}.schedule`}
            legend={`Horaires de la ligne ${c.value || index + 1}`}
            value={c.schedule}
            onChange={(schedule) => onChange({ schedule })}
            hint={night ? 'Une ligne de nuit couvre souvent 18:00 → 08:00 (lendemain) en semaine et 08:00 → 08:00 le week-end.' : undefined}
          />
        )}
        <p className="actions contact-actions">
          <button type="button" className="button button-secondary button-small" disabled={index === 0} onClick={() => onMove(-1)}>
            Monter<span className="visually-hidden"> le contact {index + 1}</span>
          </button>
          <button type="button" className="button button-secondary button-small" disabled={index === count - 1} onClick={() => onMove(1)}>
            Descendre<span className="visually-hidden"> le contact {index + 1}</span>
          </button>
          <button type="button" className="button button-danger-outline button-small" onClick={onRemove}>
            Retirer<span className="visually-hidden"> le contact {index + 1}</span>
          </button>
        </p>
      </fieldset>
    </li>
  );
}
