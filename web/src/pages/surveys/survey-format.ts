import type { SurveyState } from '@palliance/core';

export const STATE_LABELS: Record<SurveyState, string> = { not_yet_open: 'Pas encore ouvert', open: 'Ouvert', closed: 'Clos' };

/** A random key for drafts and import idempotency (crypto.randomUUID needs a secure context). */
export function randomKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A datetime-local value (Paris wall time as typed) to ISO with the browser's offset, and back. */
export function localToIso(v: string): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
export function isoToLocal(v: string | null): string {
  if (!v) return '';
  const d = new Date(v);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
