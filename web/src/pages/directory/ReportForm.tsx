import { useId, useState, type FormEvent } from 'react';
import { reportInputSchema } from '@palliance/core';
import { reportStructureError } from '../../api/directory';
import { FormAlert, issuesToErrors, SelectField, TextAreaField, TextField, useFormFeedback } from '../../ui/forms';
import { FIELD_LABELS } from './directory-format';

const REPORTABLE = ['contacts', 'openingHours', 'addressLine', 'coverage', 'accessDelayDays', 'types', 'name', 'description'] as const;
const OPTIONS = [...REPORTABLE.map((f) => ({ value: f, label: FIELD_LABELS[f] })), { value: 'autre', label: 'Autre chose' }];

/** Anyone may report an error; the entry's managers receive it and answer. */
export function ReportForm({ id, signedIn }: { id: string; signedIn: boolean }) {
  const titleId = useId();
  const [field, setField] = useState('');
  const [message, setMessage] = useState('');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const { formRef, alertRef, errors, formError, fail, failWith, reset, clearField } = useFormFeedback();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = reportInputSchema.safeParse({
      field: field || undefined,
      message,
      email: !signedIn && email.trim() ? email.trim() : undefined,
    });
    if (!parsed.success) return fail(issuesToErrors(parsed.error.issues));
    reset();
    setBusy(true);
    try {
      await reportStructureError(id, parsed.data);
      setSent(true);
      setField('');
      setMessage('');
      setEmail('');
    } catch (err) {
      failWith(err, ['field', 'message', 'email']);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card report-form" aria-labelledby={titleId}>
      <h2 id={titleId} className="h3">
        Signaler une erreur
      </h2>
      <div aria-live="polite">
        {sent && (
          <p className="alert alert-success">
            Merci : votre signalement est transmis aux responsables de la fiche, qui la corrigeront après vérification.
          </p>
        )}
      </div>
      {!sent && (
        <p className="hint">Un numéro qui ne répond plus, des horaires changés, une commune oubliée : dites-le, la fiche sera vérifiée.</p>
      )}
      {sent ? (
        <p>
          <button type="button" className="button button-secondary" onClick={() => setSent(false)}>
            Signaler une autre erreur
          </button>
        </p>
      ) : (
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <FormAlert alertRef={alertRef} message={formError} errors={errors} />
          <SelectField
            name="field"
            label="Ce qui est faux"
            optional
            options={OPTIONS}
            placeholder="Choisissez (facultatif)"
            value={field}
            error={errors.field}
            onChange={(e) => setField(e.target.value)}
          />
          <TextAreaField
            name="message"
            label="Ce qu’il faudrait corriger"
            hint="5 caractères au moins. N’écrivez aucune information sur un patient."
            value={message}
            error={errors.message}
            maxLength={2000}
            onChange={(e) => {
              setMessage(e.target.value);
              clearField('message');
            }}
          />
          {!signedIn && (
            <TextField
              name="email"
              type="email"
              label="Votre adresse e-mail"
              hint="Pour que les responsables puissent vous répondre."
              optional
              autoComplete="email"
              value={email}
              error={errors.email}
              onChange={(e) => {
                setEmail(e.target.value);
                clearField('email');
              }}
            />
          )}
          <p className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Envoi…' : 'Envoyer le signalement'}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
