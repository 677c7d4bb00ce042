import {
  WEEKDAYS,
  type Audience,
  type ContactKind,
  type DirectoryContactInput,
  type ScheduleInput,
  type Structure,
  type StructureInputRaw,
  type Weekday,
} from '@palliance/core';
import { NIGHT_KINDS } from '../directory-format';

/** What the edit form holds: text as typed, turned into a StructureInputRaw on submit. */
export interface Slot {
  open: string;
  close: string;
}

export interface ExceptionDraft {
  key: string;
  date: string;
  closed: boolean;
  slots: Slot[];
  label: string;
}

export interface ScheduleDraft {
  days: Record<Weekday, Slot[]>;
  holidays: 'closed' | 'open' | Slot[];
  exceptions: ExceptionDraft[];
}

export type HoursMode = 'structure' | 'own' | 'always';

export interface ContactDraft {
  key: string;
  kind: ContactKind;
  label: string;
  value: string;
  mode: HoursMode;
  schedule: ScheduleDraft;
}

export interface CommuneRef {
  code: string;
  nom: string;
}

export interface Draft {
  name: string;
  types: string[];
  parent: { id: string; name: string } | null;
  finess: string;
  siret: string;
  rorId: string;
  addressLine: string;
  commune: (CommuneRef & { codesPostaux: string[] }) | null;
  postalCode: string;
  latitude: string;
  longitude: string;
  audience: Audience[];
  contacts: ContactDraft[];
  hasOpeningHours: boolean;
  openingHours: ScheduleDraft;
  accessDelayDays: string;
  accessDelayConfirmedAt: string;
  capacityBeds: string;
  description: string;
  coverageDepartements: string[];
  coverageCommunes: CommuneRef[];
}

let keys = 0;
export const newKey = () => `k${(keys += 1)}`;

const weekdaysOnly = (open: string, close: string): Record<Weekday, Slot[]> =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, ['sat', 'sun'].includes(d) ? [] : [{ open, close }]])) as Record<Weekday, Slot[]>;

export function emptySchedule(): ScheduleDraft {
  return { days: weekdaysOnly('09:00', '17:00'), holidays: 'closed', exceptions: [] };
}

/** Evenings from 18:00 to 08:00 on weekdays, round the clock at weekends and on public holidays. */
export function nightSchedule(): ScheduleDraft {
  const days = Object.fromEntries(
    WEEKDAYS.map((d) => [d, ['sat', 'sun'].includes(d) ? [{ open: '08:00', close: '08:00' }] : [{ open: '18:00', close: '08:00' }]]),
  ) as Record<Weekday, Slot[]>;
  return { days, holidays: [{ open: '08:00', close: '08:00' }], exceptions: [] };
}

// A time input cannot show 24:00; 00:00 as a closing time means the same (midnight, end of the day).
const fromClose = (t: string) => (t === '24:00' ? '00:00' : t);
const slotsFrom = (slots: readonly Slot[] | undefined): Slot[] => (slots ?? []).map((s) => ({ open: s.open, close: fromClose(s.close) }));

export function scheduleDraft(s: ScheduleInput | null | undefined): ScheduleDraft {
  if (!s) return emptySchedule();
  const days = Object.fromEntries(WEEKDAYS.map((d) => [d, slotsFrom(s.days[d])])) as Record<Weekday, Slot[]>;
  const holidays = s.holidays === undefined ? 'closed' : typeof s.holidays === 'string' ? s.holidays : slotsFrom(s.holidays);
  const exceptions = (s.exceptions ?? []).map((e) => ({
    key: newKey(),
    date: e.date,
    closed: e.closed === true,
    slots: slotsFrom(e.slots),
    label: e.label ?? '',
  }));
  return { days, holidays, exceptions };
}

export function scheduleInput(d: ScheduleDraft): ScheduleInput {
  return {
    days: d.days,
    holidays: d.holidays,
    exceptions: d.exceptions.map((e) => ({
      date: e.date,
      ...(e.closed ? { closed: true } : { slots: e.slots }),
      ...(e.label.trim() ? { label: e.label.trim() } : {}),
    })),
  };
}

export function newContact(kind: ContactKind = 'accueil'): ContactDraft {
  return { key: newKey(), kind, label: '', value: '', mode: 'structure', schedule: emptySchedule() };
}

export function emptyDraft(): Draft {
  return {
    name: '',
    types: [],
    parent: null,
    finess: '',
    siret: '',
    rorId: '',
    addressLine: '',
    commune: null,
    postalCode: '',
    latitude: '',
    longitude: '',
    audience: ['professionnels'],
    contacts: [newContact('accueil')],
    hasOpeningHours: true,
    openingHours: emptySchedule(),
    accessDelayDays: '',
    accessDelayConfirmedAt: '',
    capacityBeds: '',
    description: '',
    coverageDepartements: [],
    coverageCommunes: [],
  };
}

const text = (v: string | null | undefined) => v ?? '';
const num = (v: number | null | undefined) => (v == null ? '' : String(v).replace('.', ','));

