import type { BillingCode, EligibilityAnswer, EvaluationSheetInput, FhirQuestionnaireResponse, KitDocumentVersion, ScaleDefinition, ScoreAnswer } from '@palliance/core';
import { ApiError, post, get } from './http';

export interface SheetAnswer {
  at: string;
  results: ScoreAnswer[];
  mciJustification: string | null;
  fhir: { resourceType: 'Bundle'; type: 'collection'; entry: { resource: FhirQuestionnaireResponse }[] };
}

/** The server recomputes the whole sheet (what is printed or exported is never the browser's arithmetic). */
export const scoreSheet = (sheet: EvaluationSheetInput) => post<SheetAnswer>('/api/v1/evaluations/sheet', sheet);

export const getBillingMemo = () => get<{ version: number; date: string; codes: BillingCode[]; changeNote: string }>('/api/v1/billing/codes');

export const askBillingEligibility = (question: unknown) =>
  post<{ version: number; date: string; answers: EligibilityAnswer[] }>('/api/v1/billing/eligibility', question);

/**
 * Downloads a document the server builds from the answers (PDF or FHIR JSON). A POST, because the answers
 * must not travel in an address (history, logs); the file is handed to the browser as a download.
 */
export async function downloadSheet(kind: 'pdf' | 'fhir', sheet: EvaluationSheetInput): Promise<void> {
  const url = kind === 'pdf' ? '/api/v1/evaluations/sheet.pdf' : '/api/v1/evaluations/sheet.fhir.json';
  await downloadPost(url, sheet, kind === 'pdf' ? 'fiche-evaluation.pdf' : 'fiche-evaluation.fhir.json');
}

async function downloadPost(url: string, body: unknown, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.');
  }
  if (!res.ok) {
    const err = (await res.json().catch(() => ({}))) as { message?: string; field?: string; code?: string };
    throw new ApiError(res.status, err.code ?? `http_${res.status}`, err.message ?? 'Le document n’a pas pu être produit.', err.field);
  }
  const blob = await res.blob();
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export const getScaleDefinitions = (signal?: AbortSignal) => get<ScaleDefinition[]>('/api/v1/scales/definitions', { signal });

export const listKitDocuments = () => get<KitDocumentVersion[]>('/api/v1/kit/documents');
export const getKitDocument = (id: string) => get<KitDocumentVersion>(`/api/v1/kit/documents/${encodeURIComponent(id)}`);
export const getKitHistory = (id: string) => get<KitDocumentVersion[]>(`/api/v1/kit/documents/${encodeURIComponent(id)}/versions`);

/** The filled template as a PDF download (needs an account; nothing is stored). */
export async function downloadFilledTemplate(id: string, values: Record<string, string | number | null>): Promise<void> {
  await downloadPost(`/api/v1/kit/documents/${encodeURIComponent(id)}/fill`, { values }, 'document.pdf');
}
