/*
 * The palliative billing codes at home (NGAP), version 1, from the platform's reference facts
 * (reference/clinical-scales.md) and the Corpalif survey's "nomenclature de soins palliatifs à domicile"
 * (seed 004). Amounts and rules change with the conventions: each code carries its sources and the points
 * the reference marks UNCONFIRMED, shown to users as "à confirmer par un éditeur".
 */

export type BillingProfession = 'medecin' | 'infirmier' | 'kinesitherapeute';

export const BILLING_PROFESSIONS: Record<BillingProfession, string> = {
  medecin: 'Médecin généraliste (médecin traitant)',
  infirmier: 'Infirmier(e) libéral(e)',
  kinesitherapeute: 'Masseur-kinésithérapeute',
};

export interface BillingCode {
  code: 'VSP' | 'VL' | 'MCI' | 'PLL' | 'BSI' | 'MD';
  label: string;
  profession: BillingProfession;
  who: string;
  amount: string;
  conditions: string[];
  combination: string[];
  supportingDocuments: string[];
  sources: string[];
  unconfirmed: string[];
}

export const BILLING_MEMO_VERSION = { version: '1', date: '2026-11-22' };

export const SOURCE_SEED_004 =
  'Corpalif, enquête auprès des professionnels de santé libéraux d’Île-de-France (2025), « Nomenclature de soins palliatifs à domicile ».';
export const SOURCE_REFERENCE = 'Faits de référence Palliance « Clinical scales and billing codes » (reference/clinical-scales.md), tableau NGAP.';

export const BILLING_CODES: BillingCode[] = [
  {
    code: 'VSP',
    label: 'Visite soins palliatifs médicale',
    profession: 'medecin',
    who: 'Médecin traitant',
    amount: '60 €',
    conditions: [
      'Consultation longue et complexe au domicile d’un patient en soins palliatifs au sens de l’article L.1110-10 du code de la santé publique.',
      'Nombre de visites non plafonné dans l’année depuis la convention médicale de fin 2023.',
    ],
    combination: [],
    supportingDocuments: [],
    sources: [SOURCE_SEED_004, SOURCE_REFERENCE],
    unconfirmed: [],
  },
  {
    code: 'VL',
    label: 'Visite longue médicale',
    profession: 'medecin',
    who: 'Médecin traitant',
    amount: '60 €',
    conditions: [
      'Au domicile d’un patient de 80 ans et plus en ALD exonérante, ou atteint d’une maladie neurodégénérative : jusqu’à 4 fois par an et par patient.',
      'Ou première visite au domicile d’un patient de plus de 80 ans ou en ALD exonérante, dans l’incapacité médicale de se déplacer, sans médecin traitant ou souhaitant en changer : une seule fois, en se déclarant médecin traitant lors de cette visite.',
    ],
    combination: [],
    supportingDocuments: ['Déclaration de médecin traitant (cas de la première visite).'],
    sources: [SOURCE_SEED_004, SOURCE_REFERENCE],
    unconfirmed: [],
  },
  {
    code: 'MCI',
    label: 'Majoration de coordination infirmière',
    profession: 'infirmier',
    who: 'Infirmier(e) libéral(e)',
    amount: '5,00 €',
    conditions: [
      'Soins à domicile inscrits au titre XVI de la NGAP, quel que soit le soin, chez un patient en soins palliatifs (ou pansements lourds et complexes).',
      'Une seule fois par intervention.',
    ],
    combination: ['Une seule MCI par intervention.'],
    supportingDocuments: [
      'Selon la Corpalif : une attestation du médecin prescripteur précisant la situation palliative, ou une évaluation PALLIA 10 qui justifie formellement la notion de soin palliatif et couvre le professionnel en cas de contrôle.',
    ],
    sources: [SOURCE_SEED_004, SOURCE_REFERENCE],
    unconfirmed: [
      'Justificatif : la Corpalif exige une attestation du prescripteur ou une évaluation PALLIA 10 ; d’autres sources disent qu’aucune prescription n’est nécessaire. Les deux positions sont présentées.',
    ],
  },
  {
    code: 'PLL',
    label: 'PLL 12 : prise en charge palliative par un masseur-kinésithérapeute',
    profession: 'kinesitherapeute',
    who: 'Masseur-kinésithérapeute',
    amount: '26,52 € (12 × 2,21 €)',
    conditions: [
      'Depuis février 2024 (article 11 de la NGAP) : cotation journalière forfaitaire quel que soit le nombre d’interventions.',
      'L’ordonnance doit porter la mention « soins palliatifs ».',
    ],
    combination: ['Une cotation par jour, quel que soit le nombre d’interventions.'],
    supportingDocuments: ['Ordonnance portant la mention « soins palliatifs ».'],
    sources: [SOURCE_SEED_004, SOURCE_REFERENCE],
    unconfirmed: ['Montant et règle journalière : non confirmés au-delà de l’enquête Corpalif.'],
  },
  {
    code: 'BSI',
    label: 'Bilan de soins infirmiers (forfaits BSA, BSB, BSC)',
    profession: 'infirmier',
    who: 'Infirmier(e) libéral(e)',
    amount: 'BSA 13 €, BSB 18,20 €, BSC 28,70 € par jour',
    conditions: ['Forfaits journaliers de prise en charge de la dépendance.'],
    combination: [],
    supportingDocuments: [],
    sources: [SOURCE_REFERENCE],
    unconfirmed: ['Aucune règle propre aux soins palliatifs trouvée.'],
  },
  {
    code: 'MD',
    label: 'Majoration de déplacement',
    profession: 'medecin',
    who: 'Médecin généraliste',
    amount: '10 €',
    conditions: ['Supplément de visite à domicile.'],
    combination: [],
    supportingDocuments: [],
    sources: [SOURCE_REFERENCE],
    unconfirmed: ['Cumul avec la VSP ou la VL : non confirmé.'],
  },
];

export const billingCode = (code: BillingCode['code']): BillingCode => BILLING_CODES.find((c) => c.code === code)!;
