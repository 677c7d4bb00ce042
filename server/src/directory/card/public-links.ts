import { foldForSearch } from '@palliance/core';
import { structurePath } from '../queries';

/** The live "qui appeler" page of a commune in the web app. */
export const communePagePath = (code: string) => `/annuaire/communes/${code}`;

export const absoluteUrl = (publicUrl: string, path: string) => `${publicUrl.replace(/\/$/, '')}${path}`;

export const communePageUrl = (publicUrl: string, code: string) => absoluteUrl(publicUrl, communePagePath(code));
export const structurePageUrl = (publicUrl: string, id: string) => absoluteUrl(publicUrl, structurePath(id));

/** 'Bourg-Saint-Maurice' → 'qui-appeler-bourg-saint-maurice.pdf': ASCII only, safe in any header. */
export function cardFileName(...parts: string[]): string {
  const slug = foldForSearch(parts.join(' ')).replace(/ /g, '-').slice(0, 80).replace(/-+$/, '');
  return `qui-appeler${slug ? `-${slug}` : ''}.pdf`;
}
