import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactEncoder, compactLayout, decodeCompact } from './compact';
import { readQuestionnaire, type Answers, type AnswerValue, type SurveyDefinition } from './model';
import { buildReport, classifier, createReportBuilder, type ReportOptions } from './report';

const bound = (min: number, max: number) => [
  { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: min },
  { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: max },
];
const opts = (codes: string[]) => codes.map((c) => ({ valueCoding: { code: c, display: `Réponse ${c}` } }));
const MANY = Array.from({ length: 33 }, (_, i) => `m${i}`);
/** Every item kind, conditions (on a boolean, a choice and a number), a multiple choice of 33 options (no bit mask). */
const fhir = {
  resourceType: 'Questionnaire',
  id: 'compact',
  title: 'Compact',
  item: [
    { linkId: 'profession', type: 'choice', text: 'Profession', answerOption: opts(['mg', 'ms', 'ide', 'kine']) },
    { linkId: 'lieux', type: 'choice', repeats: true, text: 'Lieux', answerOption: opts(['ville', 'rural', 'mixte']) },
    { linkId: 'taille', type: 'integer', text: 'Taille', extension: bound(1, 30) },
    { linkId: 'part', type: 'decimal', text: 'Part' },
    { linkId: 'debut', type: 'date', text: 'Début' },
    { linkId: 'aisance', type: 'group', text: 'Aisance', item: ['douleur', 'sedation'].map((d) => ({ linkId: `aisance-${d}`, type: 'integer', text: d, extension: bound(1, 5) })) },
    { linkId: 'outils', type: 'boolean', text: 'Outils ?' },
    { linkId: 'lesquels', type: 'choice', repeats: true, text: 'Lesquels ?', enableWhen: [{ question: 'outils', operator: '=', answerBoolean: true }], answerOption: opts(['en', 'esas', 'ppi']) },
    { linkId: 'pourquoi', type: 'text', text: 'Pourquoi ?', enableWhen: [{ question: 'profession', operator: '!=', answerCoding: { code: 'ide' } }, { question: 'taille', operator: '>', answerInteger: 3 }], enableBehavior: 'any' },
    { linkId: 'beaucoup', type: 'choice', repeats: true, text: 'Beaucoup', answerOption: opts(MANY) },
    { linkId: 'verbatim', type: 'text', text: 'Verbatim' },
  ],
};
const def = readQuestionnaire(fhir).definition as SurveyDefinition;

/** Answers as stored: valid ones mostly, and what the compact form must refuse or carry as it is. */
const answersArb: fc.Arbitrary<Answers> = fc.record(
  {
    profession: fc.oneof(fc.constantFrom('mg', 'ms', 'ide', 'kine'), fc.constant('inconnu')),
    // Empty lists, codes out of option order, repeats and unknown codes.
    lieux: fc.oneof(fc.subarray(['ville', 'rural', 'mixte']), fc.array(fc.constantFrom('ville', 'rural', 'mixte')), fc.constant(['ville', 'ailleurs'])),
    taille: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: -5, max: 1000 })),
    part: fc.oneof(fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true }), fc.constant(-0), fc.constant(1e21)),
    debut: fc.constantFrom('2020-01-15', '2024-06-30', '2026-11-01'),
    'aisance-douleur': fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(2.5), fc.constant(7)),
    'aisance-sedation': fc.integer({ min: 1, max: 5 }),
    outils: fc.oneof(fc.boolean(), fc.constant('true')),
    lesquels: fc.subarray(['en', 'esas', 'ppi']),
    pourquoi: fc.constantFrom('', 'Le temps', 'Des "guillemets" et \\ \n un retour', 'Ünïcödé \u2028 😀'),
    beaucoup: fc.subarray(MANY, { maxLength: 5 }),
    verbatim: fc.constantFrom('Plus de temps', 'Un numéro unique', ''),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Answers>;

const optionsArb: fc.Arbitrary<ReportOptions> = fc.constantFrom<ReportOptions>(
  {},
  { groupBy: { linkId: 'profession', merges: [{ label: 'Médecins', codes: ['mg', 'ms'] }] }, crossTables: [{ rows: { linkId: 'profession' }, columns: 'lesquels' }] },
  // A multiple choice splits respondents into groups that overlap.
  { groupBy: { linkId: 'lieux', merges: [{ label: 'Hors ville', codes: ['rural', 'mixte'] }] }, crossTables: [{ rows: { linkId: 'lieux' }, columns: 'outils' }] },
  // Classes of a number (derived categories), a scale, a boolean.
  { groupBy: { linkId: 'taille', bins: [{ label: '1', min: 1, max: 1 }, { label: '2 à 5', min: 2, max: 5 }, { label: 'plus de 5', min: 6 }] }, crossTables: [{ rows: { linkId: 'aisance-douleur' }, columns: 'profession' }] },
  { groupBy: { linkId: 'outils' }, crossTables: [{ rows: { linkId: 'taille', bins: [{ label: 'petit', max: 3 }, { label: 'grand', min: 4 }] }, columns: 'beaucoup' }] },
);

