/**
 * Folds a French name or query to the form commune search compares:
 * lower case, no accents, punctuation and hyphens as spaces, "st"/"ste" spelled out.
 * Shared so the browser can highlight what the server matched.
 */
export function foldForSearch(input: string): string {
  const folded = input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (!folded) return '';
  return folded
    .split(' ')
    .map((w) => (w === 'st' ? 'saint' : w === 'ste' ? 'sainte' : w))
    .join(' ');
}
