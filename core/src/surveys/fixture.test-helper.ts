// A small questionnaire covering every item type, shared by the unit tests.
export const smallQuestionnaire = {
  resourceType: 'Questionnaire',
  id: 'petit',
  title: 'Petit questionnaire',
  item: [
    {
      linkId: 'profil',
      type: 'group',
      text: 'Profil',
      item: [
        {
          linkId: 'profession',
          type: 'choice',
          text: 'Profession',
          required: true,
          answerOption: [
            { valueCoding: { code: 'mg', display: 'Médecin généraliste' } },
            { valueCoding: { code: 'ms', display: 'Médecin spécialiste' } },
            { valueCoding: { code: 'ide', display: 'Infirmier' } },
            { valueCoding: { code: 'kine', display: 'Kinésithérapeute' } },
          ],
        },
        { linkId: 'taille', type: 'integer', text: 'Taille du cabinet', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: 1 }] },
        { linkId: 'part', type: 'decimal', text: 'Part (%)', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueDecimal: 100 }] },
        { linkId: 'debut', type: 'date', text: "Début d'exercice" },
      ],
    },
    {
      linkId: 'aisance',
      type: 'group',
      text: 'Aisance',
      item: ['douleur', 'sedation'].map((d) => ({
        linkId: `aisance-${d}`,
        type: 'integer',
        text: d,
        extension: [
          { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: 1 },
          { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: 5 },
        ],
      })),
    },
    { linkId: 'outils', type: 'boolean', text: 'Outils ?' },
    {
      linkId: 'lesquels',
      type: 'choice',
      repeats: true,
      text: 'Lesquels ?',
      enableWhen: [{ question: 'outils', operator: '=', answerBoolean: true }],
      answerOption: [{ valueCoding: { code: 'en', display: 'EN' } }, { valueCoding: { code: 'esas', display: 'ESAS' } }],
    },
    { linkId: 'verbatim', type: 'text', text: 'Verbatim' },
  ],
};
