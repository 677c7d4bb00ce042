// The analysis report of a 60-item questionnaire with 100,000 responses, grouped by profession
// (issue #7 budget: under 2 s on PostgreSQL), and the weight of the report page (under 500 KB).
// Setup goes through the API like a regional cell would: sign in, create the questionnaire, import
// the responses as one CSV file (~30 MB, all or nothing).
import { pageWeight } from '../lib/page-weight.mjs';

const RESPONSES = 100_000;
const PROFESSIONS = ['mg', 'ms', 'ide', 'kine', 'pharma'];

/** 60 items: profession, 10 single choices, 10 yes/no, 20 scales (one domain group), 8 integers, 6 multiple choices, 4 texts, 1 date. */
function questionnaire() {
  const opts = (/** @type {string[]} */ codes) => codes.map((c) => ({ valueCoding: { code: c, display: c } }));
  const bound = (/** @type {number} */ min, /** @type {number} */ max) => [
    { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: min },
    { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: max },
  ];
  /** @type {Record<string, unknown>[]} */
  const item = [{ linkId: 'profession', type: 'choice', text: 'Profession', answerOption: opts(PROFESSIONS) }];
  for (let i = 1; i <= 10; i++) item.push({ linkId: `choix-${i}`, type: 'choice', text: `Choix ${i}`, answerOption: opts(['a', 'b', 'c', 'd']) });
  for (let i = 1; i <= 10; i++) item.push({ linkId: `oui-non-${i}`, type: 'boolean', text: `Oui/non ${i}` });
  item.push({ linkId: 'aisance', type: 'group', text: 'Aisance', item: Array.from({ length: 20 }, (_, i) => ({ linkId: `echelle-${i + 1}`, type: 'integer', text: `Échelle ${i + 1}`, extension: bound(1, 5) })) });
  for (let i = 1; i <= 8; i++) item.push({ linkId: `nombre-${i}`, type: 'integer', text: `Nombre ${i}`, extension: bound(0, 1000) });
  for (let i = 1; i <= 6; i++) item.push({ linkId: `multiple-${i}`, type: 'choice', repeats: true, text: `Multiple ${i}`, answerOption: opts(['v', 'w', 'x', 'y', 'z']) });
  for (let i = 1; i <= 4; i++) item.push({ linkId: `texte-${i}`, type: 'text', text: `Texte ${i}` });
  item.push({ linkId: 'date', type: 'date', text: 'Date' });
  return { resourceType: 'Questionnaire', id: 'bench-60', title: 'Banc d’essai : 60 questions', item };
}

