const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' });
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium' });
/** Meetings set on the clock of Paris (mini-RCP "chaque mardi à 20:00, heure de Paris"), whatever the reader's zone. */
const parisDateTimeFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });
const numberFormat = new Intl.NumberFormat('fr-FR');
const percentFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

function parse(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(value: string | Date): string {
  const date = parse(value);
  return date ? dateFormat.format(date) : '';
}

export function formatDateTime(value: string | Date): string {
  const date = parse(value);
  return date ? dateTimeFormat.format(date) : '';
}

/** "24/11/2026 20:00" on the clock of Paris (a schedule announced in Paris time). */
export function formatParisDateTime(value: string | Date): string {
  const date = parse(value);
  return date ? parisDateTimeFormat.format(date) : '';
}

export const formatNumber = (n: number) => numberFormat.format(n);
/** 0.276 -> "27,6 %" */
export const formatPercent = (ratio: number) => percentFormat.format(ratio);

export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n > 1 ? many : one}`;
}
