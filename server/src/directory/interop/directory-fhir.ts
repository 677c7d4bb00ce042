import { FHIR_DEFAULT_COUNT, FHIR_MAX_COUNT, FHIR_SEARCH_PARAMS, FHIR_SYSTEMS, IMPORT_OUTCOMES, type CsvImportIssue } from '@palliance/core';
import { z } from 'zod';
import type { AppDeps } from '../../app-types';
import type { Actor, RequestContext } from '../../http/actor';
import { assertCan } from '../../http/permissions';
import { describeEntry, entryPath, readDirectoryBundle } from './fhir-bundle';
import { toResource, type FhirLabels, type FhirResource, type FhirResourceType } from './fhir-resources';
import { findBatchIssues, insertBatch } from './import-batch';
import { FhirError, operationOutcome, type FhirIssue } from './operation-outcome';
import { importWithUpdates } from './update-import';
import { listPublishedStructures, referenceLabels, type PublishedFilter } from './published-structures';

export const fhirBase = (deps: AppDeps) => `${deps.config.publicUrl.replace(/\/+$/, '')}/fhir/R4`;

const entryOf = (base: string, r: FhirResource) => ({ fullUrl: `${base}/${r.resourceType}/${r.id}`, resource: r });

type Query = Record<string, string | string[] | undefined>;

const invalid = (diagnostics: string, param: string) => new FhirError(400, [{ code: 'invalid', diagnostics, expression: [param] }]);

/** Reads the search parameters; anything not understood is refused rather than silently ignored. */
export function parseFhirSearch(query: Query): { filter: PublishedFilter; count: number; offset: number } {
  const filter: PublishedFilter = {};
  let count = FHIR_DEFAULT_COUNT;
  let offset = 0;
  const known = FHIR_SEARCH_PARAMS as readonly string[];
  for (const [name, rawValue] of Object.entries(query)) {
    if (rawValue === undefined) continue;
    const values = Array.isArray(rawValue) ? rawValue : [rawValue];
    if (!known.includes(name)) {
      throw invalid(`Paramètre de recherche inconnu ou non pris en charge : « ${name} ». Paramètres acceptés : ${FHIR_SEARCH_PARAMS.join(', ')}.`, name);
    }
    const single = () => {
      if (values.length > 1) throw invalid(`Le paramètre « ${name} » ne peut être donné qu’une fois.`, name);
      return values[0].trim();
    };
    // A comma separates alternatives (OR); a repeated parameter adds a condition (AND).
    const alternatives = (v: string) => v.split(',').map((x) => x.trim()).filter(Boolean);
    switch (name) {
      case 'address-city':
        filter.cityPrefixes = values.map((v) => {
          const names = alternatives(v);
          if (names.length === 0) throw invalid('Le paramètre « address-city » attend un nom de commune (ou son début).', name);
          return names;
        });
        break;
      case 'address-postalcode':
        filter.postalPrefixes = values.map((v) => {
          const codes = alternatives(v);
          if (codes.length === 0 || codes.some((c) => !/^\d{1,5}$/.test(c))) {
            throw invalid(`Le paramètre « address-postalcode » attend un code postal ou son début (1 à 5 chiffres), reçu « ${v} ».`, name);
          }
          return codes;
        });
        break;
      case 'type':
        filter.types = values.map((v) =>
          alternatives(v).flatMap((token) => {
            // system|code: only our code system names structure types; another system matches nothing.
            const bar = token.lastIndexOf('|');
            if (bar < 0) return [token.toUpperCase()];
            const system = token.slice(0, bar);
            return system === '' || system === FHIR_SYSTEMS.structureType ? [token.slice(bar + 1).toUpperCase()] : [];
          }),
        );
        break;
      case '_count': {
        const v = single();
        if (!/^\d+$/.test(v) || Number(v) > FHIR_MAX_COUNT) throw invalid(`« _count » doit être un entier de 0 à ${FHIR_MAX_COUNT} (reçu « ${v} »).`, name);
        count = Number(v);
        break;
      }
      case '_offset': {
        const v = single();
        if (!/^\d{1,7}$/.test(v)) throw invalid(`« _offset » doit être un entier positif ou nul (reçu « ${v} »).`, name);
        offset = Number(v);
        break;
      }
      case '_format': {
        const v = single();
        if (!['json', 'application/json', 'application/fhir+json'].includes(v)) {
          throw new FhirError(400, [{ code: 'not-supported', diagnostics: `Seul le format JSON est proposé (reçu « _format=${v} »).`, expression: [name] }]);
        }
        break;
      }
    }
  }
  return { filter, count, offset };
}

