import type { ReactNode } from 'react';

/** Where the figures of a page come from: every number on a section page is traceable. */
export function Sources({ children }: { children: ReactNode }) {
  return (
    <aside className="sources" aria-labelledby="sources-title">
      <h2 id="sources-title">Sources</h2>
      <ul>{children}</ul>
    </aside>
  );
}

export const SOURCE_SURVEY_IDF =
  'Corpalif (cellule d’animation régionale de soins palliatifs d’Île-de-France), enquête auprès des professionnels de santé libéraux, questionnaire diffusé du 19 novembre au 26 décembre 2025 avec les URPS, 126 répondants, et ses recommandations.';
export const SOURCE_MOOC_CAL =
  'Dr Élise Gilbert, «\u00a0Formation en soins palliatifs : MOOC soins palliatifs\u00a0», Centre Antoine Lacassagne, journée annuelle DSRC OncoPACA-Corse, colloque douleur et soins palliatifs, 12 juin 2025.';
export const SOURCE_SPOC =
  'Annonce de la 2e édition du MOOC/SPOC «\u00a0Parcours de soins des patients atteints de cancers\u00a0» (session ouverte le 27 mars 2017).';
export const SOURCE_CPTS =
  'Journées nationales des CPTS 2025, atelier 16 «\u00a0Soins palliatifs : organiser la coordination territoriale avec les CPTS, les DAC et les HAD\u00a0».';
export const SOURCE_PACA =
  'Page régionale «\u00a0Communication et coordination : clés de la prise en charge en soins palliatifs\u00a0» (région Provence-Alpes-Côte d’Azur).';
