import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { AUDIENCES, structureInputSchema, type Audience, type Structure, type StructureSummary } from '@palliance/core';
import { createStructure, getStructure, searchStructures, updateStructure } from '../../../api/directory';
import { ApiError } from '../../../api/http';
import { searchCommunes } from '../../../api/territory';
import { RequireAuth } from '../../../session/RequireAuth';
import { useSession } from '../../../session/session-context';
import { CommuneSearch } from '../../../ui/CommuneSearch';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/page-title';
import { canApprove, canEditStructure, FIELD_LABELS } from '../directory-format';
import { useStructureTypes } from '../structure-types-hook';
import { ContactsEditor } from './ContactsEditor';
import { CoverageEditor } from './CoverageEditor';
import { draftFromStructure, draftProblems, emptyDraft, toInput, type Draft } from './draft';
import { ErrorText, FieldErrorsContext, resolvePath, useFieldError, type PathErrors } from './field-errors';
import { ScheduleEditor } from './ScheduleEditor';
import '../directory.css';

/** /annuaire/structures/nouvelle and /annuaire/structures/:id/modifier */
export function StructureEditPage() {
  const { id } = useParams();
  return (
    <RequireAuth>
      <StructureEditor key={id ?? 'nouvelle'} id={id ?? null} />
    </RequireAuth>
  );
}

