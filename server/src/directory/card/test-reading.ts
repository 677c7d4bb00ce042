/**
 * Test helpers: read back what the card and QR routes produce, with no tool beyond pdf-lib and zlib.
 * Not used by the server.
 */
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFRawStream, decodePDFRawStream, type PDFObject } from 'pdf-lib';

// 0x80–0x9F of Windows-1252 (Node's TextDecoder may read this label as Latin-1).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = { decode: (bytes: Buffer) => [...bytes].map((b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join('') };

/** A text-showing operator: where it is drawn, at what size, and what it says. */
export interface PdfTextRun {
  x: number;
  y: number;
  size: number;
  bold: boolean;
  text: string;
}

export interface ReadPdf {
  pageCount: number;
  width: number;
  height: number;
  /** Each page's text runs in drawing order. */
  pages: PdfTextRun[][];
  /** All the text of a page, runs joined by spaces, whitespace collapsed. */
  text: string[];
  title: string | undefined;
}

function streamBytes(obj: PDFObject | undefined): Uint8Array[] {
  if (!obj) return [];
  if (obj instanceof PDFRawStream) return [decodePDFRawStream(obj).decode()];
  return [];
}

/**
 * pdf-lib writes text as `<hex> Tj` after `/F size Tf` and `1 0 0 1 x y Tm`; that is all we parse.
 */
export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const doc = await PDFDocument.load(bytes);
  const pages = doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const parts =
      contents instanceof PDFArray
        ? contents.asArray().flatMap((ref) => streamBytes(doc.context.lookup(ref)))
        : streamBytes(contents as PDFObject | undefined);
    const source = parts.map((p) => Buffer.from(p).toString('latin1')).join('\n');
    const runs: PdfTextRun[] = [];
    let size = 0;
    let bold = false;
    let x = 0;
    let y = 0;
    const re = /\/(\S+)\s+([\d.]+)\s+Tf|([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+Tm|<([0-9A-Fa-f]*)>\s*Tj/g;
    for (const m of source.matchAll(re)) {
      if (m[1]) {
        bold = m[1].startsWith('Helvetica-Bold');
        size = Number(m[2]);
      } else if (m[3]) {
        x = Number(m[7]);
        y = Number(m[8]);
      } else if (m[9] !== undefined) runs.push({ x, y, size, bold, text: winAnsi.decode(Buffer.from(m[9], 'hex')) });
    }
    return runs;
  });
  const { width, height } = doc.getPages()[0].getSize();
  return {
    pageCount: doc.getPageCount(),
    width,
    height,
    pages,
    text: pages.map((runs) => runs.map((r) => r.text).join(' ').replace(/\s+/g, ' ')),
    title: doc.getTitle(),
  };
}

/** Decodes an 8-bit PNG (grey, RGB or RGBA, not interlaced) to one dark/light flag per pixel. */
export function decodePng(png: Buffer): { width: number; height: number; dark: (x: number, y: number) => boolean } {
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('PNG non pris en charge par ce décodeur de test');
      colorType = data[9];
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!channels) throw new Error(`Type de couleur PNG ${colorType} non pris en charge`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)];
    const line = raw.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? pixels[row * stride + i - channels] : 0;
      const b = row > 0 ? pixels[(row - 1) * stride + i] : 0;
      const c = row > 0 && i >= channels ? pixels[(row - 1) * stride + i - channels] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[row * stride + i] = v & 0xff;
    }
  }
  return { width, height, dark: (x, y) => pixels[y * stride + x * channels] < 128 };
}

/** The dark modules of a qrcode SVG (`M x y.5 h n` runs of its stroked path), as a size × size grid. */
export function svgModules(svg: string): { size: number; dark: boolean[][] } {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const d = /<path stroke="[^"]+" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  let x = 0;
  let y = 0;
  for (const m of d.matchAll(/([Mmh])(-?[\d.]+)(?:\s+(-?[\d.]+))?/g)) {
    if (m[1] === 'M') {
      x = Number(m[2]);
      y = Math.floor(Number(m[3]));
    } else if (m[1] === 'm') {
      x += Number(m[2]);
      y += Math.floor(Number(m[3]));
    } else {
      const n = Number(m[2]);
      for (let i = 0; i < n; i++) grid[y][x + i] = true;
      x += n;
    }
  }
  return { size, dark: grid };
}
