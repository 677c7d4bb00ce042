import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { registerBody } from '@palliance/core';
import { register, resendVerification } from '../../api/accounts';
import { listDevMails } from '../../api/dev';
import { ApiError } from '../../api/http';
import { FormAlert, issuesToErrors, StatusMessage, useFormFeedback } from '../../ui/forms';
import { useSession } from '../../session/session-context';
import { usePageTitle } from '../../ui/page-title';
import { CredentialFields } from './credential-fields';
import { emptyProfile, extraProfileErrors, PROFILE_FIELD_NAMES, profileBody, ProfileFields, type ProfileValues } from './profile-fields';

export function RegisterPage() {
  usePageTitle('Créer un compte');
  const { me } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [profile, setProfile] = useState<ProfileValues>(emptyProfile);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { formRef, alertRef, errors, formError, fail, failWith, reset, clearField } = useFormFeedback();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const body = { email, password, ...profileBody(profile) };
    const parsed = registerBody.safeParse(body);
    const extra = extraProfileErrors(profile);
    if (!parsed.success || Object.keys(extra).length) {
      return fail({ ...(parsed.success ? {} : issuesToErrors(parsed.error.issues)), ...extra });
    }
    reset();
    setBusy(true);
    try {
      await register(parsed.data);
      setSentTo(parsed.data.email);
    } catch (err) {
      failWith(err, ['email', 'password', ...PROFILE_FIELD_NAMES]);
    } finally {
      setBusy(false);
    }
  }

  if (sentTo) return <CheckYourMail email={sentTo} />;
  if (me) return <Navigate to="/compte" replace />;

  return (
    <div className="page narrow">
      <h1>Créer un compte</h1>
      <p className="lead">
        Le compte est gratuit et réservé aux professionnels, étudiants et bénévoles qui accompagnent des personnes en soins palliatifs.
        Il donne accès aux formations, à l'annuaire des structures d'appui et aux outils de coordination.
      </p>
      <p className="hint">Tous les champs sont obligatoires, sauf mention «&nbsp;facultatif&nbsp;».</p>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="form card">
        <FormAlert alertRef={alertRef} message={formError} errors={errors} />
        <fieldset className="fieldset">
          <legend>Identifiants de connexion</legend>
          <CredentialFields
            newAccount
            email={email}
            password={password}
            errors={errors}
            onChange={(name, value) => {
              (name === 'email' ? setEmail : setPassword)(value);
              clearField(name);
            }}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>Votre exercice</legend>
          <ProfileFields
            values={profile}
            errors={errors}
            onChange={(name, value) => {
              setProfile((p) => ({ ...p, [name]: value }));
              clearField(name);
            }}
          />
        </fieldset>
        <p className="hint">
          Vos nom, profession et département servent à vous proposer les formations et les structures de votre territoire. Ils ne sont pas
          publiés.
        </p>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Création en cours…' : 'Créer mon compte'}
          </button>
        </div>
      </form>
      <p>
        Vous avez déjà un compte ? <Link to="/connexion">Se connecter</Link>
      </p>
    </div>
  );
}

function CheckYourMail({ email }: { email: string }) {
  usePageTitle('Vérifiez votre boîte mail');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [resent, setResent] = useState<string | null>(null);
  const [devMailbox, setDevMailbox] = useState(false);

  useEffect(() => {
    headingRef.current?.focus();
    // In development the mail never leaves the machine: point newcomers to the local mailbox.
    listDevMails(email).then(
      () => setDevMailbox(true),
      () => setDevMailbox(false),
    );
  }, [email]);

  async function resend() {
    try {
      await resendVerification(email);
      setResent('Un nouveau courriel vient de vous être envoyé.');
    } catch (err) {
      setResent(err instanceof ApiError ? err.message : "L'envoi a échoué. Réessayez dans un instant.");
    }
  }

  return (
    <div className="page narrow">
      <h1 ref={headingRef} tabIndex={-1}>
        Vérifiez votre boîte mail
      </h1>
      <div className="card">
        <p>
          Si l'adresse <strong>{email}</strong> n'avait pas encore de compte, nous venons d'y envoyer un lien pour confirmer votre
          inscription. Ouvrez ce courriel et cliquez sur le lien : votre compte sera alors activé.
        </p>
        <p>Le courriel peut mettre quelques minutes à arriver. Pensez à regarder dans les indésirables.</p>
        {devMailbox && (
          <p className="alert alert-info">
            Environnement de développement : les courriels sont visibles sur la page <Link to="/dev/courriels">Courriels de développement</Link>.
          </p>
        )}
        <p className="actions">
          <button type="button" className="button button-secondary" onClick={() => void resend()}>
            Renvoyer le courriel
          </button>
          <Link to="/connexion" className="button">
            Aller à la connexion
          </Link>
        </p>
        {resent && <StatusMessage tone="info">{resent}</StatusMessage>}
      </div>
    </div>
  );
}