function StructureEditor({ id }: { id: string | null }) {
  const navigate = useNavigate();
  const { me } = useSession();
  const [draft, setDraft] = useState<Draft | null>(id ? null : emptyDraft());
  const [original, setOriginal] = useState<Structure | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<PathErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [proposed, setProposed] = useState<string | null>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  usePageTitle(id ? (original ? `Modifier : ${original.name}` : 'Modifier une fiche') : 'Proposer une structure');

  async function load(structureId: string) {
    setLoadError(null);
    try {
      const s = await getStructure(structureId);
      const d = draftFromStructure(s);
      setOriginal(s);
      setDraft(d);
      // The postal codes of the commune, to offer them in the list.
      if (s.communeCode) {
        const found = await searchCommunes(s.communeCode, 1).catch(() => []);
        const c = found.find((x) => x.code === s.communeCode);
        if (c) setDraft((cur) => (cur && cur.commune?.code === c.code ? { ...cur, commune: { ...cur.commune, codesPostaux: c.codesPostaux } } : cur));
      }
    } catch (err) {
      setLoadError(
        err instanceof ApiError && err.status === 404 ? 'Cette structure n’existe pas, ou vous ne pouvez pas la voir.' : err instanceof Error ? err.message : 'Fiche indisponible.',
      );
    }
  }

  useEffect(() => {
    if (id) void load(id);
  }, [id]);

  // After a refused submit: focus on the first invalid field, else on the message above the form.
  useEffect(() => {
    if (!attempt) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
      invalid.scrollIntoView({ block: 'center' });
    } else alertRef.current?.focus();
  }, [attempt]);

  useEffect(() => {
    if (proposed) doneRef.current?.focus();
  }, [proposed]);

  useEffect(() => {
    if (conflict) alertRef.current?.focus();
  }, [conflict]);

  if (proposed) {
    return (
      <div className="page narrow">
        <h1 ref={doneRef} tabIndex={-1}>
          Proposition envoyée
        </h1>
        <p className="alert alert-success" role="status">
          Merci : «&nbsp;{proposed}&nbsp;» est enregistrée. Elle sera publiée dans l’annuaire après validation par un coordinateur de
          territoire ou un éditeur.
        </p>
        <p className="actions">
          <Link to="/annuaire" className="button">
            Retour à l’annuaire
          </Link>
          <button type="button" className="button button-secondary" onClick={() => { setProposed(null); setDraft(emptyDraft()); }}>
            Proposer une autre structure
          </button>
        </p>
      </div>
    );
  }

  if (loadError) {
    return (
      <div className="page narrow">
        <p className="breadcrumb">
          <Link to="/annuaire">Annuaire</Link>
        </p>
        <h1>Modifier la fiche</h1>
        <p className="alert alert-error" role="alert">
          {loadError}
        </p>
        <p>
          <Link to="/annuaire">Retour à l’annuaire</Link>
        </p>
      </div>
    );
  }
  if (!draft) {
    return (
      <div className="page">
        <p className="breadcrumb">
          <Link to="/annuaire">Annuaire</Link>
        </p>
        <h1>Modifier la fiche</h1>
        <Loading label="Chargement de la fiche…" />
      </div>
    );
  }

  const d = draft;
  const update = (patch: Partial<Draft>) => setDraft((cur) => (cur ? { ...cur, ...patch } : cur));
  const trusted = canApprove(me, d.commune ? (d.commune.code.startsWith('97') ? d.commune.code.slice(0, 3) : d.commune.code.slice(0, 2)) : null);
  const mayEdit = !original || canEditStructure(me, original);

  function failWith(list: { path: string; message: string }[], message: string | null) {
    const next: PathErrors = {};
    for (const { path, message: m } of list) {
      const where = resolvePath(formRef.current, path);
      if (where === '_form') {
        const label = FIELD_LABELS[path.split('.')[0]];
        message = message ?? (label ? `${label} : ${m}` : m);
      } else if (!(where in next)) next[where] = m;
    }
    const count = Object.keys(next).length;
    setErrors(next);
    setFormError(message ?? (count ? (count === 1 ? 'Le formulaire contient une erreur.' : `Le formulaire contient ${count} erreurs.`) : null));
    setAttempt((n) => n + 1);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setConflict(false);
    const input = toInput(d);
    const parsed = structureInputSchema.safeParse(input);
    const problems = draftProblems(d);
    if (!parsed.success || problems.length) {
      // Plain-language messages first: for one field, the first message wins.
      return failWith(
        [...problems, ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '_form', message: i.message })))],
        null,
      );
    }
    setErrors({});
    setFormError(null);
    setBusy(true);
    try {
      if (original) {
        const saved = await updateStructure(original.id, original.version, input);
        await navigate(`/annuaire/structures/${saved.id}`, { state: { notice: `Modifications enregistrées (version ${saved.version}).` } });
      } else {
        const saved = await createStructure(input);
        // The author of a proposal cannot open it until it is approved: thank them here.
        if (saved.status === 'pending' && !canEditStructure(me, saved)) {
          setProposed(saved.name);
          return;
        }
        await navigate(`/annuaire/structures/${saved.id}`, {
          state: {
            notice:
              saved.status === 'pending'
                ? 'Merci : votre proposition est enregistrée. Elle sera publiée dans l’annuaire après validation par un coordinateur de territoire ou un éditeur.'
                : 'Fiche créée et publiée dans l’annuaire.',
          },
        });
      }
    } catch (err) {
      if (err instanceof ApiError && err.field === 'version') {
        setConflict(true);
        setErrors({});
        setFormError(null);
      } else if (err instanceof ApiError && err.field) {
        failWith([{ path: err.field, message: err.message }], null);
      } else if (err instanceof ApiError) {
        failWith([], err.status === 403 ? 'Votre compte n’a pas le droit de modifier cette fiche. Vous pouvez signaler une erreur depuis la fiche.' : err.message);
      } else {
        console.error(err);
        failWith([], 'Une erreur inattendue s’est produite. Réessayez dans un instant.');
      }
    } finally {
      setBusy(false);
    }
  }

  const alertText = conflict ? null : formError;

  return (
    <div className="page structure-edit">
      <p className="breadcrumb">
        <Link to="/annuaire">Annuaire</Link> <span aria-hidden="true">›</span>{' '}
        {original ? <Link to={`/annuaire/structures/${original.id}`}>{original.name}</Link> : 'Nouvelle structure'}
      </p>
      <h1>{original ? 'Modifier la fiche' : 'Proposer une structure'}</h1>
      {original ? (
        <p className="lead">
          {original.name} — version {original.version}. Enregistrer confirme aussi que les informations sont à jour.
        </p>
      ) : (
        <p className="lead">
          {trusted
            ? 'La fiche sera publiée dès son enregistrement.'
            : 'Votre proposition sera publiée après validation par un coordinateur de territoire ou un éditeur.'}{' '}
          Les champs marqués «&nbsp;facultatif&nbsp;» peuvent rester vides.
        </p>
      )}
      {!mayEdit && (
        <p className="alert alert-warn">
          Votre compte ne semble pas avoir le droit de modifier cette fiche : l’enregistrement sera sans doute refusé. Vous pouvez plutôt{' '}
          <Link to={`/annuaire/structures/${original!.id}`}>signaler une erreur</Link>.
        </p>
      )}

      <div ref={alertRef} tabIndex={-1} role="alert" className={conflict || alertText ? 'alert alert-error' : 'visually-hidden'}>
        {conflict ? (
          <>
            <p>
              <strong>Cette fiche a été modifiée entre-temps</strong> par quelqu’un d’autre. Pour ne rien écraser, rechargez la version
              actuelle puis refaites vos changements (notez-les avant : ils seront remplacés).
            </p>
            <p className="actions">
              <button type="button" className="button" onClick={() => original && void load(original.id).then(() => setConflict(false))}>
                Charger la version actuelle
              </button>
              <a className="button button-secondary" href={`/annuaire/structures/${original?.id}`} target="_blank" rel="noopener">
                Voir la version actuelle dans un nouvel onglet
              </a>
            </p>
          </>
        ) : (
          alertText
        )}
      </div>

      <FieldErrorsContext.Provider value={errors}>
        <form ref={formRef} className="form edit-form" onSubmit={onSubmit} noValidate>
          <Section title="Identité">
            <Text path="name" label="Nom de la structure" value={d.name} onChange={(name) => update({ name })} maxLength={200} />
            <TypesField value={d.types} onChange={(types) => update({ types })} />
            <ParentPicker value={d.parent} selfId={original?.id ?? null} onChange={(parent) => update({ parent })} />
            <div className="field-row">
              <Text path="finess" label="N° FINESS" optional hint="9 caractères" value={d.finess} onChange={(finess) => update({ finess })} inputMode="text" />
              <Text path="siret" label="SIRET" optional hint="14 chiffres" value={d.siret} onChange={(siret) => update({ siret })} inputMode="numeric" />
              <Text path="rorId" label="Identifiant ROR" optional value={d.rorId} onChange={(rorId) => update({ rorId })} />
            </div>
          </Section>

          <Section title="Adresse">
            <Text path="addressLine" label="Adresse" optional hint="Numéro et voie, bâtiment" value={d.addressLine} onChange={(addressLine) => update({ addressLine })} autoComplete="street-address" />
            <CommuneSearch
              label="Commune (facultatif)"
              hint="Saisissez le nom ou le code postal, puis choisissez dans la liste."
              initialQuery={d.commune?.nom ?? ''}
              fieldPath="communeCode"
              error={errors.communeCode}
              onSelect={(c) =>
                update({
                  commune: c ? { code: c.code, nom: c.nom, codesPostaux: c.codesPostaux } : null,
                  postalCode: c ? (c.codesPostaux.length === 1 ? c.codesPostaux[0] : c.codesPostaux.includes(d.postalCode) ? d.postalCode : '') : '',
                })
              }
            />
            {d.commune && (
              <PostalCode codes={d.commune.codesPostaux} value={d.postalCode} onChange={(postalCode) => update({ postalCode })} />
            )}
            <div className="field-row">
              <Text path="latitude" label="Latitude" optional hint="Par exemple 45,6187" value={d.latitude} onChange={(latitude) => update({ latitude })} inputMode="decimal" />
              <Text path="longitude" label="Longitude" optional hint="Par exemple 6,7689" value={d.longitude} onChange={(longitude) => update({ longitude })} inputMode="decimal" />
            </div>
          </Section>

          <Section title="Pour qui">
            <Checkboxes
              path="audience"
              legend="Qui peut faire appel à la structure"
              options={(Object.keys(AUDIENCES) as Audience[]).map((a) => ({ value: a, label: AUDIENCES[a] }))}
              value={d.audience}
              onChange={(audience) => update({ audience: audience as Audience[] })}
            />
          </Section>

          <Section title="Téléphones et contacts">
            <p className="hint">
              Le numéro proposé «&nbsp;maintenant&nbsp;» est le premier contact ouvert (accueil, secrétariat) ; en dehors, la première ligne
              de nuit / week-end ouverte (astreinte, appui territorial).
            </p>
            <ContactsEditor contacts={d.contacts} onChange={(contacts) => update({ contacts })} />
          </Section>

          <Section title="Horaires d’ouverture">
            <label className="checkbox">
              <input type="checkbox" checked={d.hasOpeningHours} onChange={(e) => update({ hasOpeningHours: e.target.checked })} />
              <span>La structure a des horaires d’ouverture</span>
            </label>
            {d.hasOpeningHours && (
              <ScheduleEditor
                path="openingHours"
                legend="Horaires d’ouverture de la structure"
                hint="Une journée sans plage est fermée. Une plage dont l’heure de fin précède l’heure de début se termine le lendemain."
                value={d.openingHours}
                onChange={(openingHours) => update({ openingHours })}
              />
            )}
          </Section>

          <Section title="Accès">
            <div className="field-row">
              <Text path="accessDelayDays" label="Délai d’accès annoncé (jours)" optional hint="Délai habituel avant une première intervention" value={d.accessDelayDays} onChange={(accessDelayDays) => update({ accessDelayDays })} inputMode="numeric" />
              <Text path="accessDelayConfirmedAt" type="date" label="Délai confirmé le" optional value={d.accessDelayConfirmedAt} onChange={(accessDelayConfirmedAt) => update({ accessDelayConfirmedAt })} />
              <Text path="capacityBeds" label="Nombre de lits" optional hint="Unités et lits identifiés" value={d.capacityBeds} onChange={(capacityBeds) => update({ capacityBeds })} inputMode="numeric" />
            </div>
            <TextArea path="description" label="Description" optional hint="Missions, particularités, comment adresser un patient." value={d.description} onChange={(description) => update({ description })} />
          </Section>

          <Section title="Territoire couvert">
            <CoverageEditor
              departements={d.coverageDepartements}
              communes={d.coverageCommunes}
              onDepartements={(coverageDepartements) => update({ coverageDepartements })}
              onCommunes={(coverageCommunes) => update({ coverageCommunes })}
            />
          </Section>

          <p className="actions form-actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Enregistrement…' : original ? 'Enregistrer les modifications' : trusted ? 'Créer la fiche' : 'Envoyer la proposition'}
            </button>
            <Link to={original ? `/annuaire/structures/${original.id}` : '/annuaire'} className="button button-secondary">
              Annuler
            </Link>
          </p>
        </form>
      </FieldErrorsContext.Provider>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card edit-section" aria-labelledby={id}>
      <h2 id={id} className="h3">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Text({
  path,
  label,
  hint,
  optional,
  value,
  onChange,
  type = 'text',
  ...rest
}: {
  path: string;
  label: string;
  hint?: string;
  optional?: boolean;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  maxLength?: number;
  inputMode?: 'text' | 'numeric' | 'decimal';
  autoComplete?: string;
}) {
  const id = useId();
  const error = useFieldError(path);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-err` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> (facultatif)</span>}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <ErrorText id={`${id}-err`} message={error} />
      <input
        id={id}
        type={type}
        value={value}
        required={!optional}
        data-field={path}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => onChange(e.target.value)}
        {...rest}
      />
    </div>
  );
}

function TextArea({ path, label, hint, optional, value, onChange }: { path: string; label: string; hint?: string; optional?: boolean; value: string; onChange: (v: string) => void }) {
  const id = useId();
  const error = useFieldError(path);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-err` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> (facultatif)</span>}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <ErrorText id={`${id}-err`} message={error} />
      <textarea
        id={id}
        rows={6}
        maxLength={5000}
        value={value}
        data-field={path}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

function Checkboxes({
  path,
  legend,
  hint,
  options,
  value,
  onChange,
}: {
  path: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (v: string[]) => void;
}) {
  const id = useId();
  const error = useFieldError(path);
  return (
    <fieldset className={`field checkbox-group${error ? ' field-invalid' : ''}`} aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-err` : ''].join(' ').trim() || undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <ErrorText id={`${id}-err`} message={error} />
      <div className="checkbox-options">
        {options.map((o, i) => (
          <label key={o.value} className="checkbox">
            <input
              type="checkbox"
              checked={value.includes(o.value)}
              data-field={i === 0 ? path : undefined}
              aria-invalid={i === 0 && error ? true : undefined}
              onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function TypesField({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const { types, byCode, error } = useStructureTypes();
  if (error) return <p className="alert alert-error">{error}</p>;
  if (!types) return <Loading label="Chargement des types de structure…" />;
  const main = value[0] ? byCode.get(value[0])?.label ?? value[0] : null;
  // Editors see which type descriptions are not (or not generally) backed by their source, and why.
  const flagged = value.map((code) => byCode.get(code)).filter((t) => t?.editorReview);
  return (
    <>
      <Checkboxes
        path="types"
        legend="Types de structure"
        hint={`Jusqu’à 6 types. Le premier coché est le type principal, sous lequel la structure est classée${main ? ` : ${main}` : ''}. « À revoir » : description du type à revoir par un éditeur.`}
        options={types.map((t) => ({ value: t.code, label: t.editorReview ? `${t.label} — à revoir` : t.label }))}
        value={value}
        onChange={onChange}
      />
      {flagged.length > 0 && (
        <div className="alert alert-warn" data-testid="type-review">
          <p>Description de type à revoir par un éditeur :</p>
          <ul>
            {flagged.map((t) => (
              <li key={t!.code}>
                <strong>{t!.label}</strong> : {t!.editorReviewReason ?? 'texte sans source à vérifier.'}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function PostalCode({ codes, value, onChange }: { codes: string[]; value: string; onChange: (v: string) => void }) {
  const id = useId();
  const error = useFieldError('postalCode');
  if (codes.length === 0) return null;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>Code postal</label>
      <ErrorText id={`${id}-err`} message={error} />
      <select
        id={id}
        value={value}
        data-field="postalCode"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {codes.length > 1 && <option value="">Choisissez le code postal</option>}
        {codes.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The organisation an entry belongs to (a hospital, a network), found by name in the directory. */
function ParentPicker({
  value,
  selfId,
  onChange,
}: {
  value: { id: string; name: string } | null;
  selfId: string | null;
  onChange: (v: { id: string; name: string } | null) => void;
}) {
  const id = useId();
  const error = useFieldError('parentId');
  const [q, setQ] = useState('');
  const [results, setResults] = useState<StructureSummary[] | null>(null);
  const [status, setStatus] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);

  async function search() {
    if (q.trim().length < 2) {
      setStatus('Saisissez au moins 2 caractères.');
      return;
    }
    setStatus('Recherche…');
    try {
      const found = await searchStructures({ q: q.trim(), pageSize: 8 });
      const items = found.items.filter((s) => s.id !== selfId);
      setResults(items);
      setStatus(items.length ? `${items.length} résultat${items.length > 1 ? 's' : ''}.` : 'Aucune structure trouvée.');
    } catch (err) {
      setStatus(err instanceof ApiError ? err.message : 'La recherche a échoué.');
    }
  }

  return (
    <div className={`field parent-picker${error ? ' field-invalid' : ''}`}>
      {value ? (
        <>
          <p className="field-label" id={`${id}-label`}>
            Organisation de rattachement <span className="optional">(facultatif)</span>
          </p>
          <ErrorText id={`${id}-err`} message={error} />
          <p className="chosen">
            <span>{value.name}</span>{' '}
            <button
              type="button"
              className="button button-secondary button-small"
              data-field="parentId"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-err` : undefined}
              onClick={() => {
                onChange(null);
                window.requestAnimationFrame(() => inputRef.current?.focus());
              }}
            >
              Retirer le rattachement<span className="visually-hidden"> à {value.name}</span>
            </button>
          </p>
        </>
      ) : (
        <>
          <label htmlFor={id}>
            Organisation de rattachement <span className="optional">(facultatif)</span>
          </label>
          <p className="hint" id={`${id}-hint`}>
            L’hôpital, le réseau ou le groupement dont dépend la structure : cherchez-le par son nom.
          </p>
          <ErrorText id={`${id}-err`} message={error} />
          <div className="inline-add">
            <input
              ref={inputRef}
              id={id}
              type="search"
              value={q}
              data-field="parentId"
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`}
              onChange={(e) => setQ(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void search();
                }
              }}
            />
            <button type="button" className="button button-secondary" onClick={() => void search()}>
              Chercher
            </button>
          </div>
          <p className="combobox-status" role="status">
            {status}
          </p>
          {results && results.length > 0 && (
            <ul className="parent-results">
              {results.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => {
                      onChange({ id: s.id, name: s.name });
                      setResults(null);
                      setQ('');
                      setStatus('');
                    }}
                  >
                    Choisir<span className="visually-hidden"> comme rattachement :</span> {s.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
