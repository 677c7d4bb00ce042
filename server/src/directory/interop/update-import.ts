import type { CsvImportIssue, DirectoryImportReport, Structure } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Actor, RequestContext } from '../../http/actor';
import { can } from '../../http/permissions';
import { bumpDirectoryGeneration } from '../directory-cache';
import { getStructure } from '../queries';
import { applyUpdate, changedFields, insertStructure } from '../save-structure';
import { checkBatch, parentsFirst, type BatchItem, type ImportCandidate } from './import-batch';

/** One entry of the source: a CSV line, or the resources of one structure in a FHIR Bundle. */
export interface UpdateImportItem {
  /** Line of the file, or index of the entry in the Bundle: what the report names. */
  line: number;
  candidate: ImportCandidate | null;
  check: BatchItem;
  /** Where a field of this item sits in the source (CSV column, FHIRPath). */
  columnOf(field: string): string;
}

export interface UpdateImportOptions {
  format: 'csv' | 'fhir';
  dryRun: boolean;
  /** "à la ligne 4", "dans l'entrée 3". */
  label(index: number): string;
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/**
 * Imports entries that may already be in the directory: each item is matched to an existing entry
 * by our id, FINESS, SIRET or ROR id, then reported as a creation, an update (with the fields that
 * change) or unchanged. A dry run stops at the report. Otherwise, if any item has a problem nothing
 * is written; if none has, every creation and update is written in one transaction, each update as
 * a new version of the entry (history kept, audited), unchanged entries untouched.
 */
export async function importWithUpdates(
  deps: AppDeps,
  actor: Actor,
  ctx: RequestContext,
  items: readonly UpdateImportItem[],
  readingIssues: readonly CsvImportIssue[],
  opts: UpdateImportOptions,
): Promise<DirectoryImportReport> {
  const now = deps.now();
  const problems: CsvImportIssue[] = [...readingIssues];
  const { issues, matches } = await checkBatch(
    deps.handle,
    items.map((it) => it.check),
    opts.label,
    'update',
  );
  for (const b of issues) problems.push({ line: items[b.index].line, column: items[b.index].columnOf(b.field), reason: b.message });

  // The department of each commune named, for the rights on the new place of an entry.
  const communeCodes = [...new Set(items.map((it) => it.candidate?.input.communeCode).filter((x): x is string => !!x))];
  const departementOf = new Map(
    (await deps.handle.query<{ code: string; departement: string }>('SELECT code, departement FROM commune WHERE code = ANY($1::text[])', [communeCodes])).map(
      (r) => [r.code, r.departement],
    ),
  );
  const departementFor = (c: ImportCandidate) => (c.input.communeCode ? (departementOf.get(c.input.communeCode) ?? null) : null);

  const plans: { item: UpdateImportItem; candidate: ImportCandidate; before: Structure | null; fields: string[] }[] = [];
  for (const [i, item] of items.entries()) {
    if (!item.candidate || problems.some((p) => p.line === item.line)) continue;
    const matchId = matches[i];
    if (!matchId) {
      plans.push({ item, candidate: item.candidate, before: null, fields: [] });
      continue;
    }
    const before = (await getStructure(deps.db, matchId, now))!;
    const departement = departementFor(item.candidate);
    if (
      !can(actor, 'directory.edit', { structureId: before.id, departement: before.departement }) ||
      !can(actor, 'directory.edit', { structureId: before.id, departement })
    ) {
      problems.push({ line: item.line, column: null, reason: `Vous n’avez pas le droit de modifier la fiche « ${before.name} » (id ${before.id}) ${opts.label(i)}.` });
      continue;
    }
    plans.push({ item, candidate: { ...item.candidate, id: before.id, idGiven: true }, before, fields: changedFields(before, item.candidate.input) });
  }

  const planOf = new Map(plans.map((p) => [p.item.line, p]));
  const lines: DirectoryImportReport['lines'] = items.map((item) => {
    const plan = planOf.get(item.line);
    const failed = !plan || problems.some((p) => p.line === item.line);
    return {
      line: item.line,
      outcome: failed ? 'error' : !plan.before ? 'created' : plan.fields.length ? 'updated' : 'unchanged',
      id: plan?.candidate.id ?? (item.check.idGiven ? item.check.id : null),
      name: item.check.input.name ?? null,
      changedFields: failed ? [] : plan.fields,
    };
  });
  const count = (o: string) => lines.filter((l) => l.outcome === o).length;
  const created = count('created');
  const updated = count('updated');
  const unchanged = count('unchanged');
  const errors = new Set(problems.map((p) => p.line)).size;
  problems.sort((a, b) => a.line - b.line);
  const summary = `${plural(created, 'création')}, ${plural(updated, 'mise')} à jour, ${unchanged} inchangée${unchanged > 1 ? 's' : ''}`;

  if (opts.dryRun || problems.length) {
    const message = problems.length
      ? `${opts.dryRun ? 'Simulation : ' : ''}${plural(problems.length, 'problème')} sur ${plural(errors, opts.format === 'csv' ? 'ligne' : 'entrée')} ; rien n’a été enregistré. Sans ces problèmes : ${summary}.`
      : `Simulation : ${summary}. Rien n’a été enregistré ; relancez sans dryRun pour appliquer.`;
    return { dryRun: opts.dryRun, applied: false, message, created, updated, unchanged, errors, lines, problems };
  }

  const changeKind = `update-${opts.format}`;
  const creations = plans.filter((p) => !p.before);
  const updates = plans.filter((p) => p.before && p.fields.length);
  await deps.db.transaction(async (tx) => {
    // Creations first, parents before children: an updated entry may be attached to a new one.
    for (const i of parentsFirst(creations.map((p) => p.candidate))) {
      const c = creations[i].candidate;
      await insertStructure(tx, c.input, actor, ctx, now, { id: c.id, isDemo: c.isDemo, status: 'published', changeKind: `import-${opts.format}`, departement: departementFor(c) });
    }
    for (const p of updates) {
      // Read again inside the transaction: the version written follows the one stored.
      const before = (await getStructure(tx, p.before!.id, now))!;
      await applyUpdate(tx, before, p.candidate.input, actor, ctx, now, { departement: departementFor(p.candidate), changeKind });
    }
    await recordAuditEvent(tx, actor, ctx, {
      action: 'directory.imported',
      objectType: 'structure',
      details: { format: opts.format, mode: 'update', created, updated, unchanged },
    });
  });
  if (creations.length || updates.length) bumpDirectoryGeneration();
  return { dryRun: false, applied: true, message: `Import appliqué : ${summary}.`, created, updated, unchanged, errors: 0, lines, problems: [] };
}
