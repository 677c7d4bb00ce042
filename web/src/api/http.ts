/** What every failed call throws: the server's French message and, for bad input, the field it names. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

const FALLBACK: Record<number, string> = {
  401: 'Vous devez vous connecter pour accéder à cette page.',
  403: "Vous n'avez pas les droits nécessaires pour cette action.",
  404: "Cette ressource n'existe pas.",
  429: 'Trop de tentatives. Patientez une minute puis réessayez.',
};

export interface RequestOptions {
  signal?: AbortSignal;
  query?: Record<string, string | number | undefined | null>;
}

function withQuery(url: string, query?: RequestOptions['query']): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

/**
 * Relative URLs and same-origin credentials: the session cookie travels only to Palliance,
 * and the server's Origin check accepts the request.
 */
export async function request<T>(method: string, url: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withQuery(url, options.query), {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const err = (data ?? {}) as { code?: unknown; message?: unknown; field?: unknown };
    const message =
      typeof err.message === 'string' && err.message
        ? err.message
        : (FALLBACK[response.status] ?? `Une erreur est survenue (code ${response.status}). Réessayez dans un instant.`);
    throw new ApiError(
      response.status,
      typeof err.code === 'string' ? err.code : `http_${response.status}`,
      message,
      typeof err.field === 'string' ? err.field : undefined,
    );
  }
  return data as T;
}

export const get = <T>(url: string, options?: RequestOptions) => request<T>('GET', url, undefined, options);
export const post = <T>(url: string, body?: unknown, options?: RequestOptions) => request<T>('POST', url, body, options);
export const put = <T>(url: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', url, body, options);
export const del = <T>(url: string, options?: RequestOptions) => request<T>('DELETE', url, undefined, options);
