import type { AnalyticsTable, CourseAnalytics, Share } from '@palliance/core';

// A cell starting with = + - @ (or a tab / carriage return) would run as a formula in a
// spreadsheet: it is prefixed with an apostrophe, as in the events module's attendance sheet.
export const csvCell = (v: string | number | null): string => {
  const s = v === null ? '' : typeof v === 'number' ? String(v).replace('.', ',') : v;
  const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const pct = (s: Share) => (s.rate === null ? '' : (Math.round(s.rate * 1000) / 10).toString().replace('.', ','));
const shareCols = (s: Share) => [s.count, s.total, pct(s)];
const SHARE_HEAD = ['Nombre', 'Sur (dénominateur)', '%'];

/** One table of the dashboard as CSV for a French spreadsheet (semicolons, CRLF, BOM so accents show). */
export function analyticsCsv(a: CourseAnalytics, table: AnalyticsTable): string {
  let rows: (string | number | null)[][];
  switch (table) {
    case 'inscriptions':
      rows = [[a.bucket === 'day' ? 'Jour' : 'Semaine du', 'Inscriptions', 'Cumul'], ...a.registrations.map((r) => [r.period, r.count, r.cumulative])];
      break;
    case 'professions':
      rows = [['Profession', ...SHARE_HEAD], ...a.professions.map((p) => [p.label, ...shareCols(p.share)])];
      break;
    case 'regions':
      rows = [['Région', 'Zone', ...SHARE_HEAD], ...a.regions.map((r) => [r.label, r.area, ...shareCols(r.share)])];
      break;
    case 'departements':
      rows = [['Département', 'Région', ...SHARE_HEAD], ...a.departements.map((d) => [d.label, d.region, ...shareCols(d.share)])];
      break;
    case 'completion':
      rows = [
        ['Module', 'Apprenants ayant terminé', 'Sur (inscrits)', '%'],
        ...a.completion.modules.map((m) => [`Module ${m.position} : ${m.title}`, ...shareCols(m.share)]),
        ['Cours entier', ...shareCols(a.completion.course)],
      ];
      break;
    case 'lecons':
      rows = [['Leçon', 'Module', 'Apprenants l’ayant ouverte', 'Sur (inscrits)', '%'], ...a.lessons.map((l) => [l.title, l.module, ...shareCols(l.viewers)])];
      break;
    case 'quiz':
      rows = [
        ['Quiz', 'Question', 'Type', 'Tentatives', 'Entièrement justes (%)', 'Points moyens', 'Réponse', 'Fois choisie'],
        ...a.quizzes.flatMap((qz) =>
          qz.questions.flatMap((qs) =>
            (qs.distribution.length ? qs.distribution : [{ label: '', count: 0 }]).map((d) => [
              qz.title,
              qs.prompt,
              qs.kind,
              qs.attempts,
              qs.correctRate === null ? '' : Math.round(qs.correctRate * 1000) / 10,
              qs.averagePoints,
              d.label,
              d.count,
            ]),
          ),
        ),
      ];
      break;
    case 'forum':
      rows = [['Forum', 'Sujets', 'Réponses', 'J’aime'], ...a.forum.modules.map((m) => [m.title, m.threads, m.replies, m.likes]), ['Total', a.forum.totals.threads, a.forum.totals.replies, a.forum.totals.likes]];
      break;
    case 'satisfaction': {
      const s = a.satisfaction;
      rows = [
        ['Indicateur', 'Valeur', 'Sur (réponses à la question)'],
        ['Répondants', s.respondents.count, s.respondents.total],
        ['Note moyenne sur 5', s.rating.mean, s.rating.answered],
        ...s.rating.distribution.map((d) => [`Note ${d.rating}`, d.count, s.rating.answered]),
        ['Formation utile (%)', pct(s.useful), s.useful.total],
        ['Recommanderait (%)', pct(s.wouldRecommend), s.wouldRecommend.total],
      ];
      break;
    }
    case 'commentaires':
      rows = [['Date', 'Note', 'Commentaire'], ...a.satisfaction.comments.map((c) => [c.answeredAt.slice(0, 10), c.rating, c.text])];
      break;
  }
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
