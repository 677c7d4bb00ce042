/**
 * Kit templates: text written by editors with typed placeholders ({{patient.nom}}). Filling is pure,
 * so the browser can preview and the server produces the PDF from the same result.
 */

export type PlaceholderType = 'text' | 'date' | 'number';

export interface Placeholder {
  key: string;
  label: string;
  type: PlaceholderType;
  required: boolean;
}

export type TemplateValues = Record<string, string | number | null | undefined>;

export interface TemplateIssue {
  key: string;
  message: string;
}

export const PLACEHOLDER_PATTERN = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z][a-zA-Z0-9_]*)*)\s*\}\}/g;

/** The placeholder keys a body uses, in order of first appearance. */
export function placeholdersIn(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1]))];
}

/** Editor side: every {{key}} of the body must be declared, and every declared key used. */
export function checkTemplate(body: string, placeholders: Placeholder[]): TemplateIssue[] {
  const used = placeholdersIn(body);
  const declared = new Set(placeholders.map((p) => p.key));
  const issues: TemplateIssue[] = [];
  for (const key of used) if (!declared.has(key)) issues.push({ key, message: `Le champ {{${key}}} est utilisé dans le texte mais n’est pas déclaré.` });
  for (const p of placeholders) if (!used.includes(p.key)) issues.push({ key: p.key, message: `Le champ « ${p.label} » ({{${p.key}}}) est déclaré mais absent du texte.` });
  const seen = new Set<string>();
  for (const p of placeholders) {
    if (seen.has(p.key)) issues.push({ key: p.key, message: `Le champ {{${p.key}}} est déclaré deux fois.` });
    seen.add(p.key);
  }
  return issues;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function formatValue(p: Placeholder, raw: string | number): { text?: string; error?: string } {
  if (p.type === 'number') {
    const n = typeof raw === 'number' ? raw : Number(String(raw).replace(',', '.').trim());
    if (String(raw).trim() === '' || !Number.isFinite(n)) return { error: `« ${p.label} » doit être un nombre.` };
    return { text: n.toLocaleString('fr-FR') };
  }
  if (p.type === 'date') {
    const m = ISO_DATE.exec(String(raw));
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return { error: `« ${p.label} » doit être une date (AAAA-MM-JJ).` };
    return { text: `${m[3]}/${m[2]}/${m[1]}` };
  }
  const s = String(raw);
  if (s.length > 2000) return { error: `« ${p.label} » ne peut pas dépasser 2000 caractères.` };
  return { text: s };
}

/**
 * Fills the body. Missing required values and ill-typed values are issues naming the key; optional
 * values left empty print as a line to fill by hand, so the printed form stays usable.
 */
export function fillTemplateText(body: string, placeholders: Placeholder[], values: TemplateValues): { text: string; issues: TemplateIssue[] } {
  const issues: TemplateIssue[] = [];
  const byKey = new Map(placeholders.map((p) => [p.key, p]));
  for (const key of Object.keys(values)) if (!byKey.has(key)) issues.push({ key, message: `Le champ {{${key}}} n’existe pas dans ce document.` });
  const texts = new Map<string, string>();
  for (const p of placeholders) {
    const raw = values[p.key];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      if (p.required) issues.push({ key: p.key, message: `« ${p.label} » est requis.` });
      texts.set(p.key, '________________');
      continue;
    }
    const r = formatValue(p, raw);
    if (r.error) issues.push({ key: p.key, message: r.error });
    else texts.set(p.key, r.text!);
  }
  const text = body.replace(PLACEHOLDER_PATTERN, (_m, key: string) => texts.get(key) ?? '________________');
  return { text, issues };
}
