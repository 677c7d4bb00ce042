import type { DraftBody, ImportRejected, ReportOptionsInput, RespondentView, SurveyDetail, SurveyReport, SurveySettingsInput, SurveySummary } from '@palliance/core';
import { ApiError, get, post, put } from './http';

export const listSurveys = (signal?: AbortSignal) => get<SurveySummary[]>('/api/v1/surveys', { signal });
export const getSurvey = (id: string, signal?: AbortSignal) => get<SurveyDetail>(`/api/v1/surveys/${encodeURIComponent(id)}`, { signal });
export const createFromTemplate = (templateId: string, title?: string) => post<SurveyDetail>('/api/v1/surveys', { templateId, ...(title ? { title } : {}) });
export const createFromFhir = (questionnaire: unknown) => post<SurveyDetail>('/api/v1/surveys', { questionnaire });
export const saveSettings = (id: string, body: SurveySettingsInput) => put<SurveyDetail>(`/api/v1/surveys/${encodeURIComponent(id)}/settings`, body);
export const replaceQuestionnaire = (id: string, fhir: unknown) => put<SurveyDetail>(`/api/v1/surveys/${encodeURIComponent(id)}/questionnaire`, fhir);
export const fetchQuestionnaire = (id: string) => get<Record<string, unknown>>(`/api/v1/surveys/${encodeURIComponent(id)}/questionnaire`);
export const questionnaireUrl = (id: string) => `/api/v1/surveys/${encodeURIComponent(id)}/questionnaire`;
export const qrUrl = (id: string) => `/api/v1/surveys/${encodeURIComponent(id)}/qr.svg`;
export const responsesCsvUrl = (id: string) => `/api/v1/surveys/${encodeURIComponent(id)}/responses.csv`;
export const responsesFhirUrl = (id: string) => `/api/v1/surveys/${encodeURIComponent(id)}/responses.fhir.json`;

export type ImportOutcome = { ok: true; imported: number; alreadyImported: boolean } | { ok: false; rejected: ImportRejected };

/** Sends a CSV file as it is (text/csv); a refused file comes back with its report, not as an exception. */
export async function importResponses(id: string, file: Blob, idempotencyKey: string): Promise<ImportOutcome> {
  const res = await fetch(`/api/v1/surveys/${encodeURIComponent(id)}/responses/import`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'text/csv', accept: 'application/json', 'idempotency-key': idempotencyKey },
    body: file,
  });
  const data = await res.json().catch(() => null);
  if (res.ok) return { ok: true, imported: data.imported, alreadyImported: data.alreadyImported };
  if (data?.code === 'invalid_file') return { ok: false, rejected: data as ImportRejected };
  throw new ApiError(res.status, data?.code ?? `http_${res.status}`, data?.message ?? "L'import a échoué. Réessayez dans un instant.", data?.field);
}

export const surveyReport = (id: string, options: ReportOptionsInput) => post<SurveyReport>(`/api/v1/surveys/${encodeURIComponent(id)}/report`, options);

/** Downloads the report as CSV or PDF (POST with the same options as the page). */
export async function downloadReport(id: string, format: 'csv' | 'pdf', options: ReportOptionsInput): Promise<void> {
  const res = await fetch(`/api/v1/surveys/${encodeURIComponent(id)}/report/${format}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options),
  });
  if (!res.ok) {
    const data = await res.json().catch(() => null);
    throw new ApiError(res.status, data?.code ?? 'error', data?.message ?? 'Le téléchargement a échoué.', data?.field);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `rapport.${format}`;
  saveBlob(await res.blob(), name);
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const tagThemes = (id: string, responseId: string, linkId: string, themes: string[]) =>
  put<{ themes: string[] }>(`/api/v1/surveys/${encodeURIComponent(id)}/responses/${encodeURIComponent(responseId)}/themes/${encodeURIComponent(linkId)}`, { themes });

export const respondentView = (token: string, draftKey?: string, signal?: AbortSignal) =>
  get<RespondentView>(`/api/v1/public/surveys/${encodeURIComponent(token)}`, { signal, query: { draftKey } });
export const saveDraft = (token: string, body: DraftBody) => put<{ status: string; updatedAt: string }>(`/api/v1/public/surveys/${encodeURIComponent(token)}/draft`, body);
export const submitAnswers = (token: string, body: DraftBody) => post<{ status: string; updatedAt: string }>(`/api/v1/public/surveys/${encodeURIComponent(token)}/submit`, body);
