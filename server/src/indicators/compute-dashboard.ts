import {
  countFigure,
  delayFigures,
  INDICATORS,
  meetsTarget,
  NO_DATA,
  parsePeriod,
  periodContaining,
  periodLabel,
  periodRange,
  periodShortLabel,
  PROFESSIONS,
  seriesEndingWith,
  shareFigure,
  SMALL_CELL_THRESHOLD,
  suppressSmallCells,
  UNAVAILABLE,
  type Figure,
  type IndicatorDashboard,
  type IndicatorDefinition,
  type IndicatorId,
  type IndicatorQuery,
  type IndicatorResult,
} from '@palliance/core';
import type { AppDeps } from '../app-types';
import type { Actor } from '../http/actor';
import { can } from '../http/permissions';
import { supportRequestFigures, territoryTargets, trainingFigures, type Bucket, type RequestBucketRow, type TrainingBucketRow } from './queries';
import type { IndicatorSources } from './sources';
import { resolveTerritory } from './territory';

const frDate = (d: Date) => d.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });

interface Breakdown {
  title: string;
  rows: (Figure & { key: string; label: string })[];
}

/** The four request figures of one row (a structure, or the whole territory, for one period). */
function requestFigures(row: RequestBucketRow | undefined) {
  if (!row) return { liberal_share: NO_DATA, first_response_mean: NO_DATA, first_response_median: NO_DATA, answered_within_48h: NO_DATA } as const;
  const delays = delayFigures(row);
  return {
    liberal_share: shareFigure(row.emtspLiberal, row.emtspKnown),
    first_response_mean: delays.mean,
    first_response_median: delays.median,
    answered_within_48h: delays.withinThreshold,
  } as const;
}

function trainingFiguresOf(rows: TrainingBucketRow[]) {
  const enrolments = rows.reduce((a, r) => a + r.enrolments, 0);
  const completed = rows.reduce((a, r) => a + r.completed, 0);
  return { training_enrolments: countFigure(enrolments), training_completion: shareFigure(completed, enrolments) } as const;
}

/**
 * The dashboard of a territory for a period: every indicator with its value, numerator and
 * denominator, its target, its trend (12 months, 8 quarters or 5 years ending with the period) and
 * its breakdown. Visitors and users without rights on the territory get figures on fewer than 5
 * cases withheld.
 */
