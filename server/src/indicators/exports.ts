import { INDICATORS, toCsvLine, type IndicatorDashboard, type IndicatorResult } from '@palliance/core';

const fr = (v: number | null) => (v === null ? '' : String(v).replace('.', ','));
const STATUS: Record<string, string> = { ok: '', no_data: 'pas de données', suppressed: 'masqué (moins de 5 cas)', unavailable: 'non disponible' };
const UNIT: Record<string, string> = { percent: '%', hours: 'heures', count: 'nombre' };

/**
 * The dashboard as CSV for a spreadsheet (semicolons would be safer for French Excel, but the
 * platform's CSV exports all use commas with a BOM; decimal commas are quoted by toCsvLine): every
 * period of every trend, then the breakdown of the selected period, with status words instead of
 * zeros where there is nothing to show.
 */
export function dashboardToCsv(d: IndicatorDashboard): string {
  const lines: string[][] = [
    ['indicateur', 'libelle', 'territoire', 'periode', 'libelle_periode', 'ventilation', 'valeur', 'unite', 'numerateur', 'denominateur', 'statut', 'cible'],
  ];
  for (const i of d.indicators) {
    const base = (period: string, label: string, breakdown: string, f: { value: number | null; numerator: number | null; denominator: number | null; status: string }) => [
      i.id,
      i.label,
      d.territory.code,
      period,
      label,
      breakdown,
      fr(f.value),
      UNIT[i.unit],
      f.numerator === null ? '' : String(f.numerator),
      f.denominator === null ? '' : String(f.denominator),
      STATUS[f.status],
      fr(i.target.value),
    ];
    if (i.kind === 'survey') lines.push(base(i.current.period, i.current.periodLabel, '', i.current));
    for (const p of i.series) lines.push(base(p.period, p.label, '', p));
    for (const r of i.breakdown?.rows ?? []) lines.push(base(i.current.period, i.current.periodLabel, r.label, r));
  }
  return `\ufeff${lines.map(toCsvLine).join('\r\n')}\r\n`;
}

/** FHIR ids allow letters, digits, '-' and '.' only (64 at most). */
const fhirId = (s: string) => s.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64);
const UCUM: Record<string, { unit: string; code: string }> = { percent: { unit: '%', code: '%' }, hours: { unit: 'h', code: 'h' }, count: { unit: 'cas', code: '1' } };
const SCORING = 'http://terminology.hl7.org/CodeSystem/measure-scoring';
const IMPROVEMENT = 'http://terminology.hl7.org/CodeSystem/measure-improvement-notation';
const POPULATION = 'http://terminology.hl7.org/CodeSystem/measure-population';
const ABSENT = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

export const measureUrl = (base: string, id: string) => `${base}/api/v1/indicators/fhir/Measure/${fhirId(id)}`;

const improvement = (direction: string) =>
  direction === 'neutral' ? undefined : { coding: [{ system: IMPROVEMENT, code: direction === 'higher_is_better' ? 'increase' : 'decrease' }] };

/** Every indicator as a FHIR R4 Measure: what it counts and how (the computation text), its scoring and direction. */
export function measuresBundle(base: string) {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: INDICATORS.map((d) => ({
      fullUrl: measureUrl(base, d.id),
      resource: {
        resourceType: 'Measure',
        id: fhirId(d.id),
        url: measureUrl(base, d.id),
        name: d.id,
        title: d.label,
        status: 'active',
        publisher: 'Palliance',
        description: d.computation,
        scoring: { coding: [{ system: SCORING, code: d.scoring }] },
        improvementNotation: improvement(d.direction),
        relatedArtifact: [{ type: 'documentation', display: d.source }],
        group: [
          {
            population:
              d.scoring === 'proportion'
                ? [
                    { code: { coding: [{ system: POPULATION, code: 'numerator' }] }, description: 'Numérateur' },
                    { code: { coding: [{ system: POPULATION, code: 'denominator' }] }, description: 'Dénominateur' },
                  ]
                : d.scoring === 'continuous-variable'
                  ? [{ code: { coding: [{ system: POPULATION, code: 'measure-population' }] }, description: 'Demandes répondues de la période' }]
                  : [{ code: { coding: [{ system: POPULATION, code: 'initial-population' }] }, description: 'Cas comptés sur la période' }],
          },
        ],
      },
    })),
  };
}

const ABSENT_REASON: Record<string, string> = { suppressed: 'masked', no_data: 'not-applicable', unavailable: 'unknown' };

function measureReport(base: string, d: IndicatorDashboard, i: IndicatorResult) {
  const c = i.current;
  const code = (x: string) => ({ coding: [{ system: POPULATION, code: x }] });
  const population =
    i.current.status !== 'ok'
      ? []
      : i.unit === 'percent'
        ? [
            { code: code('numerator'), count: c.numerator ?? 0 },
            { code: code('denominator'), count: c.denominator ?? 0 },
          ]
        : i.unit === 'hours'
          ? [{ code: code('measure-population'), count: c.denominator ?? 0 }]
          : [{ code: code('initial-population'), count: c.numerator ?? 0 }];
  const u = UCUM[i.unit];
  const survey = i.kind === 'survey';
  return {
    resourceType: 'MeasureReport',
    id: fhirId(`${i.id}-${d.territory.code}-${survey ? 'enquete' : d.period.key}`),
    status: 'complete',
    type: 'summary',
    measure: measureUrl(base, i.id),
    subject: { identifier: { system: `${base}/territoires`, value: d.territory.code }, display: d.territory.label },
    date: d.generatedAt,
    reporter: { display: 'Palliance' },
    period: { start: d.period.from, end: d.period.to },
    improvementNotation: improvement(i.direction),
    group: [
      {
        population,
        measureScore:
          c.status === 'ok' && c.value !== null
            ? { value: c.value, unit: u.unit, system: 'http://unitsofmeasure.org', code: u.code }
            : { extension: [{ url: ABSENT, valueCode: ABSENT_REASON[c.status] }] },
      },
    ],
    ...(i.note ? { text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${escapeXml(i.note)}</div>` } } : {}),
  };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One MeasureReport per indicator, for the territory and period of the dashboard (same suppression as the dashboard). */
export function measureReportsBundle(base: string, d: IndicatorDashboard) {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: d.generatedAt,
    entry: d.indicators.map((i) => {
      const r = measureReport(base, d, i);
      return { fullUrl: `${base}/api/v1/indicators/fhir/MeasureReport/${r.id}`, resource: r };
    }),
  };
}
