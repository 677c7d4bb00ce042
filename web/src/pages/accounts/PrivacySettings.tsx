import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { deleteAccountBody } from '@palliance/core';
import { deleteMyAccount } from '../../api/accounts';
import { useSession } from '../../session/session-context';
import { FormAlert, issuesToErrors, PasswordField, TextField, useFormFeedback } from '../../ui/forms';

/** "Mes données": download everything kept about me, or delete my account. */
export function PrivacySettings() {
  const { setMe } = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const { formRef, alertRef, errors, formError, fail, failWith, reset } = useFormFeedback();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = deleteAccountBody.safeParse({ password: password || undefined, confirmation });
    if (!parsed.success) return fail(issuesToErrors(parsed.error.issues));
    reset();
    setBusy(true);
    try {
      await deleteMyAccount(parsed.data);
      setMe(null);
      navigate('/', { replace: true, state: { accountDeleted: true } });
    } catch (err) {
      failWith(err, ['password', 'confirmation']);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="donnees-titre">
      <h2 id="donnees-titre">Mes données</h2>
      <p>
        Téléchargez tout ce que la plateforme conserve à votre sujet (profil, rôles, sessions, inscriptions, contributions, journal de vos
        actions) dans un fichier JSON.
      </p>
      <p>
        <a className="button button-secondary" href="/api/v1/me/data-export" download>
          Télécharger mes données
        </a>
      </p>
      <h3>Supprimer mon compte</h3>
      <p>
        Votre identité, vos identifiants, vos sessions et vos rôles sont effacés. Vos messages dans les espaces partagés (forums, notes)
        restent lisibles sous le nom «&nbsp;Ancien membre&nbsp;», et le journal d’audit est conservé comme la loi l’exige pour les données de
        santé. Cette action est définitive.
      </p>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="form">
        <FormAlert alertRef={alertRef} message={formError} errors={errors} />
        <PasswordField
          name="password"
          label="Mot de passe"
          hint="Laissez vide si vous vous connectez uniquement par Pro Santé Connect."
          optional
          autoComplete="current-password"
          value={password}
          error={errors.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <TextField
          name="confirmation"
          label="Tapez SUPPRIMER pour confirmer"
          autoComplete="off"
          value={confirmation}
          error={errors.confirmation}
          onChange={(e) => setConfirmation(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button button-danger" disabled={busy}>
            Supprimer définitivement mon compte
          </button>
        </div>
      </form>
    </section>
  );
}
