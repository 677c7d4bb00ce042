import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { toEncodableText } from './pdf-safe-text';

async function helvetica() {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const charset = new Set(font.getCharacterSet());
  return { font, canEncode: (cp: number) => charset.has(cp) };
}

describe('text the standard PDF fonts can encode', () => {
  it('keeps French text as it is, ’ « » œ and dashes included', async () => {
    const { canEncode } = await helvetica();
    const french = 'Œuvre d’accompagnement « Saint-Éloi » – cœur, bénévoles… 24 h/24 — 5 €';
    expect(toEncodableText(french, canEncode)).toBe(french);
  });

  it('replaces what WinAnsi lacks without throwing, and pdf-lib then encodes the result', async () => {
    const { font, canEncode } = await helvetica();
    const cases: [string, string][] = [
      ['1\u202f234 patients', '1\u00a0234 patients'],
      ['Łódź – Kraków', 'Lódz – Kraków'],
      ['Équipe 😀 soins', 'Équipe  soins'],
      ['Saint\u2011Jean', 'Saint-Jean'],
      ['ligne 1\nligne 2\tfin', 'ligne 1 ligne 2 fin'],
      ['e\u0301quipe', 'équipe'],
      ['東京', '??'],
      ['→ appeler', '-> appeler'],
      ['a\u200bb\u00adc', 'abc'],
    ];
    for (const [input, expected] of cases) {
      const out = toEncodableText(input, canEncode);
      expect(out, input).toBe(expected);
      expect(() => font.encodeText(out)).not.toThrow();
    }
  });

  it('survives any string', async () => {
    const { font, canEncode } = await helvetica();
    let all = '';
    for (let cp = 0; cp < 0x3000; cp += 7) all += String.fromCodePoint(cp);
    all += '\ud800 lone surrogate 🏥👩‍⚕️';
    const out = toEncodableText(all, canEncode);
    expect(() => font.encodeText(out)).not.toThrow();
    expect(() => font.widthOfTextAtSize(out, 10)).not.toThrow();
  });
});
