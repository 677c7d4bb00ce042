#!/usr/bin/env node
// A fictional national directory for the benchmarks: N structures (10,000 by default) spread over
// every department in proportion to its communes and population, each with the territory it covers,
// typed contacts with their hours, opening hours, access delay and a French description.
//
//   node bench/generate-national.mjs --database-url postgres://postgres@127.0.0.1:5432/palliance_bench_national
//   node bench/generate-national.mjs --database-url … --structures 10000 --seed 1
//
// The database must exist; if the platform has not migrated it yet, it is started once on it (as the
// bench runner does) so it migrates and loads the communes and the structure types. Rows are written
// with multi-row INSERT … SELECT FROM unnest(…) in one transaction, as the app would have written them
// through insertStructure (server/src/directory/save-structure.ts): the structure, its coverage, one
// structure_version row (version 1, with the entry as a snapshot) and one audit_event. Then ANALYZE.
// Names end with "(généré)", entries are marked is_demo (every screen says they are fictional),
// phone numbers are in the range kept for fiction (01 99 00 xx xx), e-mails at example.org.
// A second run replaces the generated entries (audit_event is append-only: their old events stay).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { COMMON_SENTENCES, SERVICES, TYPE_SENTENCES, prng, territory } from './lib/national-data.mjs';
import { ROOT } from './lib/server.mjs';

// The server's own folding of names for search (core/src/text.ts), loaded through tsx: bench runs plain Node.
const { foldForSearch } = /** @type {typeof import('../core/src/text')} */ (await tsImport('../core/src/text.ts', import.meta.url));

/** @typedef {import('./lib/national-data.mjs').RawCommune} RawCommune */
/** @typedef {{ open: string, close: string }} Slot */
/** @typedef {{ days: Record<string, Slot[]>, holidays: 'closed' | 'open' | Slot[], exceptions: object[] }} Schedule */

export const DEFAULT_STRUCTURES = 10_000;
export const DEFAULT_SEED = 1;
/** Marks the generated edition in reference_dataset (name, version = fingerprint). */
export const DATASET_NAME = 'bench-national';
const GENERATED = '(généré)';

/** pg is a dependency of the server workspace. */
function loadPg() {
  const require = createRequire(path.join(ROOT, 'server', 'package.json'));
  return /** @type {typeof import('pg')} */ (require('pg'));
}

/**
 * What the generated data depends on: the migrations, this generator and its vocabulary, core's
 * search folding, the territory edition, the count and the seed. A change of any of them calls for a
 * new database.
 * @param {{ structures: number, seed: number }} opts
 */
export function nationalFingerprint({ structures, seed }) {
  const hash = crypto.createHash('sha256');
  const migrations = path.join(ROOT, 'server', 'src', 'db', 'migrations');
  for (const f of fs.readdirSync(migrations).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(f).update(fs.readFileSync(path.join(migrations, f)));
  }
  hash.update(fs.readFileSync(fileURLToPath(import.meta.url)));
  hash.update(fs.readFileSync(path.join(ROOT, 'bench', 'lib', 'national-data.mjs')));
  hash.update(fs.readFileSync(path.join(ROOT, 'core', 'src', 'text.ts')));
  hash.update(fs.readFileSync(path.join(ROOT, 'server', 'src', 'directory', 'structure-types.json')));
  hash.update(territory().version);
  return `${structures}-${seed}-${hash.digest('hex').slice(0, 16)}`;
}

// ------------------------------------------------------------------------------------------------
// What kinds of structures, how many, and what they cover.

/**
 * share: fraction of all structures (MSP takes the rest); min: at least this many in each department
 * with 50,000 inhabitants or more (when 2,000 structures or more are generated);
 * cover: 'dep' whole department, 'dep-or-half' whole or half of it, 'region' every department of the
 * region, [a, b] a group of a..b neighbouring communes, {dep: p, group: [a, b]} whole department with
 * probability p, else a group; also: second types sometimes added.
 * @type {{ code: string, share: number, min?: number, cover: 'dep' | 'dep-or-half' | 'region' | [number, number] | { dep: number, group: [number, number] }, also?: [string, number][] }[]}
 */
