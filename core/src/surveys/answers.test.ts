import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkResponsesCsv, forEachResponseBatch, readResponsesCsv, responseCsvLine, responsesCsvHeader, validateAnswers } from './answers';
import { readQuestionnaire, type Answers, type SurveyDefinition } from './model';
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

describe('checkResponsesCsv and forEachResponseBatch (a file read twice, nothing kept)', () => {
  it('put a CSV error first, as a whole reading does, within the cap and counted', () => {
    const text = 'profession,taille\nxx,1\nyy,1\nzz,1\nmg,"ouvert\n';
    const read = readResponsesCsv(def, text, 2);
    expect(read.problems).toEqual([
      { line: 5, column: '', message: 'Un champ entre guillemets n’est jamais refermé.' },
      { line: 2, column: 'profession', message: expect.stringContaining('« xx »') },
    ]);
    expect(read.problemCount).toBe(4);
    expect(checkResponsesCsv(def, text, 2)).toEqual({ rowCount: 3, problems: read.problems, problemCount: 4 });
  });
  it.each([
    ['an empty file', ''],
    ['a byte-order mark and blank lines', '\ufeff\r\n\n'],
    ['a header only', 'profession,taille\r\n'],
    ['an unclosed quote in the header', '"profession\n'],
    ['text after a closing quote', 'profession,verbatim\nmg,"a"b\n'],
    ['a line of the wrong width', 'profession,taille\nmg\nide,2\n'],
    ['an unknown and a repeated column', 'profession,profession,x\nmg,mg,1\n'],
    ['quoted commas and line breaks', 'profession,verbatim\r\nmg,"a, b\r\nc"\r\n\r\nide,""\r'],
  ])('report %s as readResponsesCsv does, with the number of responses', async (_, text) => {
    const read = readResponsesCsv(def, text);
    const check = checkResponsesCsv(def, text);
    expect(check).toEqual({ rowCount: read.rows.length, problems: read.problems, problemCount: read.problemCount });
    const rows: Answers[] = [];
    expect(await forEachResponseBatch(def, text, 1, (b) => void rows.push(...b))).toEqual(check);
    expect(rows).toEqual(read.rows);
  });
  it('hand the responses over in batches, each awaited before the next is read', async () => {
    const text = `profession,taille\n${Array.from({ length: 7 }, (_, i) => `mg,${i + 1}`).join('\n')}\n`;
    const sizes: number[] = [];
    let writing = false;
    const result = await forEachResponseBatch(def, text, 3, async (batch) => {
      expect(writing).toBe(false);
      writing = true;
      await new Promise((resolve) => setTimeout(resolve, 1));
      sizes.push(batch.length);
      writing = false;
    });
    expect(sizes).toEqual([3, 3, 1]);
    expect(result).toEqual({ rowCount: 7, problems: [], problemCount: 0 });
  });
  it('agree with readResponsesCsv on any file', async () => {
    const cells = fc.constantFrom('', 'mg', 'xx', '3', '0', 'true', 'oui', 'en;esas', '"a,b"', '"x"y', '"ouvert', '2024-01-01', ' ', '""', '"l\nl"');
    const heads = fc.constantFrom('profession', 'taille', 'outils', 'lesquels', 'inconnue', 'debut');
    const files = fc
      .tuple(fc.array(heads, { maxLength: 4 }), fc.array(fc.array(cells, { maxLength: 5 }), { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.integer({ min: 0, max: 5 }))
      .map(([header, lines, eol, bom, cap]) => ({ text: (bom ? '\ufeff' : '') + [header.join(','), ...lines.map((l) => l.join(','))].join(eol), cap }));
    await fc.assert(
      fc.asyncProperty(files, async ({ text, cap }) => {
        const read = readResponsesCsv(def, text, cap);
        const check = checkResponsesCsv(def, text, cap);
        expect(check).toEqual({ rowCount: read.rows.length, problems: read.problems, problemCount: read.problemCount });
        const rows: Answers[] = [];
        expect(await forEachResponseBatch(def, text, 2, (b) => void rows.push(...b), cap)).toEqual(check);
        expect(rows).toEqual(read.rows);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('validateAnswers', () => {
  it('lets a draft leave required items empty but not a submitted response', () => {
    expect(validateAnswers(def, { taille: 2 }, false).problems).toEqual([]);
    expect(validateAnswers(def, { taille: 2 }, true).problems).toEqual([{ column: 'profession', message: 'Cette question est obligatoire.' }]);
    expect(validateAnswers(def, { taille: 2.5 }, false).problems[0].message).toBe('Un nombre entier est attendu.');
  });
});