const projection = (a: Answers) => def.questions.map((q) => (a[q.linkId] as unknown) ?? undefined);

describe('compact answers', () => {
  it('give back exactly the answers the report reads, or refuse them', () => {
    const encode = compactEncoder(def);
    fc.assert(
      fc.property(answersArb, (a) => {
        const c = encode(a);
        if (c !== null) expect(decodeCompact(def, JSON.parse(c) as unknown[])).toEqual(projection(a));
        else {
          // Refused only for what the form cannot carry exactly.
          const odd = a.profession === 'inconnu' || (a.lieux as string[] | undefined)?.includes('ailleurs') || Object.is(a.part, -0) || a.outils === 'true';
          expect(odd).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    // Multiple choices: a bit mask when the codes come in option order, else the positions as given.
    expect(JSON.parse(encode({ lieux: ['ville', 'mixte'] })!)[1]).toBe(5);
    expect(JSON.parse(encode({ lieux: ['mixte', 'ville', 'ville'] })!)[1]).toEqual([2, 0, 0]);
    expect(JSON.parse(encode({ lieux: [] })!)[1]).toBe(0);
    expect(JSON.parse(encode({ beaucoup: ['m1', 'm32'] })!)[10]).toEqual([1, 32]);
  });

  it('give the same report as the JSON answers: groups, merges, classes, cross-tables, conditions, free texts and themes', () => {
    const encode = compactEncoder(def);
    fc.assert(
      fc.property(fc.array(answersArb, { maxLength: 60 }), optionsArb, fc.integer({ min: 0, max: 5 }), (rows, options, textLimit) => {
        const responses = rows.map((answers, i) => ({ id: `r${String(i).padStart(3, '0')}`, answers }));
        const themes = new Map(responses.filter((_, i) => i % 3 === 0).map((r) => [`${r.id}:verbatim`, r.id.endsWith('3') ? ['temps', 'coordination'] : ['temps']]));
        const expected = buildReport(def, responses, { ...options, themes, textLimit });
        const b = createReportBuilder(def, { ...options, themes, textLimit });
        for (const r of responses) {
          const c = encode(r.answers);
          if (c === null) b.add(r);
          else b.addEncoded(r.id, JSON.parse(c) as unknown[]);
        }
        expect(b.result()).toStrictEqual(expected);
        // Grouped figures are merged from partial ones: they must equal the figures of each set of responses alone.
        if (options.groupBy) {
          const withoutGroups = buildReport(def, responses, { themes, textLimit });
          expect(expected.items.map((i) => i.overall)).toStrictEqual(withoutGroups.items.map((i) => i.overall));
          const dim = classifier(def, options.groupBy, 'groupBy');
          const position = def.questions.findIndex((q) => q.linkId === options.groupBy!.linkId);
          dim.categories.forEach((cat, g) => {
            const members = responses.filter((r) => dim.classify(projection(r.answers)[position] as AnswerValue | undefined).includes(g));
            const alone = buildReport(def, members, { themes, textLimit });
            expect(expected.items.map((i) => i.byGroup![cat.key])).toStrictEqual(alone.items.map((i) => i.overall));
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('have a layout that follows the questions and options, not their wording', () => {
    const layout = compactLayout(def);
    const reworded = readQuestionnaire({ ...fhir, item: fhir.item.map((i) => ({ ...i, text: `${i.text} (nouveau libellé)` })) }).definition!;
    expect(compactLayout(reworded)).toBe(layout);
    const moreOptions = readQuestionnaire({ ...fhir, item: fhir.item.map((i) => (i.linkId === 'profession' ? { ...i, answerOption: opts(['pharma', 'mg', 'ms', 'ide', 'kine']) } : i)) }).definition!;
    expect(compactLayout(moreOptions)).not.toBe(layout);
    const moreItems = readQuestionnaire({ ...fhir, item: [{ linkId: 'age', type: 'integer', text: 'Âge' }, ...fhir.item] }).definition!;
    expect(compactLayout(moreItems)).not.toBe(layout);
  });
});
