import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { AUDIENCES, describeSchedule, numberToCall, type DirectoryContact, type Structure } from '@palliance/core';
import { getStructure, links, setStructureStatus } from '../../api/directory';
import { ApiError } from '../../api/http';
import { useSession } from '../../session/session-context';
import { formatDate, formatDateTime, formatNumber, plural } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { departementLabel, useTerritory } from '../../ui/territory-hooks';
import {
  CALL_REASONS,
  canApprove,
  canEditStructure,
  CONTACT_KINDS,
  delayLabel,
  formatIsoDate,
  momentIn,
  PHONE_KINDS,
  STATUS_LABELS,
  telHref,
} from './directory-format';
import { PhoneIcon } from './PhoneIcon';
import { ReportForm } from './ReportForm';
import { StructureReports } from './StructureReports';
import { StructureVersions } from './StructureVersions';
import { useStructureTypes } from './structure-types-hook';
import './directory.css';

const COMMUNES_SHOWN = 30;

export function StructurePage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { me } = useSession();
  const [structure, setStructure] = useState<Structure | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(structure ? structure.name : 'Fiche de structure');

  // Wait for the session: signing in may reveal a fiche awaiting approval (404 for visitors).
  const viewer = me === undefined ? null : (me?.id ?? 'visiteur');

  useEffect(() => {
    if (!viewer) return;
    const controller = new AbortController();
    setError(null);
    getStructure(id, controller.signal).then(setStructure, (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(
        err instanceof ApiError && (err.status === 404 || err.status === 400)
          ? 'Cette structure n’existe pas dans l’annuaire, ou sa fiche attend encore d’être validée.'
          : err instanceof ApiError
            ? err.message
            : 'Cette fiche est indisponible pour le moment.',
      );
    });
    return () => controller.abort();
  }, [id, viewer]);

  if (error) {
    return (
      <div className="page narrow">
        <p className="breadcrumb">
          <Link to="/annuaire">Annuaire</Link>
        </p>
        <h1>Fiche introuvable</h1>
        <p className="alert alert-error" role="alert">
          {error}
        </p>
        <p>
          <Link to="/annuaire">Chercher dans l’annuaire</Link>
        </p>
      </div>
    );
  }
  if (!structure) {
    // Same place for the heading as the loaded page: the focus the layout put on it is kept.
    return (
      <div className="page">
        <p className="breadcrumb">
          <Link to="/annuaire">Annuaire</Link> <span aria-hidden="true">›</span> Fiche de structure
        </p>
        <h1>Fiche de structure</h1>
        <Loading label="Chargement de la fiche…" />
      </div>
    );
  }

  const s = structure;
  const mayEdit = canEditStructure(me, s);
  const mayApprove = canApprove(me, s.departement);

  async function changeStatus(status: 'published' | 'archived', confirmText: string | null, done: string) {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    setStatusError(null);
    setNotice(null);
    try {
      setStructure(await setStructureStatus(s.id, status));
      setNotice(done);
    } catch (err) {
      setStatusError(err instanceof ApiError ? err.message : 'L’action a échoué. Réessayez.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page structure-page">
      <p className="breadcrumb">
        <Link to="/annuaire">Annuaire</Link> <span aria-hidden="true">›</span> Fiche de structure
      </p>
      <h1>{s.name}</h1>
      {(s.isDemo || s.toVerify || s.status !== 'published') && (
        <p className="badges">
          {s.status !== 'published' && <span className="badge badge-danger">{STATUS_LABELS[s.status]}</span>}
          {s.isDemo && <span className="badge badge-info">Fiche de démonstration</span>}
          {s.toVerify && <span className="badge badge-warn">À vérifier</span>}
        </p>
      )}

      <div aria-live="polite">{notice && <p className="alert alert-success">{notice}</p>}</div>
      {s.isDemo && (
        <p className="alert alert-info">
          Fiche de démonstration : la structure est fictive et ses numéros (01&nbsp;99&nbsp;00&nbsp;…) sont réservés à la fiction.
        </p>
      )}
      {s.toVerify && (
        <div className="alert alert-warn">
          <p>
            <strong>À vérifier :</strong> ces informations n’ont pas été confirmées depuis le {formatDate(s.confirmedAt)} (plus de six
            mois). Appelez avant d’orienter un patient, et signalez ce qui a changé.
          </p>
        </div>
      )}
      {s.status === 'pending' && (
        <p className="alert alert-info">Cette fiche est une proposition : elle n’est visible dans l’annuaire qu’après validation.</p>
      )}
      {s.status === 'archived' && <p className="alert alert-warn">Cette fiche est archivée : elle n’apparaît plus dans l’annuaire.</p>}

      {(mayEdit || mayApprove) && (
        <div className="card manage-bar">
          <h2 className="h4">Gérer la fiche</h2>
          <p className="actions">
            {mayEdit && (
              <Link to={`/annuaire/structures/${s.id}/modifier`} className="button">
                Modifier
              </Link>
            )}
            {s.status === 'pending' && mayApprove && (
              <button type="button" className="button" disabled={busy} onClick={() => void changeStatus('published', null, 'Fiche validée et publiée.')}>
                Valider et publier
              </button>
            )}
            {s.status === 'published' && mayEdit && (
              <button
                type="button"
                className="button button-danger-outline"
                disabled={busy}
                onClick={() =>
                  void changeStatus('archived', `Archiver « ${s.name} » ? Elle n’apparaîtra plus dans l’annuaire.`, 'Fiche archivée.')
                }
              >
                Archiver
              </button>
            )}
            {s.status === 'archived' && mayEdit && (
              <button type="button" className="button button-secondary" disabled={busy} onClick={() => void changeStatus('published', null, 'Fiche publiée à nouveau.')}>
                Publier à nouveau
              </button>
            )}
          </p>
          {statusError && (
            <p className="alert alert-error" role="alert">
              {statusError}
            </p>
          )}
        </div>
      )}

      <div className="structure-layout">
        <div className="structure-main">
          <CallNow s={s} />
          <Details s={s} />
        </div>
        <aside className="structure-aside" aria-label="Fiche imprimable et QR code">
          <PrintAndQr s={s} />
        </aside>
      </div>

      <StructureVersions id={s.id} version={s.version} />

      {mayEdit && <StructureReports id={s.id} />}

      {s.status !== 'archived' && <ReportForm id={s.id} signedIn={!!me} />}
    </div>
  );
}

/** The same rule as the commune page, computed here for the present moment. */
function CallNow({ s }: { s: Structure }) {
  const [now] = useState(() => new Date());
  let call: ReturnType<typeof numberToCall<DirectoryContact>> | null;
  try {
    call = numberToCall(s.contacts, now, s.timeZone, s.departement ?? undefined, s.openingHours ?? undefined);
  } catch {
    call = null;
  }
  if (!call || !s.contacts.some((c) => PHONE_KINDS.includes(c.kind))) return null;
  return (
    <section className="card call-card call-now-card" aria-labelledby="appeler-titre">
      <h2 id="appeler-titre" className="h3">
        Qui appeler maintenant
      </h2>
      {call.contact ? (
        <div className={`call-now call-${call.reason}`}>
          <p className="call-reason">
            <strong>{CALL_REASONS[call.reason]}</strong>
            {call.openUntil ? <> — jusqu’à {momentIn(call.openUntil.toISOString(), s.timeZone, now)}</> : call.reason === 'ligne_nuit_weekend' ? ' — 24 h/24' : ''}
          </p>
          <a className="call-button" href={telHref(call.contact.value)}>
            <PhoneIcon />
            <span className="call-text">
              <span className="call-verb">Appeler</span>
              <span className="call-number">{call.contact.value}</span>
            </span>
          </a>
          {call.contact.label && <p className="call-label">{call.contact.label}</p>}
        </div>
      ) : (
        <p className="call-none">
          <strong>Personne ne répond maintenant</strong> —{' '}
          {call.nextOpening ? <>prochaine ouverture : {momentIn(call.nextOpening.toISOString(), s.timeZone, now)}</> : 'aucune ouverture prévue dans les 14 jours'}
        </p>
      )}
    </section>
  );
}

function ScheduleLines({ lines }: { lines: string[] }) {
  return (
    <ul className="schedule-lines">
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}

function ContactValue({ c }: { c: DirectoryContact }) {
  if (PHONE_KINDS.includes(c.kind)) {
    return (
      <a href={telHref(c.value)} className="contact-phone">
        {c.value}
      </a>
    );
  }
  if (c.kind === 'email' || c.kind === 'mssante') return <a href={`mailto:${c.value}`}>{c.value}</a>;
  return <>{c.value}</>;
}

function Details({ s }: { s: Structure }) {
  const { byCode } = useStructureTypes();
  const { territory } = useTerritory();
  const depName = (code: string) => {
    const d = territory?.departements.find((x) => x.code === code);
    return d ? departementLabel(d.code, d.nom) : code;
  };
  const communes = s.coverage.communes;

  return (
    <>
      <section className="card" aria-labelledby="types-titre">
        <h2 id="types-titre" className="h3">
          {s.types.length > 1 ? 'Types de structure' : 'Type de structure'}
        </h2>
        <ul className="type-list">
          {s.types.map((code) => {
            const t = byCode.get(code);
            return (
              <li key={code}>
                {t ? (
                  <details className="disclosure">
                    <summary>{t.label}</summary>
                    <p>{t.description}</p>
                    {t.editorReview && <p className="badge badge-warn">Description à revoir par un éditeur</p>}
                    {t.source && <p className="small muted">Source : {t.source}</p>}
                  </details>
                ) : (
                  code
                )}
              </li>
            );
          })}
        </ul>
        {s.description && <p className="structure-description">{s.description}</p>}
      </section>

      <section className="card" aria-labelledby="contacts-titre">
        <h2 id="contacts-titre" className="h3">
          Contacts
        </h2>
        {s.contacts.length === 0 ? (
          <p>Aucun contact renseigné.</p>
        ) : (
          <ul className="contact-list">
            {s.contacts.map((c, i) => (
              <li key={i}>
                <p className="contact-head">
                  <span className="contact-kind">{c.label ?? CONTACT_KINDS[c.kind]}</span>
                  {c.label && <span className="small muted"> ({CONTACT_KINDS[c.kind]})</span>}
                  <br />
                  <ContactValue c={c} />
                </p>
                {PHONE_KINDS.includes(c.kind) &&
                  (c.alwaysOn ? (
                    <p className="small">Joignable 24&nbsp;h/24, 7&nbsp;jours/7.</p>
                  ) : c.schedule ? (
                    <ScheduleLines lines={describeSchedule(c.schedule)} />
                  ) : s.openingHours ? (
                    <p className="small">Aux heures d’ouverture de la structure.</p>
                  ) : (
                    <p className="small muted">Horaires non communiqués.</p>
                  ))}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="infos-titre">
        <h2 id="infos-titre" className="h3">
          Informations pratiques
        </h2>
        <dl className="details">
          <div>
            <dt>Horaires d’ouverture</dt>
            <dd>{s.openingHours ? <ScheduleLines lines={describeSchedule(s.openingHours)} /> : 'Non communiqués'}</dd>
          </div>
          <div>
            <dt>Adresse</dt>
            <dd>
              {s.addressLine || s.communeName ? (
                <>
                  {s.addressLine && (
                    <>
                      {s.addressLine}
                      <br />
                    </>
                  )}
                  {[s.postalCode, s.communeName].filter(Boolean).join(' ')}
                  {s.departement && <> ({depName(s.departement)})</>}
                </>
              ) : (
                'Non communiquée'
              )}
              {s.latitude != null && s.longitude != null && (
                <>
                  <br />
                  <span className="small muted">
                    Coordonnées : {s.latitude.toLocaleString('fr-FR', { maximumFractionDigits: 5 })},{' '}
                    {s.longitude.toLocaleString('fr-FR', { maximumFractionDigits: 5 })}
                  </span>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>Pour qui</dt>
            <dd>{s.audience.map((a) => AUDIENCES[a]).join(', ')}</dd>
          </div>
          <div>
            <dt>Délai d’accès annoncé</dt>
            <dd>
              {s.accessDelayDays == null ? 'Non communiqué' : delayLabel(s.accessDelayDays)}
              {s.accessDelayConfirmedAt && <> — confirmé le {formatIsoDate(s.accessDelayConfirmedAt)}</>}
            </dd>
          </div>
          {s.capacityBeds != null && (
            <div>
              <dt>Capacité</dt>
              <dd>{plural(s.capacityBeds, 'lit', 'lits')}</dd>
            </div>
          )}
          {s.parentId && (
            <div>
              <dt>Rattachée à</dt>
              <dd>
                <Link to={`/annuaire/structures/${s.parentId}`}>{s.parentName ?? 'Organisation de rattachement'}</Link>
              </dd>
            </div>
          )}
          {(s.finess || s.siret || s.rorId) && (
            <div>
              <dt>Identifiants</dt>
              <dd>
                {[s.finess && `FINESS ${s.finess}`, s.siret && `SIRET ${s.siret}`, s.rorId && `ROR ${s.rorId}`].filter(Boolean).join(' · ')}
              </dd>
            </div>
          )}
          <div>
            <dt>Dernière confirmation</dt>
            <dd>
              {formatDateTime(s.confirmedAt)} (version {formatNumber(s.version)})
            </dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="territoire-titre">
        <h2 id="territoire-titre" className="h3">
          Territoire couvert
        </h2>
        {s.coverage.departements.length === 0 && communes.length === 0 && <p>Non renseigné.</p>}
        {s.coverage.departements.length > 0 && (
          <p>
            {s.coverage.departements.length > 1 ? 'Départements entiers : ' : 'Tout le département : '}
            {s.coverage.departements.map(depName).join(', ')}
          </p>
        )}
        {communes.length > 0 && (
          <>
            <p>{plural(communes.length, 'commune', 'communes')} :</p>
            <ul className="chip-list">
              {communes.slice(0, COMMUNES_SHOWN).map((c) => (
                <li key={c.code}>
                  <Link className="chip" to={`/annuaire/communes/${c.code}`}>
                    {c.nom}
                  </Link>
                </li>
              ))}
            </ul>
            {communes.length > COMMUNES_SHOWN && (
              <details className="disclosure">
                <summary>Voir les {formatNumber(communes.length - COMMUNES_SHOWN)} autres communes</summary>
                <ul className="chip-list">
                  {communes.slice(COMMUNES_SHOWN).map((c) => (
                    <li key={c.code}>
                      <Link className="chip" to={`/annuaire/communes/${c.code}`}>
                        {c.nom}
                      </Link>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </>
        )}
      </section>
    </>
  );
}

function PrintAndQr({ s }: { s: Structure }) {
  const [qrFailed, setQrFailed] = useState(false);
  return (
    <section className="card qr-card" aria-labelledby="qr-titre">
      <h2 id="qr-titre" className="h3">
        À imprimer et à partager
      </h2>
      <p className="actions">
        <a className="button" href={links.structureCard(s.id)} download>
          Télécharger la fiche «&nbsp;Qui appeler&nbsp;?&nbsp;» (PDF)
        </a>
      </p>
      {qrFailed ? (
        <p className="small muted">Le QR code n’est pas disponible pour le moment.</p>
      ) : (
        <img
          className="qr qr-structure"
          src={links.structureQr(s.id, 'svg')}
          width={180}
          height={180}
          loading="lazy"
          alt={`QR code menant à la fiche de ${s.name} sur Palliance`}
          onError={() => setQrFailed(true)}
        />
      )}
      <p className="actions">
        <a className="button button-secondary button-small" href={links.structureQr(s.id, 'svg')} download>
          QR code (SVG)
        </a>
        <a className="button button-secondary button-small" href={links.structureQr(s.id, 'png')} download>
          QR code (PNG)
        </a>
      </p>
      <p className="small muted">À afficher au cabinet ou dans la maison de santé : le QR code ouvre cette fiche sur un téléphone.</p>
    </section>
  );
}
