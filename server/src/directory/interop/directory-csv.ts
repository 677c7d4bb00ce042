import {
  DIRECTORY_CSV_COLUMNS,
  DIRECTORY_CSV_MAX_ERRORS,
  type CsvImportFailure,
  type CsvImportIssue,
  type DirectoryImportAnswer,
  type DirectoryImportReport,
} from '@palliance/core';
import type { AppDeps } from '../../app-types';
import type { Actor, RequestContext } from '../../http/actor';
import { assertCan } from '../../http/permissions';
import { decodeCsvBytes, serializeCsv, UTF8_BOM } from './csv';
import { findBatchIssues, insertBatch } from './import-batch';
import { listPublishedStructures } from './published-structures';
import { csvColumnOrder, readDirectoryCsv, structureToCsvRow } from './structure-csv';
import { importWithUpdates } from './update-import';

/** The published directory as a CSV file for Excel: UTF-8 with BOM, ';' separator, CRLF. */
export async function exportDirectoryCsv(deps: AppDeps, filter: { departement?: string; type?: string }): Promise<string> {
  const { items } = await listPublishedStructures(
    deps.handle,
    { departement: filter.departement, types: filter.type ? [[filter.type.toUpperCase()]] : undefined },
    deps.now(),
  );
  return UTF8_BOM + serializeCsv([[...DIRECTORY_CSV_COLUMNS], ...items.map(structureToCsvRow)], ';');
}

export type CsvImportResult = { ok: true; answer: DirectoryImportAnswer } | { ok: false; failure: CsvImportFailure };

/**
 * Imports a CSV file all or nothing: every line is checked (contract, then reference codes and
 * existing entries for the whole file at once) and, if one problem remains, the answer lists them
 * all with line and column and nothing is written. A line whose id, FINESS, ROR id, or name and
 * commune are already in the directory is refused: the import creates entries, it never
 * overwrites one, so importing the same file twice creates nothing twice.
 */
export async function importDirectoryCsv(
  deps: AppDeps,
  actor: Actor | null,
  body: Uint8Array | string,
  ctx: RequestContext,
): Promise<CsvImportResult> {
  assertCan(actor, 'directory.import');
  const text = typeof body === 'string' ? body : decodeCsvBytes(body);
  const { lines, issues } = readDirectoryCsv(text);
  const batch = await findBatchIssues(
    deps.handle,
    lines.map((l) => l.check),
    (i) => `à la ligne ${lines[i].line}`,
  );
  for (const b of batch) issues.push({ line: lines[b.index].line, column: lines[b.index].columnOf(b.field), reason: b.message });
  if (issues.length) return { ok: false, failure: failure(issues) };
  // No issue: every line is a candidate.
  const ids = await insertBatch(deps, actor, ctx, lines.map((l) => l.candidate!), { changeKind: 'import-csv', format: 'csv' });
  return { ok: true, answer: { imported: ids.length, ids } };
}

/**
 * `?mode=update`: lines naming an entry already in the directory (id, FINESS, SIRET or ROR id)
 * update it instead of being refused. The report says, line by line, what is (or in a dry run,
 * would be) created, updated or left unchanged, and every problem with its line and column.
 */
export async function importDirectoryCsvWithUpdates(
  deps: AppDeps,
  actor: Actor | null,
  body: Uint8Array | string,
  ctx: RequestContext,
  dryRun: boolean,
): Promise<DirectoryImportReport> {
  assertCan(actor, 'directory.import');
  const text = typeof body === 'string' ? body : decodeCsvBytes(body);
  const { lines, issues } = readDirectoryCsv(text);
  return importWithUpdates(deps, actor, ctx, lines, issues, {
    format: 'csv',
    dryRun,
    label: (i) => `à la ligne ${lines[i].line}`,
  });
}

function failure(all: CsvImportIssue[]): CsvImportFailure {
  const sorted = [...all].sort((a, b) => a.line - b.line || csvColumnOrder(a.column) - csvColumnOrder(b.column));
  const lines = new Set(sorted.map((e) => e.line)).size;
  const shown = sorted.slice(0, DIRECTORY_CSV_MAX_ERRORS);
  const more = sorted.length - shown.length;
  const count = `${sorted.length} problème${sorted.length > 1 ? 's' : ''} sur ${lines} ligne${lines > 1 ? 's' : ''}`;
  return {
    code: 'invalid_csv',
    message: `Le fichier n’a pas été importé (${count}) : rien n’a été enregistré. Corrigez ${sorted.length > 1 ? 'ces lignes' : 'cette ligne'} puis importez à nouveau le fichier entier.${
      more > 0 ? ` Seuls les ${DIRECTORY_CSV_MAX_ERRORS} premiers problèmes sont listés.` : ''
    }`,
    errors: shown,
  };
}
