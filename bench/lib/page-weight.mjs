// What a browser downloads on the first visit of a page of the web app: the HTML, the assets it
// references, the modules those import, the lazy chunk of the page's route with the files Vite
// preloads for it, and the API calls the page makes as it opens. Bytes as they cross the wire
// (compressed where the server compresses, headers included), not the files' sizes on disk.
import http from 'node:http';
import zlib from 'node:zlib';
import { serverDuration } from './load.mjs';

/**
 * @typedef {object} Fetched
 * @property {string} path
 * @property {string} why         page | html | import | route | api
 * @property {number} status
 * @property {string | null} encoding  content-encoding of the answer
 * @property {number} bodyBytes   body as transferred
 * @property {number} wireBytes   status line + headers + body
 * @property {number} uncompressedBytes
 * @property {number} ms          client-side time of the request
 * @property {number | null} serverMs  server-timing
 */

/** @param {string} baseUrl @param {string} pathname @param {Record<string, string>} headers @returns {Promise<Fetched & { text: string }>} */
function get(baseUrl, pathname, headers) {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseUrl}${pathname}`, { headers, agent: false, timeout: 10_000 }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = /** @type {string | undefined} */ (res.headers['content-encoding']) ?? null;
        let body = raw;
        if (encoding === 'br') body = zlib.brotliDecompressSync(raw);
        else if (encoding === 'gzip') body = zlib.gunzipSync(raw);
        else if (encoding === 'deflate') body = zlib.inflateSync(raw);
        resolve({
          path: pathname,
          why: '',
          status: res.statusCode ?? 0,
          encoding,
          bodyBytes: raw.length,
          wireBytes: res.socket?.bytesRead ?? raw.length,
          uncompressedBytes: body.length,
          ms: Math.round((performance.now() - t0) * 100) / 100,
          serverMs: serverDuration(res.headers['server-timing']),
          text: body.toString('utf8'),
        });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${pathname} : pas de réponse en 10 s`)));
    req.on('error', reject);
  });
}

/** Relative imports of an ES module (static `import … from "./x.js"`, `import "./x.js"`, `export … from`). @param {string} code */
function staticImports(code) {
  const out = new Set();
  const re = /(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.\/[^"']+\.js)["']/g;
  for (const m of code.matchAll(re)) out.add(/** @type {string} */ (m[1]).slice(2));
  return [...out];
}

/**
 * The lazy chunk whose file name starts with `chunk` and the files Vite preloads with it, read from
 * the entry module: `import("./DirectoryPage-….js"),__vite__mapDeps([13,14,…])`.
 * @param {string} code @param {string} chunk
 */
function routeFiles(code, chunk) {
  const escaped = chunk.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`import\\(["']\\./(${escaped}-[\\w-]+\\.js)["']\\)(?:\\s*,\\s*__vite__mapDeps\\(\\[([\\d,\\s]*)\\]\\))?`).exec(code);
  if (!m) return null;
  const files = [/** @type {string} */ (m[1])];
  const table = /m\.f\s*\|\|\s*\(m\.f\s*=\s*\[([^\]]*)\]/.exec(code);
  if (m[2] && table) {
    const all = [...(table[1] ?? '').matchAll(/["']([^"']+)["']/g)].map((x) => /** @type {string} */ (x[1]).replace(/^assets\//, ''));
    for (const i of m[2].split(',').map((x) => Number(x.trim()))) if (all[i]) files.push(all[i]);
  }
  return files;
}

/**
 * @param {{ baseUrl: string, page: string, routeChunk?: string, api?: string[] }} opts
 *   routeChunk: file-name prefix of the page's lazy chunk (e.g. "DirectoryPage"); api: paths the
 *   page asks for as it opens (any status counts: an anonymous visitor's /api/v1/me answers 401).
 */
export async function pageWeight({ baseUrl, page, routeChunk, api = [] }) {
  const accept = { 'accept-encoding': 'br, gzip', 'user-agent': 'palliance-bench' };
  /** @type {Fetched[]} */
  const files = [];
  /** @type {string[]} */
  const problems = [];
  const keep = (/** @type {Fetched & { text: string }} */ f, /** @type {string} */ why) => {
    const { text: _text, ...rest } = f;
    files.push({ ...rest, why });
    if (why !== 'api' && (f.status < 200 || f.status >= 300)) problems.push(`${f.path} → HTTP ${f.status}`);
  };

  const html = await get(baseUrl, page, { ...accept, accept: 'text/html' });
  keep(html, 'page');
  if (html.status !== 200) throw new Error(`${page} → HTTP ${html.status}`);

  /** @type {Set<string>} */
  const seen = new Set();
  /** @type {Map<string, string>} */
  const code = new Map();
  /** @param {string} file name under /assets/ @param {string} why */
  const asset = async (file, why) => {
    if (seen.has(file)) return;
    seen.add(file);
    const f = await get(baseUrl, `/assets/${file}`, accept);
    keep(f, why);
    if (file.endsWith('.js') && f.status === 200) {
      code.set(file, f.text);
      for (const dep of staticImports(f.text)) await asset(dep, 'import');
    }
  };
  const referenced = [...html.text.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)=["']\/assets\/([^"']+\.(?:js|css))["'][^>]*>/g)].map((m) => /** @type {string} */ (m[1]));
  if (referenced.length === 0) problems.push(`${page} : aucun /assets/*.js ni *.css dans le HTML`);
  for (const file of referenced) await asset(file, 'html');
  const htmlBytes = files.reduce((n, f) => n + f.wireBytes, 0);

  if (routeChunk) {
    let found = null;
    for (const text of code.values()) if ((found = routeFiles(text, routeChunk))) break;
    if (!found) problems.push(`chunk ${routeChunk}-*.js introuvable dans les modules chargés`);
    else for (const file of found) await asset(file, 'route');
  }
  for (const p of api) keep(await get(baseUrl, p, { ...accept, accept: 'application/json' }), 'api');

  const sum = (/** @type {(f: Fetched) => boolean} */ which, /** @type {keyof Fetched} */ field) =>
    files.filter(which).reduce((n, f) => n + /** @type {number} */ (f[field]), 0);
  const notApi = (/** @type {Fetched} */ f) => f.why !== 'api';
  const isApi = (/** @type {Fetched} */ f) => f.why === 'api';
  return {
    // Judged: the page and its code (HTML, assets, imports, route chunk), headers included.
    bytes: sum(notApi, 'wireBytes'),
    bodyBytes: sum(notApi, 'bodyBytes'),
    uncompressedBytes: sum(notApi, 'uncompressedBytes'),
    htmlReferencedBytes: htmlBytes,
    apiBytes: sum(isApi, 'wireBytes'),
    apiUncompressedBytes: sum(isApi, 'uncompressedBytes'),
    files,
    problems,
  };
}
