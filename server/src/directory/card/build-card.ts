import { timeZoneForDepartement } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { notFound } from '../../http/errors';
import { communeInfo } from '../queries';
import { listStructureTypes } from '../structure-types';
import { buildCardModel } from './card-model';
import {
  coverageOf,
  departementNames,
  structuresCoveringCommune,
  structuresIntersecting,
  territoryOf,
  type CoverageEntry,
  type Territory,
} from './covering-structures';
import { cardFileName, communePageUrl, structurePageUrl } from './public-links';
import { qrPng } from './qr-code';
import { renderCardPdf } from './render-card-pdf';

export interface CardFile {
  fileName: string;
  pdf: Uint8Array;
}

async function typeOrder(deps: AppDeps) {
  const types = await listStructureTypes(deps.handle);
  return new Map(types.map((t, i) => [t.code, { label: t.label, sort: i }]));
}

/** The one-page "qui appeler" card of a commune (more pages when many structures cover it). */
export async function communeCard(deps: AppDeps, code: string, at: Date): Promise<CardFile> {
  const commune = await communeInfo(deps.handle, code);
  if (!commune) throw notFound(`Commune inconnue : ${code}.`);
  const [structures, types] = await Promise.all([structuresCoveringCommune(deps.handle, code, commune.departement), typeOrder(deps)]);
  const postal = commune.codes_postaux.length ? ` (${commune.codes_postaux.join(', ')})` : '';
  const title = `Qui appeler ? Soins palliatifs — ${commune.nom}${postal}`;
  const model = buildCardModel({
    title,
    intro: `Structures de l’annuaire qui interviennent à ${commune.nom} (département ${commune.departement}), par type.`,
    at,
    timeZone: timeZoneForDepartement(commune.departement),
    qrUrl: communePageUrl(deps.config.publicUrl, commune.code),
    qrCaption: 'Scannez : le numéro à appeler maintenant',
    structures,
    types,
    empty: `Aucune structure de l’annuaire ne déclare encore intervenir à ${commune.nom}. La page en ligne est mise à jour dès qu’une structure s’inscrit.`,
  });
  const pdf = await renderCardPdf(model, {
    qrPng: await qrPng(model.qrUrl),
    at,
    subject: `Structures de soins palliatifs qui interviennent à ${commune.nom} et leurs numéros selon l’heure`,
  });
  return { fileName: cardFileName(commune.nom), pdf };
}

const MAX_NAMED_COMMUNES = 8;

/**
 * Where a structure works within a territory, e.g. « Secteur : tout le département Savoie (73) »
 * or « Secteur sur ce territoire : Bourg-Saint-Maurice, Séez et 3 autres communes ».
 */
export function describeSector(own: readonly CoverageEntry[], territory: Territory, depNames: ReadonlyMap<string, string>): string | null {
  const wholeTerritoryDeps = new Set(territory.departements);
  const touched = new Set([...territory.departements, ...territory.communes.map((c) => c.departement)]);
  const territoryCommunes = new Set(territory.communes.map((c) => c.code));
  const deps = own.filter((e) => e.departement && touched.has(e.departement)).map((e) => e.departement!);
  const communes = own
    .filter((e) => e.commune_code && (territoryCommunes.has(e.commune_code) || wholeTerritoryDeps.has(e.commune_departement ?? '')))
    .map((e) => e.commune_name ?? e.commune_code!);
  const parts: string[] = [];
  if (deps.length) {
    const named = deps.map((d) => `${depNames.get(d) ?? 'département'} (${d})`);
    parts.push(`${deps.length > 1 ? 'départements entiers' : 'tout le département'} ${named.join(', ')}`);
  }
  if (communes.length) {
    const shown = communes.slice(0, MAX_NAMED_COMMUNES).join(', ');
    const more = communes.length - MAX_NAMED_COMMUNES;
    parts.push(more > 0 ? `${shown} et ${more} autre${more > 1 ? 's' : ''} commune${more > 1 ? 's' : ''}` : shown);
  }
  return parts.length ? `Intervient sur ce territoire : ${parts.join(' ; ')}` : null;
}

/** The same card for the territory a structure (a CPTS, typically) covers. */
export async function territoryCard(deps: AppDeps, id: string, at: Date): Promise<CardFile> {
  const rows = await deps.handle.query<{ id: string; name: string; departement: string | null; time_zone: string }>(
    `SELECT id, name, departement, time_zone FROM structure WHERE id = $1 AND status = 'published'`,
    [id],
  );
  const owner = rows[0];
  if (!owner) throw notFound('Cette structure n’existe pas.');
  const territory = territoryOf(await coverageOf(deps.handle, [id]));
  if (territory.departements.length === 0 && territory.communes.length === 0) {
    throw notFound('Cette structure n’a pas déclaré de territoire d’intervention : il n’y a pas de fiche « qui appeler » pour elle.');
  }
  const [structures, types, depNames] = await Promise.all([structuresIntersecting(deps.handle, territory), typeOrder(deps), departementNames(deps.handle)]);
  const coverage = await coverageOf(
    deps.handle,
    structures.map((s) => s.id),
  );
  const byStructure = new Map<string, CoverageEntry[]>();
  for (const e of coverage) {
    if (!byStructure.has(e.structure_id)) byStructure.set(e.structure_id, []);
    byStructure.get(e.structure_id)!.push(e);
  }
  const sectors = new Map<string, string>();
  for (const s of structures) {
    const text = describeSector(byStructure.get(s.id) ?? [], territory, depNames);
    if (text) sectors.set(s.id, text);
  }
  const timeZone = owner.departement ? timeZoneForDepartement(owner.departement) : owner.time_zone;
  const model = buildCardModel({
    title: `Qui appeler ? Soins palliatifs — territoire de ${owner.name}`,
    intro: `Structures de l’annuaire dont le secteur recoupe le territoire de ${owner.name}, par type.`,
    at,
    timeZone,
    qrUrl: structurePageUrl(deps.config.publicUrl, owner.id),
    qrCaption: 'Fiche à jour en ligne :',
    structures,
    types,
    sectors,
    empty: 'Aucune structure de l’annuaire ne déclare intervenir sur ce territoire.',
  });
  const pdf = await renderCardPdf(model, {
    qrPng: await qrPng(model.qrUrl),
    at,
    subject: `Structures de soins palliatifs du territoire de ${owner.name} et leurs numéros selon l’heure`,
  });
  return { fileName: cardFileName('territoire', owner.name), pdf };
}
