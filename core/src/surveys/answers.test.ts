import { describe, expect, it } from 'vitest';
import { readResponsesCsv, responseCsvLine, responsesCsvHeader, validateAnswers } from './answers';
import { readQuestionnaire, type SurveyDefinition } from './model';
import { smallQuestionnaire } from './fixture.test-helper';

const def = readQuestionnaire(smallQuestionnaire).definition as SurveyDefinition;

describe('readQuestionnaire', () => {
  it('reads item types, sections, scale groups and conditions', () => {
    const { definition, problems } = readQuestionnaire(smallQuestionnaire);
    expect(problems).toEqual([]);
    const kinds = Object.fromEntries(definition!.questions.map((q) => [q.linkId, q.kind]));
    expect(kinds).toEqual({ profession: 'single', taille: 'integer', part: 'decimal', debut: 'date', 'aisance-douleur': 'scale', 'aisance-sedation': 'scale', outils: 'boolean', lesquels: 'multiple', verbatim: 'text' });
    expect(definition!.questions[0].section).toEqual({ linkId: 'profil', text: 'Profil' });
    expect(definition!.questions[4].scaleGroup?.linkId).toBe('aisance');
    expect(definition!.questions[7].enableWhen).toEqual([{ question: 'outils', operator: '=', answer: true }]);
  });
  it('refuses what is not a Questionnaire, and names duplicate ids and unknown conditions', () => {
    expect(readQuestionnaire({ resourceType: 'Patient' }).problems[0].message).toContain('Questionnaire');
    const bad = readQuestionnaire({ resourceType: 'Questionnaire', item: [{ linkId: 'a', type: 'boolean' }, { linkId: 'a', type: 'boolean' }, { linkId: 'b', type: 'boolean', enableWhen: [{ question: 'zz', operator: '=', answerBoolean: true }] }] });
    expect(bad.problems.map((p) => p.message)).toEqual([expect.stringContaining('deux fois'), expect.stringContaining('question inconnue « zz »')]);
  });
});

describe('readResponsesCsv', () => {
  it('reads ";" lists, booleans, numbers with a French comma, and empty cells as no answer', () => {
    const r = readResponsesCsv(def, 'profession,taille,part,outils,lesquels,verbatim\nmg,3,"12,5",true,en;esas,"Plus de temps, moins de papier"\nide,,,false,,\n');
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      { profession: 'mg', taille: 3, part: 12.5, outils: true, lesquels: ['en', 'esas'], verbatim: 'Plus de temps, moins de papier' },
      { profession: 'ide', outils: false },
    ]);
  });
  it('reports every problem with its line, column and a French message', () => {
    const r = readResponsesCsv(def, 'profession,taille,inconnue\nmg,0,\nxx,2,\n,2,\n');
    expect(r.problems).toEqual([
      { line: 1, column: 'inconnue', message: 'La colonne « inconnue » ne correspond à aucune question du questionnaire.' },
      { line: 2, column: 'taille', message: '0 est hors bornes : la valeur doit être supérieur ou égal à 1.' },
      { line: 3, column: 'profession', message: expect.stringContaining('« xx » n\'est pas une réponse possible') },
      { line: 4, column: 'profession', message: 'Cette question est obligatoire.' },
    ]);
  });
  it('refuses an answer to an item hidden by its condition, and a bad boolean, scale or date', () => {
    const r = readResponsesCsv(def, 'profession,outils,lesquels,aisance-douleur,debut\nmg,false,en,3,2024-01-01\nmg,oui,,6,2024-02-30\n');
    expect(r.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['2:lesquels', '3:outils', '3:aisance-douleur', '3:debut']);
  });
  it('writes back the import format', () => {
    const row = { profession: 'mg', lesquels: ['en', 'esas'], outils: true, verbatim: 'a "b", c' };
    const text = `${responsesCsvHeader(def)}\n${responseCsvLine(def, row)}\n`;
    expect(readResponsesCsv(def, text).rows).toEqual([row]);
  });
});

describe('validateAnswers', () => {
  it('lets a draft leave required items empty but not a submitted response', () => {
    expect(validateAnswers(def, { taille: 2 }, false).problems).toEqual([]);
    expect(validateAnswers(def, { taille: 2 }, true).problems).toEqual([{ column: 'profession', message: 'Cette question est obligatoire.' }]);
    expect(validateAnswers(def, { taille: 2.5 }, false).problems[0].message).toBe('Un nombre entier est attendu.');
  });
});
