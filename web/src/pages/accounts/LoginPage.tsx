import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { loginBody } from '@palliance/core';
import { getOidcInfo, login, oidcStartUrl, resendVerification, type OidcInfo } from '../../api/accounts';
import { ApiError } from '../../api/http';
import { safeReturnPath } from '../../session/RequireAuth';
import { useSession } from '../../session/session-context';
import { FormAlert, issuesToErrors, StatusMessage, TextField, useFormFeedback } from '../../ui/forms';
import { usePageTitle } from '../../ui/page-title';
import { CredentialFields } from './credential-fields';

export function LoginPage() {
  usePageTitle('Connexion');
  const { me, setMe } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const retour = safeReturnPath(params.get('retour'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [busy, setBusy] = useState(false);
  const [unverified, setUnverified] = useState(false);
  const [resendStatus, setResendStatus] = useState<string | null>(null);
  const [oidc, setOidc] = useState<OidcInfo | null>(null);
  const [signedIn, setSignedIn] = useState(false);
  const totpHeading = useRef<HTMLHeadingElement>(null);
  const { formRef, alertRef, errors, formError, fail, failWith, reset, clearField } = useFormFeedback();

  useEffect(() => {
    let live = true;
    void getOidcInfo().then((info) => live && setOidc(info));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (step === 'totp') totpHeading.current?.focus();
  }, [step]);

  // Already signed in (e.g. back button): nothing to do here.
  if (me && !signedIn) return <Navigate to={retour} replace />;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const body = step === 'totp' ? { email, password, totp } : { email, password };
    const parsed = loginBody.safeParse(body);
    if (!parsed.success) return fail(issuesToErrors(parsed.error.issues));
    reset();
    setUnverified(false);
    setResendStatus(null);
    setBusy(true);
    try {
      const result = await login(parsed.data);
      if (result.status === 'totp_required') {
        setStep('totp');
        setTotp('');
      } else if (result.user) {
        setSignedIn(true);
        setMe(result.user);
        navigate(retour, { replace: true });
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'email_not_verified') setUnverified(true);
      if (err instanceof ApiError && step === 'totp' && err.status === 401) {
        // A wrong code: keep the person on the code step, the message goes on the field.
        fail({ totp: err.message });
      } else {
        failWith(err, ['email', 'password', 'totp']);
      }
    } finally {
      setBusy(false);
    }
  }

  function onCredential(name: 'email' | 'password', value: string) {
    (name === 'email' ? setEmail : setPassword)(value);
    clearField(name);
  }

  async function onResend() {
    setResendStatus(null);
    try {
      await resendVerification(email);
      setResendStatus(`Un nouveau lien de vérification a été envoyé à ${email}.`);
    } catch (err) {
      setResendStatus(err instanceof ApiError ? err.message : "L'envoi a échoué. Réessayez dans un instant.");
    }
  }

  return (
    <div className="page narrow">
      <h1>Connexion</h1>
      {params.get('retour') && (
        <p className="alert alert-info">Connectez-vous pour accéder à la page demandée. Vous y serez ramené(e) ensuite.</p>
      )}
      <form ref={formRef} onSubmit={onSubmit} noValidate className="form card">
        <FormAlert alertRef={alertRef} message={formError} errors={errors} />
        {unverified && (
          <div className="alert alert-info">
            <p>Votre adresse n'est pas encore vérifiée. Cliquez sur le lien reçu par courriel, ou demandez-en un nouveau.</p>
            <button type="button" className="button button-secondary button-small" onClick={() => void onResend()}>
              Renvoyer le lien de vérification
            </button>
          </div>
        )}
        {resendStatus && <StatusMessage tone="info">{resendStatus}</StatusMessage>}
        {step === 'password' ? (
          <>
            <CredentialFields email={email} password={password} errors={errors} onChange={onCredential} />
            <p>
              <Link to="/mot-de-passe/oublie">Mot de passe oublié ?</Link>
            </p>
          </>
        ) : (
          <>
            <h2 ref={totpHeading} tabIndex={-1} className="h3">
              Double authentification
            </h2>
            <p>Saisissez le code à 6 chiffres affiché par votre application d'authentification pour {email}.</p>
            <TextField
              name="totp"
              label="Code à usage unique"
              hint="6 chiffres, renouvelés toutes les 30 secondes."
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              className="field-short"
              value={totp}
              error={errors.totp}
              onChange={(e) => {
                setTotp(e.target.value.replace(/\D/g, ''));
                clearField('totp');
              }}
            />
          </>
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Connexion en cours…' : step === 'totp' ? 'Valider le code' : 'Se connecter'}
          </button>
          {step === 'totp' && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setStep('password');
                setTotp('');
                reset();
              }}
            >
              Revenir
            </button>
          )}
        </div>
      </form>
      {oidc?.enabled && (
        <div className="card oidc">
          <p>Ou utilisez votre identité numérique professionnelle :</p>
          <a className="button button-secondary" href={oidcStartUrl(retour)}>
            Se connecter avec {oidc.name}
          </a>
        </div>
      )}
      <p>
        Pas encore de compte ? <Link to="/inscription">Créer un compte</Link>
      </p>
    </div>
  );
}
