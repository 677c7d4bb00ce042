import { foldForSearch, type StructureInput } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { DbHandle } from '../../db/client';
import type { Actor, RequestContext } from '../../http/actor';
import { bumpDirectoryGeneration } from '../directory-cache';
import { insertStructure } from '../save-structure';

/** One structure to create, already checked against the input contract. */
export interface ImportCandidate {
  /** The id it will have: the one asked for, or a fresh one. */
  id: string;
  /** Whether the source named the id (an existing id is then reported, not silently replaced). */
  idGiven: boolean;
  input: StructureInput;
  isDemo: boolean;
}

/**
 * What the database must confirm about one entry of the source. Entries that failed the input
 * contract are checked too, on the fields that passed it, so one answer lists every problem.
 */
export interface CheckableInput {
  name?: string;
  types?: string[];
  parentId?: string | null;
  finess?: string | null;
  siret?: string | null;
  rorId?: string | null;
  postalCode?: string | null;
  communeCode?: string | null;
  coverage?: { departements?: string[]; communes?: string[] };
}

export interface BatchItem {
  id: string;
  idGiven: boolean;
  input: CheckableInput;
}

/** A problem of one item; `field` is a path of StructureInput ('types', 'coverage.communes') or 'id'. */
export interface CandidateIssue {
  index: number;
  field: string;
  message: string;
}

/**
 * The checkable part of a raw input: every field the contract did not reject (`failed` holds the
 * paths of its issues, e.g. 'types.0', 'coverage.communes.2'), trimmed, empty text as null.
 */
export function checkableFrom(raw: Record<string, unknown>, failed: readonly string[]): CheckableInput {
  const bad = (field: string) => failed.some((f) => f === field || f.startsWith(`${field}.`));
  const text = (field: string) => {
    const v = raw[field];
    if (bad(field) || v === undefined) return undefined;
    if (v === null) return null;
    if (typeof v !== 'string') return undefined;
    return v.trim() === '' ? null : v.trim();
  };
  const texts = (v: unknown, field: string) =>
    !bad(field) && Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]).map((x) => x.trim()) : undefined;
  const coverage = (typeof raw.coverage === 'object' && raw.coverage !== null ? raw.coverage : {}) as Record<string, unknown>;
  return {
    name: text('name') ?? undefined,
    types: texts(raw.types, 'types'),
    parentId: text('parentId'),
    finess: text('finess'),
    siret: text('siret'),
    rorId: text('rorId'),
    postalCode: text('postalCode'),
    communeCode: text('communeCode'),
    coverage: {
      departements: texts(coverage.departements, 'coverage.departements'),
      communes: texts(coverage.communes, 'coverage.communes'),
    },
  };
}

interface ExistingRow {
  id: string;
  name: string;
  finess: string | null;
  siret: string | null;
  ror_id: string | null;
  name_search: string;
  commune_code: string | null;
}

const uniq = <T>(xs: Iterable<T>) => [...new Set(xs)];

/**
 * Everything the database must confirm before an import writes, in a handful of queries for the
 * whole batch: reference codes, parents, and entries that already exist (by id, FINESS, ROR id,
 * or same name in the same commune), so that importing a file twice creates nothing twice.
 * `label(i)` names an item in messages ("à la ligne 4", "dans l'entrée 3").
 */
export async function findBatchIssues(handle: DbHandle, items: readonly BatchItem[], label: (index: number) => string): Promise<CandidateIssue[]> {
  return (await checkBatch(handle, items, label, 'create')).issues;
}

/**
 * In 'update' mode an entry already in the directory (same id, FINESS, SIRET or ROR id) is not a
 * problem but the entry to update: `matches[i]` is its id. Identifiers pointing at two different
 * entries, or two items updating the same entry, are problems.
 */
