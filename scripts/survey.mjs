// `npm run --silent survey -- report --questionnaire <file.json> --responses <file.csv> [--group-by <linkId>]`
// Prints the analysis report as JSON on stdout and nothing else; problems go to stderr (French) with
// exit code 1 (bad arguments or questionnaire) or 2 (invalid responses file).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { buildReport, readQuestionnaire, readResponsesCsv, ReportProblem } from '../core/src/surveys/index.ts';

const USAGE = `Usage : npm run --silent survey -- report --questionnaire <fichier.json> --responses <fichier.csv>
  [--group-by <linkId>] [--merge "Libellé=code1,code2"]… [--bins "1:1-1,2-5:2-5,plus de 10:11-"]
  [--cross <linkId lignes>:<linkId colonnes>]…`;

function fail(message, code = 1) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parseBins(spec) {
  return spec.split(',').map((part) => {
    const i = part.lastIndexOf(':');
    if (i < 0) fail(`Classe « ${part} » : écrivez « libellé:min-max » (min ou max peuvent manquer).`);
    const [min, max] = part.slice(i + 1).split('-');
    return { label: part.slice(0, i), min: min === '' ? null : Number(min), max: max === undefined || max === '' ? null : Number(max) };
  });
}

function parseMerge(spec) {
  const i = spec.indexOf('=');
  if (i < 0) fail(`Regroupement « ${spec} » : écrivez « Libellé=code1,code2 ».`);
  return { label: spec.slice(0, i), codes: spec.slice(i + 1).split(',').map((c) => c.trim()) };
}

// A closed pipe (e.g. `| head`) is not an error of ours.
process.stdout.on('error', (err) => process.exit(err.code === 'EPIPE' ? 0 : 1));

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      questionnaire: { type: 'string' },
      responses: { type: 'string' },
      'group-by': { type: 'string' },
      merge: { type: 'string', multiple: true },
      bins: { type: 'string' },
      cross: { type: 'string', multiple: true },
    },
  });
} catch (err) {
  fail(`${err.message}\n${USAGE}`);
}
const { values, positionals } = args;
if (positionals[0] !== 'report' || !values.questionnaire || !values.responses) fail(USAGE);

let fhir;
try {
  fhir = JSON.parse(fs.readFileSync(values.questionnaire, 'utf8'));
} catch (err) {
  fail(`Impossible de lire le questionnaire ${values.questionnaire} : ${err.message}`);
}
const { definition, problems } = readQuestionnaire(fhir);
if (!definition || problems.length > 0) fail(problems.map((p) => `${p.path} : ${p.message}`).join('\n'));

let csv;
try {
  csv = fs.readFileSync(values.responses, 'utf8');
} catch (err) {
  fail(`Impossible de lire les réponses ${values.responses} : ${err.message}`);
}
const read = readResponsesCsv(definition, csv);
if (read.problemCount > 0) {
  fail(
    [`${read.problemCount} problème(s) dans ${values.responses} :`, ...read.problems.map((p) => `ligne ${p.line}, colonne « ${p.column} » : ${p.message}`)].join('\n'),
    2,
  );
}

const groupBy = values['group-by']
  ? { linkId: values['group-by'], merges: (values.merge ?? []).map(parseMerge), bins: values.bins ? parseBins(values.bins) : undefined }
  : null;
const crossTables = (values.cross ?? []).map((c) => {
  const [rows, columns] = c.split(':');
  if (!rows || !columns) fail(`Tableau croisé « ${c} » : écrivez « lignes:colonnes ».`);
  return { rows: rows === groupBy?.linkId ? groupBy : { linkId: rows }, columns };
});
try {
  const report = buildReport(
    definition,
    read.rows.map((answers, i) => ({ id: String(i + 2), answers })),
    { groupBy, crossTables },
  );
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} catch (err) {
  if (err instanceof ReportProblem) fail(err.message);
  throw err;
}
