import {
  DAYTIME_PHONE_KINDS,
  NIGHT_PHONE_KINDS,
  describeSchedule,
  localParts,
  type ContactKind,
  type DirectoryContact,
  type Schedule,
} from '@palliance/core';
import { isStale } from '../queries';
import type { CardStructureRow } from './covering-structures';
import { formatAccessDelay, formatFrenchDateTime } from './french-format';

/** How a piece of text is set: the renderer maps each style to a font, size and colour. */
export type RunStyle = 'regular' | 'bold' | 'muted' | 'badge';
export interface Run {
  text: string;
  style: RunStyle;
}
/** A paragraph: its runs wrap together; runs are separated by a space. */
export interface CardParagraph {
  kind: 'name' | 'phone' | 'detail' | 'note';
  runs: Run[];
}
export interface CardEntry {
  paragraphs: CardParagraph[];
}
export interface CardGroup {
  label: string;
  entries: CardEntry[];
}

export interface CardModel {
  title: string;
  generated: string;
  intro: string;
  groups: CardGroup[];
  /** Shown instead of the groups when no structure is listed. */
  empty: string | null;
  qrUrl: string;
  qrCaption: string;
  footer: string;
  /** Repeated at the top of the following pages. */
  runningHead: string;
}

export interface CardInput {
  title: string;
  intro: string;
  at: Date;
  /** Where the reader is: the generation time is given on that wall clock. */
  timeZone: string;
  qrUrl: string;
  qrCaption: string;
  structures: readonly CardStructureRow[];
  types: ReadonlyMap<string, { label: string; sort: number }>;
  /** For a territory card: where each structure works within the territory. */
  sectors?: ReadonlyMap<string, string>;
  empty: string;
}

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

export const CARD_FOOTER = 'Annuaire Palliance — données déclarées par les structures, vérifiez la fiche en ligne';

const KIND_LABELS: Record<ContactKind, string> = {
  accueil: 'Accueil',
  secretariat_medical: 'Secrétariat médical',
  astreinte: 'Astreinte',
  appui_territorial: 'Appui territorial',
  email: 'Courriel',
  mssante: 'MSSanté',
};

// A phone number must not be cut at the end of a line.
const unbreakable = (s: string) => s.trim().replace(/ +/g, '\u00a0');

/** Exceptions already past are noise on a printed card. */
function upcoming(schedule: Schedule, today: string): Schedule {
  return { ...schedule, exceptions: (schedule.exceptions ?? []).filter((e) => e.date >= today) };
}

function phoneParagraphs(contact: DirectoryContact, r: CardStructureRow, today: string, hasDaytimeLine: boolean): CardParagraph[] {
  const night = NIGHT_PHONE_KINDS.includes(contact.kind);
  const label = contact.label?.trim() || KIND_LABELS[contact.kind];
  const head: CardParagraph = { kind: 'phone', runs: [{ text: `${label} :`, style: 'regular' }, { text: unbreakable(contact.value), style: 'bold' }] };
  const when = night ? (hasDaytimeLine ? 'Nuits, week-ends et jours fériés' : 'Horaires') : 'Aux heures d’ouverture';
  let hours: string;
  if (night && contact.alwaysOn && !contact.schedule) {
    hours = '24 h sur 24, 7 jours sur 7';
  } else {
    // A line without its own hours follows the structure's (as numberToCall does).
    const schedule = contact.schedule ?? r.opening_hours;
    hours = schedule ? describeSchedule(upcoming(schedule, today)).join(' ; ') : 'horaires non renseignés, voir la fiche en ligne';
  }
  return [head, { kind: 'detail', runs: [{ text: `${when} — ${hours}`, style: 'muted' }] }];
}

function entryFor(r: CardStructureRow, input: CardInput): CardEntry {
  const today = localParts(input.at, r.time_zone).date;
  const stale = isStale(r.confirmed_at, input.at);
  const name: CardParagraph = { kind: 'name', runs: [{ text: r.name, style: 'bold' }] };
  if (stale) name.runs.push({ text: 'à\u00a0vérifier', style: 'badge' });
  const paragraphs: CardParagraph[] = [name];
  if (stale) paragraphs.push({ kind: 'note', runs: [{ text: 'Informations non confirmées depuis plus de six mois.', style: 'muted' }] });
  const sector = input.sectors?.get(r.id);
  if (sector) paragraphs.push({ kind: 'detail', runs: [{ text: sector, style: 'regular' }] });

  const contacts = r.contacts ?? [];
  const daytime = contacts.filter((c) => DAYTIME_PHONE_KINDS.includes(c.kind));
  const nightLines = contacts.filter((c) => NIGHT_PHONE_KINDS.includes(c.kind));
  for (const c of [...daytime, ...nightLines]) paragraphs.push(...phoneParagraphs(c, r, today, daytime.length > 0));
  if (daytime.length + nightLines.length === 0) {
    paragraphs.push({ kind: 'note', runs: [{ text: 'Aucun numéro de téléphone déclaré.', style: 'muted' }] });
  }
  for (const c of contacts.filter((x) => x.kind === 'email' || x.kind === 'mssante')) {
    const label = c.kind === 'email' ? 'Courriel' : 'Messagerie sécurisée (MSSanté)';
    paragraphs.push({ kind: 'detail', runs: [{ text: `${label} :`, style: 'regular' }, { text: c.value, style: 'regular' }] });
  }
  const delay = formatAccessDelay(r.access_delay_days, r.access_delay_confirmed_at);
  if (delay) paragraphs.push({ kind: 'detail', runs: [{ text: delay, style: 'regular' }] });
  return { paragraphs };
}

/** What the card says, independent of how it is drawn. */
export function buildCardModel(input: CardInput): CardModel {
  const groups = new Map<string, CardEntry[]>();
  // French order, numbers by value ("Équipe 2" before "Équipe 10"), the same on both engines.
  const sorted = [...input.structures].sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
  for (const r of sorted) {
    // A structure of several types is listed under its first (main) type, as on the web page.
    const main = r.types[0] ?? 'AUTRE';
    if (!groups.has(main)) groups.set(main, []);
    groups.get(main)!.push(entryFor(r, input));
  }
  const ordered = [...groups.entries()].sort(
    (a, b) => (input.types.get(a[0])?.sort ?? 999) - (input.types.get(b[0])?.sort ?? 999) || a[0].localeCompare(b[0]),
  );
  const count = input.structures.length;
  return {
    title: input.title,
    generated: `Document généré ${formatFrenchDateTime(input.at, input.timeZone)} — ${count} structure${count > 1 ? 's' : ''}`,
    intro: input.intro,
    groups: ordered.map(([type, entries]) => ({ label: input.types.get(type)?.label ?? type, entries })),
    empty: count === 0 ? input.empty : null,
    qrUrl: input.qrUrl,
    qrCaption: input.qrCaption,
    footer: CARD_FOOTER,
    runningHead: input.title,
  };
}
