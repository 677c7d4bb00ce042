import { PDFDocument, StandardFonts, rgb, type PDFFont, type RGB } from 'pdf-lib';
import type { CardEntry, CardModel, Run, RunStyle } from './card-model';
import { toEncodableText } from './pdf-safe-text';

/** A4 portrait, in points. */
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN_X = 42;
const TOP = 40;
/** Body text stops above this line; the footer lives below it. */
export const BODY_BOTTOM = 60;
const FOOTER_RULE_Y = 46;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const QR_COLUMN = 116;
const QR_SIZE = 96;
const INDENT = 10;
const BADGE_PAD = 2.5;

const COLORS = {
  text: rgb(0.1, 0.12, 0.15),
  muted: rgb(0.3, 0.32, 0.36),
  heading: rgb(0.04, 0.2, 0.4),
  band: rgb(0.89, 0.93, 0.97),
  badge: rgb(0.6, 0.24, 0),
  badgeBackground: rgb(1, 0.92, 0.83),
  rule: rgb(0.7, 0.73, 0.77),
};

export type FontName = 'regular' | 'bold';

export type DrawOp =
  | { op: 'text'; x: number; y: number; text: string; font: FontName; size: number; color: RGB }
  | { op: 'rect'; x: number; y: number; width: number; height: number; color: RGB }
  | { op: 'line'; x1: number; y1: number; x2: number; y2: number; color: RGB }
  | { op: 'qr'; x: number; y: number; size: number };

export interface LaidOutPage {
  ops: DrawOp[];
}

/** Text measurement and the font's character set, so layout can be tested without drawing. */
export interface Measure {
  width(text: string, font: FontName, size: number): number;
  clean(text: string): string;
}

export function measureWith(fonts: Record<FontName, PDFFont>): Measure {
  // Both standard Helvetica faces encode the same WinAnsi set.
  const charset = new Set(fonts.regular.getCharacterSet());
  return {
    width: (text, font, size) => fonts[font].widthOfTextAtSize(text, size),
    clean: (text) => toEncodableText(text, (cp) => charset.has(cp)),
  };
}

const fontOf = (style: RunStyle): FontName => (style === 'bold' || style === 'badge' ? 'bold' : 'regular');
const colorOf = (style: RunStyle, base: RGB): RGB => (style === 'muted' ? COLORS.muted : style === 'badge' ? COLORS.badge : base);

interface Placed {
  text: string;
  style: RunStyle;
  x: number;
  width: number;
}
type Line = Placed[];

/**
 * Greedy line breaking on spaces (no-break spaces hold); a word wider than the line, such as a
 * long URL or e-mail address, is cut between characters.
 */
export function wrapRuns(runs: readonly Run[], size: number, maxWidth: number, m: Measure): Line[] {
  const lines: Line[] = [];
  let line: Line = [];
  let x = 0;
  const widthOf = (text: string, style: RunStyle) => m.width(text, fontOf(style), size);
  for (const run of runs) {
    for (const word of m.clean(run.text).split(' ').filter(Boolean)) {
      const w = widthOf(word, run.style);
      // A badge is set off from the text before it, and its background needs room on both sides.
      const pad = run.style === 'badge' ? BADGE_PAD : 0;
      const previous = line[line.length - 1];
      const gap = previous ? widthOf(' ', previous.style) + (previous.style !== 'badge' ? pad * 2 : 0) : pad;
      if (x + gap + w + pad <= maxWidth) {
        line.push({ text: word, style: run.style, x: x + gap, width: w });
        x += gap + w;
        continue;
      }
      if (line.length) lines.push(line);
      let rest = [...word];
      while (widthOf(rest.join(''), run.style) > maxWidth && rest.length > 1) {
        let cut = 1;
        while (cut < rest.length - 1 && widthOf(rest.slice(0, cut + 1).join(''), run.style) <= maxWidth) cut++;
        const piece = rest.slice(0, cut).join('');
        lines.push([{ text: piece, style: run.style, x: 0, width: widthOf(piece, run.style) }]);
        rest = rest.slice(cut);
      }
      const tail = rest.join('');
      line = [{ text: tail, style: run.style, x: pad, width: widthOf(tail, run.style) }];
      x = pad + line[0].width;
    }
  }
  if (line.length) lines.push(line);
  return lines;
}

interface ParagraphSpec {
  runs: readonly Run[];
  size: number;
  indent: number;
  spaceBefore: number;
  color: RGB;
  lineHeight: number;
}

const spec = (runs: readonly Run[], size: number, over: Partial<ParagraphSpec> = {}): ParagraphSpec => ({
  runs,
  size,
  indent: 0,
  spaceBefore: 0,
  color: COLORS.text,
  lineHeight: size * 1.3,
  ...over,
});

