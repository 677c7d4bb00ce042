import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { toCsvLine, type ItemStats, type SurveyReport } from '@palliance/core';

const fr = (v: number | null) => (v === null ? '' : String(v).replace('.', ','));

function statRows(linkId: string, text: string, group: string, s: ItemStats): string[][] {
  const out: string[][] = [
    [linkId, text, group, 'Réponses', '', String(s.answered), '', String(s.respondents), ''],
    [linkId, text, group, 'Sans réponse', '', String(s.missing), '', String(s.respondents), ''],
    [linkId, text, group, 'Non concerné(e)', '', String(s.notApplicable), '', String(s.respondents), ''],
  ];
  for (const c of s.counts ?? s.distribution ?? []) out.push([linkId, text, group, 'Effectif', c.label, String(c.count), fr(c.percent), String(s.denominator), '']);
  if (s.numbers) {
    const n = s.numbers;
    for (const [label, v] of [['Moyenne', n.mean], ['Médiane', n.median], ['1er quartile', n.q1], ['3e quartile', n.q3], ['Minimum', n.min], ['Maximum', n.max]] as const) {
      out.push([linkId, text, group, label, '', '', '', String(n.n), fr(v)]);
    }
  }
  return out;
}

/**
 * The report as one flat CSV (one statistic per line), readable by a spreadsheet: decimal commas in
 * the figures, then every cross-table below.
 */
export function reportToCsv(r: SurveyReport): string {
  const lines: string[][] = [['question', 'intitule', 'groupe', 'statistique', 'modalite', 'effectif', 'pourcentage', 'denominateur', 'valeur']];
  for (const it of r.items) {
    lines.push(...statRows(it.linkId, it.text, 'Ensemble', it.overall));
    if (it.byGroup && r.groupBy) for (const g of r.groupBy.groups) lines.push(...statRows(it.linkId, it.text, g.label, it.byGroup[g.key]));
    for (const t of it.texts?.themes ?? []) lines.push([it.linkId, it.text, 'Ensemble', 'Thème', t.theme, String(t.count), '', String(it.texts!.total), '']);
  }
  for (const t of r.crossTables) {
    lines.push([]);
    lines.push([`Tableau croisé : ${t.rows.text} × ${t.columns.text}`, '', 'total', ...t.columnCategories.flatMap((c) => [c.label, `${c.label} (%)`])]);
    for (const l of [...t.lines, { label: 'Ensemble', ...t.totals }]) {
      lines.push([l.label, '', String(l.total), ...l.counts.flatMap((n, i) => [String(n), fr(l.percents[i])])]);
    }
  }
  return `\ufeff${lines.map(toCsvLine).join('\r\n')}\r\n`;
}

const A4 = { w: 595.28, h: 841.89 };
const M = 42;

