import { fillTemplateText, KIT_KINDS, type KitDocumentVersion, type TemplateValues } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { renderSimplePdf, type Block } from '../evaluation/simple-pdf';
import { badInput } from '../http/errors';
import { loadKitDocument } from './kit-documents';

export interface FilledTemplate {
  document: KitDocumentVersion;
  text: string;
  pdf: Uint8Array;
}

/**
 * Fills a kit document (current version, or the one asked for) with the professional's values and
 * renders the PDF. Nothing is stored. Exported for the coordination side (HAD "dossier dormant"),
 * which will call it with values taken from the patient's file.
 */
export async function fillTemplate(deps: Pick<AppDeps, 'handle' | 'now'>, documentId: string, values: TemplateValues, opts: { version?: number } = {}): Promise<FilledTemplate> {
  const document = await loadKitDocument(deps.handle, documentId, opts.version);
  const { text, issues } = fillTemplateText(document.body, document.placeholders, values);
  if (issues.length) throw badInput(`values.${issues[0].key}`, issues[0].message);
  const blocks: Block[] = [
    { kind: 'title', text: document.title },
    { kind: 'text', text: `${KIT_KINDS[document.kind]} · version ${document.version} · révision prévue le ${frDate(document.reviewDate)}`, muted: true },
  ];
  if (document.isDemo) blocks.push({ kind: 'text', text: 'EXEMPLE DE DÉMONSTRATION : structure et champs seulement, aucun contenu médical.', highlight: true });
  blocks.push({ kind: 'text', text });
  blocks.push({ kind: 'text', text: `Auteurs : ${document.authors.join(', ')}`, muted: true });
  blocks.push({ kind: 'text', text: `Source : ${document.source}`, muted: true });
  const pdf = await renderSimplePdf(document.title, blocks, `Palliance — document produit le ${frDate(deps.now().toISOString().slice(0, 10))} ; rien n’est enregistré`);
  return { document, text, pdf };
}

function frDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
