import { localParts, localToInstant, type ContactKind, type Me } from '@palliance/core';

export const CONTACT_KINDS: Record<ContactKind, string> = {
  accueil: 'Accueil',
  secretariat_medical: 'Secrétariat médical',
  astreinte: 'Astreinte',
  appui_territorial: 'Appui territorial (nuit, week-end, jours fériés)',
  email: 'E-mail',
  mssante: 'Messagerie sécurisée de santé (MSSanté)',
};

export const PHONE_KINDS: readonly ContactKind[] = ['accueil', 'secretariat_medical', 'astreinte', 'appui_territorial'];
export const NIGHT_KINDS: readonly ContactKind[] = ['astreinte', 'appui_territorial'];

export const CALL_REASONS = {
  horaires_ouverture: 'Heures d’ouverture',
  ligne_nuit_weekend: 'Ligne de nuit / week-end / jours fériés',
} as const;

export const STATUS_LABELS = { pending: 'En attente de validation', published: 'Publiée', archived: 'Archivée' } as const;

/** "01 99 00 07 80" → "tel:+33199000780"; short numbers (15, 3966) stay as they are. */
export function telHref(number: string): string {
  const digits = number.replace(/[^\d+]/g, '');
  if (/^0\d{9}$/.test(digits)) return `tel:+33${digits.slice(1)}`;
  return `tel:${digits}`;
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** A calendar date "2026-10-01" → "1 octobre 2026", whatever the reader's time zone. */
export function formatIsoDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const text = dayFormat.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
  return text.replace(/^1 /, '1er ');
}

const parts = (date: Date, timeZone: string, options: Intl.DateTimeFormatOptions) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('fr-FR', { timeZone, ...options }).formatToParts(date).map((p) => [p.type, p.value]),
  ) as Record<string, string>;

/** "8 h 00" in the structure's time zone. */
export function clockIn(date: Date, timeZone: string): string {
  const p = parts(date, timeZone, { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' });
  return `${Number(p.hour)} h ${p.minute}`;
}

function localDate(date: Date, timeZone: string): string {
  const p = parts(date, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * A moment relative to `reference`, in the time zone of the structure: "17 h 30" the same day,
 * "lundi 8 h 00" within the week, "lundi 30 novembre 8 h 00" later.
 */
export function momentIn(iso: string, timeZone: string, reference: Date): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const clock = clockIn(date, timeZone);
  if (localDate(date, timeZone) === localDate(reference, timeZone)) return clock;
  const days = (date.getTime() - reference.getTime()) / 86_400_000;
  const p = parts(date, timeZone, days < 6.5 && days > -1 ? { weekday: 'long' } : { weekday: 'long', day: 'numeric', month: 'long' });
  const label = days < 6.5 && days > -1 ? p.weekday : `${p.weekday} ${p.day === '1' ? '1er' : p.day} ${p.month}`;
  return `${label} ${clock}`;
}

/** "samedi 21 novembre 2026 à 21 h 00" */
export function fullMoment(date: Date, timeZone: string): string {
  const p = parts(date, timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return `${p.weekday} ${p.day === '1' ? '1er' : p.day} ${p.month} ${p.year} à ${clockIn(date, timeZone)}`;
}

/** Today's date and the current time on the wall clock of `timeZone`, for date and time inputs. */
export function localNow(timeZone: string, now = new Date()): { date: string; time: string } {
  const p = localParts(now, timeZone);
  const h = String(Math.floor(p.minutes / 60)).padStart(2, '0');
  const m = String(p.minutes % 60).padStart(2, '0');
  return { date: p.date, time: `${h}:${m}` };
}

/** "2026-11-21" + "21:00" on the clock of Europe/Paris → "2026-11-21T21:00:00+01:00". */
export function localToIso(date: string, time: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  const minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  let instant: Date;
  try {
    instant = localToInstant(date, minutes, timeZone);
  } catch {
    return null;
  }
  const p = localParts(instant, timeZone);
  const off = p.offsetMinutes;
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const hh = String(Math.floor(p.minutes / 60)).padStart(2, '0');
  const mm = String(p.minutes % 60).padStart(2, '0');
  return `${p.date}T${hh}:${mm}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** "2 jours", "moins d’un jour" */
export function delayLabel(days: number): string {
  if (days === 0) return 'dans la journée';
  return days === 1 ? '1 jour' : `${days} jours`;
}

// Permissions: only to show or hide buttons; the server decides.
const has = (me: Me | null | undefined, role: string, scope?: string) =>
  !!me?.roles.some((r) => r.role === role && (scope === undefined || r.scope === scope));

export function canImport(me: Me | null | undefined): boolean {
  return has(me, 'admin') || has(me, 'content_editor');
}

export function canApprove(me: Me | null | undefined, departement: string | null): boolean {
  return canImport(me) || (!!departement && has(me, 'territory_coordinator', `dep:${departement}`));
}

export function canEditStructure(me: Me | null | undefined, s: { id: string; departement: string | null }): boolean {
  return canApprove(me, s.departement) || has(me, 'structure_manager', s.id);
}

/** Departments a coordinator looks after ('dep:73' → '73'). */
export function coordinatedDepartements(me: Me | null | undefined): string[] {
  return (me?.roles ?? []).filter((r) => r.role === 'territory_coordinator' && r.scope?.startsWith('dep:')).map((r) => r.scope!.slice(4));
}

/** Names of the fields of an entry, for the history, the error reports and the edit form. */
export const FIELD_LABELS: Record<string, string> = {
  name: 'Nom',
  types: 'Types',
  parentId: 'Organisation de rattachement',
  finess: 'FINESS',
  siret: 'SIRET',
  rorId: 'Identifiant ROR',
  addressLine: 'Adresse',
  postalCode: 'Code postal',
  communeCode: 'Commune',
  latitude: 'Latitude',
  longitude: 'Longitude',
  audience: 'Public',
  contacts: 'Téléphones et contacts',
  openingHours: 'Horaires d’ouverture',
  accessDelayDays: 'Délai d’accès',
  accessDelayConfirmedAt: 'Date de confirmation du délai',
  capacityBeds: 'Nombre de lits',
  description: 'Description',
  coverage: 'Territoire couvert',
  status: 'État de la fiche',
};

export const CHANGE_KINDS: Record<string, string> = {
  creation: 'Création',
  modification: 'Modification',
  confirmation: 'Confirmation sans changement',
  approbation: 'Validation et publication',
  archivage: 'Archivage',
  republication: 'Nouvelle publication',
  démo: 'Fiche de démonstration',
  import: 'Import',
  'import-csv': 'Import CSV',
  'import-fhir': 'Import FHIR',
  'update-csv': 'Mise à jour par import CSV',
  'update-fhir': 'Mise à jour par import FHIR',
};
