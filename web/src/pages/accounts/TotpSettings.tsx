import { useEffect, useRef, useState, type FormEvent } from 'react';
import { totpConfirmBody, type Me } from '@palliance/core';
import { confirmTotp, disableTotp, setupTotp, type TotpSetup } from '../../api/accounts';
import { ApiError } from '../../api/http';
import { useSession } from '../../session/session-context';
import { FormAlert, issuesToErrors, TextField, useFormFeedback } from '../../ui/forms';

/** The secret in groups of four, easier to type into an authenticator app. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/** The server's SVG as an image: a data: URL is allowed by the content security policy, inline markup is not needed. */
function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

export function TotpSettings({ me }: { me: Me }) {
  const { setMe } = useSession();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const stepRef = useRef<HTMLHeadingElement>(null);
  const { formRef, alertRef, errors, formError, fail, failWith, reset } = useFormFeedback();

  useEffect(() => {
    if (setup) stepRef.current?.focus();
  }, [setup]);

  async function start() {
    setMessage(null);
    reset();
    setBusy(true);
    try {
      setSetup(await setupTotp());
      setCode('');
    } catch (err) {
      failWith(err);
    } finally {
      setBusy(false);
    }
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const parsed = totpConfirmBody.safeParse({ code });
    if (!parsed.success) return fail(issuesToErrors(parsed.error.issues));
    reset();
    setBusy(true);
    try {
      const updated = me.totpEnabled ? await disableTotp(parsed.data.code) : await confirmTotp(parsed.data.code);
      setMe(updated);
      setSetup(null);
      setCode('');
      setMessage(
        updated.totpEnabled
          ? 'Double authentification activée. Le code vous sera demandé à chaque connexion.'
          : 'Double authentification désactivée.',
      );
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setMe(null);
      else failWith(err, ['code']);
    } finally {
      setBusy(false);
    }
  }

  const codeField = (
    <TextField
      name="code"
      label="Code à 6 chiffres"
      hint="Affiché par votre application d'authentification."
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      className="field-short"
      value={code}
      error={errors.code}
      onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
    />
  );

  return (
    <section className="card" aria-labelledby="totp-titre">
      <h2 id="totp-titre">Double authentification</h2>
      <p>
        Un code à usage unique, produit par une application d'authentification sur votre téléphone (par exemple FreeOTP, Aegis ou Google
        Authenticator), est demandé en plus du mot de passe. Recommandé dès que vous accédez à des informations sur des patients.
      </p>
      <div aria-live="polite">{message && <p className="alert alert-success">{message}</p>}</div>
      {me.totpEnabled ? (
        <form ref={formRef} onSubmit={onSubmit} noValidate className="form">
          <p>
            <span className="badge badge-ok">Activée</span> Pour la désactiver, saisissez un code actuel de votre application.
          </p>
          <FormAlert alertRef={alertRef} message={formError} errors={errors} />
          {codeField}
          <div className="actions">
            <button type="submit" className="button button-danger-outline" disabled={busy}>
              Désactiver la double authentification
            </button>
          </div>
        </form>
      ) : setup ? (
        <form ref={formRef} onSubmit={onSubmit} noValidate className="form">
          <h3 ref={stepRef} tabIndex={-1}>
            Étape 1 : ajoutez Palliance à votre application
          </h3>
          <div className="totp-setup">
            <img className="qr" src={svgDataUrl(setup.qrSvg)} width={200} height={200} alt="QR code à scanner avec votre application d'authentification" />
            <div>
              <p>Scannez ce QR code avec l'application. Si vous ne pouvez pas le scanner, saisissez cette clé à la main :</p>
              <p>
                <code className="secret">
                  {groupSecret(setup.secret)}
                </code>
              </p>
              <p className="hint">Type : basé sur le temps (TOTP), 6 chiffres, toutes les 30 secondes.</p>
            </div>
          </div>
          <h3>Étape 2 : confirmez avec un code</h3>
          <FormAlert alertRef={alertRef} message={formError} errors={errors} />
          {codeField}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              Activer
            </button>
            <button type="button" className="button button-secondary" onClick={() => setSetup(null)}>
              Annuler
            </button>
          </div>
        </form>
      ) : (
        <div className="form">
          <FormAlert alertRef={alertRef} message={formError} />
          <div className="actions">
            <button type="button" className="button" disabled={busy} onClick={() => void start()}>
              Activer la double authentification
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
