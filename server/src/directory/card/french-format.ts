import { localParts } from '@palliance/core';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** '2026-10-01' → '1er octobre 2026'. */
export function formatFrenchDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
}

/** An instant as read on a wall clock of `timeZone`: 'le 21 novembre 2026 à 21 h 00'. */
export function formatFrenchDateTime(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  const h = Math.floor(p.minutes / 60);
  const m = String(p.minutes % 60).padStart(2, '0');
  return `le ${formatFrenchDate(p.date)} à ${h} h ${m}`;
}

/** 'Délai d’accès annoncé : 2 jours, confirmé le 1er octobre 2026'. */
export function formatAccessDelay(days: number | null, confirmedAt: string | null): string | null {
  if (days === null) return null;
  const delay = days === 0 ? 'le jour même' : days === 1 ? '1 jour' : `${days} jours`;
  const confirmed = confirmedAt ? `, confirmé le ${formatFrenchDate(confirmedAt)}` : '';
  return `Délai d’accès annoncé : ${delay}${confirmed}`;
}