function entrySpecs(entry: CardEntry): ParagraphSpec[] {
  return entry.paragraphs.map((p) => {
    switch (p.kind) {
      case 'name':
        return spec(p.runs, 10.5);
      case 'phone':
        return spec(p.runs, 9.5, { indent: INDENT, spaceBefore: 2.5 });
      default:
        return spec(p.runs, 8.5, { indent: INDENT });
    }
  });
}

const ENTRY_GAP = 9;

/** Lays the card out on as many pages as it needs; nothing is placed outside the page margins. */
export function layoutCard(model: CardModel, m: Measure): LaidOutPage[] {
  const pages: LaidOutPage[] = [];
  let ops: DrawOp[] = [];
  let y = 0;

  const wrap = (p: ParagraphSpec, width: number) => wrapRuns(p.runs, p.size, width - p.indent, m);
  const heightOf = (p: ParagraphSpec, width = CONTENT_WIDTH) => p.spaceBefore + wrap(p, width).length * p.lineHeight;

  /** Draws one wrapped line whose top is at `top`. */
  const drawLine = (line: Line, left: number, top: number, p: ParagraphSpec, align: 'left' | 'center' = 'left', boxWidth = 0) => {
    const baseline = top - p.size;
    const lineWidth = line.length ? line[line.length - 1].x + line[line.length - 1].width : 0;
    const shift = align === 'center' ? Math.max(0, (boxWidth - lineWidth) / 2) : 0;
    // Neighbouring words of one style are drawn as one string.
    for (let i = 0; i < line.length; ) {
      let j = i;
      while (j + 1 < line.length && line[j + 1].style === line[i].style) j++;
      const text = line.slice(i, j + 1).map((t) => t.text).join(' ');
      const x = left + p.indent + shift + line[i].x;
      if (line[i].style === 'badge') {
        const width = line[j].x + line[j].width - line[i].x;
        ops.push({
          op: 'rect',
          x: x - BADGE_PAD,
          y: baseline - p.size * 0.25,
          width: width + 2 * BADGE_PAD,
          height: p.size * 1.15,
          color: COLORS.badgeBackground,
        });
      }
      ops.push({ op: 'text', x, y: baseline, text, font: fontOf(line[i].style), size: p.size, color: colorOf(line[i].style, p.color) });
      i = j + 1;
    }
  };

  const runningHead = spec([{ text: `${model.runningHead} (suite)`, style: 'bold' }], 8.5, { color: COLORS.muted });

  const newPage = () => {
    ops = [];
    pages.push({ ops });
    y = PAGE_HEIGHT - TOP;
    if (pages.length > 1) {
      for (const line of wrap(runningHead, CONTENT_WIDTH)) {
        drawLine(line, MARGIN_X, y, runningHead);
        y -= runningHead.lineHeight;
      }
      y -= 4;
      ops.push({ op: 'line', x1: MARGIN_X, y1: y, x2: PAGE_WIDTH - MARGIN_X, y2: y, color: COLORS.rule });
      y -= 10;
    }
  };

  /** A paragraph in the body, flowing onto a new page line by line when needed. */
  const flow = (p: ParagraphSpec, onNewPage: () => void) => {
    y -= p.spaceBefore;
    for (const line of wrap(p, CONTENT_WIDTH)) {
      if (y - p.lineHeight < BODY_BOTTOM) {
        newPage();
        onNewPage();
      }
      drawLine(line, MARGIN_X, y, p);
      y -= p.lineHeight;
    }
  };

  // First page: title and dates on the left, the QR code and its address on the right.
  newPage();
  const leftWidth = CONTENT_WIDTH - QR_COLUMN - 16;
  const header = [
    spec([{ text: model.title, style: 'bold' }], 16, { color: COLORS.heading, lineHeight: 16 * 1.2 }),
    spec([{ text: model.generated, style: 'muted' }], 8.5, { spaceBefore: 6 }),
    spec([{ text: model.intro, style: 'regular' }], 9, { spaceBefore: 4 }),
  ];
  let left = y;
  for (const p of header) {
    left -= p.spaceBefore;
    for (const line of wrap(p, leftWidth)) {
      drawLine(line, MARGIN_X, left, p);
      left -= p.lineHeight;
    }
  }
  const columnX = PAGE_WIDTH - MARGIN_X - QR_COLUMN;
  let right = y;
  ops.push({ op: 'qr', x: columnX + (QR_COLUMN - QR_SIZE) / 2, y: right - QR_SIZE, size: QR_SIZE });
  right -= QR_SIZE + 2;
  for (const p of [spec([{ text: model.qrCaption, style: 'bold' }], 7.5), spec([{ text: model.qrUrl, style: 'regular' }], 6.5, { color: COLORS.muted })]) {
    for (const line of wrap(p, QR_COLUMN)) {
      drawLine(line, columnX, right, p, 'center', QR_COLUMN);
      right -= p.lineHeight;
    }
  }
  y = Math.min(left, right) - 8;
  ops.push({ op: 'line', x1: MARGIN_X, y1: y, x2: PAGE_WIDTH - MARGIN_X, y2: y, color: COLORS.rule });
  y -= 12;

  if (model.empty) flow(spec([{ text: model.empty, style: 'regular' }], 10), () => {});

  const headingSpec = (label: string) => spec([{ text: label, style: 'bold' }], 11, { color: COLORS.heading, indent: 4 });
  const drawHeading = (label: string) => {
    const p = headingSpec(label);
    const lines = wrap(p, CONTENT_WIDTH - 8);
    const height = lines.length * p.lineHeight + 5;
    ops.push({ op: 'rect', x: MARGIN_X, y: y - height, width: CONTENT_WIDTH, height, color: COLORS.band });
    let top = y - 2.5;
    for (const line of lines) {
      drawLine(line, MARGIN_X, top, p);
      top -= p.lineHeight;
    }
    y -= height + 6;
  };
  const headingHeight = (label: string) => wrap(headingSpec(label), CONTENT_WIDTH - 8).length * headingSpec(label).lineHeight + 11;

  // What a fresh page offers below its running head and a repeated group heading.
  const runningHeadHeight = wrap(runningHead, CONTENT_WIDTH).length * runningHead.lineHeight + 14;
  const freshRoom = (label: string) => PAGE_HEIGHT - TOP - runningHeadHeight - headingHeight(label) - BODY_BOTTOM;

  for (const group of model.groups) {
    const continued = `${group.label} (suite)`;
    const heights = group.entries.map((e) => entrySpecs(e).reduce((h, p) => h + heightOf(p), 0));
    // A heading is never left alone at the bottom of a page.
    const first = Math.min(heights[0] ?? 0, freshRoom(continued));
    if (y - headingHeight(group.label) - first < BODY_BOTTOM) newPage();
    drawHeading(group.label);
    group.entries.forEach((entry, i) => {
      // An entry is kept on one page when it fits on one.
      if (y - heights[i] < BODY_BOTTOM && heights[i] <= freshRoom(continued)) {
        newPage();
        drawHeading(continued);
      }
      for (const p of entrySpecs(entry)) flow(p, () => drawHeading(continued));
      y -= ENTRY_GAP;
    });
  }

  // Footers, now that the number of pages is known.
  const footer = spec([{ text: model.footer, style: 'muted' }], 7.5);
  pages.forEach((page, i) => {
    ops = page.ops;
    ops.push({ op: 'line', x1: MARGIN_X, y1: FOOTER_RULE_Y, x2: PAGE_WIDTH - MARGIN_X, y2: FOOTER_RULE_Y, color: COLORS.rule });
    const number = spec([{ text: `Page ${i + 1} / ${pages.length}`, style: 'regular' }], 7.5);
    const numberWidth = m.width(m.clean(`Page ${i + 1} / ${pages.length}`), 'regular', 7.5);
    let top = FOOTER_RULE_Y - 5;
    for (const line of wrap(footer, CONTENT_WIDTH - numberWidth - 12)) {
      drawLine(line, MARGIN_X, top, footer);
      top -= footer.lineHeight;
    }
    for (const line of wrap(number, CONTENT_WIDTH)) drawLine(line, PAGE_WIDTH - MARGIN_X - numberWidth, FOOTER_RULE_Y - 5, number);
  });
  return pages;
}

