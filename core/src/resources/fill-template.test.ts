import { describe, expect, it } from 'vitest';
import { checkTemplate, fillTemplateText, placeholdersIn, type Placeholder } from './fill-template';

const ph: Placeholder[] = [
  { key: 'patient.nom', label: 'Nom du patient', type: 'text', required: true },
  { key: 'date.redaction', label: 'Date', type: 'date', required: true },
  { key: 'poids', label: 'Poids (kg)', type: 'number', required: false },
];
const body = 'Patient : {{patient.nom}}\nLe {{ date.redaction }} — poids {{poids}} kg. Encore {{patient.nom}}.';

describe('template filling', () => {
  it('replaces every occurrence, formats dates and numbers in French', () => {
    const r = fillTemplateText(body, ph, { 'patient.nom': 'M. Exemple', 'date.redaction': '2026-11-22', poids: '61,5' });
    expect(r.issues).toEqual([]);
    expect(r.text).toBe('Patient : M. Exemple\nLe 22/11/2026 — poids 61,5 kg. Encore M. Exemple.');
  });
  it('an optional empty value leaves a line to fill by hand', () => {
    const r = fillTemplateText(body, ph, { 'patient.nom': 'M. Exemple', 'date.redaction': '2026-11-22' });
    expect(r.text).toContain('poids ________________ kg');
    expect(r.issues).toEqual([]);
  });
  it('names the key of a missing, ill-typed or unknown value', () => {
    const r = fillTemplateText(body, ph, { 'date.redaction': '2026-02-30', poids: 'lourd', autre: 'x' });
    expect(r.issues.map((i) => i.key).sort()).toEqual(['autre', 'date.redaction', 'patient.nom', 'poids']);
    expect(r.issues.find((i) => i.key === 'date.redaction')!.message).toContain('AAAA-MM-JJ');
  });
  it('checks that body and declared placeholders agree', () => {
    expect(placeholdersIn(body)).toEqual(['patient.nom', 'date.redaction', 'poids']);
    expect(checkTemplate(body, ph)).toEqual([]);
    expect(checkTemplate('{{a}}', [])[0]).toMatchObject({ key: 'a' });
    expect(checkTemplate('rien', [ph[0]])[0].message).toContain('absent du texte');
  });
});
