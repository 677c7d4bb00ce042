import type { EventDetail, EventInput, EventSummary, FeedToken, MyEventRegistration, OccurrenceRegistrants } from '@palliance/core';
import { del, get, post, put } from './http';

export interface EventFilters {
  kind?: string;
  departement?: string;
  upcoming?: 'true' | 'false';
}

export const listEvents = (filters: EventFilters, signal?: AbortSignal) => get<EventSummary[]>('/api/v1/events', { signal, query: { ...filters } });
export const listOrganisedEvents = (signal?: AbortSignal) => get<EventSummary[]>('/api/v1/events/organised', { signal });
export const getEvent = (id: string, signal?: AbortSignal) => get<EventDetail>(`/api/v1/events/${encodeURIComponent(id)}`, { signal });
export const createEvent = (input: EventInput) => post<EventDetail>('/api/v1/events', input);
export const updateEvent = (id: string, input: EventInput) => put<EventDetail>(`/api/v1/events/${encodeURIComponent(id)}`, input);

export const registerTo = (occurrenceId: string) => post<MyEventRegistration>(`/api/v1/occurrences/${encodeURIComponent(occurrenceId)}/registration`);
export const withdrawFrom = (occurrenceId: string) => del<MyEventRegistration>(`/api/v1/occurrences/${encodeURIComponent(occurrenceId)}/registration`);
export const myEvents = (signal?: AbortSignal) => get<MyEventRegistration[]>('/api/v1/me/events', { signal });

export const getRegistrants = (occurrenceId: string, signal?: AbortSignal) =>
  get<OccurrenceRegistrants>(`/api/v1/occurrences/${encodeURIComponent(occurrenceId)}/registrants`, { signal });
export const markAttendance = (occurrenceId: string, marks: { registrationId: string; present: boolean }[]) =>
  put<OccurrenceRegistrants>(`/api/v1/occurrences/${encodeURIComponent(occurrenceId)}/attendance`, { marks });

/** Plain links: the browser downloads them (calendar files, CSV). */
export const eventIcsUrl = (id: string) => `/api/v1/events/${encodeURIComponent(id)}/calendar.ics`;
export const publicFeedUrl = (departement?: string) => `/api/v1/events/feed.ics${departement ? `?departement=${encodeURIComponent(departement)}` : ''}`;
export const attendanceCsvUrl = (occurrenceId: string) => `/api/v1/occurrences/${encodeURIComponent(occurrenceId)}/attendance.csv`;

export const getFeedToken = (signal?: AbortSignal) => get<FeedToken>('/api/v1/me/events/feed', { signal });
export const createFeedToken = () => post<FeedToken>('/api/v1/me/events/feed');
export const revokeFeedToken = () => del<FeedToken>('/api/v1/me/events/feed');
