import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { EVENT_KINDS, PROFESSIONS, parisToUtc, toParisWallTime, type EventDetail, type EventInput, type EventKind } from '@palliance/core';
import { ApiError } from '../../api/http';
import { createEvent, getEvent, updateEvent } from '../../api/events';
import { RequireAuth } from '../../session/RequireAuth';
import { useSession } from '../../session/session-context';
import { CommuneSearch } from '../../ui/CommuneSearch';
import { DepartementSelect } from '../../ui/DepartementSelect';
import { FormAlert, SelectField, TextAreaField, TextField, useFormFeedback } from '../../ui/forms';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { organiserDepartements } from './events-format';
import './events.css';

interface FormState {
  kind: EventKind;
  title: string;
  description: string;
  audience: string[];
  organiserName: string;
  organiserEmail: string;
  organiserPhone: string;
  departement: string;
  communeCode: string;
  communeName: string;
  address: string;
  videoUrl: string;
  seatCap: string;
  status: 'draft' | 'published' | 'cancelled';
  date: string;
  startTime: string;
  endTime: string;
  freq: 'weekly' | 'monthly';
  setPos: string;
  weekday: string;
  time: string;
  durationMinutes: string;
  startDate: string;
  count: string;
  source: string | null;
  courseId: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const wallDate = (iso: string) => {
  const w = toParisWallTime(new Date(iso));
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
};

const EMPTY: FormState = {
  kind: 'workshop',
  title: '',
  description: '',
  audience: [],
  organiserName: '',
  organiserEmail: '',
  organiserPhone: '',
  departement: '',
  communeCode: '',
  communeName: '',
  address: '',
  videoUrl: '',
  seatCap: '',
  status: 'draft',
  date: '',
  startTime: '20:00',
  endTime: '21:30',
  freq: 'monthly',
  setPos: '2',
  weekday: '2',
  time: '20:00',
  durationMinutes: '60',
  startDate: '',
  count: '6',
  source: null,
  courseId: null,
};

function fromDetail(e: EventDetail): FormState {
  const first = e.occurrences[0];
  const s = first ? wallDate(first.startsAt) : { date: '', time: '20:00' };
  const end = first ? wallDate(first.endsAt) : { time: '21:30' };
  return {
    ...EMPTY,
    kind: e.kind,
    title: e.title,
    description: e.description,
    audience: e.audience,
    organiserName: e.organiserName,
    organiserEmail: e.organiserEmail ?? '',
    organiserPhone: e.organiserPhone ?? '',
    departement: e.departement,
    communeCode: e.communeCode ?? '',
    communeName: e.communeName ?? '',
    address: e.address ?? '',
    videoUrl: e.videoUrl ?? '',
    seatCap: e.seatCap ? String(e.seatCap) : '',
    status: e.status,
    date: s.date,
    startTime: s.time,
    endTime: end.time,
    ...(e.recurrence
      ? {
          freq: e.recurrence.freq,
          setPos: String(e.recurrence.setPos ?? 1),
          weekday: String(e.recurrence.weekday),
          time: e.recurrence.time,
          durationMinutes: String(e.recurrence.durationMinutes),
          startDate: e.recurrence.startDate,
          count: String(e.recurrence.count),
        }
      : {}),
    source: e.source,
    courseId: e.courseId,
  };
}

function paris(date: string, time: string): string | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  return parisToUtc({ year: +d[1], month: +d[2], day: +d[3], hour: +t[1], minute: +t[2] }).toISOString();
}

