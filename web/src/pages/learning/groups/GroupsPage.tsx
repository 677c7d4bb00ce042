import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { REVIEW_STATUSES, type GroupsOverview } from '@palliance/core';
import { autoMix, createGroup, getGroups } from '../../../api/groups';
import { FormAlert, StatusMessage, TextAreaField, TextField, useFormFeedback } from '../../../ui/forms';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/page-title';
import { useLoad } from '../../../ui/use-load';
import { RequireAuth } from '../../../session/RequireAuth';
import '../forum/forum.css';

export const STATUS_LABELS: Record<string, string> = { aucun_rendu: 'aucun rendu', soumis: 'rendu à évaluer', ...REVIEW_STATUSES };

/** Groups of a course: a learner sees their own; the teaching team sees all, mixes and creates them. */
/** Signed-in members only: a visitor goes to the login page and comes back here (e.g. from a mail link). */
export function GroupsPage() {
  return (
    <RequireAuth>
      <GroupsView />
    </RequireAuth>
  );
}

function GroupsView() {
  const { id = '' } = useParams();
  const { data, error, reload: refresh } = useLoad((signal) => getGroups(id, signal), [id], 'Les groupes sont indisponibles pour le moment.');
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle('Groupes de travail');

  if (error) {
    return (
      <div className="page narrow">
        <h1>Groupes de travail</h1>
        <p className="alert alert-error" role="alert">
          {error}
        </p>
        <p>
          <Link to={`/se-former/cours/${id}`}>Retour à la formation</Link>
        </p>
      </div>
    );
  }
  if (!data) {
    return (
      <div className="page">
        <h1>Groupes de travail</h1>
        <Loading />
      </div>
    );
  }
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> <Link to={`/se-former/cours/${id}`}>{data.courseTitle}</Link> <span aria-hidden="true">›</span> Groupes
      </p>
      <h1>Groupes de travail pluriprofessionnels</h1>
      {notice && <StatusMessage>{notice}</StatusMessage>}
      {data.groups.length === 0 ? (
        <p>{data.mayManage ? 'Aucun groupe pour le moment.' : 'Vous n’êtes dans aucun groupe pour le moment : l’équipe pédagogique les forme au cours de la session.'}</p>
      ) : (
        <ul className="thread-list">
          {data.groups.map((g) => (
            <li key={g.id} className="card">
              <h2 className="h3">
                <Link to={`/se-former/groupes/${g.id}`}>{g.name}</Link>
              </h2>
              <p className="post-meta">
                {g.members.length} membre{g.members.length > 1 ? 's' : ''} · {new Set(g.members.map((m) => m.profession)).size} profession(s) ·{' '}
                {g.latestVersion ? `version ${g.latestVersion}, ` : ''}
                {STATUS_LABELS[g.status]}
              </p>
              <p>{g.members.map((m) => `${m.displayName} (${m.profession})`).join(', ')}</p>
            </li>
          ))}
        </ul>
      )}
      {data.mayManage && (
        <>
          {data.unassigned.length > 0 && (
            <section aria-labelledby="sans-groupe">
              <h2 id="sans-groupe">Inscrits sans groupe ({data.unassigned.length})</h2>
              <p>{data.unassigned.map((m) => `${m.displayName} (${m.profession})`).join(', ')}</p>
            </section>
          )}
          <AutoMixForm
            courseId={id}
            onDone={(n) => {
              setNotice(`Les inscrits ont été répartis en ${n} groupe(s) en mélangeant les professions.`);
              refresh();
            }}
          />
          <CreateGroupForm
            courseId={id}
            unassigned={data.unassigned}
            onDone={() => {
              setNotice('Groupe créé.');
              refresh();
            }}
          />
        </>
      )}
    </div>
  );
}

function AutoMixForm({ courseId, onDone }: { courseId: string; onDone: (n: number) => void }) {
  const { formRef, alertRef, errors, formError, fail, failWith, reset } = useFormFeedback();
  const [count, setCount] = useState('4');
  const [assignment, setAssignment] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1) return fail({ groupCount: 'Le nombre de groupes doit être un entier positif.' });
    if (!window.confirm('Les groupes actuels (sans rendu) seront remplacés. Continuer ?')) return;
    reset();
    try {
      await autoMix(courseId, { groupCount: n, assignment });
      onDone(n);
    } catch (err) {
      failWith(err, ['groupCount', 'assignment']);
    }
  };
  return (
    <section className="card" aria-labelledby="mix-titre">
      <h2 id="mix-titre">Répartir automatiquement</h2>
      <p className="muted">La plateforme répartit tous les inscrits pour que chaque groupe réunisse le plus de professions différentes (répartition déterministe, tailles égales à une personne près).</p>
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <FormAlert alertRef={alertRef} message={formError} errors={errors} />
        <TextField name="groupCount" label="Nombre de groupes" type="number" min={1} max={100} inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} error={errors.groupCount} />
        <TextAreaField name="assignment" label="Consigne de l’exercice" optional value={assignment} onChange={(e) => setAssignment(e.target.value)} error={errors.assignment} rows={3} />
        <div className="actions">
          <button type="submit" className="button">
            Répartir les inscrits
          </button>
        </div>
      </form>
    </section>
  );
}

function CreateGroupForm({ courseId, unassigned, onDone }: { courseId: string; unassigned: GroupsOverview['unassigned']; onDone: () => void }) {
  const { formRef, alertRef, errors, formError, fail, failWith, reset } = useFormFeedback();
  const [name, setName] = useState('');
  const [assignment, setAssignment] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return fail({ name: 'Le nom du groupe est requis.' });
    reset();
    try {
      await createGroup(courseId, { name, assignment, memberIds: chosen });
      setName('');
      setChosen([]);
      onDone();
    } catch (err) {
      failWith(err, ['name', 'memberIds', 'assignment']);
    }
  };
  return (
    <section className="card" aria-labelledby="creer-titre">
      <h2 id="creer-titre">Créer un groupe à la main</h2>
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <FormAlert alertRef={alertRef} message={formError} errors={errors} />
        <TextField name="name" label="Nom du groupe" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <TextAreaField name="assignment" label="Consigne" optional value={assignment} onChange={(e) => setAssignment(e.target.value)} rows={3} />
        <fieldset>
          <legend>Membres (inscrits sans groupe)</legend>
          {errors.memberIds && <p className="alert alert-error">{errors.memberIds}</p>}
          {unassigned.length === 0 && <p className="muted">Tous les inscrits ont déjà un groupe.</p>}
          {unassigned.map((m) => (
            <label key={m.id} className="session-choice">
              <input type="checkbox" checked={chosen.includes(m.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, m.id] : c.filter((x) => x !== m.id)))} /> {m.displayName} ({m.profession})
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button">
            Créer le groupe
          </button>
        </div>
      </form>
    </section>
  );
}
