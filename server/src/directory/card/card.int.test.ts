import QRCode from 'qrcode';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../../test/harness';
import { decodePng, readPdf, svgModules, type ReadPdf } from './test-reading';

let t: TestPlatform;
let a: TestClient;
beforeAll(async () => {
  t = await startTestPlatform();
  const admin = await createUser(t, { email: 'admin-card@example.org', roles: [{ role: 'admin' }] });
  a = t.client();
  await a.login(admin.email, admin.password);
});
afterAll(async () => t?.stop());

const weekdays = (open: string, close: string) => ({
  mon: [{ open, close }],
  tue: [{ open, close }],
  wed: [{ open, close }],
  thu: [{ open, close }],
  fri: [{ open, close }],
});
const nights = {
  days: { ...weekdays('17:30', '09:00'), sat: [{ open: '09:00', close: '09:00' }], sun: [{ open: '09:00', close: '09:00' }] },
  holidays: [{ open: '09:00', close: '09:00' }],
};

const structure = (over: Record<string, unknown> = {}) => ({
  name: 'EMTSP Haute-Tarentaise test',
  types: ['ETSP'],
  communeCode: '73054',
  postalCode: '73700',
  audience: ['professionnels'],
  contacts: [
    { kind: 'secretariat_medical', label: 'Secrétariat', value: '01 99 00 10 01', schedule: { days: weekdays('09:00', '17:30'), holidays: 'closed' } },
    { kind: 'appui_territorial', label: 'Nuit et week-end', value: '01 99 00 10 02', schedule: nights },
    { kind: 'email', value: 'emtsp-test@example.org' },
  ],
  openingHours: { days: weekdays('09:00', '17:30'), holidays: 'closed' },
  accessDelayDays: 2,
  accessDelayConfirmedAt: '2026-10-01',
  coverage: { departements: [], communes: ['73054', '73285'] },
  ...over,
});

