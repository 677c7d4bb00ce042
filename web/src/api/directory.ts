import type {
  CoverageAnswer,
  PublicConfig,
  ReportStatus,
  Structure,
  StructureInputRaw,
  StructureSummary,
  StructureType,
} from '@palliance/core';
import { ApiError, get, post, put } from './http';

export interface StructureSearch {
  total: number;
  page: number;
  pageSize: number;
  items: StructureSummary[];
}

export interface StructureSearchFilters {
  q?: string;
  type?: string;
  departement?: string;
  status?: 'pending' | 'published' | 'archived';
  page?: number;
  pageSize?: number;
}

export interface StructureVersion {
  version: number;
  changedAt: string;
  changedByEmail: string | null;
  changeKind: string;
  changedFields: string[];
}

export interface StructureReport {
  id: string;
  structureId: string;
  field: string | null;
  message: string;
  status: ReportStatus;
  answer: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DirectoryMap {
  departements: { code: string; nom: string; structures: number; located: number }[];
  structures: {
    id: string;
    name: string;
    types: string[];
    departement: string | null;
    communeName: string | null;
    latitude: number | null;
    longitude: number | null;
    url: string;
  }[];
}

export interface ImportProblem {
  line: number;
  column: string | null;
  reason: string;
}

/** An import refused as a whole: one line per problem, as the server listed them. */
export class ImportRefused extends Error {
  readonly problems: ImportProblem[];
  constructor(message: string, problems: ImportProblem[]) {
    super(message);
    this.name = 'ImportRefused';
    this.problems = problems;
  }
}

const structure = (id: string) => `/api/v1/structures/${encodeURIComponent(id)}`;

export const getCoverage = (commune: string, at: string | undefined, signal?: AbortSignal) =>
  get<CoverageAnswer>('/api/v1/coverage', { query: { commune, at }, signal });

let types: Promise<StructureType[]> | null = null;
/** The kinds of structure change rarely (an editor edits them): one request per page load. */
export function getStructureTypes(): Promise<StructureType[]> {
  if (!types) {
    types = get<StructureType[]>('/api/v1/structure-types').catch((err: unknown) => {
      types = null;
      throw err;
    });
  }
  return types;
}

export const searchStructures = (filters: StructureSearchFilters, signal?: AbortSignal) =>
  get<StructureSearch>('/api/v1/structures', { query: { ...filters }, signal });
export const getStructure = (id: string, signal?: AbortSignal) => get<Structure>(structure(id), { signal });
export const getStructureVersions = (id: string, signal?: AbortSignal) => get<StructureVersion[]>(`${structure(id)}/versions`, { signal });
export const createStructure = (body: StructureInputRaw) => post<Structure>('/api/v1/structures', body);
export const updateStructure = (id: string, version: number, body: StructureInputRaw) =>
  put<Structure>(structure(id), body, { query: { version } });
export const setStructureStatus = (id: string, status: 'published' | 'archived') => post<Structure>(`${structure(id)}/status`, { status });

export const reportStructureError = (id: string, body: { field?: string; message: string; email?: string }) =>
  post<StructureReport>(`${structure(id)}/reports`, body);
export const listStructureReports = (id: string, signal?: AbortSignal) => get<StructureReport[]>(`${structure(id)}/reports`, { signal });
export const answerStructureReport = (id: string, reportId: string, body: { status: 'en_cours' | 'corrige' | 'rejete'; answer: string }) =>
  post<StructureReport>(`${structure(id)}/reports/${encodeURIComponent(reportId)}`, body);

export const getDirectoryMap = (type: string | undefined, signal?: AbortSignal) =>
  get<DirectoryMap>('/api/v1/directory/map', { query: { type }, signal });

let publicConfig: Promise<PublicConfig> | null = null;
/** The server's settings the interface needs (the map tile source): one request per page load. */
export function getPublicConfig(): Promise<PublicConfig> {
  if (!publicConfig) {
    publicConfig = get<PublicConfig>('/api/v1/public-config').catch((err: unknown) => {
      publicConfig = null;
      throw err;
    });
  }
  return publicConfig;
}

// Files the server produces: plain links, so the browser downloads them itself.
export const links = {
  structureQr: (id: string, format: 'svg' | 'png') => `${structure(id)}/qr.${format}`,
  structureCard: (id: string) => `${structure(id)}/card.pdf`,
  communeQr: (code: string, format: 'svg' | 'png') => `/api/v1/communes/${encodeURIComponent(code)}/qr.${format}`,
  communeCard: (code: string, at?: string) =>
    `/api/v1/communes/${encodeURIComponent(code)}/card.pdf${at ? `?at=${encodeURIComponent(at)}` : ''}`,
  exportCsv: '/api/v1/structures/export.csv',
  exportFhir: '/fhir/R4/$export-directory',
};

/**
 * Sends a CSV file as it is (text/csv). A refusal lists every problem by line and column;
 * nothing is written in that case.
 */
export async function importStructuresCsv(csv: string, opts: { update?: boolean; dryRun?: boolean } = {}): Promise<Record<string, unknown>> {
  let response: Response;
  // mode=update: lines naming an existing entry (id, FINESS, SIRET, ROR) update it; dryRun only reports.
  const query = opts.update ? `?mode=update${opts.dryRun ? '&dryRun=true' : ''}` : '';
  try {
    response = await fetch(`/api/v1/structures/import${query}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'text/csv; charset=utf-8' },
      body: csv,
    });
  } catch {
    throw new ApiError(0, 'network', 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.');
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (response.ok) return (data ?? {}) as Record<string, unknown>;
  const body = (data ?? {}) as { message?: unknown; code?: unknown; field?: unknown; errors?: unknown; problems?: unknown };
  const message = typeof body.message === 'string' && body.message ? body.message : null;
  // The update import's report lists its problems under `problems`, the create-only one under `errors`.
  const listed = Array.isArray(body.problems) ? body.problems : body.errors;
  if (Array.isArray(listed) && listed.length > 0) {
    const problems = listed.map((e: { line?: unknown; column?: unknown; reason?: unknown; message?: unknown }) => ({
      line: typeof e.line === 'number' ? e.line : Number(e.line) || 0,
      column: typeof e.column === 'string' ? e.column : e.column == null ? null : String(e.column),
      reason: typeof e.reason === 'string' ? e.reason : typeof e.message === 'string' ? e.message : 'Valeur refusée.',
    }));
    throw new ImportRefused(message ?? `Le fichier contient ${problems.length === 1 ? 'une erreur' : `${problems.length} erreurs`} : rien n’a été importé.`, problems);
  }
  if (response.status === 404) {
    throw new ApiError(404, 'not_found', 'L’import CSV n’est pas encore disponible sur ce serveur.');
  }
  throw new ApiError(
    response.status,
    typeof body.code === 'string' ? body.code : `http_${response.status}`,
    message ?? `L’import a échoué (code ${response.status}).`,
    typeof body.field === 'string' ? body.field : undefined,
  );
}
