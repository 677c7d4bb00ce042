import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import type { AttestationRow } from './read-attestations';
import { verifyUrl } from './read-attestations';

const frDay = (d: Date | string) => new Date(d).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });
const frNumber = (n: number) => String(Math.round(n * 100) / 100).replace('.', ',');

/**
 * The standard PDF fonts only know WinAnsi: French accents, « », ’ and œ are there, but the narrow
 * no-break spaces and a few other signs that fr-FR formatting or users may produce are not.
 */
const winAnsi = (s: string) =>
  s
    .replace(/[\u202f\u00a0\u2009]/g, ' ')
    .replace(/[\u2010-\u2013]/g, '-')
    .replace(/→/g, '->')
    .replace(/[^\x20-\x7e\u00a0-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/g, '?');

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function centred(page: PDFPage, text: string, y: number, font: PDFFont, size: number, color = rgb(0.1, 0.1, 0.1)) {
  const t = winAnsi(text);
  const w = font.widthOfTextAtSize(t, size);
  page.drawText(t, { x: (page.getWidth() - w) / 2, y, size, font, color });
}

/** The attestation of success as an A4 PDF in French, with a QR code to its public verification page. */
export async function attestationPdf(a: AttestationRow, publicUrl: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(`Attestation de réussite - ${a.courseTitle}`));
  doc.setAuthor('Palliance');
  doc.setLanguage('fr-FR');
  doc.setCreationDate(new Date(a.issuedAt));
  const page = doc.addPage([595.28, 841.89]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const teal = rgb(0.05, 0.35, 0.4);
  const width = page.getWidth();

  page.drawRectangle({ x: 30, y: 30, width: width - 60, height: page.getHeight() - 60, borderColor: teal, borderWidth: 2 });
  centred(page, 'Palliance - Se former', 770, regular, 12, teal);
  centred(page, 'ATTESTATION DE RÉUSSITE', 720, bold, 24, teal);
  if (a.revokedAt) centred(page, `RÉVOQUÉE le ${frDay(a.revokedAt)}`, 690, bold, 16, rgb(0.7, 0.1, 0.1));

  let y = 640;
  centred(page, 'Nous attestons que', y, regular, 13);
  y -= 32;
  centred(page, a.learnerName, y, bold, 20);
  y -= 22;
  if (a.profession) centred(page, a.profession, y, regular, 12);
  y -= 36;
  centred(page, "a réussi l'évaluation finale de la formation", y, regular, 13);
  y -= 28;
  for (const l of wrap(winAnsi(a.courseTitle), bold, 16, width - 140)) {
    centred(page, l, y, bold, 16);
    y -= 22;
  }
  y -= 20;

  const facts: [string, string][] = [
    ['Session', `du ${frDay(a.sessionStartsAt)} au ${frDay(a.sessionEndsAt)}`],
    ['Durée estimée', `${frNumber(a.hours)} heures`],
    ['Score obtenu', `${frNumber(a.scorePercent)} %`],
    ...(a.dpcReference ? ([['Référence DPC', a.dpcReference]] as [string, string][]) : []),
    ['Date de délivrance', frDay(a.issuedAt)],
    ['Code de vérification', a.code],
  ];
  for (const [label, value] of facts) {
    page.drawText(winAnsi(`${label} :`), { x: 90, y, size: 12, font: bold, color: teal });
    page.drawText(winAnsi(value), { x: 240, y, size: 12, font: regular });
    y -= 22;
  }

  const url = verifyUrl(publicUrl, a.code);
  const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const qr = await doc.embedPng(png);
  const size = 120;
  page.drawImage(qr, { x: (width - size) / 2, y: 120, width: size, height: size });
  centred(page, "Vérifiez l'authenticité de ce document :", 100, regular, 10);
  centred(page, url, 86, regular, 9, teal);
  centred(page, 'Document établi par la plateforme Palliance à partir des résultats enregistrés.', 60, regular, 8, rgb(0.4, 0.4, 0.4));
  return doc.save();
}
