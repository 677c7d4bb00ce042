import { useId } from 'react';
import { isItemActive, scoreScale, type ScaleAnswers, type ScaleDefinition, type ScaleItem, type ScaleResult } from '@palliance/core';

/** Shown on every label the reference marks UNCONFIRMED. */
export function Unconfirmed({ note }: { note: string }) {
  return (
    <span className="badge badge-warn unconfirmed" title={note}>
      à confirmer par un éditeur
      <span className="visually-hidden"> : {note}</span>
    </span>
  );
}

/**
 * One scale, item by item, with its live score computed by the same core function the server uses.
 * Large tap targets: it is filled on a phone at the bedside.
 */
export function ScaleForm({
  scale,
  answers,
  onChange,
  headingLevel = 2,
}: {
  scale: ScaleDefinition;
  answers: ScaleAnswers;
  onChange: (answers: ScaleAnswers) => void;
  headingLevel?: 2 | 3;
}) {
  const result = scoreScale(scale, answers);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const set = (linkId: string, value: ScaleAnswers[string]) => onChange({ ...answers, [linkId]: value });
  let group: string | undefined;
  return (
    <section className="scale card" aria-labelledby={`scale-${scale.id}`} data-scale={scale.id}>
      <H id={`scale-${scale.id}`}>{scale.title}</H>
      <p className="hint">{scale.description}</p>
      {scale.items.map((item) => {
        if (!isItemActive(scale, item, answers)) return null;
        const heading = item.group && item.group !== group ? <h4 className="scale-group">{item.group}</h4> : null;
        group = item.group;
        return (
          <div key={item.linkId}>
            {heading}
            <ItemField scale={scale} item={item} value={answers[item.linkId]} highlighted={result.highlighted.includes(item.linkId)} onChange={(v) => set(item.linkId, v)} />
          </div>
        );
      })}
      <LiveResult scale={scale} result={result} />
      <details className="scale-source">
        <summary>Source, licence et version</summary>
        <ul className="small">
          {scale.sources.map((s) => (
            <li key={s}>{s}</li>
          ))}
          <li>Licence : {scale.licence}</li>
          <li>
            Version {scale.version} du {new Date(scale.date).toLocaleDateString('fr-FR')}
          </li>
          {scale.unconfirmed.map((u) => (
            <li key={u}>
              <Unconfirmed note={u} /> {u}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

export function LiveResult({ scale, result }: { scale: ScaleDefinition; result: ScaleResult }) {
  return (
    <div className={`scale-result${result.thresholdReached ? ' scale-result-alert' : ''}`} role="status" aria-live="polite" data-testid={`result-${scale.id}`}>
      <p>
        <strong>
          {scale.shortTitle} : {result.score === null ? '—' : result.score}
          {result.score !== null && scale.scoreMax !== null && scale.scoreMin !== null && scale.scoreMin >= 0 ? ` / ${scale.scoreMax}` : ''}
        </strong>
      </p>
      <p>{result.interpretation}</p>
    </div>
  );
}

function ItemField({
  scale,
  item,
  value,
  highlighted,
  onChange,
}: {
  scale: ScaleDefinition;
  item: ScaleItem;
  value: ScaleAnswers[string];
  highlighted: boolean;
  onChange: (v: ScaleAnswers[string]) => void;
}) {
  const id = useId();
  const name = `${scale.id}-${item.linkId}`;
  const label = (
    <>
      {item.text}
      {!item.required && <span className="optional"> (facultatif)</span>}
      {item.unconfirmed && (
        <>
          {' '}
          <Unconfirmed note={item.unconfirmed} />
        </>
      )}
      {highlighted && <span className="badge badge-danger"> ≥ 4</span>}
    </>
  );

  if (item.type === 'string') {
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} name={name} type="text" maxLength={200} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || null)} />
      </div>
    );
  }

  if (item.type === 'integer' && (item.max ?? 0) - (item.min ?? 0) > 10) {
    // EVA: a slider (0-100 mm) with the number beside it for an exact reading.
    const hintId = `${id}-hint`;
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <p className="hint" id={hintId}>
          {item.min} = {item.lowLabel} ; {item.max} = {item.highLabel}
        </p>
        <div className="eva-row">
          <input
            type="range"
            min={item.min}
            max={item.max}
            value={typeof value === 'number' ? value : item.min}
            aria-describedby={hintId}
            aria-label={`${item.text} (curseur)`}
            onChange={(e) => onChange(Number(e.target.value))}
          />
          <input
            id={id}
            name={name}
            type="number"
            inputMode="numeric"
            min={item.min}
            max={item.max}
            className="eva-number"
            aria-describedby={hintId}
            value={typeof value === 'number' ? value : ''}
            onChange={(e) => onChange(e.target.value === '' ? null : Math.max(item.min ?? 0, Math.min(item.max ?? 100, Math.round(Number(e.target.value)))))}
          />
        </div>
      </div>
    );
  }

  const options: { value: string; label: string }[] =
    item.type === 'boolean'
      ? [
          { value: 'true', label: 'Oui' },
          { value: 'false', label: 'Non' },
        ]
      : item.type === 'choice'
        ? item.choices!.map((c) => ({ value: String(c.value), label: c.label }))
        : Array.from({ length: (item.max ?? 10) - (item.min ?? 0) + 1 }, (_, k) => String((item.min ?? 0) + k)).map((v) => ({ value: v, label: v }));
  const current = value === null || value === undefined ? '' : String(value);
  const compact = item.type === 'integer' || item.type === 'boolean';
  const hintId = `${id}-hint`;
  return (
    <fieldset className={`field scale-item${highlighted ? ' scale-item-high' : ''}`} aria-describedby={item.lowLabel ? hintId : undefined}>
      <legend>{label}</legend>
      {item.lowLabel && (
        <p className="hint" id={hintId}>
          {item.min} = {item.lowLabel} ; {item.max} = {item.highLabel}
        </p>
      )}
      <div className={compact ? 'choice-row' : 'radio-options'}>
        {options.map((o) => (
          <label key={o.value} className={compact ? 'choice-chip' : 'radio'}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={current === o.value}
              onChange={() => onChange(item.type === 'boolean' ? o.value === 'true' : Number(o.value))}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