function toInput(f: FormState): EventInput {
  const base = {
    kind: f.kind,
    title: f.title,
    description: f.description,
    audience: f.audience,
    organiserName: f.organiserName,
    organiserEmail: f.organiserEmail.trim() || null,
    organiserPhone: f.organiserPhone.trim() || null,
    departement: f.departement,
    communeCode: f.communeCode || null,
    address: f.address.trim() || null,
    videoUrl: f.videoUrl.trim() || null,
    seatCap: f.seatCap ? Number(f.seatCap) : null,
    status: f.status,
    source: f.source,
    courseId: f.courseId,
  };
  if (f.kind === 'exchange_group') {
    return {
      ...base,
      recurrence: {
        freq: f.freq,
        interval: 1,
        weekday: Number(f.weekday),
        setPos: f.freq === 'monthly' ? (Number(f.setPos) as 1 | 2 | 3 | 4 | -1) : null,
        time: f.time,
        durationMinutes: Number(f.durationMinutes),
        startDate: f.startDate,
        count: Number(f.count),
      },
    } as EventInput;
  }
  return { ...base, startsAt: paris(f.date, f.startTime), endsAt: paris(f.date, f.endTime) } as EventInput;
}

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'].map((l, i) => ({ value: String(i + 1), label: l }));
const POSITIONS = [
  { value: '1', label: '1er' },
  { value: '2', label: '2e' },
  { value: '3', label: '3e' },
  { value: '4', label: '4e' },
  { value: '-1', label: 'dernier' },
];

export function EventEditPage() {
  const { id } = useParams();
  usePageTitle(id ? 'Modifier l’événement' : 'Nouvel événement');
  return (
    <RequireAuth>
      <EventEdit id={id ?? null} />
    </RequireAuth>
  );
}