const KINDS = [
  { code: 'USP', share: 0.025, min: 1, cover: 'dep', also: [['HDJ', 0.25], ['CONSULTATION', 0.35]] },
  { code: 'LISP_MCO', share: 0.04, cover: 'dep' },
  { code: 'LISP_SMR', share: 0.02, cover: 'dep' },
  { code: 'HDJ', share: 0.01, cover: 'dep', also: [['CONSULTATION', 0.5]] },
  { code: 'CONSULTATION', share: 0.02, cover: 'dep' },
  { code: 'HAD', share: 0.03, min: 1, cover: 'dep' },
  { code: 'EMSP_INTRA', share: 0.03, cover: [20, 300], also: [['EMSP_EXTRA', 0.4]] },
  { code: 'EMSP_EXTRA', share: 0.03, min: 1, cover: [20, 300] },
  { code: 'ETSP', share: 0.02, cover: [20, 300] },
  { code: 'ERISP', share: 0.003, cover: 'dep' },
  { code: 'ERRSPP', share: 0.002, cover: 'region' },
  { code: 'CELLULE_REGIONALE', share: 0.0015, cover: 'region' },
  { code: 'DAC', share: 0.015, min: 1, cover: 'dep-or-half' },
  { code: 'RESEAU', share: 0.01, cover: [50, 300] },
  { code: 'CPTS', share: 0.1, cover: [10, 60] },
  { code: 'SSIAD', share: 0.22, cover: [5, 30] },
  { code: 'BENEVOLES', share: 0.07, cover: { dep: 0.5, group: [20, 150] } },
  { code: 'SERVICE_SOCIAL', share: 0.03, cover: [10, 100] },
  { code: 'SOINS_SUPPORT', share: 0.04, cover: { dep: 0.5, group: [30, 200] } },
  { code: 'AUMONERIE', share: 0.02, cover: [5, 50] },
  { code: 'AUTRE', share: 0.03, cover: [5, 50] },
  { code: 'MSP', share: 0, cover: [1, 8] },
];

const HOSPITAL_TYPES = new Set(['USP', 'LISP_MCO', 'LISP_SMR', 'HDJ', 'CONSULTATION', 'EMSP_INTRA', 'EMSP_EXTRA', 'EMSP_INTER', 'ETSP', 'ERISP', 'ERRSPP', 'HAD', 'AUMONERIE']);

/** IANA time zone per overseas department (core/src/directory/time-zones.ts); Europe/Paris elsewhere. */
const OVERSEAS_TIME_ZONES = /** @type {Record<string, string>} */ ({
  971: 'America/Guadeloupe', 972: 'America/Martinique', 973: 'America/Cayenne', 974: 'Indian/Reunion', 975: 'America/Miquelon',
  976: 'Indian/Mayotte', 977: 'America/St_Barthelemy', 978: 'America/Marigot', 986: 'Pacific/Wallis', 987: 'Pacific/Tahiti', 988: 'Pacific/Noumea',
});

/**
 * Splits `total` over `weights` in proportion (largest remainders), after `floor` for each weight
 * that qualifies.
 * @param {number} total @param {number[]} weights @param {(i: number) => number} [floor]
 */
