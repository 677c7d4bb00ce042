import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { passwordResetRequestBody } from '@palliance/core';
import { resendVerification, verifyEmail } from '../../api/accounts';
import { ApiError } from '../../api/http';
import { useSession } from '../../session/session-context';
import { FormAlert, issuesToErrors, StatusMessage, TextField, useFormFeedback } from '../../ui/forms';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';

// A token works once: the same page mounted twice (React's development checks) must not spend it twice.
const attempts = new Map<string, Promise<void>>();
function verifyOnce(token: string): Promise<void> {
  let p = attempts.get(token);
  if (!p) {
    p = verifyEmail(token).then(() => undefined);
    attempts.set(token, p);
  }
  return p;
}

export function VerifyEmailPage() {
  usePageTitle('Vérification de l’adresse e-mail');
  const [params] = useSearchParams();
  const token = params.get('jeton') ?? '';
  const { me, refresh } = useSession();
  const [state, setState] = useState<'pending' | 'ok' | 'error'>(token ? 'pending' : 'error');
  const [message, setMessage] = useState(token ? '' : "Le lien est incomplet : il manque le jeton de vérification. Recopiez l'adresse complète reçue par courriel.");
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!token) return;
    let live = true;
    verifyOnce(token).then(
      () => {
        if (!live) return;
        setState('ok');
        if (me) void refresh();
      },
      (err: unknown) => {
        if (!live) return;
        setState('error');
        setMessage(err instanceof ApiError ? err.message : 'La vérification a échoué. Réessayez dans un instant.');
      },
    );
    return () => {
      live = false;
    };
  }, [token]);

  useEffect(() => {
    if (state !== 'pending') resultRef.current?.focus();
  }, [state]);

  return (
    <div className="page narrow">
      <h1>Vérification de l’adresse e-mail</h1>
      {state === 'pending' && <Loading label="Vérification de votre adresse en cours…" />}
      {state === 'ok' && (
        <div ref={resultRef} tabIndex={-1} className="alert alert-success" role="status">
          <p>
            <strong>Votre adresse e-mail est confirmée.</strong> Votre compte est actif.
          </p>
          <p>
            {me ? <Link to="/compte">Aller à mon compte</Link> : <Link to="/connexion">Se connecter</Link>}
          </p>
        </div>
      )}
      {state === 'error' && (
        <>
          <div ref={resultRef} tabIndex={-1} className="alert alert-error" role="alert">
            <p>{message}</p>
          </div>
          <ResendForm />
          <p>
            <Link to="/connexion">Aller à la connexion</Link>
          </p>
        </>
      )}
    </div>
  );
}

function ResendForm() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const { formRef, alertRef, errors, formError, fail, failWith, reset } = useFormFeedback();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = passwordResetRequestBody.safeParse({ email });
    if (!parsed.success) return fail(issuesToErrors(parsed.error.issues));
    reset();
    try {
      await resendVerification(parsed.data.email);
      setSent(`Si un compte non vérifié existe pour ${parsed.data.email}, un nouveau lien vient d'y être envoyé.`);
    } catch (err) {
      failWith(err, ['email']);
    }
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="form card">
      <h2 className="h3">Recevoir un nouveau lien</h2>
      <FormAlert alertRef={alertRef} message={formError} errors={errors} />
      <TextField name="email" type="email" label="Adresse e-mail" autoComplete="email" value={email} error={errors.email} onChange={(e) => setEmail(e.target.value)} />
      <div className="actions">
        <button type="submit" className="button">
          Renvoyer le lien
        </button>
      </div>
      {sent && <StatusMessage>{sent}</StatusMessage>}
    </form>
  );
}
