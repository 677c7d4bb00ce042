import type { Actor } from '../http/actor';
import { can } from '../http/permissions';

/** Organisers of an event: 'events.organise' for its department, or whoever created it. */
export function mayOrganise(actor: Actor | null, ev: { departement: string; created_by: string | null }): boolean {
  if (!actor) return false;
  return can(actor, 'events.organise', { departement: ev.departement }) || (!!ev.created_by && ev.created_by === actor.id);
}
