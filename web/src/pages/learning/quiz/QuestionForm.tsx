import { useState } from 'react';
import { QUESTION_KINDS, questionInputSchema, type Question, type QuestionInput, type QuestionKind, type QuestionSpec } from '@palliance/core';
import { ApiError } from '../../../api/http';
import { createQuestion, updateQuestion } from '../../../api/quiz';

const KIND_OPTIONS = Object.entries(QUESTION_KINDS) as [QuestionKind, string][];
let seq = 0;
const newId = () => `c${Date.now().toString(36)}${(seq++).toString(36)}`;

function emptySpec(kind: QuestionKind): QuestionSpec {
  switch (kind) {
    case 'single':
      return { kind, choices: [{ id: newId(), text: '' }, { id: newId(), text: '' }], correct: '' };
    case 'multiple':
      return { kind, choices: [{ id: newId(), text: '' }, { id: newId(), text: '' }], correct: [] };
    case 'true_false':
      return { kind, correct: true };
    case 'numeric':
      return { kind, value: 0, tolerance: 0 };
    case 'short':
      return { kind, accepted: [''] };
    case 'matching':
      return { kind, pairs: [{ id: newId(), left: '', right: '' }, { id: newId(), left: '', right: '' }] };
    case 'ordering':
      return { kind, items: [{ id: newId(), text: '' }, { id: newId(), text: '' }] };
  }
}

