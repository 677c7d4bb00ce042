import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { PASSWORD_MIN, passwordChangeBody, PRACTICE_MODES, PROFESSIONS, profileUpdateBody, ROLES, type Me } from '@palliance/core';
import { changePassword, updateProfile } from '../../api/accounts';
import { ApiError } from '../../api/http';
import { isAdmin, useSession } from '../../session/session-context';
import { formatDate } from '../../ui/format';
import { FormAlert, issuesToErrors, PasswordField, useFormFeedback } from '../../ui/forms';
import { usePageTitle } from '../../ui/page-title';
import { departementLabel, useTerritory } from '../../ui/territory-hooks';
import { extraProfileErrors, PROFILE_FIELD_NAMES, profileBody, ProfileFields, profileFromMe, type ProfileValues } from './profile-fields';
import { PASSWORD_RULE } from './credential-fields';
import { PrivacySettings } from './PrivacySettings';
import { TotpSettings } from './TotpSettings';

export function AccountPage() {
  usePageTitle('Mon compte');
  const { me } = useSession();
  if (!me) return null;
  return (
    <div className="page">
      <h1>Mon compte</h1>
      {!me.profileComplete && (
        <div className="alert alert-info">
          <p>
            <strong>Complétez votre profil</strong> : indiquez votre profession et votre département d'exercice pour accéder aux contenus de
            votre territoire.
          </p>
        </div>
      )}
      <div className="account-grid">
        <AccountSummary me={me} />
        <div className="account-forms">
          <ProfileForm me={me} />
          <PasswordForm />
          <TotpSettings me={me} />
          <PrivacySettings />
        </div>
      </div>
    </div>
  );
}

function AccountSummary({ me }: { me: Me }) {
  const { territory } = useTerritory();
  const dep = me.departement ? territory?.departements.find((d) => d.code === me.departement) : null;
  return (
    <section className="card account-summary" aria-labelledby="resume-titre">
      <h2 id="resume-titre">
        {me.firstName} {me.lastName}
      </h2>
      <dl className="details">
        <div>
          <dt>Adresse e-mail</dt>
          <dd>
            {me.email} {me.emailVerified ? <span className="badge badge-ok">vérifiée</span> : <span className="badge badge-warn">non vérifiée</span>}
          </dd>
        </div>
        <div>
          <dt>Profession</dt>
          <dd>{me.profession === 'autre' && me.professionOther ? me.professionOther : PROFESSIONS[me.profession]}</dd>
        </div>
        <div>
          <dt>Mode d'exercice</dt>
          <dd>{PRACTICE_MODES[me.practiceMode]}</dd>
        </div>
        <div>
          <dt>Département d'exercice</dt>
          <dd>{me.departement ? (dep ? departementLabel(dep.code, dep.nom) : me.departement) : 'Non renseigné'}</dd>
        </div>
        <div>
          <dt>Numéro RPPS</dt>
          <dd>{me.rpps ?? 'Non renseigné'}</dd>
        </div>
        <div>
          <dt>Double authentification</dt>
          <dd>{me.totpEnabled ? 'Activée' : 'Désactivée'}</dd>
        </div>
        <div>
          <dt>Compte créé le</dt>
          <dd>{formatDate(me.createdAt)}</dd>
        </div>
      </dl>
      <h3>Mes rôles</h3>
      {me.roles.length === 0 ? (
        <p>Aucun rôle particulier : vous avez accès aux contenus ouverts à tous les professionnels inscrits.</p>
      ) : (
        <ul className="role-list">
          {me.roles.map((r) => (
            <li key={r.id}>
              {ROLES[r.role].label}
              {r.scopeLabel && <span className="scope"> — {r.scopeLabel}</span>}
            </li>
          ))}
        </ul>
      )}
      {isAdmin(me) && (
        <p>
          <Link to="/admin/utilisateurs">Administration des utilisateurs</Link> · <Link to="/admin/journal">Journal d'audit</Link>
        </p>
      )}
    </section>
  );
}

function ProfileForm({ me }: { me: Me }) {
  const { setMe } = useSession();
  const [values, setValues] = useState<ProfileValues>(() => profileFromMe(me));
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const { formRef, alertRef, errors, formError, fail, failWith, reset, clearField } = useFormFeedback();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const parsed = profileUpdateBody.safeParse(profileBody(values));
    const extra = extraProfileErrors(values);
    if (!parsed.success || Object.keys(extra).length) {
      return fail({ ...(parsed.success ? {} : issuesToErrors(parsed.error.issues)), ...extra });
    }
    reset();
    setBusy(true);
    try {
      const updated = await updateProfile(parsed.data);
      setMe(updated);
      setValues(profileFromMe(updated));
      setSaved(true);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setMe(null);
      else failWith(err, PROFILE_FIELD_NAMES);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="profil-titre">
      <h2 id="profil-titre">Mon profil professionnel</h2>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="form">
        <FormAlert alertRef={alertRef} message={formError} errors={errors} />
        <ProfileFields
          values={values}
          errors={errors}
          onChange={(name, value) => {
            setValues((v) => ({ ...v, [name]: value }));
            clearField(name);
            setSaved(false);
          }}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Enregistrement…' : 'Enregistrer mon profil'}
          </button>
        </div>
        <div aria-live="polite">{saved && <p className="alert alert-success">Votre profil est enregistré.</p>}</div>
      </form>
    </section>
  );
}

function PasswordForm() {
  const { setMe } = useSession();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const { formRef, alertRef, errors, formError, fail, failWith, reset } = useFormFeedback();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const parsed = passwordChangeBody.safeParse({ currentPassword, newPassword });
    if (!parsed.success) return fail(issuesToErrors(parsed.error.issues));
    reset();
    setBusy(true);
    try {
      await changePassword(parsed.data);
      setCurrent('');
      setNew('');
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setMe(null);
      else failWith(err, ['currentPassword', 'newPassword']);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="mdp-titre">
      <h2 id="mdp-titre">Changer de mot de passe</h2>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="form">
        <FormAlert alertRef={alertRef} message={formError} errors={errors} />
        <PasswordField
          name="currentPassword"
          label="Mot de passe actuel"
          autoComplete="current-password"
          value={currentPassword}
          error={errors.currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <PasswordField
          name="newPassword"
          label="Nouveau mot de passe"
          hint={PASSWORD_RULE}
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
          value={newPassword}
          error={errors.newPassword}
          onChange={(e) => setNew(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Changer le mot de passe
          </button>
        </div>
        <div aria-live="polite">
          {done && <p className="alert alert-success">Mot de passe changé. Vos sessions sur les autres appareils ont été fermées.</p>}
        </div>
      </form>
    </section>
  );
}