export async function computeDashboard(deps: Pick<AppDeps, 'db' | 'now'>, sources: IndicatorSources, actor: Actor | null, query: IndicatorQuery): Promise<IndicatorDashboard> {
  const now = deps.now();
  const territory = await resolveTerritory(deps.db, query.territory);
  const period = query.period ? parsePeriod(query.period)! : periodContaining(now, 'quarter');
  const periods = seriesEndingWith(period);
  const buckets: Bucket[] = periods.map(periodRange);
  const last = periods.length - 1;
  const full = can(actor, 'indicators.read_all', { departement: territory.departement });
  const mayEditTargets = can(actor, 'indicators.set_target', { departement: territory.departement });
  const shown = (f: Figure) => (full ? f : suppressSmallCells(f, SMALL_CELL_THRESHOLD));

  const [requestRows, trainingRows, targets, survey, rcp] = await Promise.all([
    supportRequestFigures(deps.db, territory.departements, buckets, now),
    trainingFigures(deps.db, territory.departements, buckets),
    territoryTargets(deps.db, territory.code),
    sources.surveyFigures(deps),
    Promise.all(buckets.map((b) => sources.rcpCasesDiscussed(deps, { departements: territory.departements, from: b.from, to: b.to }))),
  ]);

  const requestSeries = buckets.map((_, i) => requestFigures(requestRows.find((r) => r.bucket === i && r.structureId === null)));
  const trainingSeries = buckets.map((_, i) => trainingFiguresOf(trainingRows.filter((r) => r.bucket === i)));
  const rcpSeries = rcp.map((n) => (n === null ? UNAVAILABLE : countFigure(n)));

  const seriesOf = (id: IndicatorId): Figure[] | null => {
    switch (id) {
      case 'liberal_share':
      case 'first_response_mean':
      case 'first_response_median':
      case 'answered_within_48h':
        return requestSeries.map((s) => s[id]);
      case 'training_enrolments':
      case 'training_completion':
        return trainingSeries.map((s) => s[id]);
      case 'rcp_cases':
        return rcpSeries;
      default:
        return null;
    }
  };

  const breakdownOf = (d: IndicatorDefinition): Breakdown | null => {
    if (d.breakdown === 'structure') {
      const rows = requestRows.filter((r) => r.bucket === last && r.structureId !== null && (d.id !== 'liberal_share' || r.isEmtsp));
      return {
        title: d.id === 'liberal_share' ? 'Par équipe mobile ou territoriale (EM(T)SP)' : 'Par structure sollicitée',
        rows: rows
          .map((r) => ({ key: r.structureId!, label: r.structureName, ...shown(requestFigures(r)[d.id as keyof ReturnType<typeof requestFigures>]) }))
          .sort((a, b) => a.label.localeCompare(b.label, 'fr')),
      };
    }
    if (d.breakdown === 'profession') {
      const rows = trainingRows.filter((r) => r.bucket === last);
      return {
        title: 'Par profession',
        rows: rows
          .map((r) => ({ key: r.profession, label: PROFESSIONS[r.profession as keyof typeof PROFESSIONS] ?? r.profession, ...shown(trainingFiguresOf([r])[d.id as 'training_enrolments' | 'training_completion']) }))
          .sort((a, b) => a.label.localeCompare(b.label, 'fr')),
      };
    }
    return null;
  };

  const indicators: IndicatorResult[] = INDICATORS.map((d) => {
    const own = targets.get(d.id);
    const target = own
      ? { value: own.target, origin: 'territory' as const, source: `Cible fixée pour ${territory.label} le ${frDate(own.updatedAt)}.` }
      : d.defaultTarget !== null
        ? { value: d.defaultTarget, origin: 'default' as const, source: d.defaultTargetSource }
        : { value: null, origin: 'none' as const, source: null };
    let current: Figure;
    let series: IndicatorResult['series'] = [];
    let note: string | null = null;
    let currentPeriod = { period: period.key, periodLabel: periodLabel(period) };
    if (d.kind === 'survey') {
      const s = d.id === 'knows_support_number' ? survey?.knowsSupportNumber : survey?.billsPalliativeCodes;
      current = s ? shareFigure(s.yes, s.answered) : NO_DATA;
      if (survey) {
        const at = survey.survey.lastResponseAt ? new Date(survey.survey.lastResponseAt) : null;
        note = `Enquête « ${survey.survey.title} »${at ? `, dernière réponse le ${frDate(at)}` : ''}.`;
        currentPeriod = { period: 'derniere-enquete', periodLabel: 'dernière enquête' };
      } else note = "Aucune enquête de la plateforme ne pose encore ces questions avec des réponses.";
    } else {
      const all = seriesOf(d.id)!;
      current = all[last];
      series = all.map((f, i) => ({ ...shown(f), period: periods[i].key, label: periodLabel(periods[i]), shortLabel: periodShortLabel(periods[i]) }));
      if (d.id === 'rcp_cases' && current.status === 'unavailable') note = 'Les mini-RCP ne sont pas encore disponibles sur la plateforme : indicateur non disponible.';
    }
    const c = shown(current);
    return {
      id: d.id,
      label: d.label,
      computation: d.computation,
      unit: d.unit,
      direction: d.direction,
      source: d.source,
      kind: d.kind,
      target: { ...target, met: meetsTarget(c.value, target.value, d.direction) },
      current: { ...c, ...currentPeriod },
      series,
      breakdown: d.kind === 'series' ? breakdownOf(d) : null,
      note,
    };
  });

  const range = buckets[last];
  return {
    territory: { code: territory.code, label: territory.label },
    period: { key: period.key, label: periodLabel(period), granularity: period.granularity, from: range.from.toISOString(), to: range.to.toISOString() },
    generatedAt: now.toISOString(),
    detail: full ? 'full' : 'public',
    suppressionThreshold: SMALL_CELL_THRESHOLD,
    mayEditTargets,
    indicators,
  };
}