export async function checkBatch(
  handle: DbHandle,
  items: readonly BatchItem[],
  label: (index: number) => string,
  mode: 'create' | 'update',
): Promise<{ issues: CandidateIssue[]; matches: (string | null)[] }> {
  const issues: CandidateIssue[] = [];
  const matches: (string | null)[] = items.map(() => null);
  const add = (index: number, field: string, message: string) => issues.push({ index, field, message });
  if (items.length === 0) return { issues, matches };

  const types = new Set((await handle.query<{ code: string }>('SELECT code FROM structure_type')).map((r) => r.code));
  const departements = new Set((await handle.query<{ code: string }>('SELECT code FROM departement')).map((r) => r.code));
  const communeCodes = uniq(items.flatMap((c) => [...(c.input.communeCode ? [c.input.communeCode] : []), ...(c.input.coverage?.communes ?? [])]));
  const communes = new Map(
    (
      await handle.query<{ code: string; nom: string; codes_postaux: string[] }>(
        'SELECT code, nom, codes_postaux FROM commune WHERE code = ANY($1::text[])',
        [communeCodes],
      )
    ).map((r) => [r.code, r]),
  );
  const batchIds = new Set(items.map((c) => c.id));
  const lookupIds = uniq([
    ...items.filter((c) => c.idGiven).map((c) => c.id),
    ...items.map((c) => c.input.parentId).filter((p): p is string => !!p && !batchIds.has(p)),
  ]);
  const existing = await handle.query<ExistingRow>(
    `SELECT id, name, finess, siret, ror_id, name_search, commune_code FROM structure
     WHERE id = ANY($1::uuid[]) OR finess = ANY($2::text[]) OR ror_id = ANY($3::text[]) OR name_search = ANY($4::text[])
        OR siret = ANY($5::text[])`,
    [
      lookupIds,
      uniq(items.map((c) => c.input.finess).filter((f): f is string => !!f)),
      uniq(items.map((c) => c.input.rorId).filter((r): r is string => !!r)),
      uniq(items.filter((c) => c.input.name).map((c) => foldForSearch(c.input.name!))),
      mode === 'update' ? uniq(items.map((c) => c.input.siret).filter((x): x is string => !!x)) : [],
    ],
  );
  const byId = new Map(existing.map((r) => [r.id, r]));
  const byFiness = new Map(existing.filter((r) => r.finess).map((r) => [r.finess!, r]));
  const byRor = new Map(existing.filter((r) => r.ror_id).map((r) => [r.ror_id!, r]));
  const bySiret = new Map(existing.filter((r) => r.siret).map((r) => [r.siret!, r]));
  const seenMatch = new Map<string, number>();
  const byName = new Map(existing.map((r) => [`${r.name_search}|${r.commune_code ?? ''}`, r]));
  const seenId = new Map<string, number>();
  const seenFiness = new Map<string, number>();
  const seenRor = new Map<string, number>();
  const seenName = new Map<string, number>();
  const named = (r: ExistingRow) => `« ${r.name} » (id ${r.id})`;

  items.forEach((c, i) => {
    const { input } = c;
    // Already in the directory: the import creates, it never overwrites an entry.
    let duplicate = false;
    let match: ExistingRow | undefined;
    if (mode === 'update') {
      // The identifiers must all designate the same entry (or none): otherwise which one to update?
      const found: [string, ExistingRow | undefined][] = [
        ['id', c.idGiven ? byId.get(c.id) : undefined],
        ['finess', input.finess ? byFiness.get(input.finess) : undefined],
        ['siret', input.siret ? bySiret.get(input.siret) : undefined],
        ['rorId', input.rorId ? byRor.get(input.rorId) : undefined],
      ];
      const hits = found.filter((f): f is [string, ExistingRow] => !!f[1]);
      match = hits[0]?.[1];
      const other = hits.find((h) => h[1].id !== match!.id);
      if (other) {
        add(i, other[0], `Les identifiants de cette structure désignent deux fiches différentes : ${named(match!)} et ${named(other[1])}.`);
        match = undefined;
      } else if (match && c.idGiven && match.id !== c.id) {
        add(i, 'id', `L’id ${c.id} ne correspond à aucune fiche, alors que ses identifiants désignent ${named(match)} : laissez l’id vide ou mettez ${match.id}.`);
        match = undefined;
      } else if (match && seenMatch.has(match.id)) {
        add(i, hits[0][0], `La fiche ${named(match)} est déjà mise à jour ${label(seenMatch.get(match.id)!)}.`);
        match = undefined;
      } else if (match) {
        seenMatch.set(match.id, i);
        matches[i] = match.id;
      }
      // Matched or not, an existing identifier is not a "duplicate" in this mode.
      duplicate = hits.length > 0;
    }
    if (mode === 'create' && c.idGiven && byId.has(c.id)) {
      add(i, 'id', `Cette structure existe déjà (id ${c.id}, « ${byId.get(c.id)!.name} »). L’import ne modifie pas les fiches existantes : modifiez-la dans l’annuaire ou retirez-la du fichier.`);
      duplicate = true;
    } else if (seenId.has(c.id)) {
      add(i, 'id', `L’identifiant ${c.id} est déjà utilisé ${label(seenId.get(c.id)!)}.`);
    }
    if (!seenId.has(c.id)) seenId.set(c.id, i);
    if (input.finess) {
      const other = byFiness.get(input.finess);
      if (other && !duplicate) {
        add(i, 'finess', `Une structure avec le FINESS ${input.finess} existe déjà : ${named(other)}.`);
        duplicate = true;
      } else if (seenFiness.has(input.finess)) {
        add(i, 'finess', `Le FINESS ${input.finess} figure déjà ${label(seenFiness.get(input.finess)!)}.`);
      } else seenFiness.set(input.finess, i);
    }
    if (input.rorId) {
      const other = byRor.get(input.rorId);
      if (other && !duplicate) {
        add(i, 'rorId', `Une structure avec l’identifiant ROR ${input.rorId} existe déjà : ${named(other)}.`);
        duplicate = true;
      } else if (seenRor.has(input.rorId)) {
        add(i, 'rorId', `L’identifiant ROR ${input.rorId} figure déjà ${label(seenRor.get(input.rorId)!)}.`);
      } else seenRor.set(input.rorId, i);
    }
    // The commune must have passed the contract too, or the pair means nothing.
    if (input.name && input.communeCode !== undefined) {
      const key = `${foldForSearch(input.name)}|${input.communeCode ?? ''}`;
      const sameName = byName.get(key);
      if (sameName && !duplicate && sameName.id !== match?.id) {
        add(i, 'name', `Une structure du même nom existe déjà dans cette commune : ${named(sameName)}.`);
      } else if (seenName.has(key)) {
        add(i, 'name', `Une structure du même nom dans la même commune figure déjà ${label(seenName.get(key)!)}.`);
      } else seenName.set(key, i);
    }

    const unknownTypes = (input.types ?? []).filter((t) => !types.has(t));
    if (unknownTypes.length) add(i, 'types', `Type${unknownTypes.length > 1 ? 's' : ''} de structure inconnu${unknownTypes.length > 1 ? 's' : ''} : ${unknownTypes.join(', ')}.`);
    if (input.communeCode) {
      const commune = communes.get(input.communeCode);
      if (!commune) add(i, 'communeCode', `Commune inconnue : ${input.communeCode}.`);
      else if (input.postalCode && !commune.codes_postaux.includes(input.postalCode)) {
        add(i, 'postalCode', `Le code postal ${input.postalCode} ne correspond pas à la commune ${commune.nom} (${commune.code}) : ${commune.codes_postaux.join(', ')}.`);
      }
    }
    const unknownDeps = uniq((input.coverage?.departements ?? []).filter((d) => !departements.has(d)));
    if (unknownDeps.length) add(i, 'coverage.departements', `Département${unknownDeps.length > 1 ? 's' : ''} inconnu${unknownDeps.length > 1 ? 's' : ''} : ${unknownDeps.join(', ')}.`);
    const unknownCommunes = uniq((input.coverage?.communes ?? []).filter((x) => !communes.has(x)));
    if (unknownCommunes.length) add(i, 'coverage.communes', `Commune${unknownCommunes.length > 1 ? 's' : ''} inconnue${unknownCommunes.length > 1 ? 's' : ''} : ${unknownCommunes.join(', ')}.`);
    if (input.parentId) {
      if (input.parentId === c.id || input.parentId === match?.id) add(i, 'parentId', 'Une structure ne peut pas être rattachée à elle-même.');
      else if (!batchIds.has(input.parentId) && !byId.has(input.parentId)) {
        add(i, 'parentId', `L’organisation de rattachement ${input.parentId} n’existe ni dans l’annuaire ni dans cet import.`);
      }
    }
  });

  // A chain of parents inside the batch must end: a cycle cannot be inserted.
  const index = new Map(items.map((c, i) => [c.id, i]));
  items.forEach((c, i) => {
    const seen = new Set<number>([i]);
    let p = c.input.parentId ? index.get(c.input.parentId) : undefined;
    while (p !== undefined && p !== i) {
      if (seen.has(p)) return; // a cycle not through i: reported on its own members
      seen.add(p);
      const next = items[p].input.parentId;
      p = next ? index.get(next) : undefined;
    }
    if (p === i && c.input.parentId !== c.id) add(i, 'parentId', 'Rattachement circulaire : cette structure dépend, de proche en proche, d’elle-même.');
  });
  return { issues, matches };
}

