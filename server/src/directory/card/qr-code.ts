import QRCode from 'qrcode';

/** PNG side in pixels: sharp on an A4 poster, small enough to embed in the card. */
export const QR_PNG_WIDTH = 512;
export const QR_MARGIN = 2;

const xml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

// The same few URLs are asked for again and again (one per poster): keep the images.
const cache = new Map<string, string | Buffer>();
const CACHE_SIZE = 2000;

function remember<V extends string | Buffer>(key: string, value: V): V {
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

/** A QR code as SVG, with a <title> so screen readers say where it leads. */
export async function qrSvg(url: string, title: string): Promise<string> {
  const key = `svg|${url}|${title}`;
  const hit = cache.get(key);
  if (typeof hit === 'string') return hit;
  const svg = await QRCode.toString(url, { type: 'svg', margin: QR_MARGIN, errorCorrectionLevel: 'M' });
  const labelled = svg.replace(
    /^<svg /,
    `<svg role="img" aria-labelledby="qr-title" width="${QR_PNG_WIDTH}" height="${QR_PNG_WIDTH}" `,
  ).replace(/^(<svg[^>]*>)/, `$1<title id="qr-title">${xml(title)}</title>`);
  return remember(key, labelled);
}

/** A QR code as PNG, about 512 px wide with a 2-module margin. */
export async function qrPng(url: string): Promise<Buffer> {
  const key = `png|${url}`;
  const hit = cache.get(key);
  if (Buffer.isBuffer(hit)) return hit;
  const png = await QRCode.toBuffer(url, { type: 'png', width: QR_PNG_WIDTH, margin: QR_MARGIN, errorCorrectionLevel: 'M' });
  return remember(key, png);
}
