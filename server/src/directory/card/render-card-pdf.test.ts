import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { describeSector } from './build-card';
import { buildCardModel, type CardInput, type CardModel } from './card-model';
import type { CardStructureRow, CoverageEntry } from './covering-structures';
import { BODY_BOTTOM, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH, layoutCard, measureWith, renderCardPdf, type DrawOp } from './render-card-pdf';
import { readPdf } from './test-reading';

const AT = new Date('2026-11-21T20:00:00Z');
const weekdays = (open: string, close: string) => ({
  mon: [{ open, close }],
  tue: [{ open, close }],
  wed: [{ open, close }],
  thu: [{ open, close }],
  fri: [{ open, close }],
  sat: [],
  sun: [],
});

const row = (over: Partial<CardStructureRow> = {}): CardStructureRow => ({
  id: over.id ?? `id-${over.name ?? 'x'}`,
  name: 'Équipe test',
  types: ['ETSP'],
  departement: '73',
  time_zone: 'Europe/Paris',
  contacts: [
    { kind: 'secretariat_medical', label: 'Secrétariat', value: '01 99 00 10 01' },
    { kind: 'astreinte', value: '01 99 00 10 02', alwaysOn: true },
    { kind: 'email', value: 'equipe@example.org' },
  ],
  opening_hours: { days: weekdays('09:00', '17:00'), holidays: 'closed', exceptions: [] },
  access_delay_days: 2,
  access_delay_confirmed_at: '2026-10-01',
  confirmed_at: '2026-11-01T00:00:00Z',
  is_demo: false,
  ...over,
});

const types = new Map([
  ['ETSP', { label: 'Équipe territoriale', sort: 1 }],
  ['HAD', { label: 'Hospitalisation à domicile (HAD)', sort: 2 }],
]);

const input = (structures: CardStructureRow[], over: Partial<CardInput> = {}): CardInput => ({
  title: 'Qui appeler ? Soins palliatifs — Bourg-Saint-Maurice (73700)',
  intro: 'Structures qui interviennent à Bourg-Saint-Maurice.',
  at: AT,
  timeZone: 'Europe/Paris',
  qrUrl: 'https://palliance.example.org/annuaire/communes/73054',
  qrCaption: 'Scannez : le numéro à appeler maintenant',
  structures,
  types,
  empty: 'Aucune structure.',
  ...over,
});

const text = (m: CardModel) => m.groups.flatMap((g) => [g.label, ...g.entries.flatMap((e) => e.paragraphs.map((p) => p.runs.map((r) => r.text).join(' ')))]);

async function measure() {
  const doc = await PDFDocument.create();
  return measureWith({ regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) });
}

describe('what the card says', () => {
  it('groups by main type in the types’ order, names in French numeric order', () => {
    const m = buildCardModel(
      input([row({ name: 'HAD B', types: ['HAD', 'ETSP'] }), row({ name: 'Équipe 10' }), row({ name: 'équipe 2' }), row({ name: 'Autre', types: ['INCONNU'] })]),
    );
    expect(m.groups.map((g) => g.label)).toEqual(['Équipe territoriale', 'Hospitalisation à domicile (HAD)', 'INCONNU']);
    expect(m.groups[0].entries.map((e) => e.paragraphs[0].runs[0].text)).toEqual(['équipe 2', 'Équipe 10']);
    expect(m.generated).toBe('Document généré le 21 novembre 2026 à 21 h 00 — 4 structures');
  });

  it('says when to call each line, keeps upcoming exceptions only, and flags stale entries', () => {
    const schedule = {
      days: weekdays('09:00', '17:00'),
      holidays: 'closed' as const,
      exceptions: [
        { date: '2026-11-02', closed: true, label: 'Pont passé' },
        { date: '2026-12-24', slots: [{ open: '09:00', close: '12:00' }], label: 'Veille de Noël' },
      ],
    };
    const m = buildCardModel(
      input([
        row({ name: 'Ancienne', opening_hours: schedule, confirmed_at: '2026-01-01T00:00:00Z' }),
        row({ name: 'Sans téléphone', contacts: [{ kind: 'mssante', value: 'equipe@test.mssante.fr' }] }),
      ]),
    );
    const lines = text(m);
    expect(lines).toContain('Secrétariat : 01\u00a099\u00a000\u00a010\u00a001');
    expect(lines).toContain(
      'Aux heures d’ouverture — Lundi au vendredi : 9 h – 17 h ; Samedi et dimanche : fermé ; Jours fériés : fermé ; Jeudi 24 décembre 2026 (Veille de Noël) : 9 h – 12 h',
    );
    expect(lines.join('\n')).not.toContain('Pont passé');
    expect(lines).toContain('Astreinte : 01\u00a099\u00a000\u00a010\u00a002');
    expect(lines).toContain('Nuits, week-ends et jours fériés — 24 h sur 24, 7 jours sur 7');
    expect(lines).toContain('Ancienne à\u00a0vérifier');
    expect(lines).toContain('Aucun numéro de téléphone déclaré.');
    expect(lines).toContain('Messagerie sécurisée (MSSanté) : equipe@test.mssante.fr');
    expect(lines).toContain('Délai d’accès annoncé : 2 jours, confirmé le 1er octobre 2026');
  });

  it('says where a structure works within a territory', () => {
    const entry = (e: Partial<CoverageEntry>): CoverageEntry => ({
      structure_id: 's',
      departement: null,
      commune_code: null,
      commune_name: null,
      commune_departement: null,
      ...e,
    });
    const territory = { departements: ['74'], communes: [{ code: '73054', departement: '73' }] };
    const names = new Map([
      ['73', 'Savoie'],
      ['74', 'Haute-Savoie'],
    ]);
    expect(describeSector([entry({ departement: '73' }), entry({ departement: '01' })], territory, names)).toBe(
      'Intervient sur ce territoire : tout le département Savoie (73)',
    );
    expect(
      describeSector(
        [
          entry({ commune_code: '73054', commune_name: 'Bourg-Saint-Maurice', commune_departement: '73' }),
          entry({ commune_code: '74010', commune_name: 'Annecy', commune_departement: '74' }),
          entry({ commune_code: '73065', commune_name: 'Chambéry', commune_departement: '73' }),
        ],
        territory,
        names,
      ),
    ).toBe('Intervient sur ce territoire : Bourg-Saint-Maurice, Annecy');
    expect(describeSector([entry({ departement: '06' })], territory, names)).toBeNull();
  });
});