function apportion(total, weights, floor = () => 0) {
  const out = weights.map((_, i) => floor(i));
  let left = total - out.reduce((a, b) => a + b, 0);
  if (left <= 0) return out;
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const exact = weights.map((w) => (w / sum) * left);
  const base = exact.map(Math.floor);
  for (let i = 0; i < out.length; i++) out[i] = /** @type {number} */ (out[i]) + /** @type {number} */ (base[i]);
  left -= base.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i]).sort((a, b) => /** @type {number} */ (b[0]) - /** @type {number} */ (a[0]));
  for (let k = 0; k < left; k++) {
    const i = /** @type {number} */ (order[k % order.length]?.[1]);
    out[i] = /** @type {number} */ (out[i]) + 1;
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Hours

/** @param {string[]} days @param {Slot[]} slots @returns {Record<string, Slot[]>} */
const on = (days, slots) => Object.fromEntries(days.map((d) => [d, slots]));
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** Daytime schedules; the last two are for MSP and volunteers. */
const DAY_PATTERNS = /** @type {Record<string, Record<string, Slot[]>>} */ ({
  standard: on(WEEK, [{ open: '09:00', close: '17:30' }]),
  lunchBreak: on(WEEK, [{ open: '08:30', close: '12:30' }, { open: '13:30', close: '17:00' }]),
  withSaturday: { ...on(WEEK, [{ open: '08:00', close: '18:00' }]), sat: [{ open: '09:00', close: '12:00' }] },
  shortFriday: { ...on(['mon', 'tue', 'wed', 'thu'], [{ open: '09:00', close: '17:00' }]), fri: [{ open: '09:00', close: '16:00' }] },
  wednesdayMorning: {
    ...on(['mon', 'tue', 'thu', 'fri'], [{ open: '09:00', close: '12:30' }, { open: '14:00', close: '17:30' }]),
    wed: [{ open: '09:00', close: '12:30' }],
  },
  msp: { ...on(WEEK, [{ open: '08:00', close: '20:00' }]), sat: [{ open: '08:00', close: '12:00' }] },
  volunteers: on(['tue', 'thu'], [{ open: '14:00', close: '18:00' }]),
});

/** Nights, weekends and holidays (as the demo entries): weekdays 18:00–08:00, Saturday and Sunday round the clock. */
const NIGHTS_AND_WEEKENDS = /** @type {Schedule} */ ({
  days: { ...on(WEEK, [{ open: '18:00', close: '08:00' }]), sat: [{ open: '08:00', close: '08:00' }], sun: [{ open: '08:00', close: '08:00' }] },
  holidays: [{ open: '08:00', close: '08:00' }],
  exceptions: [],
});
const WEEKENDS = /** @type {Schedule} */ ({
  days: { sat: [{ open: '09:00', close: '18:00' }], sun: [{ open: '09:00', close: '18:00' }] },
  holidays: [{ open: '09:00', close: '18:00' }],
  exceptions: [],
});

// ------------------------------------------------------------------------------------------------

/**
 * Builds every row in memory (deterministic for a seed), without touching a database.
 * @param {{ structures?: number, seed?: number, now?: Date }} [opts]
 */
export function buildNational({ structures = DEFAULT_STRUCTURES, seed = DEFAULT_SEED, now = new Date('2026-11-01T09:00:00Z') } = {}) {
  const random = prng(seed);
  const int = (/** @type {number} */ a, /** @type {number} */ b) => a + Math.floor(random() * (b - a + 1));
  const chance = (/** @type {number} */ p) => random() < p;
  /** @template T @param {T[]} list @returns {T} */
  const pick = (list) => /** @type {T} */ (list[Math.floor(random() * list.length)]);
  const uuid = () => {
    const h = Array.from({ length: 16 }, () => Math.floor(random() * 256));
    h[6] = (/** @type {number} */ (h[6]) & 0x0f) | 0x40;
    h[8] = (/** @type {number} */ (h[8]) & 0x3f) | 0x80;
    const x = h.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  };

  const { communes, departements, regions } = territory();
  const depName = new Map(departements.map((d) => [d.code, d.nom]));
  const regionName = new Map(regions.map((r) => [r.code, r.nom]));

  // Communes of each department in "neighbour order": by arrondissement, then INSEE code.
  /** @type {Map<string, RawCommune[]>} */
  const byDep = new Map();
  for (const c of communes) {
    const dep = /** @type {string} */ (c.departement);
    if (!byDep.has(dep)) byDep.set(dep, []);
    /** @type {RawCommune[]} */ (byDep.get(dep)).push(c);
  }
  for (const list of byDep.values()) list.sort((a, b) => (a.arrondissement ?? '').localeCompare(b.arrondissement ?? '') || a.code.localeCompare(b.code));
  // Paris, Lyon and Marseille count once (their arrondissements carry the same people).
  const pop = (/** @type {RawCommune} */ c) => (c.type === 'arrondissement-municipal' ? 0 : (c.population ?? 0));
  const deps = [...byDep.keys()].sort();
  const depCommunes = deps.map((d) => /** @type {RawCommune[]} */ (byDep.get(d)).length);
  const depPopulation = deps.map((d) => /** @type {RawCommune[]} */ (byDep.get(d)).reduce((n, c) => n + pop(c), 0));
  const totalCommunes = depCommunes.reduce((a, b) => a + b, 0);
  const totalPopulation = depPopulation.reduce((a, b) => a + b, 0);
  const depWeight = deps.map((_, i) => 0.5 * (/** @type {number} */ (depCommunes[i]) / totalCommunes) + 0.5 * (/** @type {number} */ (depPopulation[i]) / totalPopulation));
  const depsOfRegion = (/** @type {string} */ region) => deps.filter((d) => /** @type {RawCommune[]} */ (byDep.get(d))[0]?.region === region);

  // How many of each kind in each department.
  const useMin = structures >= 2000;
  /** @type {Map<string, number[]>} */
  const counts = new Map();
  let allocated = 0;
  for (const k of KINDS) {
    if (k.code === 'MSP') continue;
    const n = Math.round(k.share * structures);
    const per = apportion(n, depWeight, (i) => (useMin && k.min && /** @type {number} */ (depPopulation[i]) >= 50_000 ? k.min : 0));
    counts.set(k.code, per);
    allocated += per.reduce((a, b) => a + b, 0);
  }
  counts.set('MSP', apportion(Math.max(0, structures - allocated), depWeight));

  /** One of the 20 biggest towns of the department, in proportion to its population (hospitals sit in towns). @param {string} dep */
  const seatPickers = new Map();
  const seatIn = (/** @type {string} */ dep) => {
    let p = seatPickers.get(dep);
    if (!p) {
      const list = /** @type {RawCommune[]} */ (byDep.get(dep))
        .filter((c) => c.type !== 'arrondissement-municipal')
        .sort((a, b) => pop(b) - pop(a) || a.code.localeCompare(b.code))
        .slice(0, 20);
      const cum = [];
      let s = 0;
      for (const c of list) cum.push((s += Math.max(1, c.population ?? 1)));
      p = { list, cum, total: s };
      seatPickers.set(dep, p);
    }
    const r = random() * p.total;
    let lo = 0;
    let hi = p.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p.cum[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return /** @type {RawCommune} */ (p.list[lo]);
  };
  /** `size` neighbouring communes of the department, from a random start (wrapping round). @param {string} dep @param {number} size */
  const groupIn = (dep, size) => {
    const list = /** @type {RawCommune[]} */ (byDep.get(dep));
    if (size >= list.length) return list.slice();
    const start = Math.floor(random() * list.length);
    return Array.from({ length: size }, (_, i) => /** @type {RawCommune} */ (list[(start + i) % list.length]));
  };

  const placeName = (/** @type {RawCommune} */ c) => c.nom;
  const hospital = (/** @type {RawCommune} */ c) =>
    pick([
      `du centre hospitalier de ${placeName(c)}`,
      `du CH ${placeName(c)}`,
      `de l'hôpital ${pick(['Saint-Joseph', 'Sainte-Marie', 'Pasteur', 'Fontaine', 'des Tilleuls', 'du Parc', 'Jean-Moulin', 'Les Cèdres'])} de ${placeName(c)}`,
      `de la clinique ${pick(['du Val', 'des Lilas', 'Saint-Luc', 'Bellevue', 'du Pont', 'Les Oliviers'])} (${placeName(c)})`,
      `du centre hospitalier universitaire de ${placeName(c)}`,
    ]);
  const cardinal = () => pick(['Nord', 'Sud', 'Est', 'Ouest', 'Centre']);

  /** @param {string} type @param {RawCommune} seat @param {string} dep */
  const nameFor = (type, seat, dep) => {
    const ville = placeName(seat);
    const dn = depName.get(dep) ?? dep;
    const rn = regionName.get(/** @type {string} */ (seat.region)) ?? '';
    switch (type) {
      case 'USP': return `Unité de soins palliatifs ${hospital(seat)}`;
      case 'LISP_MCO': return `Lits identifiés de soins palliatifs – ${pick(SERVICES)} – ${hospital(seat).replace(/^d[eu] (la |l')?/, '')}`;
      case 'LISP_SMR': return `LISP SMR ${pick(['Les Glycines', 'Le Belvédère', 'Les Sources', 'La Roseraie'])} ${ville}`;
      case 'HDJ': return `Hôpital de jour de soins palliatifs ${hospital(seat)}`;
      case 'CONSULTATION': return `Consultation douleur et soins palliatifs ${hospital(seat)}`;
      case 'HAD': return pick([`HAD ${ville}`, `Hospitalisation à domicile ${dn}`, `HAD ${dn} ${cardinal()}`, `Santé Service à domicile ${ville}`]);
      case 'EMSP_INTRA': return pick([`Équipe mobile de soins palliatifs ${hospital(seat)}`, `EMSP ${ville}`]);
      case 'EMSP_EXTRA': return pick([`Équipe mobile de soins palliatifs extra-hospitalière ${ville}`, `EMSP territoriale ${ville} et environs`]);
      case 'ETSP': return pick([`Équipe territoriale de soins palliatifs ${ville}`, `ETSP du pays de ${ville}`, `EMTSP ${dn} ${cardinal()}`]);
      case 'ERISP': return `ERISP ${dn}`;
      case 'ERRSPP': return `Équipe ressource régionale de soins palliatifs pédiatriques ${rn}`;
      case 'CELLULE_REGIONALE': return `Cellule d'animation régionale de soins palliatifs ${rn}`;
      case 'DAC': return pick([`DAC ${dn}`, `Dispositif d'appui à la coordination ${dn} ${cardinal()}`, `DAC ${ville} et territoire`]);
      case 'RESEAU': return pick([`Réseau de soins palliatifs ${ville}`, `Réseau ${pick(['Ensemble', 'Présence', 'Relais', 'Lien'])} soins palliatifs ${dn}`]);
      case 'CPTS': return pick([`CPTS ${ville}`, `CPTS du pays de ${ville}`, `Communauté professionnelle de santé ${ville} ${cardinal()}`]);
      case 'SSIAD': return pick([`SSIAD de ${ville}`, `Service de soins infirmiers à domicile ${ville}`, `SSIAD ${pick(['Mutualité', 'Croix', 'ADMR', 'Entraide'])} ${ville}`]);
      case 'BENEVOLES': return pick([`Association d'accompagnement ${ville}`, `Bénévoles d'accompagnement en soins palliatifs – ${ville}`, `Association « Présence et écoute » ${ville}`, `Les Veilleurs de ${ville}`]);
      case 'AUMONERIE': return `Aumônerie ${hospital(seat)}`;
      case 'SERVICE_SOCIAL': return pick([`Service social ${hospital(seat)}`, `Centre communal d'action sociale de ${ville}`]);
      case 'SOINS_SUPPORT': return pick([`Espace de soins de support ${ville}`, `Maison des patients et des proches ${ville}`]);
      case 'MSP': return pick([`Maison de santé pluriprofessionnelle de ${ville}`, `MSP ${ville}`, `Pôle de santé ${ville}`]);
      default: return pick([`Plateforme de répit des aidants ${ville}`, `Équipe d'appui gériatrique ${ville}`, `Halte répit ${ville}`]);
    }
  };

  let phoneCounter = int(0, 9999);
  const phone = () => {
    const n = phoneCounter++ % 10_000;
    return `01 99 00 ${String(Math.floor(n / 100)).padStart(2, '0')} ${String(n % 100).padStart(2, '0')}`;
  };
  /** @param {string} type */
  const daySchedule = (type) => {
    const days = type === 'MSP' ? DAY_PATTERNS.msp : type === 'BENEVOLES' ? DAY_PATTERNS.volunteers : DAY_PATTERNS[pick(['standard', 'standard', 'lunchBreak', 'withSaturday', 'shortFriday', 'wednesdayMorning'])];
    const r = random();
    /** @type {Schedule['holidays']} */
    const holidays = r < 0.85 ? 'closed' : r < 0.95 ? 'open' : [{ open: '09:00', close: '12:00' }];
    /** @type {object[]} */
    const exceptions = [];
    // Some closures in the week the coverage scenario asks about (9–15 November 2026, 11th a holiday).
    if (chance(0.05)) exceptions.push({ date: '2026-11-10', closed: true, label: 'Fermeture exceptionnelle (formation)' });
    if (chance(0.05)) exceptions.push({ date: '2026-11-13', slots: [{ open: '09:00', close: '12:00' }], label: 'Matinée seulement' });
    if (chance(0.08)) exceptions.push({ date: '2026-12-24', slots: [{ open: '09:00', close: '12:00' }], label: 'Veille de Noël' });
    return /** @type {Schedule} */ ({ days: /** @type {Record<string, Slot[]>} */ (days), holidays, exceptions });
  };
  /** The night / weekend line of this kind of structure, if it has one. @param {string} type */
  const nightLine = (type) => {
    switch (type) {
      case 'HAD': return chance(0.8) ? { kind: 'astreinte', label: 'Astreinte 24 h/24', alwaysOn: true } : { kind: 'astreinte', label: 'Astreinte nuit et week-end', schedule: NIGHTS_AND_WEEKENDS };
      case 'ERISP': return { kind: 'appui_territorial', label: 'Ligne ERISP jour et nuit', alwaysOn: true };
      case 'USP': return chance(0.7) ? { kind: 'astreinte', label: 'Astreinte médicale nuit et week-end', schedule: NIGHTS_AND_WEEKENDS } : null;
      case 'EMSP_INTRA': case 'EMSP_EXTRA': case 'ETSP': case 'RESEAU': case 'ERRSPP':
        return chance(0.35) ? { kind: 'appui_territorial', label: 'Appui territorial nuit / week-end / jours fériés', schedule: NIGHTS_AND_WEEKENDS } : null;
      case 'DAC': return chance(0.4) ? { kind: 'appui_territorial', label: "Ligne d'appui aux professionnels (week-end)", schedule: WEEKENDS } : null;
      case 'SSIAD': return chance(0.3) ? { kind: 'astreinte', label: 'Astreinte infirmière du week-end', schedule: WEEKENDS } : null;
      default: return chance(0.05) ? { kind: 'astreinte', label: 'Astreinte', schedule: NIGHTS_AND_WEEKENDS } : null;
    }
  };
  const sentencesOf = (/** @type {string} */ type) => TYPE_SENTENCES[type] ?? TYPE_SENTENCES.AUTRE ?? [];
  /** @template T @param {T[]} list @param {number} n @returns {T[]} */
  const sample = (list, n) => {
    const copy = list.slice();
    const out = [];
    while (out.length < n && copy.length) out.push(/** @type {T} */ (copy.splice(Math.floor(random() * copy.length), 1)[0]));
    return out;
  };
  /** @param {string[]} types @param {RawCommune[]} group @param {string[]} covDeps @param {string} dep @param {number | null} beds */
  const describe = (types, group, covDeps, dep, beds) => {
    const secteur =
      covDeps.length > 1
        ? `toute la région (${covDeps.map((d) => depName.get(d) ?? d).join(', ')})`
        : group.length === 0
        ? `tout le département (${depName.get(dep) ?? dep})`
        : group.length <= 3
          ? group.map((c) => c.nom).join(', ')
          : `${sample(group, 3).map((c) => c.nom).join(', ')} et ${group.length - 3} autres communes`;
    const main = /** @type {string} */ (types[0]);
    const parts = [...sample(sentencesOf(main), int(1, 3)), ...types.slice(1).flatMap((t) => sample(sentencesOf(t), 1)), ...sample(COMMON_SENTENCES, int(1, 3))];
    return parts.join(' ').replaceAll('{secteur}', secteur).replaceAll('{beds}', String(beds ?? 10)).replaceAll('{service}', pick(SERVICES));
  };

  const streets = ['rue de la République', 'avenue des Tilleuls', 'boulevard Pasteur', 'rue du Moulin', 'place de la Mairie', 'chemin des Écoliers', 'rue Victor-Hugo', 'allée des Cèdres'];
  const day = 86_400_000;
  const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();

  /** @type {any[]} */
  const rows = [];
  /** @type {{ structureId: string, departement: string | null, communeCode: string | null }[]} */
  const coverage = [];
  let n = 0;
  for (const k of KINDS) {
    const per = /** @type {number[]} */ (counts.get(k.code));
    per.forEach((count, di) => {
      const dep = /** @type {string} */ (deps[di]);
      for (let j = 0; j < count; j++) {
        n++;
        const id = uuid();
        const types = [k.code, ...(k.also ?? []).filter(([, p]) => chance(p)).map(([t]) => t)];
        /** @type {string[]} */
        let covDeps = [];
        /** @type {RawCommune[]} */
        let group = [];
        const cover = k.cover;
        if (cover === 'dep') covDeps = [dep];
        else if (cover === 'region') covDeps = depsOfRegion(/** @type {string} */ (byDep.get(dep)?.[0]?.region));
        else if (cover === 'dep-or-half') {
          const all = /** @type {RawCommune[]} */ (byDep.get(dep));
          if (all.length < 40 || chance(0.6)) covDeps = [dep];
          else group = groupIn(dep, Math.ceil(all.length / 2));
        } else if (Array.isArray(cover)) group = groupIn(dep, int(cover[0], cover[1]));
        else if (chance(cover.dep)) covDeps = [dep];
        else group = groupIn(dep, int(cover.group[0], cover.group[1]));
        // The seat: the biggest town of its group, else a town of the department.
        const seat = group.length ? group.reduce((a, b) => (pop(b) > pop(a) ? b : a)) : seatIn(dep);
        const beds =
          k.code === 'USP' ? int(8, 20) : k.code.startsWith('LISP') ? int(2, 6) : k.code === 'HDJ' ? int(3, 8) : k.code === 'HAD' ? int(20, 120) : k.code === 'SSIAD' ? int(30, 150) : null;
        const opening = chance(0.95) ? daySchedule(k.code) : null;
        /** @type {object[]} */
        const contacts = [];
        contacts.push({
          kind: HOSPITAL_TYPES.has(k.code) ? 'secretariat_medical' : 'accueil',
          label: HOSPITAL_TYPES.has(k.code) ? pick(['Secrétariat', 'Secrétariat médical', 'Cadre de santé']) : pick(['Accueil', 'Standard', 'Coordination']),
          value: phone(),
          ...(opening ? { schedule: opening } : { schedule: daySchedule(k.code) }),
        });
        const night = nightLine(k.code);
        if (night) contacts.push({ ...night, value: phone() });
        if (chance(0.85)) contacts.push({ kind: 'email', value: `contact${n}@example.org` });
        if (HOSPITAL_TYPES.has(k.code) && chance(0.4)) contacts.push({ kind: 'mssante', label: 'Messagerie sécurisée', value: `secretariat${n}@mssante.example.org` });
        const confirmedMs = now.getTime() - int(0, 240) * day - int(0, 86_399) * 1000;
        const createdMs = confirmedMs - int(0, 700) * day;
        const accessDelay = chance(0.8)
          ? k.code === 'SSIAD' ? int(3, 30) : k.code === 'USP' ? int(2, 15) : k.code === 'HAD' ? int(1, 5) : int(0, 10)
          : null;
        const name = `${nameFor(k.code, seat, dep)} ${GENERATED}`;
        const postal = seat.codesPostaux?.[0] ?? null;
        rows.push({
          id,
          name,
          nameSearch: foldForSearch(name),
          types,
          addressLine: `${int(1, 120)} ${pick(streets)}`,
          postalCode: postal,
          communeCode: seat.code,
          communeName: seat.nom,
          departement: seat.departement,
          timeZone: OVERSEAS_TIME_ZONES[/** @type {string} */ (seat.departement)] ?? 'Europe/Paris',
          audience: chance(0.6) || k.code === 'BENEVOLES' ? ['professionnels', 'patients', 'familles'] : ['professionnels'],
          contacts,
          openingHours: opening,
          accessDelayDays: accessDelay,
          accessDelayConfirmedAt: accessDelay == null ? null : iso(confirmedMs - int(0, 60) * day).slice(0, 10),
          capacityBeds: beds,
          description: describe(types, group, covDeps, dep, beds),
          confirmedAt: iso(confirmedMs),
          createdAt: iso(createdMs),
          coverage: { departements: covDeps, communes: group.map((c) => ({ code: c.code, nom: c.nom })) },
        });
        for (const d of covDeps) coverage.push({ structureId: id, departement: d, communeCode: null });
        for (const c of new Set(group.map((c) => c.code))) coverage.push({ structureId: id, departement: null, communeCode: c });
      }
    });
  }
  return { rows, coverage };
}

/** The entry as the app returns it (toStructure), for the structure_version snapshot. @param {any} r */
function snapshot(r) {
  return {
    id: r.id,
    name: r.name,
    types: r.types,
    parentId: null,
    parentName: null,
    finess: null,
    siret: null,
    rorId: null,
    addressLine: r.addressLine,
    postalCode: r.postalCode,
    communeCode: r.communeCode,
    communeName: r.communeName,
    departement: r.departement,
    latitude: null,
    longitude: null,
    timeZone: r.timeZone,
    audience: r.audience,
    contacts: r.contacts,
    openingHours: r.openingHours,
    accessDelayDays: r.accessDelayDays,
    accessDelayConfirmedAt: r.accessDelayConfirmedAt,
    capacityBeds: r.capacityBeds,
    description: r.description,
    coverage: r.coverage,
    status: 'published',
    isDemo: true,
    confirmedAt: r.confirmedAt,
    toVerify: false,
    version: 1,
    updatedAt: r.confirmedAt,
    url: `/annuaire/structures/${r.id}`,
  };
}

/**
 * Whether the platform has migrated this database and loaded its reference data.
 * @param {import('pg').Client} client
 */
async function isPrepared(client) {
  const t = await client.query("SELECT to_regclass('public.structure') IS NOT NULL AS ok");
  if (!t.rows[0]?.ok) return false;
  const r = await client.query('SELECT (SELECT count(*) FROM commune)::int AS communes, (SELECT count(*) FROM structure_type)::int AS types');
  return r.rows[0].communes > 0 && r.rows[0].types > 0;
}

/**
 * Writes the national directory into a migrated database (see the top of this file).
 * @param {{ databaseUrl: string, structures?: number, seed?: number, log?: (m: string) => void }} opts
 */
export async function generateNational({ databaseUrl, structures = DEFAULT_STRUCTURES, seed = DEFAULT_SEED, log = () => {} }) {
  const t0 = performance.now();
  const { rows, coverage } = buildNational({ structures, seed });
  const tBuilt = performance.now();
  log(`${rows.length} structures et ${coverage.length} lignes de couverture préparées en ${Math.round(tBuilt - t0)} ms`);
  const { Client } = loadPg();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if (!(await isPrepared(client))) throw new Error(`${databaseUrl} : base non migrée ou sans communes ; démarrez la plateforme une fois dessus.`);
    await client.query('BEGIN');
    const removed = await client.query(`DELETE FROM structure WHERE name LIKE $1`, [`% ${GENERATED}`]);
    if (removed.rowCount) log(`${removed.rowCount} structures générées auparavant supprimées`);
    const chunk = 1000;
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      const col = (/** @type {(r: any) => unknown} */ f) => part.map(f);
      await client.query(
        `INSERT INTO structure (id, name, name_search, types, address_line, postal_code, commune_code, departement, time_zone,
           audience, contacts, opening_hours, access_delay_days, access_delay_confirmed_at, capacity_beds, description,
           status, is_demo, confirmed_at, version, created_at, updated_at)
         SELECT id, name, name_search, string_to_array(types, ','), address_line, postal_code, commune_code, departement, time_zone,
           string_to_array(audience, ','), contacts::jsonb, opening_hours::jsonb, access_delay_days, access_delay_confirmed_at::date,
           capacity_beds, description, 'published', true, confirmed_at::timestamptz, 1, created_at::timestamptz, confirmed_at::timestamptz
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
           $10::text[], $11::text[], $12::text[], $13::int[], $14::text[], $15::int[], $16::text[], $17::text[], $18::text[])
           AS t(id, name, name_search, types, address_line, postal_code, commune_code, departement, time_zone,
                audience, contacts, opening_hours, access_delay_days, access_delay_confirmed_at, capacity_beds, description, confirmed_at, created_at)`,
        [
          col((r) => r.id),
          col((r) => r.name),
          col((r) => r.nameSearch),
          col((r) => r.types.join(',')),
          col((r) => r.addressLine),
          col((r) => r.postalCode),
          col((r) => r.communeCode),
          col((r) => r.departement),
          col((r) => r.timeZone),
          col((r) => r.audience.join(',')),
          col((r) => JSON.stringify(r.contacts)),
          col((r) => (r.openingHours ? JSON.stringify(r.openingHours) : null)),
          col((r) => r.accessDelayDays),
          col((r) => r.accessDelayConfirmedAt),
          col((r) => r.capacityBeds),
          col((r) => r.description),
          col((r) => r.confirmedAt),
          col((r) => r.createdAt),
        ],
      );
      await client.query(
        `INSERT INTO structure_version (structure_id, version, changed_at, change_kind, changed_fields, snapshot)
         SELECT id, 1, changed_at::timestamptz, 'génération', '{name,types,contacts,openingHours,coverage,description}', snapshot::jsonb
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, changed_at, snapshot)`,
        [col((r) => r.id), col((r) => r.createdAt), col((r) => JSON.stringify(snapshot(r)))],
      );
      await client.query(
        `INSERT INTO audit_event (at, action, object_type, object_id, details)
         SELECT at::timestamptz, 'directory.structure_created', 'structure', id, jsonb_build_object('name', name, 'status', 'published', 'via', 'bench-generate')
         FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, at, name)`,
        [col((r) => r.id), col((r) => r.createdAt), col((r) => r.name)],
      );
    }
    const covChunk = 50_000;
    for (let i = 0; i < coverage.length; i += covChunk) {
      const part = coverage.slice(i, i + covChunk);
      await client.query(
        `INSERT INTO structure_coverage (structure_id, departement, commune_code)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`,
        [part.map((c) => c.structureId), part.map((c) => c.departement), part.map((c) => c.communeCode)],
      );
    }
    await client.query(
      `INSERT INTO reference_dataset (name, version, source) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, source = EXCLUDED.source, loaded_at = now()`,
      [DATASET_NAME, nationalFingerprint({ structures, seed }), `bench/generate-national.mjs : ${rows.length} structures fictives, graine ${seed}`],
    );
    await client.query('COMMIT');
    const tWritten = performance.now();
    log(`écrites en ${Math.round(tWritten - tBuilt)} ms`);
    await client.query('ANALYZE structure, structure_coverage, structure_version, audit_event');
    const ms = Math.round(performance.now() - t0);
    log(`ANALYZE fait ; ${ms} ms en tout`);
    return { structures: rows.length, coverageRows: coverage.length, ms };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}

/** @param {string} databaseUrl @returns {Promise<string | null>} the fingerprint of the generated edition in that database */
export async function storedFingerprint(databaseUrl) {
  const { Client } = loadPg();
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    if (!(await isPrepared(client))) return null;
    const r = await client.query('SELECT version FROM reference_dataset WHERE name = $1', [DATASET_NAME]);
    return r.rows[0]?.version ?? null;
  } finally {
    await client.end();
  }
}

