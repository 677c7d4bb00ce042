import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { timeZoneForDepartement, type CoverageAnswer, type CoverageStructure, type StructureType } from '@palliance/core';
import { getCoverage, links } from '../../api/directory';
import { ApiError } from '../../api/http';
import { useSession } from '../../session/session-context';
import { plural } from '../../ui/format';
import { TextField } from '../../ui/forms';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { departementLabel, useTerritory } from '../../ui/territory-hooks';
import { CALL_REASONS, delayLabel, formatIsoDate, fullMoment, localNow, localToIso, momentIn, telHref } from './directory-format';
import { PhoneIcon } from './PhoneIcon';
import { useStructureTypes } from './structure-types-hook';
import './directory.css';

/** The department of an INSEE commune code: 2 characters, 3 overseas. */
const departementOf = (code: string) => (code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2));

const LOCAL_AT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

/**
 * "Qui appeler ?" for one commune: the structures covering it, grouped by type, each with the number
 * that answers at this moment (or at the moment chosen), in large tap targets for a phone held in one hand.
 */
export function CommunePage() {
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const atParam = params.get('at') ?? '';
  const timeZone = timeZoneForDepartement(departementOf(code));
  const local = LOCAL_AT.exec(atParam);
  // The address keeps the wall-clock time of the commune (?at=2026-11-21T21:00); the API wants an offset.
  const atIso = local ? localToIso(local[1], local[2], timeZone) : atParam && /[zZ]|[+-]\d{2}:\d{2}$/.test(atParam) ? atParam : null;
  const badAt = atParam !== '' && !atIso;

  const [answer, setAnswer] = useState<CoverageAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const { byCode } = useStructureTypes();
  const { territory } = useTerritory();
  const { me } = useSession();

  usePageTitle(answer ? `Qui appeler pour ${answer.commune.nom} ?` : 'Qui appeler ?');

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    getCoverage(code, atIso ?? undefined, controller.signal).then(
      (a) => {
        setAnswer(a);
        setLoading(false);
      },
      (err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        setAnswer(null);
        setError(
          err instanceof ApiError
            ? err.status === 404 || err.status === 400
              ? `Cette commune est introuvable (code ${code}). Cherchez-la par son nom dans l’annuaire.`
              : err.message
            : 'Les structures de cette commune sont indisponibles pour le moment.',
        );
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [code, atIso]);

  const commune = answer?.commune;
  const dep = commune ? territory?.departements.find((d) => d.code === commune.departement) : null;
  const at = answer ? new Date(answer.at) : null;
  const count = answer ? answer.groups.reduce((n, g) => n + g.structures.length, 0) : 0;
  const isNow = !atIso;

  function chooseMoment(date: string, time: string) {
    const next = new URLSearchParams(params);
    next.set('at', `${date}T${time}`);
    setParams(next);
  }

  function backToNow() {
    const next = new URLSearchParams(params);
    next.delete('at');
    setParams(next);
  }

  return (
    <div className="page commune-page">
      <p className="breadcrumb">
        <Link to="/annuaire">Annuaire</Link> <span aria-hidden="true">›</span> Qui appeler ?
      </p>
      <h1>{commune ? `Qui appeler pour ${commune.nom}\u00a0?` : 'Qui appeler\u00a0?'}</h1>
      {commune && (
        <p className="commune-meta">
          {commune.codesPostaux.join(', ')} · {dep ? departementLabel(dep.code, dep.nom) : commune.departement}
        </p>
      )}

      <p className="alert alert-warn emergency">
        <strong>
          Urgence vitale : appelez le{' '}
          <a href="tel:15" className="emergency-number">
            15
          </a>
        </strong>
      </p>

      <div className="moment-line" aria-live="polite">
        {badAt ? (
          <p className="alert alert-error">Le moment demandé n’est pas valide. Voici la situation actuelle.</p>
        ) : at && commune ? (
          <p>
            {isNow ? 'Maintenant' : 'Au moment choisi'} : <strong>{fullMoment(at, timeZone)}</strong>
            {timeZone !== 'Europe/Paris' ? ' (heure locale)' : ''} · {plural(count, 'structure', 'structures')}
          </p>
        ) : null}
      </div>

      <MomentPicker
        key={atParam}
        timeZone={timeZone}
        initial={local ? { date: local[1], time: local[2] } : localNow(timeZone)}
        isNow={isNow}
        onChoose={chooseMoment}
        onNow={backToNow}
      />

      {error ? (
        <div className="alert alert-error" role="alert">
          <p>{error}</p>
          <p>
            <Link to="/annuaire">Retour à l’annuaire</Link>
          </p>
        </div>
      ) : loading && !answer ? (
        <Loading label="Recherche des structures qui couvrent la commune…" />
      ) : answer && commune && at ? (
        <div aria-busy={loading}>
          {answer.groups.length === 0 ? (
            <div className="card">
              <h2 className="h3">Aucune structure de l’annuaire ne couvre encore {commune.nom}</h2>
              <p>
                En attendant, le médecin traitant, l’HAD ou le DAC de votre département peuvent vous orienter.{' '}
                <Link to={`/annuaire?departement=${encodeURIComponent(commune.departement)}`}>
                  Voir les structures du département {dep ? dep.nom : commune.departement}
                </Link>
                .
              </p>
              {me && (
                <p>
                  Vous connaissez une structure qui intervient ici ? <Link to="/annuaire/structures/nouvelle">Proposez-la</Link>.
                </p>
              )}
            </div>
          ) : (
            answer.groups.map((g) => (
              <CallGroup key={g.type} group={g} type={byCode.get(g.type)} at={at} timeZone={timeZone} isNow={isNow} />
            ))
          )}

          <section className="card downloads" aria-labelledby="fiche-titre">
            <h2 id="fiche-titre" className="h3">
              À afficher au cabinet ou à glisser dans le dossier du patient
            </h2>
            <p>
              La fiche reprend les numéros de cette page{isNow ? '' : ' pour le moment choisi'} ; le QR code ouvre cette page sur un
              téléphone.
            </p>
            <p className="actions">
              <a className="button" href={links.communeCard(commune.code, atIso ?? undefined)} download>
                Télécharger la fiche «&nbsp;Qui appeler&nbsp;?&nbsp;» (PDF)
              </a>
            </p>
            <p className="actions">
              <a className="button button-secondary" href={links.communeQr(commune.code, 'svg')} download>
                QR code (SVG)
              </a>
              <a className="button button-secondary" href={links.communeQr(commune.code, 'png')} download>
                QR code (PNG)
              </a>
            </p>
          </section>
        </div>
      ) : null}
    </div>
  );
}

function MomentPicker({
  timeZone,
  initial,
  isNow,
  onChoose,
  onNow,
}: {
  timeZone: string;
  initial: { date: string; time: string };
  isNow: boolean;
  onChoose: (date: string, time: string) => void;
  onNow: () => void;
}) {
  const [open, setOpen] = useState(!isNow);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [errors, setErrors] = useState<{ date?: string; time?: string }>({});

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const next: typeof errors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) next.date = 'Choisissez une date.';
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) next.time = 'Choisissez une heure (par exemple 21:00).';
    if (!next.date && !next.time && !localToIso(date, time, timeZone)) next.date = 'Ce moment n’existe pas.';
    setErrors(next);
    if (next.date || next.time) {
      e.currentTarget.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    onChoose(date, time);
  }

  return (
    <details className="disclosure moment-picker" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Voir à un autre moment</summary>
      <form onSubmit={onSubmit} noValidate aria-label="Voir à un autre moment">
        <p className="hint">
          Pour savoir qui répondra un soir, un week-end ou un jour férié.
          {timeZone !== 'Europe/Paris' ? ' Heure locale de la commune.' : ''}
        </p>
        <div className="field-row moment-fields">
          <TextField name="date" type="date" label="Date" value={date} error={errors.date} onChange={(e) => setDate(e.target.value)} />
          <TextField
            name="time"
            type="time"
            label="Heure"
            step={60}
            value={time}
            error={errors.time}
            onChange={(e) => setTime(e.target.value)}
          />
        </div>
        <p className="actions">
          <button type="submit" className="button">
            Afficher ce moment
          </button>
          {!isNow && (
            <button type="button" className="button button-secondary" onClick={onNow}>
              Revenir à maintenant
            </button>
          )}
        </p>
      </form>
    </details>
  );
}