/** A searchset Bundle of one resource type, with self and next links. */
export async function searchFhir(deps: AppDeps, type: FhirResourceType, query: Query) {
  const { filter, count, offset } = parseFhirSearch(query);
  const base = fhirBase(deps);
  const [labels, { total, items }] = await Promise.all([
    referenceLabels(deps.handle),
    listPublishedStructures(deps.handle, { ...filter, located: type === 'Location' }, deps.now(), { limit: count, offset }),
  ]);
  const link = (at: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) if (k !== '_offset') params.append(k, x);
    if (at > 0) params.set('_offset', String(at));
    const qs = params.toString();
    return `${base}/${type}${qs ? `?${qs}` : ''}`;
  };
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: [
      { relation: 'self', url: link(offset) },
      ...(count > 0 && offset + count < total ? [{ relation: 'next', url: link(offset + count) }] : []),
      ...(offset > 0 && count > 0 ? [{ relation: 'previous', url: link(Math.max(0, offset - count)) }] : []),
    ],
    entry: items
      .map((s) => toResource(type, s, labels))
      .filter((r): r is FhirResource => r !== null)
      .map((r) => ({ ...entryOf(base, r), search: { mode: 'match' } })),
  };
}

export async function readFhir(deps: AppDeps, type: FhirResourceType, id: string): Promise<FhirResource> {
  const notFound = new FhirError(404, [{ code: 'not-found', diagnostics: `${type}/${id} n’existe pas dans l’annuaire publié.` }]);
  if (!z.uuid().safeParse(id).success) throw notFound;
  const [labels, { items }] = await Promise.all([referenceLabels(deps.handle), listPublishedStructures(deps.handle, { ids: [id] }, deps.now())]);
  const resource = items[0] ? toResource(type, items[0], labels) : null;
  if (!resource) throw notFound;
  return resource;
}

/** Every published entry as its Organization, HealthcareService and Location, in one collection Bundle. */
export async function exportDirectoryBundle(deps: AppDeps) {
  const base = fhirBase(deps);
  const now = deps.now();
  const [labels, { items }] = await Promise.all([referenceLabels(deps.handle), listPublishedStructures(deps.handle, {}, now)]);
  const entries = items.flatMap((s) =>
    (['Organization', 'HealthcareService', 'Location'] as const).map((t) => toResource(t, s, labels as FhirLabels)).filter((r): r is FhirResource => r !== null),
  );
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: now.toISOString(),
    meta: { lastUpdated: now.toISOString() },
    total: items.length,
    entry: entries.map((r) => entryOf(base, r)),
  };
}

/**
 * Imports a collection or transaction Bundle all or nothing. Each problem comes back as one issue
 * (entry index, FHIRPath, French text) in a 400 OperationOutcome and nothing is written; entries
 * already in the directory (same structure id, FINESS, ROR id, or name in the same commune) are
 * such problems, so importing an export twice creates nothing twice.
 */
export async function importDirectoryBundle(deps: AppDeps, actor: Actor | null, body: unknown, ctx: RequestContext) {
  assertCan(actor, 'directory.import');
  const reading = readDirectoryBundle(body);
  const issues: FhirIssue[] = [...reading.issues];
  const groups = reading.groups;
  const batch = await findBatchIssues(
    deps.handle,
    groups.map((g) => g.check),
    (i) => `dans l’entrée ${groups[i].org.index}`,
  );
  for (const b of batch) {
    const g = groups[b.index];
    const { entry, path } = g.locate(b.field);
    const duplicate = ['id', 'finess', 'rorId', 'name'].includes(b.field);
    issues.push({
      code: duplicate ? 'duplicate' : 'code-invalid',
      diagnostics: `${describeEntry(entry, g.check.input.name)} : ${b.message}`,
      expression: [entryPath(entry, path)],
    });
  }
  if (issues.length) {
    issues.sort((a, b) => entryIndex(a) - entryIndex(b));
    throw new FhirError(400, issues);
  }
  // No issue: every group is a candidate.
  const ids = await insertBatch(deps, actor, ctx, groups.map((g) => g.candidate!), { changeKind: 'import-fhir', format: 'fhir' });
  const idOfEntry = new Map<number, string>();
  reading.groups.forEach((g, i) => {
    for (const e of [g.org, g.hs, g.loc]) if (e) idOfEntry.set(e.index, ids[i]);
  });
  return {
    resourceType: 'Bundle',
    // Atomic either way: a collection is answered as the transaction it was processed as.
    type: 'transaction-response',
    entry: reading.entries.map((e) => ({
      response: { status: '201 Created', location: `${e.type}/${idOfEntry.get(e.index)}/_history/1` },
    })),
  };
}