/** Deterministic responses in the import format, about 10 % of each item left empty. */
function responsesCsv() {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (/** @type {string[]} */ a) => /** @type {string} */ (a[Math.floor(rnd() * a.length)]);
  const maybe = (/** @type {() => string} */ f) => (rnd() > 0.1 ? f() : '');
  const header = ['profession'];
  for (let i = 1; i <= 10; i++) header.push(`choix-${i}`);
  for (let i = 1; i <= 10; i++) header.push(`oui-non-${i}`);
  for (let i = 1; i <= 20; i++) header.push(`echelle-${i}`);
  for (let i = 1; i <= 8; i++) header.push(`nombre-${i}`);
  for (let i = 1; i <= 6; i++) header.push(`multiple-${i}`);
  for (let i = 1; i <= 4; i++) header.push(`texte-${i}`);
  header.push('date');
  const lines = [header.join(',')];
  for (let n = 0; n < RESPONSES; n++) {
    const row = [pick(PROFESSIONS)];
    for (let i = 1; i <= 10; i++) row.push(maybe(() => pick(['a', 'b', 'c', 'd'])));
    for (let i = 1; i <= 10; i++) row.push(maybe(() => String(rnd() > 0.5)));
    for (let i = 1; i <= 20; i++) row.push(maybe(() => String(1 + Math.floor(rnd() * 5))));
    for (let i = 1; i <= 8; i++) row.push(maybe(() => String(Math.floor(rnd() * 100))));
    for (let i = 1; i <= 6; i++) row.push(maybe(() => ['v', 'w', 'x', 'y', 'z'].filter(() => rnd() > 0.6).join(';')));
    for (let i = 1; i <= 4; i++) row.push(rnd() > 0.7 ? `Réponse libre ${n}` : '');
    row.push(maybe(() => `2026-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

const OPTIONS = JSON.stringify({ groupBy: { linkId: 'profession', merges: [{ label: 'Médecins', codes: ['mg', 'ms'] }] }, crossTables: [{ rows: { linkId: 'profession' }, columns: 'choix-1' }] });

/** @type {{ cookie: string, surveyId: string } | null} */
let prepared = null;

/** @param {import('../lib/types').SetupContext} ctx */
async function prepare(ctx) {
  if (prepared) return prepared;
  const cookie = await ctx.login('coordinatrice@example.org', 'Palliance-demo-2026');
  const headers = { cookie, origin: ctx.baseUrl };
  const created = await fetch(`${ctx.baseUrl}/api/v1/surveys`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ questionnaire: questionnaire() }) });
  if (created.status !== 201) throw new Error(`création du questionnaire : ${created.status} ${await created.text()}`);
  const surveyId = /** @type {{ id: string }} */ (await created.json()).id;
  const started = Date.now();
  const imported = await fetch(`${ctx.baseUrl}/api/v1/surveys/${surveyId}/responses/import`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body: responsesCsv() });
  if (imported.status !== 201) throw new Error(`import des réponses : ${imported.status} ${(await imported.text()).slice(0, 500)}`);
  console.log(`survey-report : ${RESPONSES} réponses importées en ${((Date.now() - started) / 1000).toFixed(1)} s`);
  prepared = { cookie, surveyId };
  return prepared;
}

/** @type {import('../lib/types').Scenario} */
export default {
  name: 'survey-report',
  description: `rapport d’un questionnaire de 60 questions, ${RESPONSES} réponses, regroupées par profession (à mesurer avec --connections 1)`,
  server: { demoData: true },
  requests: [
    {
      name: 'survey-report',
      method: 'POST',
      description: 'POST /api/v1/surveys/:id/report, regroupement par profession (fusion médecins) et un tableau croisé',
      async setup(ctx) {
        const p = await prepare(ctx);
        return { surveyId: p.surveyId, headers: { cookie: p.cookie, origin: ctx.baseUrl, 'content-type': 'application/json' } };
      },
      path: (_i, state) => `/api/v1/surveys/${state.surveyId}/report`,
      body: OPTIONS,
    },
  ],
  probes: [
    {
      name: 'survey-report-page',
      description: 'premier chargement de la page du rapport (HTML, ressources, chunk de la route) plus la réponse du rapport',
      requires: ['web'],
      async run({ baseUrl }) {
        if (!prepared) throw new Error('le rapport doit être préparé par la mesure survey-report');
        const w = await pageWeight({ baseUrl, page: `/mesurer/questionnaires/${prepared.surveyId}/rapport`, routeChunk: 'ReportPage' });
        if (w.problems.length) throw new Error(w.problems.join(' ; '));
        const headers = { cookie: prepared.cookie, origin: baseUrl, 'content-type': 'application/json', 'accept-encoding': 'gzip, br' };
        const survey = await fetch(`${baseUrl}/api/v1/surveys/${prepared.surveyId}`, { headers });
        const report = await fetch(`${baseUrl}/api/v1/surveys/${prepared.surveyId}/report`, { method: 'POST', headers, body: '{}' });
        const apiBytes = (await survey.arrayBuffer()).byteLength + (await report.arrayBuffer()).byteLength;
        return { count: w.files.length + 2, errors: 0, ...w, bytes: /** @type {{ bytes: number }} */ (/** @type {unknown} */ (w)).bytes + apiBytes, reportApiBytes: apiBytes };
      },
    },
  ],
};
