import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { toEncodableText } from '../directory/card/pdf-safe-text';

const WIDTH = 595.28;
const HEIGHT = 841.89;
const MARGIN = 48;
const BOTTOM = 56;

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; bold?: boolean; muted?: boolean; highlight?: boolean };

/**
 * A plain A4 document of wrapped paragraphs, on the standard fonts (no font file to ship): enough for
 * an evaluation sheet or a filled kit template. Every string passes through toEncodableText, because
 * labels and values are typed by users and pdf-lib throws on characters outside WinAnsi.
 */
export async function renderSimplePdf(title: string, blocks: Block[], footer: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setLanguage('fr-FR');
  doc.setProducer('Palliance');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const charset = new Set(regular.getCharacterSet());
  const clean = (text: string) => toEncodableText(text, (cp) => charset.has(cp));
  doc.setTitle(clean(title));
  let page: PDFPage = doc.addPage([WIDTH, HEIGHT]);
  let y = HEIGHT - MARGIN;

  const newPage = () => {
    page = doc.addPage([WIDTH, HEIGHT]);
    y = HEIGHT - MARGIN;
  };
  const write = (text: string, font: PDFFont, size: number, color = rgb(0.1, 0.12, 0.15), gapAfter = 4) => {
    for (const paragraph of text.split('\n')) {
      for (const line of wrap(clean(paragraph), font, size, WIDTH - 2 * MARGIN)) {
        if (y - size < BOTTOM) newPage();
        y -= size * 1.25;
        page.drawText(line, { x: MARGIN, y, size, font, color });
      }
    }
    y -= gapAfter;
  };

  for (const b of blocks) {
    if (b.kind === 'title') write(b.text, bold, 16, rgb(0.04, 0.2, 0.4), 8);
    else if (b.kind === 'heading') {
      y -= 6;
      write(b.text, bold, 12, rgb(0.04, 0.2, 0.4), 4);
    } else write(b.text, b.bold || b.highlight ? bold : regular, 10, b.muted ? rgb(0.3, 0.32, 0.36) : b.highlight ? rgb(0.6, 0.24, 0) : undefined, 2);
  }
  const pages = doc.getPages();
  pages.forEach((p, n) => {
    const text = clean(`${footer} — page ${n + 1}/${pages.length}`);
    for (const [k, line] of wrap(text, regular, 8, WIDTH - 2 * MARGIN).entries()) {
      p.drawText(line, { x: MARGIN, y: 36 - k * 10, size: 8, font: regular, color: rgb(0.3, 0.32, 0.36) });
    }
  });
  return doc.save();
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  if (!text) return [''];
  const words = text.split(/ +/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}