/** Indexes so that each parent of the batch comes before its children (no cycle: checked before). */
export function parentsFirst(items: readonly { id: string; input: { parentId?: string | null } }[]): number[] {
  const index = new Map(items.map((c, i) => [c.id, i]));
  const order: number[] = [];
  const done = new Set<number>();
  const visit = (i: number) => {
    if (done.has(i)) return;
    done.add(i);
    const p = items[i].input.parentId ? index.get(items[i].input.parentId!) : undefined;
    if (p !== undefined) visit(p);
    order.push(i);
  };
  items.forEach((_c, i) => visit(i));
  return order;
}

/**
 * Creates every candidate in one transaction (a new published entry each, versioned and audited
 * as `changeKind`), then one audit event for the import. Returns the ids in the source's order.
 */
export async function insertBatch(
  deps: AppDeps,
  actor: Actor,
  ctx: RequestContext,
  items: readonly ImportCandidate[],
  opts: { changeKind: string; format: 'csv' | 'fhir' },
): Promise<string[]> {
  const now = deps.now();
  // The references were checked for the whole batch: only each commune's department is still needed.
  const communes = [...new Set(items.map((c) => c.input.communeCode).filter((x): x is string => !!x))];
  const departementOf = new Map(
    (await deps.handle.query<{ code: string; departement: string }>('SELECT code, departement FROM commune WHERE code = ANY($1::text[])', [communes])).map(
      (r) => [r.code, r.departement],
    ),
  );
  await deps.db.transaction(async (tx) => {
    for (const i of parentsFirst(items)) {
      const c = items[i];
      const departement = c.input.communeCode ? departementOf.get(c.input.communeCode) : null;
      await insertStructure(tx, c.input, actor, ctx, now, { id: c.id, isDemo: c.isDemo, status: 'published', changeKind: opts.changeKind, departement });
    }
    await recordAuditEvent(tx, actor, ctx, {
      action: 'directory.imported',
      objectType: 'structure',
      details: { format: opts.format, count: items.length },
    });
  });
  if (items.length) bumpDirectoryGeneration();
  return items.map((c) => c.id);
}
