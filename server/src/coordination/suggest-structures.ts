import type { CoverageAnswer, SuggestedStructures } from '@palliance/core';
import type { AppDeps } from '../app-types';
import type { Actor, RequestContext } from '../http/actor';
import { whoCoversOf } from '../directory/who-covers';
import { readAsCircleMember } from './patient-access';
import { loadCircle, loadPatientRow } from './patient-file';

/** Structure types that answer support requests (teams, DAC, HAD, units), first in this order. */
const SUPPORT_TYPES = ['ETSP', 'EMSP_EXTRA', 'EMSP_INTER', 'EMSP_INTRA', 'ERISP', 'ERRSPP', 'DAC', 'HAD', 'USP', 'LISP_MCO', 'LISP_SMR', 'HDJ', 'RESEAU'];

/** The structures covering the patient's commune, from the directory's own "who covers" answer. */
export async function suggestStructures(deps: AppDeps, actor: Actor | null, patientId: string, ctx: RequestContext): Promise<SuggestedStructures> {
  await readAsCircleMember(deps, actor, patientId, ctx, 'suggestions');
  const p = (await loadPatientRow(deps.db, patientId))!;
  // The directory answers its ready JSON text (what its route sends as is).
  const answer = JSON.parse(await whoCoversOf(deps)({ commune: p.commune_code })) as CoverageAnswer;
  const inCircle = new Set((await loadCircle(deps.db, patientId, deps.now())).map((m) => m.structureId).filter(Boolean));
  const rank = (types: string[]) => Math.min(...types.map((t) => (SUPPORT_TYPES.indexOf(t) + 1 || 99)));
  const structures = answer.groups
    .flatMap((g) => g.structures.map((s) => ({ id: s.id, name: s.name, types: s.types, typeLabel: g.label, isDemo: s.isDemo, inCircle: inCircle.has(s.id) })))
    .filter((s) => rank(s.types) < 99)
    .sort((a, b) => rank(a.types) - rank(b.types) || a.name.localeCompare(b.name, 'fr'));
  return { commune: { code: answer.commune.code, nom: answer.commune.nom, departement: answer.commune.departement }, structures };
}
