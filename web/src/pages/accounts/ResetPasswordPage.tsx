import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PASSWORD_MIN, passwordResetBody } from '@palliance/core';
import { resetPassword } from '../../api/accounts';
import { useSession } from '../../session/session-context';
import { FormAlert, issuesToErrors, PasswordField, useFormFeedback } from '../../ui/forms';
import { usePageTitle } from '../../ui/page-title';
import { PASSWORD_RULE } from './credential-fields';

export function ResetPasswordPage() {
  usePageTitle('Nouveau mot de passe');
  const [params] = useSearchParams();
  const token = params.get('jeton') ?? '';
  const { refresh } = useSession();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  const { formRef, alertRef, errors, formError, fail, failWith, reset } = useFormFeedback();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = passwordResetBody.safeParse({ token, password });
    const fieldErrors = parsed.success ? {} : issuesToErrors(parsed.error.issues);
    if (!fieldErrors.password && password !== confirm) fieldErrors.confirm = 'Les deux mots de passe ne sont pas identiques.';
    if (fieldErrors.token) return fail({}, "Ce lien n'est pas complet. Recopiez l'adresse reçue par courriel, ou demandez un nouveau lien.");
    if (Object.keys(fieldErrors).length) return fail(fieldErrors);
    reset();
    setBusy(true);
    try {
      await resetPassword(token, password);
      setDone(true);
      void refresh();
      window.requestAnimationFrame(() => doneRef.current?.focus());
    } catch (err) {
      failWith(err, ['password']);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="page narrow">
        <h1>Nouveau mot de passe</h1>
        <div ref={doneRef} tabIndex={-1} className="alert alert-success" role="status">
          <p>
            <strong>Votre mot de passe est changé.</strong> Par sécurité, toutes vos sessions ont été fermées : connectez-vous avec le nouveau mot de passe.
          </p>
          <p>
            <Link to="/connexion">Se connecter</Link>
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="page narrow">
      <h1>Nouveau mot de passe</h1>
      {!token && (
        <div className="alert alert-error">
          <p>
            Ce lien est incomplet. <Link to="/mot-de-passe/oublie">Demandez un nouveau lien</Link>.
          </p>
        </div>
      )}
      <form ref={formRef} onSubmit={onSubmit} noValidate className="form card">
        <FormAlert alertRef={alertRef} message={formError} errors={errors} />
        <PasswordField
          name="password"
          label="Nouveau mot de passe"
          hint={PASSWORD_RULE}
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
          value={password}
          error={errors.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <PasswordField
          name="confirm"
          label="Confirmez le nouveau mot de passe"
          autoComplete="new-password"
          value={confirm}
          error={errors.confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Enregistrer le mot de passe
          </button>
        </div>
      </form>
      {formError && (
        <p>
          <Link to="/mot-de-passe/oublie">Demander un nouveau lien</Link>
        </p>
      )}
    </div>
  );
}
