import type { IndicatorResult } from '@palliance/core';
import { formatNumber } from '../../ui/format';

type Figure = IndicatorResult['current'];

export function formatFigure(value: number | null, unit: IndicatorResult['unit']): string {
  if (value === null) return '—';
  if (unit === 'percent') return `${formatNumber(value)}\u00a0%`;
  if (unit === 'hours') return `${formatNumber(value)}\u00a0h`;
  return formatNumber(value);
}

/** What to show instead of a value: never a 0 where there was nothing to count. */
export const STATUS_TEXT: Record<Figure['status'], string> = {
  ok: '',
  no_data: 'pas de données',
  suppressed: 'masqué (moins de 5 cas)',
  unavailable: 'non disponible',
};

export function figureText(f: Pick<Figure, 'value' | 'status'>, unit: IndicatorResult['unit']): string {
  return f.status === 'ok' ? formatFigure(f.value, unit) : STATUS_TEXT[f.status];
}

/** « 2 sur 3 demandes » / « sur 4 demandes répondues » / « » for a count. */
export function denominatorText(i: IndicatorResult, f: Pick<Figure, 'numerator' | 'denominator' | 'status'>): string {
  if (f.status !== 'ok' || f.denominator === null) return '';
  const what = i.id.startsWith('training') ? 'inscriptions' : i.kind === 'survey' ? 'répondants' : i.unit === 'hours' ? 'demandes répondues' : 'demandes';
  if (f.numerator !== null && i.unit === 'percent') return `${formatNumber(f.numerator)} sur ${formatNumber(f.denominator)} ${what}`;
  return `sur ${formatNumber(f.denominator)} ${what}`;
}

export const UNIT_TEXT: Record<IndicatorResult['unit'], string> = { percent: '%', hours: 'heures', count: 'nombre' };
