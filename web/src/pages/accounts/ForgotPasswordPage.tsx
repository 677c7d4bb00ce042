import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { passwordResetRequestBody } from '@palliance/core';
import { requestPasswordReset } from '../../api/accounts';
import { FormAlert, issuesToErrors, StatusMessage, TextField, useFormFeedback } from '../../ui/forms';
import { usePageTitle } from '../../ui/page-title';

export function ForgotPasswordPage() {
  usePageTitle('Mot de passe oublié');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { formRef, alertRef, errors, formError, fail, failWith, reset } = useFormFeedback();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = passwordResetRequestBody.safeParse({ email });
    if (!parsed.success) return fail(issuesToErrors(parsed.error.issues));
    reset();
    setBusy(true);
    try {
      await requestPasswordReset(parsed.data.email);
      setSent(parsed.data.email);
    } catch (err) {
      failWith(err, ['email']);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page narrow">
      <h1>Mot de passe oublié</h1>
      <p className="lead">Indiquez l'adresse de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="form card">
        <FormAlert alertRef={alertRef} message={formError} errors={errors} />
        <TextField name="email" type="email" label="Adresse e-mail" autoComplete="email" value={email} error={errors.email} onChange={(e) => setEmail(e.target.value)} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Recevoir le lien
          </button>
        </div>
        {sent && (
          <StatusMessage>
            Si un compte existe pour {sent}, un courriel vient d'y être envoyé. Le lien est valable pendant une durée limitée et ne sert
            qu'une fois.
          </StatusMessage>
        )}
      </form>
      <p>
        <Link to="/connexion">Retour à la connexion</Link>
      </p>
    </div>
  );
}
