import type { CourseSession } from '@palliance/core';
import { formatDate, plural } from '../../ui/format';

/** "du 15 novembre 2026 au 10 janvier 2027" */
export const sessionDates = (s: Pick<CourseSession, 'startsAt' | 'endsAt'>) => `du ${formatDate(s.startsAt)} au ${formatDate(s.endsAt)}`;

export function registrationLabel(s: CourseSession): string {
  if (s.registration === 'open') return `Inscriptions ouvertes jusqu’au ${formatDate(s.registrationClosesAt)}`;
  if (s.registration === 'not_yet_open') return `Inscriptions à partir du ${formatDate(s.registrationOpensAt)}`;
  return 'Inscriptions closes';
}

export const isFull = (s: CourseSession) => s.seatCap !== null && s.enrolledCount >= s.seatCap;

/** Seats left, or the waiting list once the session is full. */
export function seatsLabel(s: CourseSession): string {
  if (s.seatCap === null) return 'Places illimitées';
  const left = s.seatCap - s.enrolledCount;
  if (left > 0) return `${plural(left, 'place restante', 'places restantes')} sur ${s.seatCap}`;
  return s.waitingCount ? `Complet : liste d’attente (${plural(s.waitingCount, 'personne', 'personnes')})` : 'Complet : liste d’attente';
}

export const hoursPerWeek = (h: number) => `environ ${String(h).replace('.', ',')} h par semaine`;