async function create(over: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const res = await a.post('/api/v1/structures', structure(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Binary answers: the harness client reads text, so these go through fetch. */
async function download(path: string) {
  const res = await fetch(t.baseUrl + path);
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

const json = (bytes: Uint8Array) => JSON.parse(Buffer.from(bytes).toString('utf8'));

/** The QR code matrix qrcode builds for this text, as rows of booleans. */
function expectedModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, r) => Array.from({ length: modules.size }, (_, c) => Boolean(modules.get(r, c))));
}

function expectSvgEncodes(svg: string, text: string) {
  const expected = expectedModules(text);
  const { size, dark } = svgModules(svg);
  expect(size).toBe(expected.length + 4);
  const inner = dark.slice(2, size - 2).map((row) => row.slice(2, size - 2));
  expect(inner).toEqual(expected);
  // The margin is blank.
  expect(dark[0].some(Boolean) || dark[size - 1].some(Boolean)).toBe(false);
}

function expectPngEncodes(png: Buffer, text: string) {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const image = decodePng(png);
  expect(image.width).toBe(512);
  expect(image.height).toBe(512);
  const expected = expectedModules(text);
  const scale = image.width / (expected.length + 4);
  const read = expected.map((row, r) => row.map((_, c) => image.dark(Math.floor((c + 2.5) * scale), Math.floor((r + 2.5) * scale))));
  expect(read).toEqual(expected);
}

let helvetica: { regular: PDFFont; bold: PDFFont } | null = null;
async function fonts() {
  if (!helvetica) {
    const doc = await PDFDocument.create();
    helvetica = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  }
  return helvetica;
}

/** No text outside the page margins, and body text above the footer. */
async function expectAllTextOnPage(pdf: ReadPdf) {
  const f = await fonts();
  for (const runs of pdf.pages) {
    for (const r of runs) {
      const width = (r.bold ? f.bold : f.regular).widthOfTextAtSize(r.text, r.size);
      expect(r.x, r.text).toBeGreaterThanOrEqual(40);
      expect(r.x + width, r.text).toBeLessThanOrEqual(pdf.width - 40);
      expect(r.y, r.text).toBeGreaterThanOrEqual(20);
      expect(r.y + r.size, r.text).toBeLessThanOrEqual(pdf.height - 30);
    }
  }
}

describe('QR codes for posters', () => {
  it('encodes the live commune page, as SVG with a title and as a 512 px PNG, cacheable for a day', async () => {
    const url = `${t.baseUrl}/annuaire/communes/73054`;
    const svg = await download('/api/v1/communes/73054/qr.svg');
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(svg.headers.get('cache-control')).toBe('public, max-age=86400');
    const text = Buffer.from(svg.bytes).toString('utf8');
    expect(text).toMatch(/<title id="qr-title">[^<]*Bourg-Saint-Maurice[^<]*<\/title>/);
    expect(text).toContain('role="img"');
    expectSvgEncodes(text, url);

    const png = await download('/api/v1/communes/73054/qr.png');
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('cache-control')).toBe('public, max-age=86400');
    expectPngEncodes(Buffer.from(png.bytes), url);
  });

  it('encodes the page of a published structure and escapes its name in the title', async () => {
    const s = await create({ name: 'Équipe <b>« test » & co</b>', coverage: { departements: [], communes: ['73054'] } });
    const url = `${t.baseUrl}/annuaire/structures/${s.id}`;
    const svg = await download(`/api/v1/structures/${s.id}/qr.svg`);
    expect(svg.status).toBe(200);
    const text = Buffer.from(svg.bytes).toString('utf8');
    expect(text).toContain('Équipe &lt;b&gt;« test » &amp; co&lt;/b&gt;');
    expect(text).not.toContain('<b>');
    expectSvgEncodes(text, url);
    const png = await download(`/api/v1/structures/${s.id}/qr.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expectPngEncodes(Buffer.from(png.bytes), url);

    await t.query(`UPDATE structure SET status = 'archived' WHERE id = $1`, [s.id]);
    const archived = await download(`/api/v1/structures/${s.id}/qr.png`);
    expect(archived.status).toBe(404);
    expect(json(archived.bytes).message).toBe('Cette structure n’existe pas.');
  });

  it('404s an unknown commune or structure in French, and names a malformed one', async () => {
    for (const path of ['/api/v1/communes/99999/qr.svg', '/api/v1/communes/99999/qr.png']) {
      const res = await download(path);
      expect(res.status).toBe(404);
      expect(json(res.bytes).message).toBe('Commune inconnue : 99999.');
    }
    const missing = await download('/api/v1/structures/00000000-0000-4000-8000-000000000001/qr.svg');
    expect(missing.status).toBe(404);
    const bad = await t.client().get('/api/v1/communes/7305/qr.svg');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('code');
    const badId = await t.client().get('/api/v1/structures/abc/qr.png');
    expect(badId.status).toBe(400);
    expect(badId.body.field).toBe('id');
  });
});

describe('the printable "qui appeler" card', () => {
  it('lists the structures covering a commune by type, with their numbers and hours, on one A4 page', async () => {
    await create();
    await create({
      name: 'HAD Savoie test',
      types: ['HAD'],
      communeCode: '73065',
      postalCode: '73000',
      contacts: [{ kind: 'astreinte', label: 'Astreinte HAD', value: '01 99 00 20 02', alwaysOn: true }],
      accessDelayDays: null,
      accessDelayConfirmedAt: null,
      coverage: { departements: ['73'], communes: [] },
    });
    const old = await create({ name: 'Bénévoles Tarentaise (démo)', types: ['BENEVOLES'], coverage: { departements: [], communes: ['73054'] } });
    await t.query(`UPDATE structure SET confirmed_at = now() - interval '400 days' WHERE id = $1`, [old.id]);
    await create({ name: 'Équipe de Chambéry seulement', coverage: { departements: [], communes: ['73065'] } });

    const res = await download('/api/v1/communes/73054/card.pdf?at=2026-11-21T21:00:00%2B01:00');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="qui-appeler-bourg-saint-maurice.pdf"');
    expect(Buffer.from(res.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');

    const pdf = await readPdf(res.bytes);
    expect(pdf.pageCount).toBe(1);
    expect([Math.round(pdf.width), Math.round(pdf.height)]).toEqual([595, 842]);
    expect(pdf.title).toBe('Qui appeler ? Soins palliatifs — Bourg-Saint-Maurice (73700)');
    const text = pdf.text[0];
    expect(text).toContain('Qui appeler ? Soins palliatifs — Bourg-Saint-Maurice (73700)');
    expect(text).toContain('Document généré le 21 novembre 2026 à 21 h 00');
    // Grouped by type, in the types' order: the team, then the HAD, then the volunteers.
    const order = ['Équipe territoriale de soins palliatifs', 'Hospitalisation à domicile (HAD)', 'Association de bénévoles'].map((l) => text.indexOf(l));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(text).toContain('EMTSP Haute-Tarentaise test');
    expect(text).toContain('Secrétariat : 01 99 00 10 01');
    expect(text).toContain('Aux heures d’ouverture — Lundi au vendredi : 9 h – 17 h 30');
    expect(text).toContain('Nuit et week-end : 01 99 00 10 02');
    expect(text).toContain('Nuits, week-ends et jours fériés — Lundi au vendredi : 17 h 30 – 9 h (lendemain)');
    expect(text).toContain('Astreinte HAD : 01 99 00 20 02');
    expect(text).toContain('24 h sur 24, 7 jours sur 7');
    expect(text).toContain('Courriel : emtsp-test@example.org');
    expect(text).toContain('Délai d’accès annoncé : 2 jours, confirmé le 1er octobre 2026');
    expect(text).toContain('Bénévoles Tarentaise (démo) à vérifier');
    expect(text).not.toContain('Équipe de Chambéry seulement');
    // The QR code leads to the live page, whose address is printed under it.
    expect(text.replace(/ /g, '')).toContain(`${t.baseUrl}/annuaire/communes/73054`);
    expect(text).toContain('Annuaire Palliance — données déclarées par les structures, vérifiez la fiche en ligne');
    expect(text).toContain('Page 1 / 1');
    await expectAllTextOnPage(pdf);
  });

  it('flows 40 covering structures onto further pages, every name printed, nothing off the page', async () => {
    for (let i = 1; i <= 40; i++) {
      const n = String(i).padStart(2, '0');
      await create({
        name: `Structure de Séez numéro ${n} au nom volontairement long pour passer à la ligne sur la fiche imprimée`,
        types: [['ETSP', 'HAD', 'SSIAD', 'BENEVOLES'][i % 4]],
        communeCode: '73285',
        postalCode: '73700',
        contacts: [
          { kind: 'accueil', value: `01 99 00 3${n[0]} ${n[1]}0` },
          { kind: 'astreinte', value: `01 99 00 4${n[0]} ${n[1]}0`, schedule: nights },
          { kind: 'email', value: `une-adresse-electronique-tres-longue-sans-espace-${n}@example.org` },
        ],
        coverage: { departements: [], communes: ['73285'] },
      });
    }
    const res = await download('/api/v1/communes/73285/card.pdf?at=2026-11-21T21:00:00%2B01:00');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="qui-appeler-seez.pdf"');
    const pdf = await readPdf(res.bytes);
    expect(pdf.pageCount).toBeGreaterThan(1);
    const all = pdf.text.join(' ');
    for (let i = 1; i <= 40; i++) expect(all).toContain(`Structure de Séez numéro ${String(i).padStart(2, '0')} au nom`);
    expect(all).toContain('01 99 00 44 00');
    pdf.text.forEach((page, i) => expect(page).toContain(`Page ${i + 1} / ${pdf.pageCount}`));
    expect(pdf.text[1]).toContain('(suite)');
    await expectAllTextOnPage(pdf);
  });

  it('prints any name a user typed, replacing what Helvetica cannot encode', async () => {
    await create({ name: 'Œuvre « Łódź » 😀 Saint‑Jean d’Arc test', coverage: { departements: [], communes: ['73054'] } });
    const res = await download('/api/v1/communes/73054/card.pdf');
    expect(res.status).toBe(200);
    const pdf = await readPdf(res.bytes);
    expect(pdf.text.join(' ')).toContain('Œuvre « Lódz » Saint-Jean d’Arc test');
  });

  it('makes the card of the territory a CPTS covers, with the structures whose coverage meets it', async () => {
    const cpts = await create({
      name: 'CPTS Haute-Tarentaise test',
      types: ['CPTS'],
      contacts: [{ kind: 'accueil', value: '01 99 00 50 01' }],
      coverage: { departements: [], communes: ['73054', '73285'] },
    });
    const res = await download(`/api/v1/structures/${cpts.id}/card.pdf?at=2026-11-21T21:00:00%2B01:00`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="qui-appeler-territoire-cpts-haute-tarentaise-test.pdf"');
    const pdf = await readPdf(res.bytes);
    const all = pdf.text.join(' ');
    expect(pdf.title).toBe('Qui appeler ? Soins palliatifs — territoire de CPTS Haute-Tarentaise test');
    expect(all).toContain('EMTSP Haute-Tarentaise test');
    // The department-wide HAD meets every commune of its department.
    expect(all).toContain('HAD Savoie test');
    expect(all).toContain('Intervient sur ce territoire : tout le département Savoie (73)');
    expect(all).toContain('Intervient sur ce territoire : Bourg-Saint-Maurice, Séez');
    expect(all).not.toContain('Équipe de Chambéry seulement');
    expect(all.replace(/ /g, '')).toContain(`${t.baseUrl}/annuaire/structures/${cpts.id}`);

    // A territory made of a whole department meets a team listing one commune of it.
    const dep = await create({ name: 'CPTS Savoie entière test', types: ['CPTS'], coverage: { departements: ['73'], communes: [] } });
    const wide = await readPdf((await download(`/api/v1/structures/${dep.id}/card.pdf`)).bytes);
    expect(wide.text.join(' ')).toContain('Équipe de Chambéry seulement');
    expect(wide.text.join(' ')).toContain('Intervient sur ce territoire : Chambéry');

    const none = await create({ name: 'Structure sans secteur test', coverage: { departements: [], communes: [] } });
    const res404 = await download(`/api/v1/structures/${none.id}/card.pdf`);
    expect(res404.status).toBe(404);
    expect(json(res404.bytes).message).toMatch(/territoire d’intervention/);
  });

  it('404s an unknown commune and names a malformed instant', async () => {
    const unknown = await download('/api/v1/communes/99999/card.pdf');
    expect(unknown.status).toBe(404);
    expect(json(unknown.bytes)).toMatchObject({ code: 'not_found', message: 'Commune inconnue : 99999.' });
    const badAt = await t.client().get('/api/v1/communes/73054/card.pdf?at=samedi');
    expect(badAt.status).toBe(400);
    expect(badAt.body.field).toBe('at');
    expect((await download('/api/v1/structures/00000000-0000-4000-8000-000000000001/card.pdf')).status).toBe(404);
  });
});