/**
 * The cached national database for the coverage scenario: `name` on the server of `adminUrl`, kept
 * between runs and built again when asked (`regenerate`) or when its fingerprint differs (migrations,
 * generator, territory edition, count or seed changed).
 * @param {{ adminUrl: string, name: string, structures?: number, seed?: number, regenerate?: boolean, log: (m: string) => void,
 *   startServer: (db: import('./lib/types').DatabaseTarget, opts?: { logName?: string, readyTimeoutMs?: number }) => Promise<import('./lib/types').StartedServer> }} opts
 * @returns {Promise<import('./lib/types').DatabaseTarget>}
 */
export async function ensureNationalDatabase({ adminUrl, name, structures = DEFAULT_STRUCTURES, seed = DEFAULT_SEED, regenerate = false, log, startServer }) {
  const { Client } = loadPg();
  const admin = async (/** @type {string} */ sql, /** @type {unknown[]} */ params = []) => {
    const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return await client.query(sql, params);
    } finally {
      await client.end();
    }
  };
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  /** @type {import('./lib/types').DatabaseTarget} */
  const target = { engine: 'postgres', databaseUrl, async dispose() {} };

  let exists;
  try {
    exists = (await admin('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } catch (err) {
    throw new Error(
      `PostgreSQL injoignable ou refus (${adminUrl}) : ${err instanceof Error ? err.message : err}\n  Démarrez-le (pg_ctlcluster … main start) ou passez --pg-url.`,
      { cause: err },
    );
  }
  const wanted = nationalFingerprint({ structures, seed });
  if (exists && !regenerate) {
    const stored = await storedFingerprint(databaseUrl).catch(() => null);
    if (stored === wanted) {
      log(`base nationale en cache : ${name} (${wanted})`);
      return target;
    }
    log(`base nationale ${name} périmée (${stored ?? 'incomplète'} ≠ ${wanted}) : régénération`);
  } else if (exists) log(`--regenerate : ${name} refaite`);
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const t0 = performance.now();
  const first = await startServer(target, { logName: 'generate-national' });
  await first.stop();
  log(`plateforme démarrée une fois (migrations, communes, types) en ${Math.round(performance.now() - t0)} ms`);
  await generateNational({ databaseUrl, structures, seed, log });
  return target;
}

async function main() {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      structures: { type: 'string', default: String(DEFAULT_STRUCTURES) },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const usage = 'Usage : node bench/generate-national.mjs --database-url postgres://… [--structures 10000] [--seed 1]';
  if (values.help || !values['database-url']) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const structures = Number(values.structures);
  const seed = Number(values.seed);
  if (!Number.isInteger(structures) || structures < 1 || !Number.isInteger(seed)) {
    console.error(usage);
    return 2;
  }
  const databaseUrl = values['database-url'];
  const log = (/** @type {string} */ m) => console.log(`[generate-national] ${m}`);
  const { Client } = loadPg();
  const probe = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await probe.connect();
  const prepared = await isPrepared(probe);
  await probe.end();
  if (!prepared) {
    const { startServer } = await import('./lib/server.mjs');
    log('base non migrée : démarrage de la plateforme une fois dessus');
    const server = await startServer({ engine: 'postgres', databaseUrl, async dispose() {} }, { logName: 'generate-national' });
    await server.stop();
  }
  const r = await generateNational({ databaseUrl, structures, seed, log });
  log(`${r.structures} structures, ${r.coverageRows} lignes de couverture, ${r.ms} ms`);
  return 0;
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`[generate-national] échec : ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    },
  );
}
