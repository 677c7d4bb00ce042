import { kitDocumentInputSchema } from '@palliance/core';
import type { DbHandle } from '../db/client';
import { insertKitDocument } from './kit-documents';

/*
 * Demonstration documents of the palliative-emergency kit. They carry STRUCTURE and PLACEHOLDERS only:
 * no product, no dose, no protocol of our own (the reference says these are content editors write).
 * The fields of the "fiche URGENCE PALLIA" are those the reference lists for the SFAP form.
 */

const SOURCE_REF = 'Faits de référence Palliance « Clinical scales and billing codes » (reference/clinical-scales.md), section « Palliative emergency and sedation ».';
const EXAMPLE = 'EXEMPLE DE DÉMONSTRATION : ce document ne contient que sa structure et ses champs. Son contenu médical est à rédiger par un éditeur.';
const AUTHORS = ['Équipe éditoriale Palliance (démo)'];
const REVIEW = '2027-11-22';

export const DEMO_KIT_IDS = {
  urgencePallia: '00000000-0000-4000-8000-00000000e001',
  checklist: '00000000-0000-4000-8000-00000000e002',
  anticipee: '00000000-0000-4000-8000-00000000e003',
};

const DOCS = [
  {
    id: DEMO_KIT_IDS.urgencePallia,
    input: {
      slug: 'fiche-urgence-pallia-exemple',
      kind: 'fiche_urgence_pallia',
      title: 'Fiche URGENCE PALLIA (exemple de structure)',
      body: [
        EXAMPLE,
        'Fiche d’une page remplie par le médecin traitant ou un médecin coordonnateur avec le patient, ses proches et l’équipe, puis transmise au SAMU.',
        '',
        'Patient : {{patient.nom}}, né(e) le {{patient.naissance}}',
        'Adresse : {{patient.adresse}}',
        'Médecin : {{medecin.nom}} ({{medecin.telephone}})',
        'Proche à contacter : {{proche.nom}} ({{proche.telephone}})',
        'Équipe et contacts : {{equipe.contacts}}',
        'Maladies : {{maladies}}',
        'Symptômes attendus : {{symptomes.attendus}}',
        'Produits disponibles au domicile (prescriptions anticipées personnalisées) : {{produits.domicile}}',
        'Objectifs de soins : {{objectifs.soins}}',
        'Choix concernant la réanimation : {{choix.reanimation}}',
        'Sédation discutée avec le patient : {{sedation.discutee}}',
        'Fiche établie le {{date.redaction}}',
      ].join('\n'),
      placeholders: [
        { key: 'patient.nom', label: 'Nom du patient', type: 'text', required: true },
        { key: 'patient.naissance', label: 'Date de naissance', type: 'date', required: false },
        { key: 'patient.adresse', label: 'Adresse', type: 'text', required: false },
        { key: 'medecin.nom', label: 'Médecin', type: 'text', required: true },
        { key: 'medecin.telephone', label: 'Téléphone du médecin', type: 'text', required: false },
        { key: 'proche.nom', label: 'Proche à contacter', type: 'text', required: false },
        { key: 'proche.telephone', label: 'Téléphone du proche', type: 'text', required: false },
        { key: 'equipe.contacts', label: 'Équipe et contacts', type: 'text', required: false },
        { key: 'maladies', label: 'Maladies', type: 'text', required: false },
        { key: 'symptomes.attendus', label: 'Symptômes attendus', type: 'text', required: false },
        { key: 'produits.domicile', label: 'Produits disponibles au domicile', type: 'text', required: false },
        { key: 'objectifs.soins', label: 'Objectifs de soins', type: 'text', required: false },
        { key: 'choix.reanimation', label: 'Choix concernant la réanimation', type: 'text', required: false },
        { key: 'sedation.discutee', label: 'Sédation discutée (oui / non, date)', type: 'text', required: false },
        { key: 'date.redaction', label: 'Date de la fiche', type: 'date', required: true },
      ],
      authors: AUTHORS,
      source: `${SOURCE_REF} Champs d’après la fiche « URGENCE PALLIA » de la SFAP.`,
      reviewDate: REVIEW,
      changeNote: 'Exemple de démonstration.',
    },
  },
  {
    id: DEMO_KIT_IDS.checklist,
    input: {
      slug: 'checklist-48h-exemple',
      kind: 'checklist_48h',
      title: 'Check-list des 48 premières heures (exemple de structure)',
      body: [
        EXAMPLE,
        '',
        'Patient : {{patient.nom}}',
        'Retour ou début de prise en charge à domicile le {{date.debut}}',
        'Rédigée par : {{redacteur.nom}}',
        '',
        'Points à vérifier : [à rédiger par un éditeur]',
      ].join('\n'),
      placeholders: [
        { key: 'patient.nom', label: 'Nom du patient', type: 'text', required: true },
        { key: 'date.debut', label: 'Date de début', type: 'date', required: true },
        { key: 'redacteur.nom', label: 'Rédigée par', type: 'text', required: false },
      ],
      authors: AUTHORS,
      source: `${SOURCE_REF} Recommandation « kit urgence palliative » de l’enquête Corpalif (document source 004).`,
      reviewDate: REVIEW,
      changeNote: 'Exemple de démonstration.',
    },
  },
  {
    id: DEMO_KIT_IDS.anticipee,
    input: {
      slug: 'prescription-anticipee-exemple',
      kind: 'prescription_anticipee',
      title: 'Modèle de prescription anticipée (exemple de structure)',
      body: [
        EXAMPLE,
        'La plateforme ne propose ni produit ni dose : le prescripteur rédige sa prescription.',
        '',
        'Prescripteur : {{prescripteur.nom}}, RPPS {{prescripteur.rpps}}',
        'Patient : {{patient.nom}}, poids {{patient.poids}} kg',
        'Situation anticipée : {{situation}}',
        'Prescription : {{prescription}}',
        'Fait le {{date.prescription}}',
      ].join('\n'),
      placeholders: [
        { key: 'prescripteur.nom', label: 'Prescripteur', type: 'text', required: true },
        { key: 'prescripteur.rpps', label: 'RPPS du prescripteur', type: 'text', required: false },
        { key: 'patient.nom', label: 'Nom du patient', type: 'text', required: true },
        { key: 'patient.poids', label: 'Poids (kg)', type: 'number', required: false },
        { key: 'situation', label: 'Situation anticipée', type: 'text', required: true },
        { key: 'prescription', label: 'Prescription (rédigée par le prescripteur)', type: 'text', required: true },
        { key: 'date.prescription', label: 'Date', type: 'date', required: true },
      ],
      authors: AUTHORS,
      source: `${SOURCE_REF} Recommandation « kit urgence palliative » de l’enquête Corpalif (document source 004).`,
      reviewDate: REVIEW,
      changeNote: 'Exemple de démonstration.',
    },
  },
];

/** Idempotent: a document already there is left as editors made it. */
export async function seedDemoKit(handle: DbHandle): Promise<void> {
  const existing = await handle.query<{ id: string }>('SELECT id FROM kit_document WHERE id = ANY ($1::uuid[])', [Object.values(DEMO_KIT_IDS)]);
  const have = new Set(existing.map((r) => r.id));
  for (const d of DOCS) {
    if (have.has(d.id)) continue;
    const input = kitDocumentInputSchema.parse(d.input);
    await handle.db.transaction((tx) => insertKitDocument(tx, input, null, null, new Date(), { id: d.id, isDemo: true }));
  }
}