/**
 * `?mode=update`: an entry naming a structure already in the directory (our id, FINESS, SIRET or
 * ROR id) updates it. With `dryRun=true` the answer is an informational OperationOutcome, one issue
 * per structure (création, mise à jour with the fields, inchangée); problems are a 400
 * OperationOutcome and nothing is written; applied, a transaction-response Bundle (201 for a
 * creation, 200 for an update or an unchanged entry).
 */
export async function importDirectoryBundleWithUpdates(deps: AppDeps, actor: Actor | null, body: unknown, ctx: RequestContext, dryRun: boolean) {
  assertCan(actor, 'directory.import');
  const reading = readDirectoryBundle(body);
  const groups = reading.groups;
  // Problems are reported against the structure's Organization entry; their FHIRPath says where.
  const groupOfEntry = new Map<number, number>();
  for (const g of groups) for (const e of [g.org, g.hs, g.loc]) if (e) groupOfEntry.set(e.index, g.org.index);
  const readingIssues: CsvImportIssue[] = reading.issues.map((i) => {
    const at = entryIndex(i);
    return { line: groupOfEntry.get(at) ?? at, column: i.expression?.[0] ?? null, reason: i.diagnostics };
  });
  const report = await importWithUpdates(
    deps,
    actor,
    ctx,
    groups.map((g) => ({
      line: g.org.index,
      candidate: g.candidate,
      check: g.check,
      columnOf: (field: string) => {
        const { entry, path } = g.locate(field);
        return entryPath(entry, path);
      },
    })),
    readingIssues,
    { format: 'fhir', dryRun, label: (i) => `dans l’entrée ${groups[i].org.index}` },
  );
  if (report.problems.length) {
    throw new FhirError(
      400,
      report.problems.map((p) => ({
        code: /existe déjà|désignent|déjà mise à jour/.test(p.reason) ? 'duplicate' : 'invalid',
        diagnostics: `Entrée ${p.line} : ${p.reason}`,
        ...(p.column ? { expression: [p.column] } : {}),
      })),
    );
  }
  if (dryRun) {
    return operationOutcome(
      [
        { code: 'informational' as const, diagnostics: report.message },
        ...report.lines.map((l) => ({
          code: 'informational' as const,
          diagnostics: `Entrée ${l.line}${l.name ? ` « ${l.name} »` : ''} : ${IMPORT_OUTCOMES[l.outcome]}${l.changedFields.length ? ` (${l.changedFields.join(', ')})` : ''}.`,
          expression: [`Bundle.entry[${l.line}]`],
        })),
      ],
      'information',
    );
  }
  const lineOf = new Map(report.lines.map((l) => [l.line, l]));
  const versions = new Map(
    (await deps.handle.query<{ id: string; version: number }>('SELECT id, version FROM structure WHERE id = ANY($1::uuid[])', [report.lines.map((l) => l.id)])).map((r) => [
      r.id,
      r.version,
    ]),
  );
  return {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: reading.entries.map((e) => {
      const l = lineOf.get(groupOfEntry.get(e.index)!)!;
      return { response: { status: l.outcome === 'created' ? '201 Created' : '200 OK', location: `${e.type}/${l.id}/_history/${versions.get(l.id!) ?? 1}` } };
    }),
  };
}

const entryIndex = (i: FhirIssue) => Number(/entry\[(\d+)\]/.exec(i.expression?.[0] ?? '')?.[1] ?? -1);
