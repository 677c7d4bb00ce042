/**
 * The standard PDF fonts (Helvetica) only encode WinAnsi (Windows-1252): French accents, ’ « » œ
 * and – — … are in it, but not the narrow no-break space Intl puts in French numbers, nor Polish
 * or Turkish letters, nor emoji. pdf-lib throws on such a character, and names and labels are
 * typed by users: every string goes through here first, and nothing here throws.
 */

const REPLACEMENTS: Readonly<Record<string, string>> = {
  // Spaces: the no-break ones stay no-break (U+00A0 is in WinAnsi), the others become plain.
  '\u202f': '\u00a0',
  '\u2007': '\u00a0',
  '\u2060': '',
  '\u2000': ' ',
  '\u2001': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2004': ' ',
  '\u2005': ' ',
  '\u2006': ' ',
  '\u2008': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u205f': ' ',
  '\u3000': ' ',
  // Invisible characters.
  '\u00ad': '',
  '\u200b': '',
  '\u200c': '',
  '\u200d': '',
  '\ufeff': '',
  '\ufe0e': '',
  '\ufe0f': '',
  // Dashes, quotes and signs outside WinAnsi.
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '—',
  '\u2212': '-',
  '\u2032': '’',
  '\u2033': '"',
  '\u2190': '<-',
  '\u2192': '->',
  '\u2194': '<->',
  '\u21d2': '=>',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2248': '~',
  '\u2116': 'No',
  // Latin letters with no decomposition.
  'ł': 'l',
  'Ł': 'L',
  'đ': 'd',
  'Đ': 'D',
  'ı': 'i',
  'ħ': 'h',
  'Ħ': 'H',
  'ŧ': 't',
  'Ŧ': 'T',
  'ŋ': 'ng',
  'ĸ': 'k',
  'ſ': 's',
};

const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const COMBINING = /\p{M}/u;
const isControl = (cp: number) => cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0x2028 || cp === 0x2029;

/**
 * Returns `text` with every character the font cannot encode replaced: known equivalents first,
 * then the letter without its accent, emoji dropped, anything else as « ? ». Line breaks and tabs
 * become spaces (the layout wraps lines itself).
 */
export function toEncodableText(text: string, canEncode: (codePoint: number) => boolean): string {
  let out = '';
  for (const ch of String(text ?? '').normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (isControl(cp)) {
      out += ' ';
      continue;
    }
    // Looked up first: the soft hyphen is in WinAnsi but Helvetica would print it.
    const replacement = REPLACEMENTS[ch];
    if (replacement !== undefined) {
      out += [...replacement].every((c) => canEncode(c.codePointAt(0)!)) ? replacement : '?';
      continue;
    }
    if (canEncode(cp)) {
      out += ch;
      continue;
    }
    if (PICTOGRAPH.test(ch)) continue;
    const base = [...ch.normalize('NFD')].filter((c) => !COMBINING.test(c));
    if (base.length > 0 && base.every((c) => canEncode(c.codePointAt(0)!))) {
      out += base.join('');
      continue;
    }
    if (COMBINING.test(ch)) continue;
    out += '?';
  }
  return out;
}
