import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PROFESSIONS, ROLES, roleGrantBody, type AdminUser, type Role } from '@palliance/core';
import { disableUser, enableUser, grantRole, listUsers, revokeRole, type AdminUserList } from '../../api/admin';
import { ApiError } from '../../api/http';
import { useSession } from '../../session/session-context';
import { DepartementSelect } from '../../ui/DepartementSelect';
import { formatDate, plural } from '../../ui/format';
import { FormAlert, issuesToErrors, SelectField, TextField, useFormFeedback } from '../../ui/forms';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { Pagination } from '../../ui/Pagination';

const roleOptions = (Object.keys(ROLES) as Role[]).map((r) => ({ value: r, label: ROLES[r].label }));

function fullName(u: { firstName: string; lastName: string }) {
  return `${u.firstName} ${u.lastName}`.trim();
}

export default function AdminUsersPage() {
  usePageTitle('Utilisateurs – Administration');
  const { setMe } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const role = (params.get('role') ?? '') as Role | '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [qInput, setQInput] = useState(q);
  const [roleInput, setRoleInput] = useState<string>(role);
  const [data, setData] = useState<AdminUserList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    listUsers({ q, role, page }, controller.signal).then(
      (d) => {
        setData(d);
        setLoading(false);
      },
      (err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        if (err instanceof ApiError && err.status === 401) setMe(null);
        setError(err instanceof ApiError ? err.message : 'La liste des utilisateurs est indisponible.');
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [q, role, page, setMe]);

  function onSearch(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (qInput.trim()) next.set('q', qInput.trim());
    if (roleInput) next.set('role', roleInput);
    setParams(next);
  }

  function goToPage(p: number) {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  }

  const replaceUser = useCallback((updated: AdminUser, message: string) => {
    setData((d) => (d ? { ...d, users: d.users.map((u) => (u.id === updated.id ? updated : u)) } : d));
    setNotice(message);
  }, []);

  return (
    <div className="page">
      <p className="breadcrumb">
        Administration · <Link to="/admin/journal">Journal d'audit</Link>
      </p>
      <h1>Utilisateurs</h1>
      <form className="card filters" role="search" aria-label="Rechercher des utilisateurs" onSubmit={onSearch}>
        <TextField
          name="q"
          type="search"
          label="Nom ou adresse e-mail"
          required={false}
          value={qInput}
          onChange={(e) => setQInput(e.target.value)}
        />
        <SelectField
          name="role"
          label="Rôle"
          required={false}
          options={roleOptions}
          placeholder="Tous les rôles"
          value={roleInput}
          onChange={(e) => setRoleInput(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button">
            Rechercher
          </button>
        </div>
      </form>

      <div aria-live="polite">{notice && <p className="alert alert-success">{notice}</p>}</div>

      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : loading && !data ? (
        <Loading label="Chargement des utilisateurs…" />
      ) : data ? (
        <section aria-labelledby="resultats-titre" aria-busy={loading}>
          <h2 id="resultats-titre" className="h3">
            {plural(data.total, 'utilisateur trouvé', 'utilisateurs trouvés')}
          </h2>
          {data.users.length === 0 ? (
            <p>Aucun utilisateur ne correspond à ces critères.</p>
          ) : (
            <ul className="user-list">
              {data.users.map((u) => (
                <UserCard key={u.id} user={u} onUpdated={replaceUser} />
              ))}
            </ul>
          )}
          <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPage={goToPage} label="Pages d'utilisateurs" />
        </section>
      ) : null}
    </div>
  );
}

function UserCard({ user, onUpdated }: { user: AdminUser; onUpdated: (u: AdminUser, message: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = fullName(user);

  async function run(action: () => Promise<AdminUser>, message: string) {
    setError(null);
    setBusy(true);
    try {
      onUpdated(await action(), message);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "L'action a échoué. Réessayez.");
    } finally {
      setBusy(false);
    }
  }

  function onRevoke(grantId: string, label: string) {
    if (!window.confirm(`Retirer le rôle «\u00a0${label}\u00a0» à ${name} ?`)) return;
    void run(() => revokeRole(user.id, grantId), `Rôle «\u00a0${label}\u00a0» retiré à ${name}.`);
  }

  function onToggleDisabled() {
    if (!user.disabled && !window.confirm(`Désactiver le compte de ${name} ? Ses sessions seront fermées et il ne pourra plus se connecter.`)) return;
    void run(
      () => (user.disabled ? enableUser(user.id) : disableUser(user.id)),
      user.disabled ? `Compte de ${name} réactivé.` : `Compte de ${name} désactivé.`,
    );
  }

  return (
    <li className={`card user-card${user.disabled ? ' user-disabled' : ''}`}>
      <div className="user-head">
        <h3>{name}</h3>
        <p className="badges">
          {user.emailVerified ? <span className="badge badge-ok">e-mail vérifié</span> : <span className="badge badge-warn">e-mail non vérifié</span>}
          {user.disabled && <span className="badge badge-danger">désactivé</span>}
        </p>
      </div>
      <dl className="details details-inline">
        <div>
          <dt>E-mail</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>Profession</dt>
          <dd>{PROFESSIONS[user.profession]}</dd>
        </div>
        <div>
          <dt>Département</dt>
          <dd>{user.departement ?? '—'}</dd>
        </div>
        <div>
          <dt>Inscrit le</dt>
          <dd>{formatDate(user.createdAt)}</dd>
        </div>
      </dl>
      <h4>Rôles</h4>
      {user.roles.length === 0 ? (
        <p>Aucun rôle.</p>
      ) : (
        <ul className="role-list">
          {user.roles.map((g) => {
            const label = ROLES[g.role].label;
            return (
              <li key={g.id}>
                <span>
                  {label}
                  {g.scopeLabel && <span className="scope"> — {g.scopeLabel}</span>}
                </span>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={busy}
                  onClick={() => onRevoke(g.id, label)}
                  aria-label={`Retirer le rôle ${label}${g.scopeLabel ? ` (${g.scopeLabel})` : ''} à ${name}`}
                >
                  Retirer
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <details className="disclosure">
        <summary>Attribuer un rôle à {name}</summary>
        <RoleGrantForm user={user} onGranted={(u, label) => onUpdated(u, `Rôle «\u00a0${label}\u00a0» attribué à ${name}.`)} />
      </details>
      <div className="actions">
        <button type="button" className={user.disabled ? 'button button-secondary' : 'button button-danger-outline'} disabled={busy} onClick={onToggleDisabled}>
          {user.disabled ? 'Réactiver le compte' : 'Désactiver le compte'}
          <span className="visually-hidden"> de {name}</span>
        </button>
      </div>
    </li>
  );
}

const SCOPE_HINT = {
  course: "L'identifiant (UUID) du cours, par exemple 00000000-0000-4000-8000-00000000c001.",
  structure: "L'identifiant (UUID) de la structure, par exemple 00000000-0000-4000-8000-00000000a001.",
} as const;

function RoleGrantForm({ user, onGranted }: { user: AdminUser; onGranted: (u: AdminUser, label: string) => void }) {
  const [role, setRole] = useState<Role | ''>('');
  const [departement, setDepartement] = useState('');
  const [uuid, setUuid] = useState('');
  const [busy, setBusy] = useState(false);
  const { formRef, alertRef, errors, formError, fail, failWith, reset } = useFormFeedback();
  const kind = role ? ROLES[role].scope : 'none';

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!role) return fail({ role: 'Choisissez un rôle dans la liste.' });
    const scope = kind === 'none' ? null : kind === 'territory' ? (departement ? `dep:${departement}` : null) : uuid.trim().toLowerCase() || null;
    const parsed = roleGrantBody.safeParse({ role, scope });
    if (!parsed.success) return fail(issuesToErrors(parsed.error.issues));
    reset();
    setBusy(true);
    try {
      const updated = await grantRole(user.id, role, scope);
      setRole('');
      setDepartement('');
      setUuid('');
      onGranted(updated, ROLES[role].label);
    } catch (err) {
      failWith(err, ['role', 'scope']);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="form role-form">
      <FormAlert alertRef={alertRef} message={formError} errors={errors} />
      <SelectField
        name="role"
        label="Rôle"
        options={roleOptions}
        placeholder="Choisissez un rôle"
        value={role}
        error={errors.role}
        onChange={(e) => {
          setRole(e.target.value as Role | '');
          reset();
        }}
      />
      {kind === 'none' && role && <p className="hint">Ce rôle s'applique à toute la plateforme : il n'a pas de périmètre.</p>}
      {kind === 'territory' && (
        <DepartementSelect
          name="scope"
          label="Département coordonné"
          value={departement}
          error={errors.scope}
          onChange={(e) => setDepartement(e.target.value)}
        />
      )}
      {(kind === 'course' || kind === 'structure') && (
        <TextField
          name="scope"
          label={kind === 'course' ? 'Identifiant du cours' : 'Identifiant de la structure'}
          hint={SCOPE_HINT[kind]}
          autoComplete="off"
          spellCheck={false}
          value={uuid}
          error={errors.scope}
          onChange={(e) => setUuid(e.target.value)}
        />
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          Attribuer le rôle
        </button>
      </div>
    </form>
  );
}