function CallGroup({
  group,
  type,
  at,
  timeZone,
  isNow,
}: {
  group: CoverageAnswer['groups'][number];
  type: StructureType | undefined;
  at: Date;
  timeZone: string;
  isNow: boolean;
}) {
  const id = useId();
  const [help, setHelp] = useState(false);
  return (
    <section className="call-group" aria-labelledby={`${id}-title`}>
      <div className="group-head">
        <h2 id={`${id}-title`}>{group.label}</h2>
        {type && (
          <button
            type="button"
            className="type-help"
            aria-expanded={help}
            aria-controls={`${id}-help`}
            onClick={() => setHelp((h) => !h)}
          >
            <span aria-hidden="true">?</span>
            <span className="visually-hidden">Qu’est-ce que : {group.label} ?</span>
          </button>
        )}
      </div>
      {type && (
        <div id={`${id}-help`} className="type-help-panel" hidden={!help}>
          <p>{type.description}</p>
          {type.editorReview && <p className="badge badge-warn">Description à revoir par un éditeur</p>}
          {type.source && <p className="small muted">Source : {type.source}</p>}
        </div>
      )}
      <ul className="call-list">
        {group.structures.map((s) => (
          <CallCard key={s.id} s={s} at={at} timeZone={timeZone} isNow={isNow} />
        ))}
      </ul>
    </section>
  );
}