describe('how the card is laid out', () => {
  const inside = (op: DrawOp, width: (op: Extract<DrawOp, { op: 'text' }>) => number) => {
    if (op.op === 'text') {
      expect(op.x, op.text).toBeGreaterThanOrEqual(MARGIN_X - 0.01);
      expect(op.x + width(op), op.text).toBeLessThanOrEqual(PAGE_WIDTH - MARGIN_X + 0.01);
      expect(op.y, op.text).toBeGreaterThan(20);
      expect(op.y + op.size, op.text).toBeLessThan(PAGE_HEIGHT - 20);
    } else if (op.op === 'rect' || op.op === 'qr') {
      const w = op.op === 'rect' ? op.width : op.size;
      const h = op.op === 'rect' ? op.height : op.size;
      expect(op.x).toBeGreaterThanOrEqual(MARGIN_X - 3);
      expect(op.x + w).toBeLessThanOrEqual(PAGE_WIDTH - MARGIN_X + 3);
      expect(op.y).toBeGreaterThan(BODY_BOTTOM - 1);
      expect(op.y + h).toBeLessThan(PAGE_HEIGHT - 20);
    }
  };

  it('wraps long names, addresses and URLs, flows onto new pages, and draws nothing off the page', async () => {
    const m = await measure();
    const many = Array.from({ length: 40 }, (_, i) =>
      row({
        id: `s${i}`,
        name: i === 7 ? `${'Trèslongmotsansespace'.repeat(12)} 😀 Łódź` : `Structure ${i + 1} avec un nom assez long pour remplir une ligne entière de la fiche « qui appeler »`,
        types: [i % 3 ? 'ETSP' : 'HAD'],
        contacts: [
          { kind: 'accueil', value: `01 99 00 ${String(10 + i)} 00`, label: 'Accueil et secrétariat de l’équipe, joignable aux horaires indiqués ci-dessous' },
          { kind: 'astreinte', value: `01 99 00 ${String(10 + i)} 99`, alwaysOn: true },
          { kind: 'email', value: `adresse-${i}-${'x'.repeat(120)}@example.org` },
        ],
        confirmed_at: i % 5 ? '2026-11-01T00:00:00Z' : '2025-01-01T00:00:00Z',
      }),
    );
    const model = buildCardModel(input(many, { qrUrl: `https://palliance.example.org/annuaire/communes/73054?${'a'.repeat(150)}` }));
    const pages = layoutCard(model, m);
    expect(pages.length).toBeGreaterThan(3);
    const width = (op: Extract<DrawOp, { op: 'text' }>) => m.width(op.text, op.font, op.size);
    pages.forEach((page, i) => {
      for (const op of page.ops) inside(op, width);
      // Below the body's bottom, only the footer.
      const low = page.ops.filter((op): op is Extract<DrawOp, { op: 'text' }> => op.op === 'text' && op.y < BODY_BOTTOM);
      expect(low.map((op) => op.text).join(' ')).toBe(`Annuaire Palliance — données déclarées par les structures, vérifiez la fiche en ligne Page ${i + 1} / ${pages.length}`);
    });
    // An entry that fits on a page is not split: its name and its last line are on the same page.
    const pageOf = (needle: string) => pages.findIndex((p) => p.ops.some((op) => op.op === 'text' && op.text.includes(needle)));
    for (let i = 0; i < 40; i++) {
      if (i === 7) continue;
      expect(pageOf(`Structure ${i + 1} avec`), `structure ${i + 1}`).toBe(pageOf(`01 99 00 ${10 + i} 99`.replace(/ /g, '\u00a0')));
    }
  });

  it('renders one page with the QR image, the title in the document properties and an empty message when nothing covers the commune', async () => {
    // A 1×1 PNG is enough to embed.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');
    const bytes = await renderCardPdf(buildCardModel(input([])), { qrPng: png, at: AT, subject: 'Test' });
    const pdf = await readPdf(bytes);
    expect(pdf.pageCount).toBe(1);
    expect(pdf.title).toBe('Qui appeler ? Soins palliatifs — Bourg-Saint-Maurice (73700)');
    expect(pdf.text[0]).toContain('Aucune structure.');
    expect(pdf.text[0]).toContain('Document généré le 21 novembre 2026 à 21 h 00 — 0 structure');
  });
});
