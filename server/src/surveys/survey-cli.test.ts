import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { enqueteLiberauxIdf2025 } from './templates/enquete-liberaux-idf-2025';
import { sampleResponsesCsv } from './templates/enquete-liberaux-idf-2025.sample-responses';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palliance-survey-cli-'));
const q = path.join(dir, 'questionnaire.json');
const r = path.join(dir, 'reponses.csv');
fs.writeFileSync(q, JSON.stringify(enqueteLiberauxIdf2025));
fs.writeFileSync(r, sampleResponsesCsv);

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'survey.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('npm run survey -- report', () => {
  it('prints the report of the seed-004 questionnaire and its sample responses as JSON, and nothing else', () => {
    const out = cli('report', '--questionnaire', q, '--responses', r, '--group-by', 'profession', '--cross', 'profession:connaissance-dac');
    expect(out.status).toBe(0);
    expect(out.stderr).toBe('');
    const report = JSON.parse(out.stdout);
    expect(report.respondents).toBe(40);
    expect(report.groupBy.linkId).toBe('profession');
    expect(report.groupBy.groups.reduce((s: number, g: { respondents: number }) => s + g.respondents, 0)).toBe(40);
    expect(report.items).toHaveLength(36);
    expect(report.crossTables[0].columns.linkId).toBe('connaissance-dac');
  });

  it('keeps stdout empty and explains on stderr when the file is wrong', () => {
    const bad = path.join(dir, 'faux.csv');
    fs.writeFileSync(bad, 'profession\nplombier\n');
    const out = cli('report', '--questionnaire', q, '--responses', bad);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('ligne 2, colonne « profession »');
  });
});