/** A printable A4 report: each item with its counts (a bar per value) or its number summary, by group when grouped. */
export async function reportToPdf(r: SurveyReport, generatedAt: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(r.questionnaire.title);
  doc.setLanguage('fr-FR');
  doc.setCreator('Palliance');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const charset = new Set(regular.getCharacterSet());
  // Helvetica speaks WinAnsi: a character it cannot draw becomes a close one or "?", never an error.
  const clean = (t: string) =>
    [...t.replace(/[\u2009\u202f\u00a0]/g, ' ').replace(/[≥]/g, '>=').replace(/[≤]/g, '<=')].map((ch) => (charset.has(ch.codePointAt(0)!) ? ch : '?')).join('');
  let page: PDFPage = doc.addPage([A4.w, A4.h]);
  let y = A4.h - M;
  const ensure = (h: number) => {
    if (y - h < M) {
      page = doc.addPage([A4.w, A4.h]);
      y = A4.h - M;
    }
  };
  const write = (text: string, size = 9, font: PDFFont = regular, x = M, color = rgb(0.1, 0.12, 0.15)) => {
    const words = clean(text).split(' ');
    let line = '';
    const maxW = A4.w - M - x;
    const flush = () => {
      ensure(size + 3);
      page.drawText(line, { x, y: y - size, size, font, color });
      y -= size + 3;
    };
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (font.widthOfTextAtSize(next, size) > maxW && line) {
        flush();
        line = w;
      } else line = next;
    }
    if (line) flush();
  };
  write(r.questionnaire.title, 16, bold);
  write(`${r.respondents} réponses. Rapport produit le ${generatedAt.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}.`, 10);
  if (r.groupBy) write(`Regroupement selon « ${r.groupBy.text} » : ${r.groupBy.groups.map((g) => `${g.label} (${g.respondents})`).join(', ')}.`, 10);
  write(`Pourcentages calculés sur les répondants à chaque question (dénominateur indiqué) ; les non-réponses ne comptent pas comme zéro. Quartiles : ${r.quartileMethod}.`, 8);
  y -= 8;
  const groups = r.groupBy ? r.groupBy.groups.filter((g) => g.respondents > 0) : [];
  for (const it of r.items) {
    ensure(60);
    y -= 6;
    write(it.text, 11, bold);
    const o = it.overall;
    write(`${o.answered} réponses, ${o.missing} sans réponse${o.notApplicable ? `, ${o.notApplicable} non concerné(e)s` : ''}.`, 8);
    const rowsOf = o.counts ?? o.distribution;
    if (rowsOf) {
      for (const c of rowsOf) {
        ensure(12);
        const label = clean(c.label).slice(0, 60);
        page.drawText(label, { x: M, y: y - 8, size: 8, font: regular });
        const pct = c.percent ?? 0;
        page.drawRectangle({ x: M + 250, y: y - 8, width: Math.max(0.5, (pct / 100) * 180), height: 7, color: rgb(0.16, 0.4, 0.65) });
        page.drawText(`${c.count} (${c.percent === null ? '-' : String(c.percent).replace('.', ',')} %)`, { x: M + 436, y: y - 8, size: 8, font: regular });
        y -= 11;
      }
      write(`Dénominateur : ${o.denominator} répondants.`, 7);
    }
    if (o.numbers && o.numbers.n > 0) {
      const n = o.numbers;
      write(`Moyenne ${fr(n.mean)} ; médiane ${fr(n.median)} ; quartiles ${fr(n.q1)} - ${fr(n.q3)} ; min ${fr(n.min)} ; max ${fr(n.max)} (n = ${n.n}).`, 8);
    }
    if (it.byGroup && groups.length) {
      for (const g of groups) {
        const s = it.byGroup[g.key];
        const detail = s.numbers
          ? `moyenne ${fr(s.numbers.mean) || '-'}, médiane ${fr(s.numbers.median) || '-'}`
          : (s.counts ?? []).map((c) => `${c.label} ${c.count} (${c.percent === null ? '-' : fr(c.percent)} %)`).join(' ; ');
        write(`${g.label} (n = ${s.answered}) : ${detail}`, 7, regular, M + 10, rgb(0.3, 0.32, 0.36));
      }
    }
    if (it.texts) {
      for (const t of it.texts.themes) write(`Thème « ${t.theme} » : ${t.count}`, 8, regular, M + 10);
      for (const t of it.texts.listed.slice(0, 30)) write(`« ${t.text} »${t.themes.length ? ` [${t.themes.join(', ')}]` : ''}`, 8, regular, M + 10);
      if (it.texts.total > 30) write(`… et ${it.texts.total - 30} autres réponses (voir l'export CSV ou JSON).`, 7, regular, M + 10);
    }
  }
  for (const t of r.crossTables) {
    ensure(80);
    y -= 8;
    write(`Tableau croisé : ${t.rows.text} × ${t.columns.text} (pourcentages en ligne)`, 11, bold);
    write(['', 'Total', ...t.columnCategories.map((c) => c.label)].join(' | '), 8, bold);
    for (const l of [...t.lines, { label: 'Ensemble', ...t.totals }]) {
      write([l.label, String(l.total), ...l.counts.map((n, i) => `${n} (${l.percents[i] === null ? '-' : fr(l.percents[i])} %)`)].join(' | '), 8);
    }
  }
  return doc.save();
}
