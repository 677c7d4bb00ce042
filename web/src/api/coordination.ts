import type {
  AccessLogEntry,
  AppNotification,
  CircleMemberInput,
  ConsentInput,
  CreatePatientInput,
  EntryKind,
  InboxPage,
  NotificationPreference,
  PatientEntry,
  PatientFile,
  PatientIdentityInput,
  PatientSummary,
  SuggestedStructures,
  SupportRequest,
  SupportRequestInput,
  SupportRequestSummary,
} from '@palliance/core';
import { del, get, post, put } from './http';

const enc = encodeURIComponent;

export const myPatients = (signal?: AbortSignal) => get<PatientSummary[]>('/api/v1/patients', { signal });
export const createPatient = (body: CreatePatientInput) => post<PatientFile>('/api/v1/patients', body);
export const getPatient = (id: string, signal?: AbortSignal) => get<PatientFile>(`/api/v1/patients/${enc(id)}`, { signal });
export const updatePatient = (id: string, body: PatientIdentityInput) => put<PatientFile>(`/api/v1/patients/${enc(id)}`, body);
export const addConsent = (id: string, body: Partial<ConsentInput>) => post<PatientFile>(`/api/v1/patients/${enc(id)}/consents`, body);
export const addCircleMember = (id: string, body: CircleMemberInput) => post<PatientFile>(`/api/v1/patients/${enc(id)}/circle`, body);
export const removeCircleMember = (id: string, memberId: string) => del<PatientFile>(`/api/v1/patients/${enc(id)}/circle/${enc(memberId)}`);
export const listEntries = (id: string, signal?: AbortSignal) => get<PatientEntry[]>(`/api/v1/patients/${enc(id)}/entries`, { signal });
export const addEntry = (id: string, kind: EntryKind, body: string) => post<PatientEntry>(`/api/v1/patients/${enc(id)}/entries`, { kind, body });
export const accessLog = (id: string, signal?: AbortSignal) => get<AccessLogEntry[]>(`/api/v1/patients/${enc(id)}/access-log`, { signal });

export const suggestedStructures = (id: string, signal?: AbortSignal) => get<SuggestedStructures>(`/api/v1/patients/${enc(id)}/suggested-structures`, { signal });
export const patientRequests = (id: string, signal?: AbortSignal) => get<SupportRequestSummary[]>(`/api/v1/patients/${enc(id)}/requests`, { signal });
export const sendRequest = (patientId: string, body: SupportRequestInput) => post<SupportRequest>(`/api/v1/patients/${enc(patientId)}/requests`, body);
export const myRequests = (signal?: AbortSignal) => get<SupportRequestSummary[]>('/api/v1/me/requests', { signal });
export const myStructures = (signal?: AbortSignal) =>
  get<{ id: string; name: string; role: string; openRequests: number; responseHours: number }[]>('/api/v1/me/structures', { signal });
export const structureInbox = (structureId: string, state: 'open' | 'closed', after?: string | null, signal?: AbortSignal) =>
  get<InboxPage>(`/api/v1/structures/${enc(structureId)}/requests`, { signal, query: { state, after } });
export const getRequest = (id: string, signal?: AbortSignal) => get<SupportRequest>(`/api/v1/requests/${enc(id)}`, { signal });
export const requestAction = (id: string, body: { action: string; reason?: string; outcome?: string }) => post<SupportRequest>(`/api/v1/requests/${enc(id)}/status`, body);
export const postMessage = (id: string, body: string) => post<SupportRequest>(`/api/v1/requests/${enc(id)}/messages`, { body });

/** Uploads one file as the raw body (PDF, JPEG or PNG). */
export async function uploadFile(id: string, file: File): Promise<SupportRequest> {
  const res = await fetch(`/api/v1/requests/${enc(id)}/files?name=${enc(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': file.type || 'application/octet-stream', accept: 'application/json' },
    body: file,
  });
  const data = (await res.json().catch(() => ({}))) as SupportRequest & { message?: string };
  if (!res.ok) throw new Error(data.message ?? 'Le fichier n’a pas pu être joint (PDF, JPEG ou PNG, 10 Mo au plus).');
  return data;
}

export const notifications = (signal?: AbortSignal) => get<{ items: AppNotification[]; unread: number }>('/api/v1/notifications', { signal });
export const unreadCount = (signal?: AbortSignal) => get<{ unread: number }>('/api/v1/notifications/unread-count', { signal });
export const markRead = (id: string) => post<AppNotification>(`/api/v1/notifications/${enc(id)}/read`, {});
export const markAllRead = () => post<{ unread: number }>('/api/v1/notifications/read-all', {});
export const getPreference = (signal?: AbortSignal) => get<NotificationPreference>('/api/v1/me/notification-preference', { signal });
export const setPreference = (body: NotificationPreference) => put<NotificationPreference>('/api/v1/me/notification-preference', body);