function CallCard({ s, at, timeZone, isNow }: { s: CoverageStructure; at: Date; timeZone: string; isNow: boolean }) {
  return (
    <li className="card call-card">
      <h3>
        <Link to={s.url}>{s.name}</Link>
      </h3>
      {(s.isDemo || s.toVerify) && (
        <p className="badges">
          {s.isDemo && <span className="badge badge-info">Fiche de démonstration</span>}
          {s.toVerify && <span className="badge badge-warn">À vérifier</span>}
        </p>
      )}
      {s.call ? (
        <div className={`call-now call-${s.call.reason}`}>
          <p className="call-reason">
            <strong>{CALL_REASONS[s.call.reason]}</strong>
            {s.call.openUntil ? <> — jusqu’à {momentIn(s.call.openUntil, timeZone, at)}</> : s.call.reason === 'ligne_nuit_weekend' ? ' — 24 h/24' : ''}
          </p>
          <a className="call-button" href={telHref(s.call.number)}>
            <PhoneIcon />
            <span className="call-text">
              <span className="call-verb">{isNow ? 'Appeler' : 'Numéro'}</span>
              <span className="call-number">{s.call.number}</span>
            </span>
          </a>
          {s.call.label && <p className="call-label">{s.call.label}</p>}
        </div>
      ) : (
        <p className="call-none">
          <strong>Personne ne répond {isNow ? 'maintenant' : 'à ce moment'}</strong>
          {' — '}
          {s.nextOpening ? <>prochaine ouverture : {momentIn(s.nextOpening, timeZone, at)}</> : 'aucune ouverture prévue dans les 14 jours'}
        </p>
      )}
      <dl className="details details-inline call-details">
        <div>
          <dt>Délai d’accès annoncé</dt>
          <dd>
            {s.accessDelayDays == null ? 'non communiqué' : delayLabel(s.accessDelayDays)}
            {s.accessDelayDays != null && s.accessDelayConfirmedAt && <> (confirmé le {formatIsoDate(s.accessDelayConfirmedAt)})</>}
          </dd>
        </div>
        <div>
          <dt>Intervient</dt>
          <dd>{s.coversWholeDepartement ? 'dans tout le département' : 'dans cette commune'}</dd>
        </div>
        {s.email && (
          <div>
            <dt>E-mail</dt>
            <dd>
              <a href={`mailto:${s.email}`}>{s.email}</a>
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}
