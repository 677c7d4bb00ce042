import type { EventOccurrence, Me } from '@palliance/core';

const dayTime = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const time = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

/** "mardi 9 février 2027 à 20:00 – 21:00" (Paris time, where the events take place). */
export function occurrenceWhen(o: { startsAt: string; endsAt: string }): string {
  return `${dayTime.format(new Date(o.startsAt))} – ${time.format(new Date(o.endsAt))}`;
}

export function seatsText(o: EventOccurrence, seatCap: number | null): string {
  if (seatCap === null) return `${o.enrolledCount} inscrit${o.enrolledCount > 1 ? 's' : ''}, places non limitées`;
  if (o.seatsLeft === 0) return `Complet${o.waitingCount ? ` · ${o.waitingCount} en liste d’attente` : ''}`;
  return `${o.seatsLeft} place${(o.seatsLeft ?? 0) > 1 ? 's' : ''} sur ${seatCap}`;
}

/** Same rule as the server's 'events.organise', for showing links only (the server decides). */
export function mayOrganiseSomething(me: Me | null | undefined): boolean {
  return !!me?.roles.some((r) => r.role === 'admin' || r.role === 'content_editor' || (r.role === 'territory_coordinator' && r.scope?.startsWith('dep:')));
}

/** Departments the user may organise in (null = all). */
export function organiserDepartements(me: Me | null | undefined): string[] | null {
  if (!me) return [];
  if (me.roles.some((r) => r.role === 'admin' || r.role === 'content_editor')) return null;
  return me.roles.filter((r) => r.role === 'territory_coordinator' && r.scope?.startsWith('dep:')).map((r) => r.scope!.slice(4));
}
