import type { CourseDetail, CourseSummary, Enrolment } from '@palliance/core';
import { del, get, post } from './http';

/** Published courses with the sessions still open or opening later. */
export const listCourses = (signal?: AbortSignal) => get<CourseSummary[]>('/api/v1/courses', { signal });

/** A course, its teaching team, sessions and programme; release dates are those of `sessionId` (or the current session). */
export const getCourse = (id: string, sessionId?: string | null, signal?: AbortSignal) =>
  get<CourseDetail>(`/api/v1/courses/${encodeURIComponent(id)}`, { signal, query: { session: sessionId ?? undefined } });

export const enrol = (sessionId: string, invitationCode?: string) =>
  post<Enrolment>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/enrolment`, invitationCode ? { invitationCode } : {});

export const withdraw = (sessionId: string) => del<Enrolment>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/enrolment`);

export const myEnrolments = (signal?: AbortSignal) => get<Enrolment[]>('/api/v1/me/enrolments', { signal });