function EventEdit({ id }: { id: string | null }) {
  const navigate = useNavigate();
  const { me } = useSession();
  const [form, setForm] = useState<FormState | null>(id ? null : EMPTY);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { formRef, alertRef, errors, formError, fail, failWith, reset, clearField } = useFormFeedback();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!id) {
      const deps = organiserDepartements(me);
      if (deps && deps.length === 1) setForm((f) => (f && !f.departement ? { ...f, departement: deps[0] } : f));
      return;
    }
    const controller = new AbortController();
    getEvent(id, controller.signal).then(
      (e) => (e.mayOrganise ? setForm(fromDetail(e)) : setLoadError('Vous n’organisez pas cet événement.')),
      (err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        setLoadError(err instanceof ApiError ? err.message : 'Cet événement est indisponible.');
      },
    );
    return () => controller.abort();
  }, [id, me]);

  if (loadError) {
    return (
      <div className="page narrow">
        <h1>Modifier l’événement</h1>
        <p className="alert alert-error" role="alert">
          {loadError}
        </p>
      </div>
    );
  }
  if (!form) return <Loading />;
  const f = form;
  const set = (patch: Partial<FormState>) => {
    setForm({ ...f, ...patch });
    for (const k of Object.keys(patch)) clearField(k);
  };
  const text = (name: keyof FormState) => ({
    name,
    value: String(f[name] ?? ''),
    error: errors[name],
    onChange: (e: { target: { value: string } }) => set({ [name]: e.target.value } as Partial<FormState>),
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    reset();
    setBusy(true);
    try {
      const input = toInput(f);
      const saved = id ? await updateEvent(id, input) : await createEvent(input);
      navigate(`/se-former/evenements/${saved.id}`);
    } catch (err) {
      // A rule's field ("recurrence.startDate") is shown on its own control.
      if (err instanceof ApiError && err.field?.startsWith('recurrence.')) {
        fail({ [err.field.split('.')[1]]: err.message });
        return;
      }
      failWith(err, ['kind', 'title', 'description', 'audience', 'organiserName', 'organiserEmail', 'organiserPhone', 'departement', 'communeCode', 'address', 'videoUrl', 'seatCap', 'status', 'startsAt', 'endsAt', 'recurrence']);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <Link to="/se-former/evenements/organiser">Organiser</Link> <span aria-hidden="true">›</span> {id ? 'Modifier' : 'Nouvel événement'}
      </p>
      <h1>{id ? 'Modifier l’événement' : 'Nouvel événement'}</h1>
      <form ref={formRef} className="form" noValidate onSubmit={(e) => void submit(e)}>
        <FormAlert alertRef={alertRef} message={formError} errors={errors} />
        <SelectField
          name="kind"
          label="Type"
          value={f.kind}
          disabled={!!id}
          error={errors.kind}
          options={Object.entries(EVENT_KINDS).map(([value, label]) => ({ value, label }))}
          onChange={(e) => set({ kind: e.target.value as EventKind })}
        />
        <TextField label="Titre" {...text('title')} />
        <TextAreaField label="Présentation" optional rows={5} {...text('description')} />
        <fieldset className="fieldset">
          <legend>Public (aucune case : toutes les professions)</legend>
          {Object.entries(PROFESSIONS).map(([value, label]) => (
            <label key={value} className="radio">
              <input
                type="checkbox"
                checked={f.audience.includes(value)}
                onChange={(e) => set({ audience: e.target.checked ? [...f.audience, value] : f.audience.filter((x) => x !== value) })}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <TextField label="Organisateur (structure, CPTS…)" {...text('organiserName')} />
        <TextField label="E-mail de contact" type="email" optional {...text('organiserEmail')} />
        <TextField label="Téléphone de contact" type="tel" optional {...text('organiserPhone')} />
        <DepartementSelect name="departement" label="Département" value={f.departement} error={errors.departement} onChange={(e) => set({ departement: e.target.value })} />

        {f.kind === 'exchange_group' ? (
          <fieldset className="fieldset">
            <legend>Rythme (heure de Paris)</legend>
            {errors.recurrence && <p className="field-error">{errors.recurrence}</p>}
            <SelectField
              name="freq"
              label="Fréquence"
              value={f.freq}
              options={[
                { value: 'monthly', label: 'Chaque mois' },
                { value: 'weekly', label: 'Chaque semaine' },
              ]}
              onChange={(e) => set({ freq: e.target.value as 'weekly' | 'monthly' })}
            />
            {f.freq === 'monthly' && <SelectField name="setPos" label="Quel jour du mois" value={f.setPos} error={errors.setPos} options={POSITIONS} onChange={(e) => set({ setPos: e.target.value })} />}
            <SelectField name="weekday" label="Jour de la semaine" value={f.weekday} error={errors.weekday} options={WEEKDAYS} onChange={(e) => set({ weekday: e.target.value })} />
            <TextField label="Heure" type="time" {...text('time')} />
            <TextField label="Durée (minutes)" type="number" min={15} max={600} {...text('durationMinutes')} />
            <TextField label="À partir du" type="date" {...text('startDate')} />
            <TextField label="Nombre de séances" type="number" min={1} max={60} {...text('count')} />
          </fieldset>
        ) : (
          <fieldset className="fieldset">
            <legend>Date (heure de Paris)</legend>
            <TextField label="Jour" type="date" {...text('date')} error={errors.startsAt} />
            <TextField label="Début" type="time" {...text('startTime')} />
            <TextField label="Fin" type="time" {...text('endTime')} error={errors.endsAt} />
          </fieldset>
        )}

        {f.kind !== 'webinar' && (
          <>
            <CommuneSearch
              label="Commune du lieu"
              initialQuery={f.communeName}
              error={errors.communeCode}
              fieldPath="communeCode"
              onSelect={(c) => set({ communeCode: c?.code ?? '', communeName: c?.nom ?? '', ...(c && !f.departement ? { departement: c.departement } : {}) })}
            />
            <TextField label="Adresse" optional={f.kind !== 'workshop'} {...text('address')} />
          </>
        )}
        {f.kind !== 'workshop' && <TextField label="Lien de visioconférence (https://…)" type="url" optional={f.kind !== 'webinar'} hint="Affiché aux seules personnes inscrites." {...text('videoUrl')} />}
        <TextField label="Nombre de places" type="number" min={1} optional={f.kind !== 'workshop'} hint="Au-delà, liste d’attente." {...text('seatCap')} />
        <SelectField
          name="status"
          label="Statut"
          value={f.status}
          error={errors.status}
          options={[
            { value: 'draft', label: 'Brouillon (visible des seuls organisateurs)' },
            { value: 'published', label: 'Publié' },
            ...(id ? [{ value: 'cancelled', label: 'Annulé (les inscrits sont prévenus par e-mail)' }] : []),
          ]}
          onChange={(e) => set({ status: e.target.value as FormState['status'] })}
        />
        <p className="actions">
          <button type="submit" className="button" disabled={busy}>
            Enregistrer
          </button>
        </p>
      </form>
    </div>
  );
}