/** Creates or edits a question of the bank: all seven kinds, feedback per choice, explanation, tags and source. */
export function QuestionForm({ courseId, question, onSaved, onCancel }: { courseId: string; question: Question | null; onSaved: (q: Question) => void; onCancel: () => void }) {
  const [prompt, setPrompt] = useState(question?.prompt ?? '');
  const [explanation, setExplanation] = useState(question?.explanation ?? '');
  const [tags, setTags] = useState(question?.tags.join(', ') ?? '');
  const [source, setSource] = useState(question?.source ?? '');
  const [spec, setSpec] = useState<QuestionSpec>(question?.spec ?? emptySpec('single'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setError(null);
    // Blank lines of the one-per-line fields are not answers.
    const cleaned: QuestionSpec =
      spec.kind === 'short' ? { ...spec, accepted: spec.accepted.filter((a) => a.trim()) } : spec.kind === 'ordering' ? { ...spec, items: spec.items.filter((i) => i.text.trim()) } : spec;
    const parsed = questionInputSchema.safeParse({ prompt, explanation, source, tags: tags.split(',').map((t) => t.trim()).filter(Boolean), spec: cleaned });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'La question est incomplète.');
      return;
    }
    setBusy(true);
    try {
      const input: QuestionInput = parsed.data;
      onSaved(question ? await updateQuestion(question.id, input) : await createQuestion(courseId, input));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'La question n’a pas pu être enregistrée.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card quiz-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 className="h3">{question ? 'Modifier la question' : 'Nouvelle question'}</h3>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor="qf-kind">Type de question</label>
        <select id="qf-kind" value={spec.kind} onChange={(e) => setSpec(emptySpec(e.target.value as QuestionKind))}>
          {KIND_OPTIONS.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="qf-prompt">Énoncé</label>
        <textarea id="qf-prompt" value={prompt} onChange={(e) => setPrompt(e.target.value)} required rows={2} />
      </div>
      <SpecEditor spec={spec} onChange={setSpec} />
      <div className="field">
        <label htmlFor="qf-expl">Explication (affichée avec la correction)</label>
        <textarea id="qf-expl" value={explanation} onChange={(e) => setExplanation(e.target.value)} rows={2} />
      </div>
      <div className="field">
        <label htmlFor="qf-tags">Étiquettes (module, thème), séparées par des virgules</label>
        <input id="qf-tags" value={tags} onChange={(e) => setTags(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="qf-source">Source du contenu</label>
        <input id="qf-source" value={source} onChange={(e) => setSource(e.target.value)} />
      </div>
      <p className="quiz-actions">
        <button type="submit" className="button" disabled={busy}>
          Enregistrer la question
        </button>{' '}
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Annuler
        </button>
      </p>
    </form>
  );
}

function SpecEditor({ spec, onChange }: { spec: QuestionSpec; onChange: (s: QuestionSpec) => void }) {
  switch (spec.kind) {
    case 'single':
    case 'multiple': {
      const isRight = (id: string) => (spec.kind === 'single' ? spec.correct === id : spec.correct.includes(id));
      const toggle = (id: string) =>
        onChange(spec.kind === 'single' ? { ...spec, correct: id } : { ...spec, correct: spec.correct.includes(id) ? spec.correct.filter((x) => x !== id) : [...spec.correct, id] });
      return (
        <fieldset className="quiz-question">
          <legend>Choix proposés ({spec.kind === 'single' ? 'cochez la bonne réponse' : 'cochez toutes les bonnes réponses'})</legend>
          {spec.choices.map((c, i) => (
            <div key={c.id} className="quiz-edit-row">
              <label>
                <input type={spec.kind === 'single' ? 'radio' : 'checkbox'} name="qf-correct" checked={isRight(c.id)} onChange={() => toggle(c.id)} /> Bonne réponse
              </label>
              <label>
                Choix {i + 1}
                <input value={c.text} onChange={(e) => onChange({ ...spec, choices: spec.choices.map((x) => (x.id === c.id ? { ...x, text: e.target.value } : x)) } as QuestionSpec)} />
              </label>
              <label>
                Commentaire si choisi
                <input value={c.feedback ?? ''} onChange={(e) => onChange({ ...spec, choices: spec.choices.map((x) => (x.id === c.id ? { ...x, feedback: e.target.value || undefined } : x)) } as QuestionSpec)} />
              </label>
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={spec.choices.length <= 2}
                onClick={() =>
                  onChange({
                    ...spec,
                    choices: spec.choices.filter((x) => x.id !== c.id),
                    correct: spec.kind === 'single' ? (spec.correct === c.id ? '' : spec.correct) : spec.correct.filter((x) => x !== c.id),
                  } as QuestionSpec)
                }
              >
                Retirer le choix {i + 1}
              </button>
            </div>
          ))}
          <button type="button" className="button button-secondary button-small" onClick={() => onChange({ ...spec, choices: [...spec.choices, { id: newId(), text: '' }] } as QuestionSpec)}>
            Ajouter un choix
          </button>
        </fieldset>
      );
    }
    case 'true_false':
      return (
        <fieldset className="quiz-question">
          <legend>L’affirmation est…</legend>
          <label className="quiz-choice">
            <input type="radio" name="qf-tf" checked={spec.correct} onChange={() => onChange({ ...spec, correct: true })} /> Vraie
          </label>
          <label className="quiz-choice">
            <input type="radio" name="qf-tf" checked={!spec.correct} onChange={() => onChange({ ...spec, correct: false })} /> Fausse
          </label>
          <label className="field">
            Commentaire si l’apprenant répond « vrai »
            <input value={spec.feedbackTrue ?? ''} onChange={(e) => onChange({ ...spec, feedbackTrue: e.target.value || undefined })} />
          </label>
          <label className="field">
            Commentaire si l’apprenant répond « faux »
            <input value={spec.feedbackFalse ?? ''} onChange={(e) => onChange({ ...spec, feedbackFalse: e.target.value || undefined })} />
          </label>
        </fieldset>
      );
    case 'numeric':
      return (
        <fieldset className="quiz-question">
          <legend>Réponse numérique</legend>
          <label className="field">
            Valeur attendue
            <input type="number" step="any" value={spec.value} onChange={(e) => onChange({ ...spec, value: Number(e.target.value) })} />
          </label>
          <label className="field">
            Tolérance (écart accepté de part et d’autre)
            <input type="number" step="any" min={0} value={spec.tolerance} onChange={(e) => onChange({ ...spec, tolerance: Number(e.target.value) })} />
          </label>
          <label className="field">
            Unité (facultatif)
            <input value={spec.unit ?? ''} onChange={(e) => onChange({ ...spec, unit: e.target.value || undefined })} />
          </label>
        </fieldset>
      );
    case 'short':
      return (
        <div className="field">
          <label htmlFor="qf-accepted">Réponses acceptées, une par ligne (sans tenir compte des majuscules ni des accents)</label>
          <textarea id="qf-accepted" rows={3} value={spec.accepted.join('\n')} onChange={(e) => onChange({ ...spec, accepted: e.target.value.split('\n') })} />
        </div>
      );
    case 'matching':
      return (
        <fieldset className="quiz-question">
          <legend>Paires à associer</legend>
          {spec.pairs.map((p, i) => (
            <div key={p.id} className="quiz-edit-row">
              <label>
                Élément {i + 1}
                <input value={p.left} onChange={(e) => onChange({ ...spec, pairs: spec.pairs.map((x) => (x.id === p.id ? { ...x, left: e.target.value } : x)) })} />
              </label>
              <label>
                Correspond à
                <input value={p.right} onChange={(e) => onChange({ ...spec, pairs: spec.pairs.map((x) => (x.id === p.id ? { ...x, right: e.target.value } : x)) })} />
              </label>
              <button type="button" className="button button-secondary button-small" disabled={spec.pairs.length <= 2} onClick={() => onChange({ ...spec, pairs: spec.pairs.filter((x) => x.id !== p.id) })}>
                Retirer la paire {i + 1}
              </button>
            </div>
          ))}
          <button type="button" className="button button-secondary button-small" onClick={() => onChange({ ...spec, pairs: [...spec.pairs, { id: newId(), left: '', right: '' }] })}>
            Ajouter une paire
          </button>
        </fieldset>
      );
    case 'ordering':
      return (
        <div className="field">
          <label htmlFor="qf-items">Éléments dans le bon ordre, un par ligne (ils seront mélangés pour l’apprenant)</label>
          <textarea
            id="qf-items"
            rows={4}
            value={spec.items.map((i) => i.text).join('\n')}
            onChange={(e) => onChange({ ...spec, items: e.target.value.split('\n').map((text, i) => ({ id: spec.items[i]?.id ?? newId(), text })) })}
          />
        </div>
      );
  }
}
