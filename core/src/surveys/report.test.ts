import { describe, expect, it } from 'vitest';
import { readQuestionnaire, type Answers, type SurveyDefinition } from './model';
import { buildReport, ReportProblem, territorialSurveyFigures } from './report';
import { smallQuestionnaire } from './fixture.test-helper';

const def = readQuestionnaire(smallQuestionnaire).definition as SurveyDefinition;
const rows: Answers[] = [
  { profession: 'mg', taille: 1, 'aisance-douleur': 4, outils: true, lesquels: ['en', 'esas'], verbatim: 'Plus de temps' },
  { profession: 'ms', taille: 4, 'aisance-douleur': 2, outils: false },
  { profession: 'ide', taille: 12, 'aisance-douleur': 5, outils: true, lesquels: ['en'] },
  { profession: 'ide', 'aisance-douleur': 3, outils: true, verbatim: 'Un numéro unique' },
];
const responses = rows.map((answers, i) => ({ id: `r${i}`, answers }));

describe('buildReport', () => {
  it('counts answers and non-answers, with percentages over those who answered', () => {
    const r = buildReport(def, responses);
    expect(r.respondents).toBe(4);
    const taille = r.items.find((i) => i.linkId === 'taille')!;
    expect(taille.overall).toMatchObject({ answered: 3, missing: 1, denominator: 3 });
    // The missing answer is not a zero: mean of 1, 4, 12.
    expect(taille.overall.numbers).toMatchObject({ n: 3, mean: 5.67, median: 4, min: 1, max: 12 });
    const lesquels = r.items.find((i) => i.linkId === 'lesquels')!;
    // Shown to the 3 who use tools, answered by 2; the one without tools is "not applicable".
    expect(lesquels.overall).toMatchObject({ notApplicable: 1, answered: 2, missing: 1 });
    expect(lesquels.overall.counts).toEqual([
      { code: 'en', label: 'EN', count: 2, percent: 100 },
      { code: 'esas', label: 'ESAS', count: 1, percent: 50 },
    ]);
    const scale = r.items.find((i) => i.linkId === 'aisance-douleur')!;
    expect(scale.overall.numbers?.median).toBe(3.5);
    expect(scale.overall.distribution?.map((d) => d.count)).toEqual([0, 1, 1, 1, 1]);
    expect(r.scaleGroups).toEqual([{ linkId: 'aisance', text: 'Aisance', items: ['aisance-douleur', 'aisance-sedation'] }]);
  });

  it('groups by an item with merged values, and keeps empty groups with null statistics', () => {
    const r = buildReport(def, responses, { groupBy: { linkId: 'profession', merges: [{ label: 'Médecins', codes: ['mg', 'ms'] }] } });
    expect(r.groupBy!.groups.map((g) => [g.label, g.respondents])).toEqual([
      ['Médecins', 2],
      ['Infirmier', 2],
      ['Kinésithérapeute', 0],
      ['Sans réponse', 0],
    ]);
    const taille = r.items.find((i) => i.linkId === 'taille')!;
    expect(taille.byGroup!['regroupement-1'].numbers?.median).toBe(2.5);
    expect(taille.byGroup!.kine).toMatchObject({ respondents: 0, answered: 0, numbers: { mean: null, median: null } });
    const outils = r.items.find((i) => i.linkId === 'outils')!;
    expect(outils.byGroup!.kine.counts![0].percent).toBeNull();
  });

  it('derives classes from a number (1 / 2-5 / 6-10 / more than 10)', () => {
    const bins = [
      { label: '1', min: 1, max: 1 },
      { label: '2 à 5', min: 2, max: 5 },
      { label: '6 à 10', min: 6, max: 10 },
      { label: 'Plus de 10', min: 11 },
    ];
    const r = buildReport(def, responses, { groupBy: { linkId: 'taille', bins } });
    expect(r.groupBy!.groups.map((g) => g.respondents)).toEqual([1, 1, 0, 1, 1]);
    expect(() => buildReport(def, responses, { groupBy: { linkId: 'taille' } })).toThrow(ReportProblem);
    expect(() => buildReport(def, responses, { groupBy: { linkId: 'verbatim' } })).toThrow(/texte libre/);
  });

  it('cross-tabulates two items with row percentages', () => {
    const r = buildReport(def, responses, { crossTables: [{ rows: { linkId: 'profession' }, columns: 'outils' }] });
    const t = r.crossTables[0];
    expect(t.columnCategories.map((c) => c.label)).toEqual(['Oui', 'Non']);
    const ide = t.lines.find((l) => l.key === 'ide')!;
    expect(ide).toMatchObject({ total: 2, counts: [2, 0], percents: [100, 0] });
    expect(t.lines.find((l) => l.key === 'kine')!.percents).toEqual([null, null]);
    expect(t.totals).toMatchObject({ total: 4, counts: [3, 1], percents: [75, 25] });
  });

  it('lists free-text answers and counts them by analyst theme', () => {
    const themes = new Map([['r0:verbatim', ['temps', 'coordination']], ['r3:verbatim', ['coordination']]]);
    const v = buildReport(def, responses, { themes }).items.find((i) => i.linkId === 'verbatim')!;
    expect(v.texts!.total).toBe(2);
    expect(v.texts!.themes).toEqual([{ theme: 'coordination', count: 2 }, { theme: 'temps', count: 1 }]);
    expect(v.texts!.listed[1]).toEqual({ responseId: 'r3', text: 'Un numéro unique', themes: ['coordination'], group: null });
  });

  it('gives the territorial indicators their survey figures', () => {
    const r = buildReport(def, responses);
    expect(territorialSurveyFigures(r, { supportNumber: 'outils', billing: 'absent' })).toEqual({
      knowsSupportNumber: { percent: 75, yes: 3, answered: 4 },
      billsPalliativeCodes: null,
    });
  });
});
