import type { z } from 'zod';
import type {
  carePlaceInputSchema,
  DormantFile,
  EvaluationTrendView,
  pathwayEventSchema,
  RcpAgenda,
  RcpCase,
  RcpOwnerCandidate,
  rcpActionSchema,
  rcpSeriesSchema,
  SaveEvaluationInput,
  SavedEvaluation,
  SupportRequest,
} from '@palliance/core';
import { get, post, put } from './http';

const enc = encodeURIComponent;
const p = (id: string) => `/api/v1/patients/${enc(id)}`;
export type PathwayItem = z.infer<typeof pathwayEventSchema>;
export type RcpSeries = z.infer<typeof rcpSeriesSchema>;
export type RcpActionItem = z.infer<typeof rcpActionSchema>;
export type { RcpAgenda, RcpOwnerCandidate } from '@palliance/core';

export const saveEvaluation = (id: string, body: SaveEvaluationInput) => post<SavedEvaluation>(`${p(id)}/evaluations`, body);
export const listEvaluations = (id: string, signal?: AbortSignal) => get<EvaluationTrendView>(`${p(id)}/evaluations`, { signal });
export const evaluationPdfUrl = (id: string, evaluationId: string) => `${p(id)}/evaluations/${enc(evaluationId)}/pdf`;
export const evaluationFhirUrl = (id: string, evaluationId: string) => `${p(id)}/evaluations/${enc(evaluationId)}/fhir`;
export const evaluationFhir = (id: string, evaluationId: string) => get<{ entry: { resource: { resourceType: 'QuestionnaireResponse' } }[] }>(evaluationFhirUrl(id, evaluationId));
export const palliaRequest = (id: string, evaluationId: string, idempotencyKey: string) =>
  post<SupportRequest>(`${p(id)}/evaluations/${enc(evaluationId)}/support-request`, { idempotencyKey });

export const getDormantFile = (id: string, signal?: AbortSignal) => get<DormantFile | null>(`${p(id)}/dormant-file`, { signal });
export const createDormantFile = (id: string, body: { structureId: string; urgencySheet?: Record<string, string>; contacts?: { name: string; role: string; phone: string }[] }) =>
  post<DormantFile>(`${p(id)}/dormant-file`, body);
export const updateDormantFile = (id: string, body: { urgencySheet: Record<string, string>; contacts: { name: string; role: string; phone: string }[] }) => put<DormantFile>(`${p(id)}/dormant-file`, body);
export const addDormantDocument = (id: string, documentId: string, values: Record<string, string>) => post<DormantFile>(`${p(id)}/dormant-file/documents`, { documentId, values });
export const dormantDocumentUrl = (id: string, documentId: string) => `${p(id)}/dormant-file/documents/${enc(documentId)}`;
export const activateDormantFile = (id: string) => post<DormantFile>(`${p(id)}/dormant-file/activate`);
export const closeDormantFile = (id: string) => post<DormantFile>(`${p(id)}/dormant-file/close`);

export const getPathway = (id: string, signal?: AbortSignal) => get<PathwayItem[]>(`${p(id)}/pathway`, { signal });
export const addCarePlace = (id: string, body: z.input<typeof carePlaceInputSchema>) => post<PathwayItem[]>(`${p(id)}/care-places`, body);

export const listRcpSeries = (departement?: string, signal?: AbortSignal) => get<RcpSeries[]>('/api/v1/rcp/series', { signal, query: { departement } });
export const createRcpSeries = (body: unknown) => post<RcpSeries>('/api/v1/rcp/series', body);
export const rcpAgenda = (seriesId: string, meetingAt: string, signal?: AbortSignal) => get<RcpAgenda>(`/api/v1/rcp/series/${enc(seriesId)}/agenda`, { signal, query: { meetingAt } });
export const updateRcpSeries = (seriesId: string, body: unknown) => put<RcpSeries>(`/api/v1/rcp/series/${enc(seriesId)}`, body);
export const recordRcpAttendance = (seriesId: string, meetingAt: string, attendedUserIds: string[]) =>
  put<RcpAgenda>(`/api/v1/rcp/series/${enc(seriesId)}/attendance-sheet`, { meetingAt, attendedUserIds });
export const rcpOwners = (caseId: string, signal?: AbortSignal) => get<RcpOwnerCandidate[]>(`/api/v1/rcp/cases/${enc(caseId)}/owners`, { signal });
export const attendRcp = (seriesId: string, meetingAt: string) => post<RcpAgenda>(`/api/v1/rcp/series/${enc(seriesId)}/attendance`, { meetingAt });
export const patientRcpCases = (id: string, signal?: AbortSignal) => get<RcpCase[]>(`${p(id)}/rcp-cases`, { signal });
export const submitRcpCase = (id: string, body: { seriesId: string; question: string; criteriaChecked: string[]; idempotencyKey: string }) => post<RcpCase>(`${p(id)}/rcp-cases`, body);
export const writeRcpReport = (caseId: string, body: { summary: string; decisions: string; actions: { label: string; ownerId: string; dueOn: string }[] }) =>
  post<RcpCase>(`/api/v1/rcp/cases/${enc(caseId)}/report`, body);
export const myRcpActions = (signal?: AbortSignal) => get<RcpActionItem[]>('/api/v1/me/rcp-actions', { signal });
export const markRcpActionDone = (actionId: string) => post<RcpActionItem[]>(`/api/v1/rcp/actions/${enc(actionId)}/done`);