export interface RenderOptions {
  /** The PNG of the QR code printed on the first page. */
  qrPng: Uint8Array;
  /** Creation date written in the document's properties. */
  at: Date;
  subject: string;
}

/** The card as a PDF file. */
export async function renderCardPdf(model: CardModel, opts: RenderOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  const m = measureWith(fonts);
  const qr = await doc.embedPng(opts.qrPng);
  for (const laid of layoutCard(model, m)) {
    const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    for (const op of laid.ops) {
      if (op.op === 'text') page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font: fonts[op.font], color: op.color });
      else if (op.op === 'rect') page.drawRectangle({ x: op.x, y: op.y, width: op.width, height: op.height, color: op.color });
      else if (op.op === 'line') page.drawLine({ start: { x: op.x1, y: op.y1 }, end: { x: op.x2, y: op.y2 }, thickness: 0.6, color: op.color });
      else page.drawImage(qr, { x: op.x, y: op.y, width: op.size, height: op.size });
    }
  }
  // Document properties are UTF-16: no need to fit WinAnsi there.
  doc.setTitle(model.title, { showInWindowTitleBar: true });
  doc.setSubject(opts.subject);
  doc.setLanguage('fr-FR');
  doc.setAuthor('Annuaire Palliance');
  doc.setCreator('Palliance');
  doc.setProducer('Palliance');
  doc.setKeywords(['soins palliatifs', 'annuaire', 'qui appeler']);
  doc.setCreationDate(opts.at);
  doc.setModificationDate(opts.at);
  return doc.save();
}
