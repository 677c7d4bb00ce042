import { useContext, useId, type ReactNode } from 'react';
import { WEEKDAYS, type Weekday } from '@palliance/core';
import { ErrorText, FieldErrorsContext } from './field-errors';
import { newKey, type ExceptionDraft, type ScheduleDraft, type Slot } from './draft';

const DAY_LABELS: Record<Weekday, string> = {
  mon: 'Lundi',
  tue: 'Mardi',
  wed: 'Mercredi',
  thu: 'Jeudi',
  fri: 'Vendredi',
  sat: 'Samedi',
  sun: 'Dimanche',
};

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
/** A slot whose closing time is not after its opening time runs into the next day (18:00–08:00). */
const overnight = (s: Slot) => /^\d{2}:\d{2}$/.test(s.open) && /^\d{2}:\d{2}$/.test(s.close) && minutes(s.close) <= minutes(s.open);

function SlotsEditor({
  path,
  name,
  slots,
  onChange,
  emptyText,
}: {
  path: string;
  /** "Lundi", "Jours fériés", "Exception du 24/12/2026": prefixes the accessible names. */
  name: string;
  slots: Slot[];
  onChange: (slots: Slot[]) => void;
  emptyText: string;
}) {
  const errors = useContext(FieldErrorsContext);
  const id = useId();
  const set = (i: number, patch: Partial<Slot>) => onChange(slots.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const messages = slots.flatMap((_, i) => [errors[`${path}.${i}.open`], errors[`${path}.${i}.close`], errors[`${path}.${i}`]]).filter(Boolean);
  const ownError = errors[path];
  return (
    <div className="slots">
      {slots.length === 0 && <span className="slot-closed">{emptyText}</span>}
      {slots.map((s, i) => {
        const label = `${name}${slots.length > 1 ? `, plage ${i + 1}` : ''}`;
        return (
          <span key={i} className="slot">
            <label className="slot-label">
              de
              <input
                type="time"
                step={60}
                value={s.open}
                aria-label={`${label} : de (ouverture)`}
                aria-invalid={errors[`${path}.${i}.open`] ? true : undefined}
                aria-describedby={messages.length ? `${id}-err` : undefined}
                data-field={`${path}.${i}.open`}
                onChange={(e) => set(i, { open: e.target.value })}
                required
              />
            </label>
            <label className="slot-label">
              à
              <input
                type="time"
                step={60}
                value={s.close}
                aria-label={`${label} : à (fermeture)`}
                aria-invalid={errors[`${path}.${i}.close`] ? true : undefined}
                aria-describedby={messages.length ? `${id}-err` : undefined}
                data-field={`${path}.${i}.close`}
                onChange={(e) => set(i, { close: e.target.value })}
                required
              />
            </label>
            {overnight(s) && <span className="small muted">{s.open === s.close ? '(24 h)' : '(lendemain)'}</span>}
            <button type="button" className="button button-secondary button-small" onClick={() => onChange(slots.filter((_, j) => j !== i))}>
              Retirer<span className="visually-hidden"> la plage {label}</span>
            </button>
          </span>
        );
      })}
      <button
        type="button"
        className="button button-secondary button-small"
        data-field={path}
        aria-invalid={ownError ? true : undefined}
        aria-describedby={ownError ? `${id}-own` : undefined}
        onClick={() => {
          const last = slots[slots.length - 1];
          onChange([...slots, last ? { open: last.close === '00:00' ? '08:00' : last.close, close: '18:00' } : { open: '09:00', close: '17:00' }]);
        }}
      >
        Ajouter une plage<span className="visually-hidden"> : {name}</span>
      </button>
      <ErrorText id={`${id}-err`} message={messages[0]} />
      <ErrorText id={`${id}-own`} message={ownError} />
    </div>
  );
}

/**
 * Opening hours: slots per weekday (none = closed; 18:00–08:00 runs into the next day), the rule for
 * public holidays, and dated exceptions. Used for a structure and for each of its phone lines.
 */
export function ScheduleEditor({
  path,
  legend,
  value,
  onChange,
  hint,
}: {
  path: string;
  legend: ReactNode;
  value: ScheduleDraft;
  onChange: (v: ScheduleDraft) => void;
  hint?: ReactNode;
}) {
  const id = useId();
  const errors = useContext(FieldErrorsContext);
  const setDay = (d: Weekday, slots: Slot[]) => onChange({ ...value, days: { ...value.days, [d]: slots } });
  const setException = (key: string, patch: Partial<ExceptionDraft>) =>
    onChange({ ...value, exceptions: value.exceptions.map((e) => (e.key === key ? { ...e, ...patch } : e)) });
  const holidayMode = typeof value.holidays === 'string' ? value.holidays : 'slots';

  function copyMonday() {
    const mon = value.days.mon;
    onChange({ ...value, days: { ...value.days, tue: [...mon], wed: [...mon], thu: [...mon], fri: [...mon] } });
  }

  return (
    <fieldset className="schedule-editor" data-field={`${path}`} tabIndex={-1} aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <ErrorText id={`${id}-err`} message={errors[path] ?? errors[`${path}.days`]} />
      <div className="week" data-field={`${path}.days`} tabIndex={-1}>
        {WEEKDAYS.map((d) => (
          <div key={d} className="day-row" role="group" aria-labelledby={`${id}-${d}`}>
            <span className="day-name" id={`${id}-${d}`}>
              {DAY_LABELS[d]}
            </span>
            <SlotsEditor path={`${path}.days.${d}`} name={DAY_LABELS[d]} slots={value.days[d]} onChange={(s) => setDay(d, s)} emptyText="Fermé" />
          </div>
        ))}
      </div>
      <p className="actions">
        <button type="button" className="button button-secondary button-small" onClick={copyMonday}>
          Recopier les horaires du lundi du mardi au vendredi
        </button>
      </p>

      <fieldset className="holiday-rule">
        <legend>Jours fériés</legend>
        <div className="radio-options">
          {(
            [
              ['closed', 'Fermé'],
              ['open', 'Horaires habituels du jour'],
              ['slots', 'Horaires particuliers'],
            ] as const
          ).map(([mode, label], i) => (
            <label key={mode} className="radio">
              <input
                type="radio"
                name={`${id}-holidays`}
                checked={holidayMode === mode}
                data-field={i === 0 ? `${path}.holidays` : undefined}
                aria-invalid={i === 0 && errors[`${path}.holidays`] ? true : undefined}
                onChange={() =>
                  onChange({ ...value, holidays: mode === 'slots' ? [{ open: '08:00', close: '08:00' }] : mode })
                }
              />
              <span>{label}</span>
            </label>
          ))}
        </div>
        <ErrorText id={`${id}-hol`} message={errors[`${path}.holidays`]} />
        {Array.isArray(value.holidays) && (
          <SlotsEditor
            path={`${path}.holidays`}
            name="Jours fériés"
            slots={value.holidays}
            onChange={(s) => onChange({ ...value, holidays: s })}
            emptyText="Aucune plage : fermé"
          />
        )}
      </fieldset>

      <fieldset className="exceptions">
        <legend>Exceptions à une date (fermeture, horaires de fête…)</legend>
        {value.exceptions.length === 0 && <p className="small muted">Aucune exception.</p>}
        <ul className="exception-list">
          {value.exceptions.map((e, i) => {
            const base = `${path}.exceptions.${i}`;
            const dateErr = errors[`${base}.date`];
            const name = `Exception ${i + 1}`;
            return (
              <li key={e.key} className="exception">
                <div className="exception-fields">
                  <div className={`field${dateErr ? ' field-invalid' : ''}`}>
                    <label htmlFor={`${id}-${e.key}-date`}>Date</label>
                    <ErrorText id={`${id}-${e.key}-date-err`} message={dateErr} />
                    <input
                      id={`${id}-${e.key}-date`}
                      type="date"
                      value={e.date}
                      data-field={`${base}.date`}
                      aria-invalid={dateErr ? true : undefined}
                      aria-describedby={dateErr ? `${id}-${e.key}-date-err` : undefined}
                      onChange={(ev) => setException(e.key, { date: ev.target.value })}
                      required
                    />
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-${e.key}-label`}>
                      Motif <span className="optional">(facultatif)</span>
                    </label>
                    <input
                      id={`${id}-${e.key}-label`}
                      type="text"
                      value={e.label}
                      maxLength={200}
                      placeholder="Veille de Noël"
                      data-field={`${base}.label`}
                      onChange={(ev) => setException(e.key, { label: ev.target.value })}
                    />
                  </div>
                </div>
                <label className="checkbox">
                  <input type="checkbox" checked={e.closed} onChange={(ev) => setException(e.key, { closed: ev.target.checked, slots: ev.target.checked ? [] : [{ open: '09:00', close: '12:00' }] })} />
                  <span>Fermé toute la journée</span>
                </label>
                {!e.closed && (
                  <SlotsEditor path={`${base}.slots`} name={name} slots={e.slots} onChange={(s) => setException(e.key, { slots: s })} emptyText="Aucune plage" />
                )}
                <p className="actions">
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => onChange({ ...value, exceptions: value.exceptions.filter((x) => x.key !== e.key) })}
                  >
                    Retirer l’exception<span className="visually-hidden"> {i + 1}</span>
                  </button>
                </p>
              </li>
            );
          })}
        </ul>
        <p className="actions">
          <button
            type="button"
            className="button button-secondary button-small"
            data-field={`${path}.exceptions`}
            onClick={() => onChange({ ...value, exceptions: [...value.exceptions, { key: newKey(), date: '', closed: true, slots: [], label: '' }] })}
          >
            Ajouter une exception
          </button>
        </p>
      </fieldset>
    </fieldset>
  );
}
