import type { CourseAnalytics, SatisfactionAnswer, SatisfactionInput, SatisfactionStatus, AnalyticsTable } from '@palliance/core';
import { get, post } from './http';

const e = encodeURIComponent;

export const getCourseAnalytics = (courseId: string, opts: { session?: string | null; bucket?: 'day' | 'week' }, signal?: AbortSignal) =>
  get<CourseAnalytics>(`/api/v1/courses/${e(courseId)}/analytics`, { signal, query: { session: opts.session ?? undefined, bucket: opts.bucket } });

/** The address of one table as CSV (a plain link: the browser downloads it with the session cookie). */
export function analyticsCsvUrl(courseId: string, table: AnalyticsTable, opts: { session?: string | null; bucket?: 'day' | 'week' }): string {
  const q = new URLSearchParams();
  if (opts.session) q.set('session', opts.session);
  if (opts.bucket) q.set('bucket', opts.bucket);
  const s = q.toString();
  return `/api/v1/courses/${e(courseId)}/analytics/${table}.csv${s ? `?${s}` : ''}`;
}

export const getSatisfaction = (sessionId: string, signal?: AbortSignal) => get<SatisfactionStatus>(`/api/v1/sessions/${e(sessionId)}/satisfaction`, { signal });
export const answerSatisfaction = (sessionId: string, body: SatisfactionInput) => post<SatisfactionAnswer>(`/api/v1/sessions/${e(sessionId)}/satisfaction`, body);
