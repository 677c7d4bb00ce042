// Search texts for GET /api/v1/communes, made from the real commune list the server loads.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './server.mjs';

/** @typedef {{ code: string, nom: string, type: string, codesPostaux?: string[], population?: number }} RawCommune */

/** @returns {RawCommune[]} current communes, as the server loads them */
function communes() {
  // The dataset is a dependency of the server workspace; read the same edition it loads.
  const require = createRequire(path.join(ROOT, 'server', 'package.json'));
  const all = /** @type {RawCommune[]} */ (require('@etalab/decoupage-administratif/data/communes.json'));
  return all.filter((c) => c.type === 'commune-actuelle');
}

/** Deterministic pseudo-random numbers, so every run sends the same texts in the same order. */
function prng(seed = 42) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {string} s */
const stripAccents = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/**
 * @template T
 * @param {T[]} list
 * @param {() => number} random
 */
function shuffle(list, random) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [/** @type {T} */ (list[j]), /** @type {T} */ (list[i])];
  }
  return list;
}

/**
 * What people type in a commune field: a few hundred communes (the 150 most populated and 250 others
 * spread over the whole list), each as several texts: prefixes as typed (with accents, then without,
 * lower case), the full name without hyphens, "st"/"ste" for Saint/Sainte, the postal code and its
 * 2–4 digit prefixes. About 3,000 distinct texts, shuffled.
 * @returns {string[]}
 */
export function typedQueries() {
  const random = prng(42);
  const list = communes();
  const byPopulation = [...list].sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
  const chosen = new Set(byPopulation.slice(0, 150));
  const step = Math.floor(list.length / 250);
  for (let i = 0; chosen.size < 400 && i < list.length; i += step) chosen.add(/** @type {RawCommune} */ (list[i]));

  /** @type {Set<string>} */
  const texts = new Set();
  for (const c of chosen) {
    const nom = c.nom;
    const plain = stripAccents(nom).toLowerCase();
    texts.add(nom.slice(0, 3));
    texts.add(nom.slice(0, 5 + Math.floor(random() * 4)));
    texts.add(plain.slice(0, 4));
    texts.add(plain.slice(0, 6 + Math.floor(random() * 5)));
    texts.add(plain.replace(/[-']/g, ' '));
    const saint = /^(Saint|Sainte)-(.*)$/.exec(nom);
    if (saint) {
      const abbr = saint[1] === 'Saint' ? 'st' : 'ste';
      const rest = stripAccents(/** @type {string} */ (saint[2])).toLowerCase().replace(/-/g, ' ');
      texts.add(`${abbr} ${rest.slice(0, 3 + Math.floor(random() * 6))}`);
      texts.add(`${abbr.toUpperCase()}-${saint[2]}`);
    }
    const cp = c.codesPostaux?.[0];
    if (cp) {
      texts.add(cp);
      texts.add(cp.slice(0, 2));
      texts.add(cp.slice(0, 3));
      texts.add(cp.slice(0, 4));
    }
  }
  for (const t of ['Saint', 'sa', 'le', 'la', 'b', 'mont', 'vill', 'ch', '1', '75', '97', '2A', '20']) texts.add(t);
  return shuffle([...texts].map((t) => t.trim()).filter(Boolean), random);
}

/**
 * The long tail: one text per commune of France (a prefix of 3 letters up to the full name, or a
 * postal code / prefix for one in five), about 30,000 distinct texts. Sent in a loop, it asks for
 * far more distinct answers than the server's answer cache holds, so nearly every request reaches
 * the database.
 * @returns {string[]}
 */
export function longTailQueries() {
  const random = prng(7);
  /** @type {Set<string>} */
  const texts = new Set();
  for (const c of communes()) {
    const cp = c.codesPostaux?.[0];
    if (cp && random() < 0.2) {
      texts.add(cp.slice(0, 3 + Math.floor(random() * 3)));
      continue;
    }
    const nom = random() < 0.5 ? stripAccents(c.nom).toLowerCase() : c.nom;
    const len = 3 + Math.floor(random() * Math.max(1, nom.length - 2));
    texts.add(nom.slice(0, len));
  }
  return shuffle([...texts].map((t) => t.trim()).filter(Boolean), random);
}
