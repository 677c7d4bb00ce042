import { useState } from 'react';
import type { PlayQuestion, QuizResponse } from '@palliance/core';

/*
 * One editor per question kind. Each is a fieldset whose legend is the question, so a screen reader
 * announces the question with every control. Nothing here knows the right answer.
 */

interface Props {
  q: PlayQuestion;
  index: number;
  value: QuizResponse | null;
  onChange: (r: QuizResponse) => void;
  disabled?: boolean;
}

export function QuestionInput({ q, index, value, onChange, disabled }: Props) {
  const legend = (
    <legend>
      <span className="quiz-number">Question {index + 1}</span> {q.prompt}
    </legend>
  );
  const name = `q-${q.id}`;
  switch (q.kind) {
    case 'single': {
      const v = value?.kind === 'single' ? value.choiceId : '';
      return (
        <fieldset className="quiz-question" disabled={disabled}>
          {legend}
          {q.choices!.map((c) => (
            <label key={c.id} className="quiz-choice">
              <input type="radio" name={name} value={c.id} checked={v === c.id} onChange={() => onChange({ kind: 'single', choiceId: c.id })} /> {c.text}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'multiple': {
      const v = value?.kind === 'multiple' ? value.choiceIds : [];
      return (
        <fieldset className="quiz-question" disabled={disabled}>
          {legend}
          <p className="hint">Plusieurs réponses possibles.</p>
          {q.choices!.map((c) => (
            <label key={c.id} className="quiz-choice">
              <input
                type="checkbox"
                name={name}
                value={c.id}
                checked={v.includes(c.id)}
                onChange={(e) => onChange({ kind: 'multiple', choiceIds: e.target.checked ? [...v, c.id] : v.filter((x) => x !== c.id) })}
              />{' '}
              {c.text}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'true_false': {
      const v = value?.kind === 'true_false' ? value.value : null;
      return (
        <fieldset className="quiz-question" disabled={disabled}>
          {legend}
          <label className="quiz-choice">
            <input type="radio" name={name} checked={v === true} onChange={() => onChange({ kind: 'true_false', value: true })} /> Vrai
          </label>
          <label className="quiz-choice">
            <input type="radio" name={name} checked={v === false} onChange={() => onChange({ kind: 'true_false', value: false })} /> Faux
          </label>
        </fieldset>
      );
    }
    case 'numeric':
      return <NumericInput q={q} legend={legend} value={value} onChange={onChange} disabled={disabled} />;
    case 'short': {
      const v = value?.kind === 'short' ? value.text : '';
      return (
        <fieldset className="quiz-question" disabled={disabled}>
          {legend}
          <label className="field">
            Votre réponse
            <input type="text" name={name} value={v} maxLength={200} autoComplete="off" onChange={(e) => onChange({ kind: 'short', text: e.target.value })} />
          </label>
        </fieldset>
      );
    }
    case 'matching': {
      const v = value?.kind === 'matching' ? value.matches : {};
      return (
        <fieldset className="quiz-question" disabled={disabled}>
          {legend}
          <p className="hint">Pour chaque élément, choisissez ce qui lui correspond.</p>
          {q.left!.map((l) => (
            <label key={l.id} className="field quiz-match">
              <span>{l.text}</span>
              <select value={v[l.id] ?? ''} onChange={(e) => onChange({ kind: 'matching', matches: { ...v, [l.id]: e.target.value } })}>
                <option value="">— Choisir —</option>
                {q.right!.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.text}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      );
    }
    case 'ordering':
      return <OrderingInput q={q} legend={legend} value={value} onChange={onChange} disabled={disabled} />;
  }
}

function NumericInput({ q, legend, value, onChange, disabled }: { q: PlayQuestion; legend: React.ReactNode; value: QuizResponse | null; onChange: (r: QuizResponse) => void; disabled?: boolean }) {
  const [text, setText] = useState(value?.kind === 'numeric' ? String(value.value).replace('.', ',') : '');
  const [invalid, setInvalid] = useState(false);
  return (
    <fieldset className="quiz-question" disabled={disabled}>
      {legend}
      <label className="field">
        Votre réponse{q.unit ? ` (${q.unit})` : ''}
        <input
          type="text"
          inputMode="decimal"
          name={`q-${q.id}`}
          value={text}
          aria-invalid={invalid || undefined}
          onChange={(e) => {
            setText(e.target.value);
            const n = Number(e.target.value.replace(/\s/g, '').replace(',', '.'));
            const ok = e.target.value.trim() !== '' && Number.isFinite(n);
            setInvalid(!ok && e.target.value.trim() !== '');
            if (ok) onChange({ kind: 'numeric', value: n });
          }}
        />
      </label>
      {invalid && <p className="field-error">Saisissez un nombre (ex. 12 ou 12,5).</p>}
    </fieldset>
  );
}

function OrderingInput({ q, legend, value, onChange, disabled }: { q: PlayQuestion; legend: React.ReactNode; value: QuizResponse | null; onChange: (r: QuizResponse) => void; disabled?: boolean }) {
  const items = q.items!;
  const order = value?.kind === 'ordering' && value.order.length === items.length ? value.order : items.map((i) => i.id);
  const [announce, setAnnounce] = useState('');
  const text = (id: string) => items.find((i) => i.id === id)?.text ?? id;
  const move = (from: number, to: number) => {
    const next = [...order];
    [next[from], next[to]] = [next[to], next[from]];
    onChange({ kind: 'ordering', order: next });
    setAnnounce(`« ${text(order[from])} » est maintenant en position ${to + 1} sur ${order.length}.`);
  };
  return (
    <fieldset className="quiz-question" disabled={disabled}>
      {legend}
      <p className="hint">Déplacez les éléments avec les boutons Monter et Descendre.</p>
      <ol className="quiz-order">
        {order.map((id, i) => (
          <li key={id}>
            <span>{text(id)}</span>
            <span className="quiz-order-buttons">
              <button type="button" className="button button-secondary button-small" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`Monter « ${text(id)} »`}>
                ↑ Monter
              </button>
              <button type="button" className="button button-secondary button-small" disabled={i === order.length - 1} onClick={() => move(i, i + 1)} aria-label={`Descendre « ${text(id)} »`}>
                ↓ Descendre
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
    </fieldset>
  );
}

/** The answer given, in words, for the correction. */
export function responseInWords(q: PlayQuestion, r: QuizResponse | null): string {
  if (!r) return 'Sans réponse';
  switch (r.kind) {
    case 'single':
      return q.choices?.find((c) => c.id === r.choiceId)?.text ?? '—';
    case 'multiple':
      return q.choices?.filter((c) => r.choiceIds.includes(c.id)).map((c) => c.text).join(' ; ') || 'Aucune case cochée';
    case 'true_false':
      return r.value ? 'Vrai' : 'Faux';
    case 'numeric':
      return `${String(r.value).replace('.', ',')}${q.unit ? ` ${q.unit}` : ''}`;
    case 'short':
      return r.text || '(vide)';
    case 'matching':
      return (q.left ?? []).map((l) => `${l.text} → ${q.right?.find((x) => x.id === r.matches[l.id])?.text ?? '?'}`).join(' ; ');
    case 'ordering':
      return r.order.map((id) => q.items?.find((i) => i.id === id)?.text ?? id).join(' → ');
  }
}