export function draftFromStructure(s: Structure): Draft {
  return {
    name: s.name,
    types: [...s.types],
    parent: s.parentId ? { id: s.parentId, name: s.parentName ?? s.parentId } : null,
    finess: text(s.finess),
    siret: text(s.siret),
    rorId: text(s.rorId),
    addressLine: text(s.addressLine),
    commune: s.communeCode ? { code: s.communeCode, nom: s.communeName ?? s.communeCode, codesPostaux: s.postalCode ? [s.postalCode] : [] } : null,
    postalCode: text(s.postalCode),
    latitude: num(s.latitude),
    longitude: num(s.longitude),
    audience: [...s.audience],
    contacts: s.contacts.map((c) => ({
      key: newKey(),
      kind: c.kind,
      label: text(c.label),
      value: c.value,
      mode: c.alwaysOn ? 'always' : c.schedule ? 'own' : 'structure',
      schedule: c.schedule ? scheduleDraft(c.schedule) : NIGHT_KINDS.includes(c.kind) ? nightSchedule() : emptySchedule(),
    })),
    hasOpeningHours: !!s.openingHours,
    openingHours: scheduleDraft(s.openingHours),
    accessDelayDays: num(s.accessDelayDays),
    accessDelayConfirmedAt: text(s.accessDelayConfirmedAt),
    capacityBeds: num(s.capacityBeds),
    description: text(s.description),
    coverageDepartements: [...s.coverage.departements],
    coverageCommunes: s.coverage.communes.map((c) => ({ code: c.code, nom: c.nom })),
  };
}

/** "45,6" or "45.6" → 45.6; "" → null; anything else → NaN, which the contract refuses with its own message. */
function parseNumber(v: string): number | null {
  const t = v.trim().replace(',', '.').replace(/\s/g, '');
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

export function toInput(d: Draft): StructureInputRaw {
  return {
    name: d.name,
    types: d.types,
    parentId: d.parent?.id ?? null,
    finess: orNull(d.finess),
    siret: orNull(d.siret)?.replace(/\s/g, '') ?? null,
    rorId: orNull(d.rorId),
    addressLine: orNull(d.addressLine),
    postalCode: d.commune ? orNull(d.postalCode) : null,
    communeCode: d.commune?.code ?? null,
    latitude: parseNumber(d.latitude),
    longitude: parseNumber(d.longitude),
    audience: d.audience,
    contacts: d.contacts.map((c): DirectoryContactInput => {
      const base: DirectoryContactInput = { kind: c.kind, value: c.value, ...(c.label.trim() ? { label: c.label.trim() } : {}) };
      const phone = !['email', 'mssante'].includes(c.kind);
      if (!phone) return base;
      if (c.mode === 'always' && NIGHT_KINDS.includes(c.kind)) return { ...base, alwaysOn: true };
      if (c.mode === 'own') return { ...base, schedule: scheduleInput(c.schedule) };
      return base;
    }),
    openingHours: d.hasOpeningHours ? scheduleInput(d.openingHours) : null,
    accessDelayDays: parseNumber(d.accessDelayDays),
    accessDelayConfirmedAt: orNull(d.accessDelayConfirmedAt),
    capacityBeds: parseNumber(d.capacityBeds),
    description: orNull(d.description),
    coverage: { departements: d.coverageDepartements, communes: d.coverageCommunes.map((c) => c.code) },
  };
}

const PHONE = /^\+?[\d\s.()-]{2,30}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function scheduleProblems(d: ScheduleDraft, path: string): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const slots = (list: Slot[], at: string) =>
    list.forEach((s, i) => {
      if (!TIME.test(s.open)) out.push({ path: `${at}.${i}.open`, message: 'Indiquez l’heure d’ouverture (HH:MM).' });
      if (!TIME.test(s.close)) out.push({ path: `${at}.${i}.close`, message: 'Indiquez l’heure de fermeture (HH:MM).' });
    });
  for (const [day, list] of Object.entries(d.days)) slots(list, `${path}.days.${day}`);
  if (Array.isArray(d.holidays)) slots(d.holidays, `${path}.holidays`);
  d.exceptions.forEach((e, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.date)) out.push({ path: `${path}.exceptions.${i}.date`, message: 'Indiquez la date de l’exception.' });
    if (!e.closed) {
      if (e.slots.length === 0) out.push({ path: `${path}.exceptions.${i}.slots`, message: 'Ajoutez une plage horaire, ou cochez « fermé toute la journée ».' });
      slots(e.slots, `${path}.exceptions.${i}.slots`);
    }
  });
  return out;
}

/** Plain-language checks the contract leaves to its generic messages; the contract and the server check the rest. */
export function draftProblems(d: Draft): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  d.contacts.forEach((c, i) => {
    const phone = !['email', 'mssante'].includes(c.kind);
    const v = c.value.trim();
    if (!v) out.push({ path: `contacts.${i}.value`, message: phone ? 'Indiquez le numéro de téléphone.' : 'Indiquez l’adresse e-mail.' });
    else if (phone && !PHONE.test(v)) out.push({ path: `contacts.${i}.value`, message: 'Numéro non valide : chiffres, espaces et « + » seulement (ex. 01 99 00 00 00).' });
    else if (!phone && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) out.push({ path: `contacts.${i}.value`, message: 'Adresse e-mail non valide (ex. equipe@example.org).' });
    if (phone && c.mode === 'own') out.push(...scheduleProblems(c.schedule, `contacts.${i}.schedule`));
  });
  if (d.hasOpeningHours) out.push(...scheduleProblems(d.openingHours, 'openingHours'));
  return out;
}
